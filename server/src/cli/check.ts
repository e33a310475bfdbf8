// `index-insight check`: analyse a workspace and collect its findings.
import type { Finding } from '../analysis/model';
import { Project, type ProjectOptions } from '../analysis/workspace/project';
import { NodeFileHost } from '../node/nodeHost';
import { makeExclude } from '../analysis/workspace/excludeFiles';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** A table scan is a Warning; a partly served filter (an index narrows, a leftover column is filtered) Information. */
export const DEFAULT_SEVERITY: Record<Finding['verdict'], Severity> = { unserved: 'warning', partly: 'information' };

export interface CheckOptions extends ProjectOptions {
  severity?: Partial<Record<Finding['verdict'], Severity>>;
  /** Globs (relative to the root) of files whose queries are not reported; undefined: the defaults. */
  exclude?: string[];
}

export interface CheckResult {
  root: string;
  findings: Finding[];
  tables: number;
  querySites: number;
  problems: string[];
  severityOf(f: Finding): Severity;
}

export function runCheck(root: string, options: CheckOptions = {}): CheckResult {
  const project = new Project(root, new NodeFileHost(), options);
  const severityOf = (f: Finding): Severity => options.severity?.[f.verdict] ?? DEFAULT_SEVERITY[f.verdict];
  const excluded = makeExclude(project.root, options.exclude);
  const analyses = project
    .queryFiles()
    .filter((f) => !excluded(f))
    .map((f) => project.analyzeFile(f));
  const problems: string[] = [];
  for (const c of project.configs()) for (const p of c.problems) problems.push(`${c.file}: ${p}`);
  for (const a of analyses) for (const p of a.problems) problems.push(`${a.file}: ${p}`);
  const findings = analyses
    .flatMap((a) => a.findings)
    .filter((f) => severityOf(f) !== 'off')
    .sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.table.localeCompare(b.table));
  return {
    root: project.root,
    findings,
    tables: project.schema().tables.length,
    querySites: analyses.reduce((n, a) => n + a.sites.length, 0),
    problems,
    severityOf,
  };
}
