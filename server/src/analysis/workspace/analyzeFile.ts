// The analysis of one file, given its summary and how to find tables: pure, no caches, no file access.
import type { Evaluation, FileSummary, Finding, LoadReport, QuerySiteSummary, Ref, SchemaHint, SchemaModel, SiteReport, Table } from '../model';
import { evaluateSite } from '../findings/evaluateSite';
import { sameFinding, toFinding } from '../findings/toFinding';
import { redundancyMessage, redundantIndexes } from '../judge/redundantIndexes';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { type RenderedSql, renderSiteSql } from '../sqlText/renderQuery';
import type { LineIndex } from '../text/lineIndex';
import type { SummaryEntry } from './summaryCache';
import type { ReadMention } from '../findings/writeOnly';

export interface FileAnalysis {
  file: string;
  sites: SiteReport[];
  findings: Finding[];
  hints: SchemaHint[];
  /** Files declaring the tables this file's queries use (a schema edit there re-evaluates this file). */
  tableFiles: string[];
  /** Some query names a table we could not resolve (any schema edit may change that). */
  unresolved: boolean;
  /** Why the file could only be read in part, if it could not. */
  problems: string[];
  /** The columns this file's reads name (see ReadMention): what the write-only rule asks of the workspace. */
  reads: ReadMention[];
}

export interface AnalysisOptions {
  /** Names of the database objects queries start from; null: any. */
  dbNames: Set<string> | null;
}

export function analyzeFile(file: string, entry: SummaryEntry | undefined, ctx: SiteContext, options: AnalysisOptions): FileAnalysis {
  const result: FileAnalysis = { file, sites: [], findings: [], hints: [], tableFiles: [], unresolved: false, problems: [], reads: [] };
  if (entry?.summary.failure) result.problems.push(entry.summary.failure);
  if (!entry || (entry.summary.sites.length === 0 && entry.summary.tables.length === 0)) return result;
  const { summary } = entry;
  if (summary.parseErrors > 0) result.problems.push(`${summary.parseErrors} syntax error(s): only what could be read was analyzed`);
  const lines = entry.lines();
  for (const table of tablesIn(ctx.schema, file)) {
    if (ctx.isIgnored(table)) continue;
    if (table.nameUnknown) result.problems.push(unknownNameNote(table.local, table.name, table.nameUnknown.parts));
    for (const r of redundantIndexes(table)) {
      const span = r.index.span!;
      result.hints.push({
        file,
        span,
        range: lines.range(span),
        code: 'redundant-index',
        table: table.name,
        tableId: table.id,
        index: r.index.name,
        coveredBy: r.coveredBy.name,
        message: redundancyMessage(r),
      });
    }
  }
  const tableFiles = new Set<string>();
  for (const site of summary.sites) {
    if (options.dbNames && (site.receiver === null || !options.dbNames.has(site.receiver))) continue;
    const loads: LoadReport[] = [];
    const mentions = site.kind === 'update' || site.kind === 'delete' ? undefined : new Set<string>();
    const evaluations = evaluateSite(file, site, ctx, loads, mentions);
    for (const key of mentions ?? []) result.reads.push({ key, caller: site.caller ?? null });
    for (const e of evaluations) tableFiles.add(e.table.file);
    if (evaluations.length === 0) {
      if (site.table.kind === 'rqb' || mayNameTable(summary, site.table)) result.unresolved = true;
      continue;
    }
    const suppressed =
      summary.suppressedLines.size > 0 &&
      [site.span.start, site.whereSpan?.start, site.whereKeyword].some((at) => at !== undefined && isSuppressed(summary, lines, at));
    result.sites.push({ file, span: site.span, range: lines.range(site.span), kind: site.kind, evaluations, suppressed, loads });
    if (suppressed) continue;
    for (const e of evaluations) {
      const finding = toFinding(file, e, lines, site.caller ?? null);
      if (finding && !result.findings.some((f) => sameFinding(f, finding))) result.findings.push(finding);
    }
  }
  result.tableFiles = [...tableFiles];
  return result;
}

export interface SiteAt {
  site: QuerySiteSummary;
  evaluations: Evaluation[];
  sql: RenderedSql;
}

/**
 * The query site whose filter (or, failing that, whose call chain) spans `line` (0-based), with its evaluations
 * and its SQL when every part of it is statically known. The innermost one wins (a subquery inside a query).
 */
export function siteAt(file: string, entry: SummaryEntry, line: number, ctx: SiteContext): SiteAt | undefined {
  const lines = entry.lines();
  const onLine = (span: { start: number; end: number } | null) =>
    span !== null && lines.position(span.start).line <= line && lines.position(span.end).line >= line;
  const candidates = entry.summary.sites.filter((s) => onLine(s.whereSpan) || onLine(s.span));
  const site = candidates.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
  if (!site) return undefined;
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return undefined;
  return { site, evaluations: evaluateSite(file, site, ctx), sql: renderSiteSql(site, resolved) };
}

/** A schema's tables by file, in schema order (built once per schema: every analysed file asks). */
const tablesByFile = new WeakMap<SchemaModel, Map<string, Table[]>>();

function tablesIn(schema: SchemaModel, file: string): Table[] {
  let byFile = tablesByFile.get(schema);
  if (!byFile) {
    byFile = new Map();
    for (const t of schema.tables) {
      const list = byFile.get(t.file);
      if (list) list.push(t);
      else byFile.set(t.file, [t]);
    }
    tablesByFile.set(schema, byFile);
  }
  return byFile.get(file) ?? [];
}

function unknownNameNote(local: string, name: string, parts: string[]): string {
  const what = parts.length > 0 ? `from ${parts.map((p) => `\`${p}\``).join(', ')}, which could not be read` : 'by a function that could not be read';
  return `table ${local}: its SQL name is built ${what}; it is shown as "${name}" and its queries are still checked`;
}

function isSuppressed(summary: FileSummary, lines: LineIndex, offset: number): boolean {
  return summary.suppressedLines.has(lines.position(offset).line);
}

/** Whether a reference could name a table at all: it starts from an import or a local binding. */
function mayNameTable(summary: FileSummary, ref: Ref): boolean {
  let root = ref;
  while (root.kind === 'member') root = root.base;
  return root.kind === 'ident' && (summary.imports.has(root.name) || summary.bindings.has(root.name));
}
