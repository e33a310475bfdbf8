// Findings reduced to what fixture expectations state, in a stable order.
import path from 'node:path';
import type { Finding } from '../../server/src/analysis/model';
import { Project, type ProjectOptions } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';

export interface ExpectedFinding {
  file: string;
  line: number;
  code: string;
  table: string;
  bestIndex: string | null;
  name: string;
  proposal: string[];
  where: string | null;
}

export function brief(root: string, f: Finding): ExpectedFinding {
  return {
    file: path.relative(root, f.file).split(path.sep).join('/'),
    line: f.range.start.line + 1,
    code: f.code,
    table: f.table,
    bestIndex: f.bestIndex,
    name: f.proposal.name,
    proposal: f.proposal.columns,
    where: f.proposal.where,
  };
}

export function sortBrief(list: ExpectedFinding[]): ExpectedFinding[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.table.localeCompare(b.table) || a.proposal.join().localeCompare(b.proposal.join()));
}

export function analyzeFixture(root: string, options: ProjectOptions = {}): ExpectedFinding[] {
  const project = new Project(root, new NodeFileHost(), options);
  return sortBrief(project.analyzeAll().flatMap((a) => a.findings.map((f) => brief(project.root, f))));
}
