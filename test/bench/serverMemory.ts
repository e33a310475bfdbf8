// Benchmark (prints figures; not a test): the built server over stdio on real project folders. For each folder:
// time to the end of the cold workspace scan, files and findings, and the server's peak RSS (VmHWM).
// Usage: npm run bench:memory -- DIR [DIR...]   (e.g. the checked-out corpus: /work/corpus/*)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer } from '../helpers/lspClient';
import { processMemoryMb } from './processMemory';

async function measure(root: string): Promise<string> {
  const t0 = performance.now();
  const client = await startServer(root);
  try {
    const done = await client.waitForNotification<{ files: number; findings: number }>('indexInsight/scanFinished', 900_000);
    const ms = performance.now() - t0;
    const memory = processMemoryMb(client.process.pid!);
    return [path.basename(root), done.files, done.findings, ms.toFixed(0), memory.rss.toFixed(0), memory.peak.toFixed(0)].join(' | ');
  } finally {
    await client.stop();
  }
}

async function main() {
  const roots = process.argv.slice(2).map((r) => path.resolve(r));
  if (roots.length === 0) throw new Error('usage: npm run bench:memory -- DIR [DIR...]');
  const rows: string[] = [];
  for (const root of roots) rows.push(await measure(root));
  console.log('project | query files | findings | cold scan ms | RSS after scan MB | peak RSS MB');
  console.log('---|---|---|---|---|---');
  for (const r of rows) console.log(r);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
