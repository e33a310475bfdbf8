// The analysis of one workspace: caches per-file summaries by text, builds the schema model, judges query sites.
import path from 'node:path';
import picomatch from 'picomatch';
import { type DrizzleConfig, DRIZZLE_CONFIG, configIncludes, readDrizzleConfig } from './config/drizzleConfig';
import { type FileHost, isSourceFile } from './host/fileHost';
import { evaluateSite, resolveSite } from './match/evaluateSite';
import { type RenderedSql, renderSiteSql } from './sql/renderSite';
import type { Evaluation, FileSummary, Finding, QuerySiteSummary, Ref, SchemaHint, SchemaModel, SiteReport, Table } from './model';
import { redundancyMessage, redundantIndexes } from './rules/redundantIndexes';
import { ModuleResolver } from './resolve/moduleResolver';
import { ReferenceResolver, type SummarySource } from './resolve/references';
import { sameFinding, toFinding } from './rules/findings';
import { buildSchema, tableId } from './schema/buildSchema';
import { migrationSqlFiles } from './fix/migrationFolder';
import { type MigrationEvent, readMigrationSql } from './sql/migrationIndexes';
import { summarizeFile } from './summary/summarizeFile';
import { LineIndex } from './text/lineIndex';
import { REEXPORT_HINT, RQB_HINT, mayDeclareSchema, mayQuery, wordsPattern } from './textHints';

export interface ProjectOptions {
  /** SQL table names or globs never reported. */
  ignoreTables?: string[];
  /** Names of the database objects queries start from (`db`, `tx`); empty or absent: any. */
  dbNames?: string[];
}

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
}


interface CachedSummary {
  text: string;
  summary: FileSummary;
  lines?: LineIndex;
}

export class Project implements SummarySource {
  private readonly overlays = new Map<string, string>();
  private readonly texts = new Map<string, string | null>();
  private readonly summaries = new Map<string, CachedSummary>();
  private readonly modules: ModuleResolver;
  private readonly references: ReferenceResolver;
  private fileList: string[] | undefined;
  private schemaCache: SchemaModel | undefined;
  private configCache: DrizzleConfig[] | undefined;
  private ignore: (name: string) => boolean;
  private dbNames: Set<string> | null;
  /** `<file>\0<ref>` -> the table it names; cleared on every change. */
  private readonly tableRefs = new Map<string, Table | null>();

  constructor(readonly root: string, private readonly host: FileHost, options: ProjectOptions = {}) {
    this.root = path.resolve(root);
    this.modules = new ModuleResolver(this.root, this);
    this.references = new ReferenceResolver(this);
    this.ignore = makeIgnore(options.ignoreTables);
    this.dbNames = options.dbNames?.length ? new Set(options.dbNames) : null;
  }

  setOptions(options: ProjectOptions): void {
    this.ignore = makeIgnore(options.ignoreTables);
    this.dbNames = options.dbNames?.length ? new Set(options.dbNames) : null;
  }

  // ------------------------------------------------------------ file access (FileHost over overlays + cache)

  readFile(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (!this.texts.has(file)) this.texts.set(file, this.host.readFile(file) ?? null);
    return this.texts.get(file) ?? undefined;
  }

  /** Reads through to the disk every time (migration folders change behind our back). */
  readFileFresh(file: string): string | undefined {
    return this.overlays.get(file) ?? this.host.readFile(file);
  }

  fileExists(file: string): boolean {
    return this.overlays.has(file) || this.host.fileExists(file);
  }

  directoryExists(dir: string): boolean {
    return this.host.directoryExists(dir);
  }

  realpath(file: string): string {
    return this.host.realpath(file);
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    return this.host.readDirectory(dir);
  }

  listFiles(): string[] {
    if (!this.fileList) this.fileList = this.host.listFiles(this.root);
    return this.fileList;
  }

  /** Forget everything read from disk (a full re-analysis was asked for). */
  reset(): void {
    this.tableRefs.clear();
    this.texts.clear();
    this.fileList = undefined;
    this.schemaCache = undefined;
    this.configCache = undefined;
    this.modules.reset();
  }

  /** An open document's text (undefined: closed, read the disk again). Returns whether schema results may change. */
  setOverlay(file: string, text: string | undefined): boolean {
    const before = this.readFile(file);
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    if (before === text) return false;
    return this.changed(file, before);
  }

  /** A file changed, appeared or disappeared on disk. Returns whether schema results may change. */
  fileChanged(file: string, kind: 'changed' | 'created' | 'deleted'): boolean {
    const before = this.readFile(file);
    this.texts.delete(file);
    if (kind !== 'changed') {
      this.fileList = undefined;
      this.modules.resetResolutions();
    }
    if (path.basename(file) === 'tsconfig.json') this.modules.reset();
    return this.changed(file, before);
  }

  private changed(file: string, before: string | undefined): boolean {
    this.tableRefs.clear();
    const prior = this.summaries.get(file);
    const after = this.readFile(file);
    const relevant =
      DRIZZLE_CONFIG.test(file) ||
      file.endsWith('.sql') ||
      (prior !== undefined && isSchemaRelevant(prior.summary)) ||
      (after !== undefined && (mayDeclareSchema(after) || REEXPORT_HINT.test(after))) ||
      (before !== undefined && (mayDeclareSchema(before) || REEXPORT_HINT.test(before)));
    if (DRIZZLE_CONFIG.test(file)) this.configCache = undefined;
    if (relevant) this.schemaCache = undefined;
    return relevant;
  }

  // ------------------------------------------------------------ summaries

  summary(file: string): FileSummary | undefined {
    return this.cached(file)?.summary;
  }

  private cached(file: string): CachedSummary | undefined {
    if (!isSourceFile(file)) return undefined;
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    const hit = this.summaries.get(file);
    if (hit && hit.text === text) return hit;
    const entry: CachedSummary = { text, summary: summarizeFile(file, text) };
    this.summaries.set(file, entry);
    return entry;
  }

  resolveModule(spec: string, fromFile: string): string | undefined {
    return this.modules.resolve(spec, fromFile);
  }

  // ------------------------------------------------------------ configuration and schema

  configs(): DrizzleConfig[] {
    if (!this.configCache) {
      this.configCache = this.listFiles()
        .filter((f) => DRIZZLE_CONFIG.test(f))
        .flatMap((f) => {
          const text = this.readFile(f);
          return text === undefined ? [] : [readDrizzleConfig(f, text)];
        });
    }
    return this.configCache;
  }

  schema(): SchemaModel {
    if (this.schemaCache) return this.schemaCache;
    const candidates = this.listFiles().filter((f) => isSourceFile(f) && mayDeclareSchema(this.readFile(f) ?? ''));
    // Files that call a table creator or schema object exported elsewhere (`createTable('x', ...)`).
    const factoryNames = new Set<string>();
    for (const f of candidates) {
      for (const [name, b] of this.summary(f)?.bindings ?? []) {
        if (b.kind === 'tableCreator' || b.kind === 'pgSchema') factoryNames.add(name);
      }
    }
    const files = new Set(candidates);
    if (factoryNames.size > 0) {
      const pattern = wordsPattern([...factoryNames]);
      for (const f of this.listFiles()) if (isSourceFile(f) && !files.has(f) && pattern.test(this.readFile(f) ?? '')) files.add(f);
    }
    this.schemaCache = buildSchema({
      files: [...files].sort(),
      source: this,
      resolver: this.references,
      casing: this.casing([...files]),
      migrations: this.migrationEvents(),
    });
    return this.schemaCache;
  }

  private casing(files: string[]): string | null {
    for (const c of this.configs()) if (c.casing) return c.casing;
    for (const f of files) {
      const casing = this.summary(f)?.clientCasing;
      if (casing) return casing;
    }
    return null;
  }

  /** CREATE/DROP INDEX statements of every migrations folder, in the order drizzle applies them. */
  private migrationEvents(): MigrationEvent[] {
    const outs = this.configs().map((c) => c.out);
    if (outs.length === 0) outs.push(path.join(this.root, 'drizzle'));
    const reader = { readDirectory: (d: string) => this.readDirectory(d), readFile: (p: string) => this.readFileFresh(p) };
    return outs.flatMap((out) => migrationSqlFiles(out, reader).flatMap((f) => readMigrationSql(f, this.readFile(f) ?? '')));
  }

  // ------------------------------------------------------------ analysis

  private siteContext() {
    const schema = this.schema();
    return {
      schema,
      tableAt: (file: string, ref: Ref): Table | undefined => {
        const key = `${file}\0${refKey(ref)}`;
        const hit = this.tableRefs.get(key);
        if (hit !== undefined) return hit ?? undefined;
        const v = this.references.resolve(file, ref);
        const decl = v.kind === 'table' ? this.summary(v.file)?.tables[v.index] : undefined;
        const table = decl && v.kind === 'table' ? schema.byId.get(tableId(v.file, decl.local)) : undefined;
        this.tableRefs.set(key, table ?? null);
        return table;
      },
      tableByQueryKey: (key: string): Table | undefined => {
        let hits = schema.tables.filter((t) => t.exported && t.local === key);
        // Several tables exported under that name: the drizzle config's schema files decide.
        if (hits.length > 1) hits = hits.filter((t) => this.configs().some((c) => configIncludes(c, t.file)));
        return hits.length === 1 ? hits[0] : undefined;
      },
      isIgnored: (t: Table) => this.ignore(t.name) || (t.schema !== null && this.ignore(`${t.schema}.${t.name}`)),
    };
  }

  analyzeFile(file: string): FileAnalysis {
    const result: FileAnalysis = { file, sites: [], findings: [], hints: [], tableFiles: [], unresolved: false, problems: [] };
    const entry = this.cached(file);
    if (entry?.summary.failure) result.problems.push(entry.summary.failure);
    if (!entry || (entry.summary.sites.length === 0 && entry.summary.tables.length === 0)) return result;
    const { summary } = entry;
    if (summary.parseErrors > 0) result.problems.push(`${summary.parseErrors} syntax error(s): only what could be read was analyzed`);
    const lines = (entry.lines ??= new LineIndex(entry.text));
    const ctx = this.siteContext();
    for (const table of ctx.schema.tables) {
      if (table.file !== file || ctx.isIgnored(table)) continue;
      for (const r of redundantIndexes(table)) {
        const span = r.index.span!;
        result.hints.push({ file, span, range: lines.range(span), code: 'redundant-index', table: table.name, tableId: table.id, index: r.index.name, coveredBy: r.coveredBy.name, message: redundancyMessage(r) });
      }
    }
    const tableFiles = new Set<string>();
    for (const site of summary.sites) {
      if (this.dbNames && (site.receiver === null || !this.dbNames.has(site.receiver))) continue;
      const evaluations = evaluateSite(file, site, ctx);
      for (const e of evaluations) tableFiles.add(e.table.file);
      if (evaluations.length === 0) {
        if (site.table.kind === 'rqb' || mayNameTable(summary, site.table)) result.unresolved = true;
        continue;
      }
      const suppressed = isSuppressed(summary, lines, site.span.start) || (site.whereSpan !== null && isSuppressed(summary, lines, site.whereSpan.start));
      result.sites.push({ file, span: site.span, range: lines.range(site.span), kind: site.kind, evaluations, suppressed });
      if (suppressed) continue;
      for (const e of evaluations) {
        const finding = toFinding(file, e, lines);
        if (finding && !result.findings.some((f) => sameFinding(f, finding))) result.findings.push(finding);
      }
    }
    result.tableFiles = [...tableFiles];
    return result;
  }

  /**
   * Files worth analysing: the schema's files, and files that may run a query. A query file calls a query
   * method and names drizzle-orm (its operators), a relational query (`.query.`), or a table: a text test,
   * so that ordinary code (`Array.from`, `map.delete`) is never parsed.
   */
  queryFiles(): string[] {
    const schema = this.schema();
    const schemaFiles = new Set(schema.tables.map((t) => t.file));
    const mentionsTable = wordsPattern([...new Set(schema.tables.map((t) => t.local))]);
    return this.listFiles().filter((f) => {
      if (!isSourceFile(f)) return false;
      if (schemaFiles.has(f)) return true;
      const text = this.readFile(f) ?? '';
      return mayQuery(text) && (text.includes('drizzle-orm') || RQB_HINT.test(text) || mentionsTable.test(text));
    });
  }

  /**
   * The query site whose filter (or, failing that, whose call chain) starts on `line` (0-based), with its
   * evaluations and its SQL when every part of it is statically known.
   */
  siteAt(file: string, line: number): { site: QuerySiteSummary; evaluations: Evaluation[]; sql: RenderedSql } | undefined {
    const entry = this.cached(file);
    if (!entry) return undefined;
    const lines = (entry.lines ??= new LineIndex(entry.text));
    const onLine = (span: { start: number; end: number } | null) => span !== null && lines.position(span.start).line <= line && lines.position(span.end).line >= line;
    const candidates = entry.summary.sites.filter((s) => onLine(s.whereSpan) || onLine(s.span));
    // The innermost site (a subquery inside a query).
    const site = candidates.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];
    if (!site) return undefined;
    const ctx = this.siteContext();
    const resolved = resolveSite(file, site, ctx);
    if (!resolved) return undefined;
    return { site, evaluations: evaluateSite(file, site, ctx), sql: renderSiteSql(site, resolved) };
  }

  /** For benchmarks: how many files exist and how many were parsed. */
  stats(): { files: number; parsed: number } {
    return { files: this.listFiles().filter(isSourceFile).length, parsed: this.summaries.size };
  }

  analyzeAll(): FileAnalysis[] {
    return this.queryFiles().map((f) => this.analyzeFile(f));
  }
}

function isSuppressed(summary: FileSummary, lines: LineIndex, offset: number): boolean {
  return summary.suppressedLines.has(lines.position(offset).line);
}

function isSchemaRelevant(s: FileSummary): boolean {
  if (s.tables.length > 0 || s.clientCasing) return true;
  for (const b of s.bindings.values()) if (b.kind === 'tableCreator' || b.kind === 'pgSchema' || b.kind === 'columns') return true;
  return false;
}

function makeIgnore(globs: string[] | undefined): (name: string) => boolean {
  if (!globs || globs.length === 0) return () => false;
  return picomatch(globs, { nocase: false });
}

/** Whether a reference could name a table at all: it starts from an import or a local binding. */
function mayNameTable(summary: FileSummary, ref: Ref): boolean {
  let root = ref;
  while (root.kind === 'member') root = root.base;
  return root.kind === 'ident' && (summary.imports.has(root.name) || summary.bindings.has(root.name));
}

function refKey(ref: Ref): string {
  return ref.kind === 'ident' ? ref.name : ref.kind === 'member' ? `${refKey(ref.base)}.${ref.name}` : '<self>';
}
