// A WriterFs over the real disk that counts the steps that change it and, at step N, fails that step (an I/O
// error: the writer cleans up) or "dies" (that step and every later one fail, as if the process were killed).
import fs from 'node:fs';
import path from 'node:path';
import { type WriterFs, nodeWriterFs } from '../../server/src/node/writerFs';

export type Fault = { at: number; kind: 'fail' | 'die' } | undefined;

export class FaultyFs implements WriterFs {
  steps: string[] = [];
  private dead = false;

  constructor(private readonly fault: Fault = undefined) {}

  private step(name: string, p: string, run: () => void): void {
    if (this.dead) throw Object.assign(new Error(`killed (before ${name} ${p})`), { code: 'EKILLED' });
    this.steps.push(`${name} ${p}`);
    if (this.fault && this.steps.length === this.fault.at) {
      if (this.fault.kind === 'die') this.dead = true;
      throw Object.assign(new Error(`ENOSPC: no space left on device, ${name} '${p}'`), { code: 'ENOSPC' });
    }
    run();
  }

  readFile = (p: string) => nodeWriterFs.readFile(p);
  exists = (p: string) => nodeWriterFs.exists(p);
  listDir = (d: string) => nodeWriterFs.listDir(d);
  stat = (p: string) => nodeWriterFs.stat(p);
  createFile = (p: string, data: string, mode?: number) => this.step('create', p, () => nodeWriterFs.createFile(p, data, mode));
  link = (from: string, to: string) => this.step('link', to, () => nodeWriterFs.link(from, to));
  rename = (from: string, to: string) => this.step('rename', to, () => nodeWriterFs.rename(from, to));
  unlink = (p: string) => this.step('unlink', p, () => nodeWriterFs.unlink(p));
  mkdir = (p: string) => this.step('mkdir', p, () => nodeWriterFs.mkdir(p));
  rmdir = (p: string) => this.step('rmdir', p, () => nodeWriterFs.rmdir(p));
}

/** Every file under `dir` (hidden ones too) with its text: two equal trees are the same workspace. */
export function treeOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, f);
    const st = fs.lstatSync(p);
    out[f.split(path.sep).join('/')] = st.isFile() ? fs.readFileSync(p, 'utf8') : st.isDirectory() ? '<dir>' : '<link>';
  }
  return out;
}
