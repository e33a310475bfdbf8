// Converts a fixture's expected.json into inline markers, checking that the analysis agrees with expected.json.
import fs from 'node:fs';
import path from 'node:path';
import { loadSqlParser } from '../server/src/analysis/schema/migrations/sqlParser';
import { Project } from '../server/src/analysis/workspace/project';
import { NodeFileHost } from '../server/src/node/nodeHost';
import { markerText } from './helpers/findings';

const MARKER = /^\s*\/\/\s*\^ /;

async function main() {
  await loadSqlParser();
  for (const dir of process.argv.slice(2)) {
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx)$/.test(f));
    for (const f of files) {
      const p = path.join(dir, f);
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').split('\n').filter((l) => !MARKER.test(l)).join('\n'));
    }
    const optionsFile = path.join(dir, 'options.json');
    const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
    const project = new Project(dir, new NodeFileHost(), options);
    const findings = project.analyzeAll().flatMap((a) => a.findings);
    const expectedFile = path.join(dir, 'expected.json');
    if (fs.existsSync(expectedFile)) {
      const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as { file: string; line: number; code: string; table: string; bestIndex: string | null; proposal: string[]; where: string | null }[];
      const got = findings.map((x) => ({ file: path.relative(dir, x.file), line: x.range.start.line + 1, code: x.code, table: x.table, bestIndex: x.bestIndex, proposal: x.proposal.columns, where: x.proposal.where }));
      const key = (e: (typeof got)[number]) => JSON.stringify([e.file, e.line, e.code, e.table, e.bestIndex, e.proposal, e.where]);
      const a = new Set(got.map(key));
      const b = new Set(expected.map(key));
      const missing = [...b].filter((k) => !a.has(k));
      const extra = [...a].filter((k) => !b.has(k));
      console.log(`${dir}: ${missing.length ? `MISSING ${missing.join(' ')}` : 'none missing'}; ${extra.length ? `EXTRA ${extra.join(' ')}` : 'none extra'}`);
    }
    const byFile = new Map<string, typeof findings>();
    for (const x of findings) byFile.set(x.file, [...(byFile.get(x.file) ?? []), x]);
    for (const [file, list] of byFile) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const sorted = [...list].sort((p, q) => q.range.start.line - p.range.start.line || q.range.start.character - p.range.start.character);
      for (const x of sorted) {
        const col = x.range.start.character;
        const pad = col >= 3 ? `//${' '.repeat(col - 2)}` : null;
        if (!pad) throw new Error(`${file}:${x.range.start.line + 1}: finding at column ${col + 1}, too far left for a marker`);
        lines.splice(x.range.start.line + 1, 0, `${pad}^ ${markerText(x)}`);
      }
      fs.writeFileSync(file, lines.join('\n'));
    }
  }
}
void main();
