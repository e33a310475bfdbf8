// Fixture findings as inline markers: a `// ^ ...` comment line under a query site states the finding whose range
// starts at the caret's column on the nearest code line above (see test/fixtures/analysis/README.md).
import fs from 'node:fs';
import path from 'node:path';
import type { FilterColumn, Finding } from '../../server/src/analysis/model';
import { Project, type ProjectOptions } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';

/** One finding where it is: `file:line:column` (1-based) and what the marker says of it. */
export interface MarkedFinding {
  at: string;
  text: string;
}

const MARKER = /^(\s*\/\/\s*)\^ (.*)$/;

const KIND: Record<FilterColumn['kind'], string> = { eq: '=', in: 'IN', isNull: 'IS NULL', range: 'range', isNotNull: 'IS NOT NULL', other: 'other' };

/** The marker text of a finding: `<verdict> <table> (<filter>)[ by <best index>] -> <name> (<columns>)[ WHERE <predicate>]`. */
export function markerText(f: Finding): string {
  const filter = f.filter.map((c) => `${c.column} ${KIND[c.kind]}`).join(', ');
  const best = f.bestIndex ? ` by ${f.bestIndex}` : '';
  const where = f.proposal.where ? ` WHERE ${f.proposal.where}` : '';
  return `${f.verdict} ${f.table} (${filter})${best} -> ${f.proposal.name} (${f.proposal.columns.join(', ')})${where}`;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** Every marker of the fixture's source files. A marker with no code line above it is an error in the fixture. */
export function readMarkers(root: string): MarkedFinding[] {
  const out: MarkedFinding[] = [];
  for (const file of sourceFiles(root)) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    let codeLine = -1;
    lines.forEach((line, i) => {
      const m = MARKER.exec(line);
      if (!m) {
        codeLine = i;
        return;
      }
      if (codeLine < 0) throw new Error(`${file}:${i + 1}: a marker needs a code line above it`);
      out.push({ at: `${file}:${codeLine + 1}:${m[1].length + 1}`, text: m[2] });
    });
  }
  return sortMarked(out);
}

export function analyzeFixture(root: string, options: ProjectOptions = {}): MarkedFinding[] {
  const project = new Project(root, new NodeFileHost(), options);
  return sortMarked(
    project.analyzeAll().flatMap((a) =>
      a.findings.map((f) => ({
        at: `${path.relative(project.root, f.file).split(path.sep).join('/')}:${f.range.start.line + 1}:${f.range.start.character + 1}`,
        text: markerText(f),
      })),
    ),
  );
}

function sortMarked(list: MarkedFinding[]): MarkedFinding[] {
  const key = (m: MarkedFinding) => m.at.replace(/\d+/g, (n) => n.padStart(6, '0'));
  return [...list].sort((a, b) => key(a).localeCompare(key(b)) || a.text.localeCompare(b.text));
}
