// `index-insight check`: analyse a workspace and collect its findings.
import path from 'node:path';
import type { Finding } from '../analysis/model';
import { Project, type ProjectOptions } from '../analysis/workspace/project';
import { NodeFileHost } from '../node/nodeHost';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface CheckOptions extends ProjectOptions {
  severity?: Partial<Record<Finding['verdict'], Severity>>;
}

export interface CheckResult {
  root: string;
  findings: Finding[];
  tables: number;
  querySites: number;
  problems: string[];
  /** Inputs that exist but were not read (paths relative to the root). */
  skipped: { file: string; reason: string }[];
  /** A schema file, config or migrations folder could not be read: the verdicts may be wrong (exit 2). */
  incomplete: boolean;
  severityOf(f: Finding): Severity;
}

export function runCheck(root: string, options: CheckOptions = {}): CheckResult {
  const project = new Project(root, new NodeFileHost(), options);
  const severityOf = (f: Finding): Severity => options.severity?.[f.verdict] ?? 'warning';
  const analyses = project.analyzeAll();
  const problems: string[] = [];
  for (const c of project.configs()) for (const p of [...c.problems, ...c.notes]) problems.push(`${path.relative(project.root, c.file)}: ${p}`);
  for (const a of analyses) for (const p of a.problems) problems.push(`${path.relative(project.root, a.file)}: ${p}`);
  const findings = analyses
    .flatMap((a) => a.findings)
    .filter((f) => severityOf(f) !== 'off')
    .sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.table.localeCompare(b.table));
  const skipped = project.skipped();
  return {
    root: project.root,
    findings,
    tables: project.schema().tables.length,
    querySites: analyses.reduce((n, a) => n + a.sites.length, 0),
    problems,
    skipped: skipped.map((s) => ({ file: path.relative(project.root, s.file).split(path.sep).join('/') || '.', reason: s.reason })),
    incomplete: skipped.some((s) => s.schema),
    severityOf,
  };
}
