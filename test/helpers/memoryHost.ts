// A workspace held in memory: absolute paths to texts, folders implied by the paths.
import type { FileHost } from '../../server/src/analysis/host/fileHost';

export class MemoryHost implements FileHost {
  constructor(readonly files: Map<string, string>) {}
  readFile(p: string) {
    return this.files.get(p);
  }
  fileExists(p: string) {
    return this.files.has(p);
  }
  directoryExists(p: string) {
    return [...this.files.keys()].some((f) => f.startsWith(`${p}/`));
  }
  listFiles() {
    return [...this.files.keys()].sort();
  }
  realpath(p: string) {
    return p;
  }
  readDirectory(dir: string) {
    const names = new Map<string, boolean>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(`${dir}/`)) continue;
      const rest = f.slice(dir.length + 1);
      names.set(rest.split('/')[0], rest.includes('/'));
    }
    return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}
