// Benchmark (prints figures; not a test): the built CLI over a corpus of real Drizzle + PostgreSQL projects.
// Usage: npm run bench:corpus -- <folder> [--only owner/name,...] [--details] [--json out.json]
//   [--sample n --seed s --sample-out file]: also draw n Warning findings not judged yet, for a DBA to judge
//   (the judgements then go to test/corpus/judged/<date>.json).
//   <folder> holds the checked-out projects (scripts/corpus-checkout.sh <mirror-root> <folder>).
// Per project: query sites resolved vs a grep estimate (test/bench/corpus/grepEstimate.ts says what it counts),
// tables, findings by verdict and severity, files skipped, time and peak RSS; precision/recall against
// test/corpus/labels/<owner+name>.json and the judged share from test/corpus/judged/*.json when they exist.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { grepEstimate, isOutOfScope } from './corpus/grepEstimate';
import { type Judged, type JudgedShare, type Label, type RunFinding, judgedShare, scoreLabels } from './corpus/scoring';
import { type SampleCandidate, drawSample } from './corpus/sample';

const REPO = path.join(__dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const CORPUS = path.join(REPO, 'test', 'corpus');

interface Project {
  name: string;
  commit: string;
  paths?: string[];
  includeTests?: boolean;
  notes?: string;
}

interface Site {
  file: string;
  line: number;
  kind: string;
  filtered: boolean;
  resolved: boolean;
  judged: boolean;
  table: string;
}

interface CheckJson {
  findings: (RunFinding & { code: string; message: string })[];
  tables: number;
  querySites: number;
  sites: Site[];
  skipped: { file: string; reason: string }[];
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    details: { type: 'boolean' },
    json: { type: 'string' },
    sample: { type: 'string' },
    seed: { type: 'string' },
    'sample-out': { type: 'string' },
  },
});
const folder = positionals[0];
if (!folder || !fs.existsSync(folder)) {
  console.error(
    'usage: npm run bench:corpus -- <folder> [--only owner/name,...] [--details] [--json out.json]\n(check the corpus out first: scripts/corpus-checkout.sh <mirror-root> <folder>)',
  );
  process.exit(2);
}
if (!fs.existsSync(CLI)) {
  console.error(`${CLI} is missing: npm run build`);
  process.exit(2);
}
const only = values.only?.split(',');
const projects = (JSON.parse(fs.readFileSync(path.join(CORPUS, 'projects.json'), 'utf8')) as { projects: Project[] }).projects.filter(
  (p) => !only || only.includes(p.name),
);
const judged: Judged[] = readJsonDir(path.join(CORPUS, 'judged')).flat() as Judged[];

function readJsonDir(dir: string): unknown[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown);
}

/** The CLI's check on one project; a syntax corpus made of tests is checked with the default exclusions off. */
function runCli(root: string, includeTests = false): { json: CheckJson; seconds: number; rssMb: number; stderr: string } {
  const timing = path.join(os.tmpdir(), `index-insight-corpus-time-${process.pid}`);
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', '-o', timing, process.execPath, CLI, 'check', '--root', root, '--format', 'json', ...(includeTests ? ['--no-exclude'] : [])],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`check failed on ${root} (exit ${r.status}): ${r.stderr.slice(0, 4000)}`);
  const [seconds, rssKb] = fs.readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  fs.rmSync(timing, { force: true });
  return { json: JSON.parse(r.stdout) as CheckJson, seconds, rssMb: rssKb / 1024, stderr: r.stderr };
}

const pct = (a: number, b: number): string => (b ? `${Math.round((100 * a) / b)}%` : '-');
const ratio = (x: number | null): string => (x === null ? '' : x.toFixed(2));
const tally = (xs: string[]): string =>
  Object.entries(xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {}))
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

const rows: string[][] = [];
const shares: { name: string; share: JudgedShare }[] = [];
const report: unknown[] = [];
const candidates: SampleCandidate[] = [];
console.log(`corpus: ${path.resolve(folder)} · ${new Date().toISOString().slice(0, 10)} · node ${process.version} · ${os.cpus().length} cpu`);
for (const p of projects) {
  const dir = path.join(folder, p.name.replace('/', '+'));
  if (!fs.existsSync(dir)) {
    rows.push([p.name, 'not checked out']);
    continue;
  }
  const { json, seconds, rssMb, stderr } = runCli(dir, p.includeTests);
  const inScope = (file: string) => p.includeTests || !isOutOfScope(file);
  const grep = grepEstimate(dir, p.includeTests ?? false);
  const filtered = json.sites.filter((s) => s.filtered && inScope(s.file));
  const resolvedFiltered = filtered.filter((s) => s.resolved);
  const judgedFiltered = filtered.filter((s) => s.judged);
  const labelFile = path.join(CORPUS, 'labels', `${p.name.replace('/', '+')}.json`);
  const labels = fs.existsSync(labelFile) ? (JSON.parse(fs.readFileSync(labelFile, 'utf8')) as Label[]) : null;
  const score = labels ? scoreLabels(labels, json.findings, json.sites) : null;
  const share = judgedShare(judged, p.name, json.findings);
  if (!p.includeTests) candidates.push(...json.findings.map((f) => ({ ...f, repo: p.name })));
  const grepTotal = grep.call + grep.key;
  rows.push([
    p.name,
    p.commit.slice(0, 10),
    `${grepTotal} (${grep.call} + ${grep.key})`,
    String(filtered.length),
    String(resolvedFiltered.length),
    String(judgedFiltered.length),
    pct(judgedFiltered.length, grepTotal),
    `${json.querySites}/${json.sites.length}`,
    String(json.tables),
    tally(json.findings.map((f) => `${f.verdict}/${f.severity}`)) || '0',
    json.skipped.length ? tally(json.skipped.map((s) => s.reason.replace(/ \(.*\)$/, ''))) : '0',
    seconds.toFixed(1),
    rssMb.toFixed(0),
    score ? `${ratio(score.precision)} / ${ratio(score.recall)} (n=${score.labels})` : '',
  ]);
  if (share.judged) shares.push({ name: p.name, share });
  report.push({
    project: p.name,
    commit: p.commit,
    grep: { call: grep.call, key: grep.key, partialIndex: grep.partialIndex, files: grep.files },
    filteredSeen: filtered.length,
    filteredResolved: resolvedFiltered.length,
    filteredJudged: judgedFiltered.length,
    querySites: json.querySites,
    sitesSeen: json.sites.length,
    tables: json.tables,
    findings: json.findings.length,
    skipped: json.skipped,
    seconds,
    rssMb,
    labels: score,
    judged: share,
  });
  if (values.details) printDetails(p, json, grep.perFile, inScope, stderr);
}

console.log(
  '\nrepository | commit | grep `.where(` + `where:` | filtered sites seen | table resolved | judged | judged/grep | all sites judged/seen | tables | findings (verdict/severity) | files skipped | time s | peak RSS MB | labels precision / recall',
);
console.log('---|---|---|---|---|---|---|---|---|---|---|---|---|---');
for (const r of rows) console.log(r.join(' | '));
if (shares.length) {
  const judgedRow = (name: string, s: JudgedShare): string =>
    [name, s.judged, s.warnings, s.worth, s.notWorth, s.wrong, ratio(s.share), `${s.worthStillReported}/${s.worthJudged}`].join(' | ');
  const sum = (k: Exclude<keyof JudgedShare, 'share'>) => shares.reduce((n, { share }) => n + share[k], 0);
  const all = {
    judged: sum('judged'),
    warnings: sum('warnings'),
    worth: sum('worth'),
    notWorth: sum('notWorth'),
    wrong: sum('wrong'),
    worthJudged: sum('worthJudged'),
    worthStillReported: sum('worthStillReported'),
  };
  console.log('\nrepository | findings judged | of them Warnings now | worth | not worth | wrong | share worth | worth still reported');
  console.log('---|---|---|---|---|---|---|---');
  for (const { name, share } of shares) console.log(judgedRow(name, share));
  console.log(judgedRow('all', { ...all, share: all.warnings ? all.worth / all.warnings : null }));
}
if (values.json) fs.writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
if (values.sample) {
  const out = values['sample-out'] ?? path.join(os.tmpdir(), 'index-insight-sample.json');
  const drawn = drawSample(candidates, judged, Number(values.sample), Number(values.seed ?? 1));
  fs.writeFileSync(out, `${JSON.stringify(drawn, null, 2)}\n`);
  console.log(
    `\n${drawn.length} Warning findings drawn (seed ${values.seed ?? 1}) among ${candidates.filter((c) => c.severity === 'warning').length}, not judged before: ${out}`,
  );
}

function printDetails(p: Project, json: CheckJson, grepPerFile: Map<string, number>, inScope: (f: string) => boolean, stderr: string): void {
  console.log(`\n## ${p.name}`);
  for (const [what, pick] of [
    ['filtered sites whose table did not resolve', (s: Site) => !s.resolved],
    ['filtered sites resolved but not judged', (s: Site) => s.resolved && !s.judged],
  ] as const) {
    const sites = json.sites.filter((s) => s.filtered && pick(s) && inScope(s.file));
    console.log(
      `${what} (outside tests unless the project includes them): ${sites.length}; by table as written: ${tally(sites.map((s) => s.table))
        .split(', ')
        .slice(0, 12)
        .join(', ')}`,
    );
    for (const s of sites.slice(0, Number(process.env.CORPUS_DETAILS ?? 12))) console.log(`  ${s.file}:${s.line} ${s.kind} ${s.table}`);
  }
  // Files where grep counts more than the parser found: sites never seen (nested `with` filters, other forms).
  const seenPerFile = new Map<string, number>();
  for (const s of json.sites) if (s.filtered) seenPerFile.set(s.file, (seenPerFile.get(s.file) ?? 0) + 1);
  const gaps = [...grepPerFile]
    .map(([f, n]) => [f, n - (seenPerFile.get(f) ?? 0)] as const)
    .filter(([, d]) => d > 0)
    .sort((a, b) => b[1] - a[1]);
  console.log(
    `grep occurrences with no site found: ${gaps.reduce((n, [, d]) => n + d, 0)} in ${gaps.length} files; most: ${gaps
      .slice(0, 8)
      .map(([f, d]) => `${f} (${d})`)
      .join(', ')}`,
  );
  const notes = stderr.split('\n').filter(Boolean);
  if (notes.length) console.log(`CLI notes: ${notes.length}; first: ${notes.slice(0, 3).join(' | ')}`);
}
