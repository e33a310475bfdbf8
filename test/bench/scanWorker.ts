// One cold measurement in a fresh process: `analyze` (Index Insight) or `parse` (every file through the same
// ts.createSourceFile call the analyzer uses, nothing else). With a third argument n, the same work n times in this
// process: `warm` then holds each run's ms (the last ones show the cost once the engine has compiled the code).
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { isSourceFile } from '../../server/src/analysis/host/fileHost';
import { Project } from '../../server/src/analysis/workspace/project';
import { parseSource } from '../../server/src/analysis/read/summarizeFile';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

const [mode, root, repeat] = process.argv.slice(2);
const host = new NodeFileHost();
// Initialise the bundled modules (the compiler is evaluated lazily) before the clock starts, in both modes.
void ts.version;
parseSource('warm.ts', 'const a = 1;');

function once(): { ms: number; extra: Record<string, number> } {
  const t0 = performance.now();
  let extra: Record<string, number>;
  if (mode === 'analyze') {
    const project = new Project(root, host);
    const results = project.analyzeAll();
    const stats = project.stats();
    extra = {
      files: stats.files,
      parsed: stats.parsed,
      sites: results.reduce((n, r) => n + r.sites.length, 0),
      findings: results.reduce((n, r) => n + r.findings.length, 0),
    };
  } else {
    const files = host.listFiles(root).filter(isSourceFile);
    for (const f of files) parseSource(f, host.readFile(f) ?? '');
    extra = { files: files.length, parsed: files.length };
  }
  return { ms: performance.now() - t0, extra };
}

void loadSqlParser().then(() => {
  const first = once();
  const warm = Array.from({ length: Math.max(0, Number(repeat ?? 1) - 1) }, () => once().ms);
  process.stdout.write(
    JSON.stringify({ ms: first.ms, rssMb: process.resourceUsage().maxRSS / 1024, ...first.extra, ...(warm.length ? { warm } : {}) }),
  );
});
