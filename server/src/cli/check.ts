// `index-insight check`: analyse a workspace and collect its findings.
import path from 'node:path';
import type { Finding, Ref, QuerySiteSummary, RelationLoad, Span } from '../analysis/model';
import { Project, type ProjectOptions } from '../analysis/workspace/project';
import { LineIndex } from '../analysis/text/lineIndex';
import { NodeFileHost } from '../node/nodeHost';
import { tableLabel } from '../analysis/sqlText/identifiers';
import { DEFAULT_SEVERITY, type Severity } from '../analysis/findings/severity';
import { weighAcrossWorkspace } from '../analysis/workspace/weighAcrossWorkspace';

export interface CheckOptions extends ProjectOptions {
  severity?: Partial<Record<Finding['severityClass'], Severity>>;
}

/** A query site the parser found, and whether its table was resolved (then it was judged). */
export interface SiteEntry {
  file: string;
  /** 0-based line of the filter when there is one, else of the call chain. */
  line: number;
  /** `with`: a relation a relational query loads with its own `where` (the related table, filtered by its key too). */
  kind: QuerySiteSummary['kind'] | 'with';
  /** Has a filter (`.where(...)` / `where:`). */
  filtered: boolean;
  /** Its table was found in the schema. */
  resolved: boolean;
  /** It got a verdict (counted in `querySites`); a resolved site is left unjudged when its filter is not known well enough. */
  judged: boolean;
  /** The SQL table(s) when judged; else the table as written (`schema.users`, `query.users`). */
  table: string;
}

export interface CheckResult {
  root: string;
  findings: Finding[];
  tables: number;
  /** Sites that got a verdict (judged), relations loaded with their own `where` included. */
  querySites: number;
  /** Every site the parser found in the files that may query, resolved or not. */
  sites: SiteEntry[];
  problems: string[];
  /** Inputs that exist but were not read (paths relative to the root). */
  skipped: { file: string; reason: string }[];
  /** A schema file, config or migrations folder could not be read: the verdicts may be wrong (exit 2). */
  incomplete: boolean;
  severityOf(f: Finding): Severity;
  /** The analysed project (the database check renders each finding's SQL from it). */
  project: Project;
}

export function runCheck(root: string, options: CheckOptions = {}): CheckResult {
  const project = new Project(root, new NodeFileHost(), options);
  const severityOf = (f: Finding): Severity => options.severity?.[f.severityClass] ?? DEFAULT_SEVERITY[f.severityClass];
  const analyses = project.analyzeFiles(project.queryFiles().filter((f) => !project.isExcluded(f)));
  const problems: string[] = [];
  for (const c of project.configs()) for (const p of [...c.problems, ...c.notes]) problems.push(`${path.relative(project.root, c.file)}: ${p}`);
  for (const a of analyses) for (const p of a.problems) problems.push(`${path.relative(project.root, a.file)}: ${p}`);
  const findings = weighAcrossWorkspace(project, analyses)
    .filter((f) => severityOf(f) !== 'off')
    .sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start || a.table.localeCompare(b.table));
  const skipped = project.skipped();
  const sites = siteEntries(project, analyses);
  return {
    root: project.root,
    findings,
    tables: project.schema().tables.length,
    querySites: sites.filter((s) => s.judged).length,
    sites,
    problems,
    skipped: skipped.map((s) => ({ file: path.relative(project.root, s.file).split(path.sep).join('/') || '.', reason: s.reason })),
    incomplete: skipped.some((s) => s.schema),
    severityOf,
    project,
  };
}

function siteEntries(project: Project, analyses: ReturnType<Project['analyzeAll']>): SiteEntry[] {
  const entries: SiteEntry[] = [];
  for (const a of analyses) {
    const summary = project.summary(a.file);
    const text = project.readFile(a.file);
    if (!summary || text === undefined || summary.sites.length === 0) continue;
    const lines = new LineIndex(text);
    const judged = new Map(a.sites.map((s) => [s.span.start, s]));
    for (const site of summary.sites) {
      const report = judged.get(site.span.start);
      const line = lines.position((site.whereSpan ?? site.span).start).line;
      entries.push({
        file: a.file,
        line,
        kind: site.kind,
        filtered: site.whereSpan !== null,
        resolved: report !== undefined || project.siteAt(a.file, line)?.site.span.start === site.span.start,
        judged: report !== undefined,
        table: report ? [...new Set(report.evaluations.map((e) => tableLabel(e.table)))].join(',') : writtenTable(site.table),
      });
      for (const load of loadsOf(site.with)) {
        const outcome = report?.loads.find((l) => l.whereSpan.start === load.whereSpan.start);
        const table = outcome?.table ?? null;
        entries.push({
          file: a.file,
          line: lines.position(load.whereSpan.start).line,
          kind: 'with',
          filtered: true,
          resolved: table !== null,
          judged: table !== null && report!.evaluations.some((e) => e.table.id === table.id && e.span.start === load.whereSpan.start),
          table: table ? tableLabel(table) : `${writtenTable(site.table)}.with.${load.name}`,
        });
      }
    }
  }
  return entries;
}

/** Relations loaded with their own `where`, nested ones too. */
function loadsOf(loads: RelationLoad[]): (RelationLoad & { whereSpan: Span })[] {
  return loads.flatMap((l) => [...(l.whereSpan ? [{ ...l, whereSpan: l.whereSpan }] : []), ...loadsOf(l.with)]);
}

function writtenTable(t: QuerySiteSummary['table']): string {
  if (t.kind === 'rqb') return `query.${t.key}`;
  const text = (r: Ref): string => (r.kind === 'ident' ? r.name : r.kind === 'member' ? `${text(r.base)}.${r.name}` : '<callback table>');
  return text(t);
}
