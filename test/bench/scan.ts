// Benchmark (prints figures; not a test): cold whole-workspace analysis beside parse-only and `tsc --noEmit`,
// on synthetic workspaces of growing size. Usage: npm run bench:scan [-- 1000 5000 10000]
// Each size runs BENCH_ROUNDS (default 5) rounds of a fresh parse-only process then a fresh analysis process, one
// after the other: the figures are medians, the ratio's range is printed beside it (a 2-core machine shared with
// other jobs varies by ±10% from one run to the next).
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { generateWorkspace, specFor } from './generateWorkspace';

const REPO = path.join(__dirname, '..', '..');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1000, 5000, 10000];
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The worker runs bundled, like the shipped server, so no loader or transpiler is measured.
const WORKER = path.join(os.tmpdir(), 'index-insight-scan-worker.js');
buildSync({
  entryPoints: [path.join(__dirname, 'scanWorker.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: WORKER,
  logLevel: 'warning',
});
// The bundled SQL parser loads its WebAssembly from beside the bundle.
copyFileSync(path.join(REPO, 'node_modules/libpg-query/wasm/libpg-query.wasm'), path.join(path.dirname(WORKER), 'libpg-query.wasm'));

interface WorkerResult {
  ms: number;
  rssMb: number;
  files: number;
  parsed: number;
  sites?: number;
  findings?: number;
  /** The runs after the first in the same process (see scanWorker.ts). */
  warm?: number[];
}

function worker(mode: string, root: string, repeat = 1): WorkerResult {
  const r = spawnSync(process.execPath, [WORKER, mode, root, String(repeat)], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as WorkerResult;
}

function tsc(root: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', path.join(root, 'tsconfig.json')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 2) throw new Error(`tsc failed: ${r.stdout.slice(0, 2000)}${r.stderr}`);
  return ms;
}

const rows: string[] = [];
const warmRows: string[] = [];
/** Runs per process for the warm figures: the last one is reported. */
const WARM_RUNS = 4;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
for (const n of SIZES) {
  const root = path.join(os.tmpdir(), `index-insight-bench-${n}-${process.env.BENCH_QUERY_SHARE ?? '0.2'}`);
  const gen = generateWorkspace(root, specFor(n));
  // Warm the OS file cache so every contender reads from memory.
  worker('parse', root);
  const parses: WorkerResult[] = [];
  const analyses: WorkerResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    parses.push(worker('parse', root));
    analyses.push(worker('analyze', root));
  }
  const parse = { ...parses[0], ms: median(parses.map((r) => r.ms)) };
  const analyze = { ...analyses[0], ms: median(analyses.map((r) => r.ms)), rssMb: Math.max(...analyses.map((r) => r.rssMb)) };
  const ratios = analyses.map((a, i) => a.ms / parses[i].ms);
  const tscMs = tsc(root);
  // How much of a cold run is the engine warming up: the same work again in one process.
  const warmParse = worker('parse', root, WARM_RUNS);
  const warmAnalyze = worker('analyze', root, WARM_RUNS);
  warmRows.push(
    [n, warmAnalyze.ms.toFixed(0), warmAnalyze.warm!.at(-1)!.toFixed(0), warmParse.ms.toFixed(0), warmParse.warm!.at(-1)!.toFixed(0)].join(' | '),
  );
  rows.push(
    [
      n,
      gen.queryFiles.length,
      analyze.parsed,
      analyze.sites,
      analyze.findings,
      analyze.ms.toFixed(0),
      parse.ms.toFixed(0),
      tscMs.toFixed(0),
      `${(analyze.ms / parse.ms).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      (tscMs / analyze.ms).toFixed(1),
      Math.round((analyze.files / analyze.ms) * 1000),
      analyze.rssMb.toFixed(0),
    ].join(' | '),
  );
}
console.log(`${ROUNDS} round(s) per size; ms are medians`);
console.log(
  'files | query files | parsed | sites | findings | analyze ms | parse-only ms | tsc ms | analyze/parse (range) | tsc/analyze | files/s | peak RSS MB',
);
console.log('---|---|---|---|---|---|---|---|---|---|---|---');
for (const r of rows) console.log(r);
console.log(`\nThe same work ${WARM_RUNS} times in one process (one process each): the first run cold, the last warm`);
console.log('files | analyze cold ms | analyze warm ms | parse-only cold ms | parse-only warm ms');
console.log('---|---|---|---|---');
for (const r of warmRows) console.log(r);
