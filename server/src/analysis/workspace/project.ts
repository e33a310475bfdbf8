// One workspace's analysis: wires the file layer, the summary cache, module and table resolution, the schema
// index and the per-file analysis together, and routes changes to the caches they invalidate.
import path from 'node:path';
import picomatch from 'picomatch';
import type { FileHost } from '../host/fileHost';
import { DEFAULT_MAX_FILE_BYTES, isSourceFile, mayNameFunctions } from '../host/fileHost';
import type { FileSummary, Finding, SchemaModel, SiteReport, Table } from '../model';
import type { DrizzleConfig } from '../read/drizzleConfig';
import { DRIZZLE_FUNCTIONS } from '../read/operators';
import { RQB_HINT, mayQuery, wordsPattern } from '../read/textHints';
import { ModuleResolver } from '../resolve/moduleResolver';
import { ReferenceResolver, type SummarySource } from '../resolve/references';
import type { WorkspacePackage } from '../resolve/workspacePackages';
import { type FileAnalysis, type SiteAt, analyzeFile, siteAt } from './analyzeFile';
import { NameReferences } from './nameReferences';
import { SchemaIndex } from './schemaIndex';
import { makeExclude } from './excludeFiles';
import { callersToCheck } from '../findings/uncalled';
import { SummaryCache } from './summaryCache';
import { type FileChangeKind, WorkspaceFiles } from './workspaceFiles';

export type { FileAnalysis } from './analyzeFile';

/** `import { eq } from '@acme/db'` where that module re-exports drizzle-orm: `eq` is drizzle's. */
function operatorAliases(file: string, summary: FileSummary, references: ReferenceResolver): { aliases: Map<string, string>; files: Set<string> } {
  const aliases = new Map<string, string>();
  const { files } = references.traced(() => {
    for (const local of summary.operatorImports) {
      const v = references.resolveImport(file, summary, local);
      if (v.kind === 'drizzle' && DRIZZLE_FUNCTIONS.has(v.name)) aliases.set(local, v.name);
    }
  });
  return { aliases, files };
}

/** Files that change how imports resolve: compiler options, package entry points, the workspace's package list. */
const RESOLUTION_INPUT = /^(?:tsconfig(?:\.[\w.-]+)?\.json|package\.json|pnpm-workspace\.ya?ml)$/;

export interface ProjectOptions {
  /** SQL table names or globs never reported. */
  ignoreTables?: string[];
  /** Names of the database objects queries start from (`db`, `tx`); empty or absent: any. */
  dbNames?: string[];
  /** Files larger than this many bytes are not analysed (reported as skipped); default 4 MB. */
  maxFileBytes?: number;
  /**
   * Globs (relative to the root) of files whose queries are not reported (tests, scripts, seeds; undefined: the
   * defaults, empty: none). A call written only there does not make a function called: it runs on no live path.
   */
  exclude?: string[];
}

/** An input that exists but was not read. */
export interface SkippedInput {
  file: string;
  reason: string;
  /** It may hold schema (a schema file, a migrations folder or file, a config): the analysis is incomplete. */
  schema: boolean;
}

export class Project implements SummarySource {
  readonly root: string;
  private readonly files: WorkspaceFiles;
  private readonly summaries: SummaryCache;
  private readonly modules: ModuleResolver;
  private readonly index: SchemaIndex;
  private readonly names: NameReferences;
  private ignore: (name: string) => boolean = () => false;
  private excluded: (file: string) => boolean = () => false;
  /** The exclude option `excluded` was built from (JSON; null: not built yet). */
  private excludeKey: string | null = null;
  private dbNames: Set<string> | null = null;

  constructor(root: string, host: FileHost, options: ProjectOptions = {}) {
    this.root = path.resolve(root);
    this.files = new WorkspaceFiles(this.root, host);
    const references = new ReferenceResolver(this);
    this.summaries = new SummaryCache(
      (f) => this.files.readFile(f),
      (file, summary) => operatorAliases(file, summary, references),
    );
    this.modules = new ModuleResolver(this.root, this.files);
    this.names = new NameReferences(
      () => this.listFiles().filter((f) => mayNameFunctions(f) && !this.excluded(f)),
      (f) => this.files.readFile(f),
    );
    this.index = new SchemaIndex(this.files, this.summaries, references, this.modules.packages, (spec, from) => this.modules.resolve(spec, from));
    this.setOptions(options);
  }

  /** Returns whether the file limit changed (everything is read again). */
  setOptions(options: ProjectOptions): boolean {
    this.everySite = null;
    const reread = this.files.setMaxFileBytes(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (reread) {
      this.index.reset();
      this.names.reset();
    }
    const excludeKey = JSON.stringify(options.exclude ?? 'default');
    if (excludeKey !== this.excludeKey) {
      this.excludeKey = excludeKey;
      this.excluded = makeExclude(this.root, options.exclude);
      this.names.reset();
    }
    this.ignore = options.ignoreTables?.length ? picomatch(options.ignoreTables, { nocase: false }) : () => false;
    this.dbNames = options.dbNames?.length ? new Set(options.dbNames) : null;
    return reread;
  }

  /** A file whose queries are not reported (the `exclude` option: tests, scripts, seeds by default). */
  isExcluded(file: string): boolean {
    return this.excluded(file);
  }

  /** Inputs that exist but could not be read (too large, permission denied), among those the analysis needed. */
  skipped(): SkippedInput[] {
    return this.files.skipped().map((s) => ({ ...s, schema: this.index.isSchemaInput(s.file) }));
  }

  // ------------------------------------------------------------ files

  readFile(file: string): string | undefined {
    return this.files.readFile(file);
  }

  readFileFresh(file: string): string | undefined {
    return this.files.readFileFresh(file);
  }

  fileExists(file: string): boolean {
    return this.files.fileExists(file);
  }

  directoryExists(dir: string): boolean {
    return this.files.directoryExists(dir);
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    return this.files.readDirectory(dir);
  }

  listFiles(): string[] {
    return this.files.listFiles();
  }

  /** Forget everything read from disk (a full re-analysis was asked for). */
  reset(): void {
    this.everySite = null;
    this.files.reset();
    this.names.reset();
    this.index.reset();
    this.modules.reset();
  }

  /** An open document's text (undefined: closed, read the disk again). Returns whether schema results may change. */
  setOverlay(file: string, text: string | undefined): boolean {
    const before = this.files.setOverlay(file, text);
    const after = this.files.readFile(file);
    if (before === after) return false;
    this.everySite = null;
    this.names.fileChanged(file, this.excluded(file) ? undefined : after);
    this.summaries.forgetReadersOf(file);
    return this.index.invalidate(file, before);
  }

  /** A file changed, appeared or disappeared on disk. Returns whether schema results may change. */
  fileChanged(file: string, kind: FileChangeKind): boolean {
    const before = this.files.fileChanged(file, kind);
    this.everySite = null;
    if (this.names.size > 0) this.names.fileChanged(file, kind === 'deleted' || this.excluded(file) ? undefined : this.files.readFile(file));
    if (kind !== 'changed') this.modules.resetResolutions();
    this.summaries.forgetReadersOf(file);
    const relevant = this.index.invalidate(file, before);
    if (!RESOLUTION_INPUT.test(path.basename(file))) return relevant;
    this.modules.reset();
    this.summaries.forgetOperatorImporters();
    this.index.reset();
    return true;
  }

  // ------------------------------------------------------------ summaries and modules (for the resolvers)

  summary(file: string): FileSummary | undefined {
    return this.summaries.get(file)?.summary;
  }

  resolveModule(spec: string, fromFile: string): string | undefined {
    return this.modules.resolve(spec, fromFile);
  }

  /** The workspace's own packages (root package.json `workspaces`, pnpm-workspace.yaml). */
  workspacePackages(): WorkspacePackage[] {
    return this.modules.packages.list();
  }

  // ------------------------------------------------------------ schema

  configs(): DrizzleConfig[] {
    return this.index.configs();
  }

  /** The drizzle config a schema file belongs to (its migrations folder, its package). */
  configOf(file: string): DrizzleConfig | undefined {
    return this.index.configOf(file);
  }

  schema(): SchemaModel {
    return this.index.schema();
  }

  // ------------------------------------------------------------ analysis

  analyzeFile(file: string): FileAnalysis {
    const ctx = this.index.siteContext((t) => this.isIgnored(t));
    return analyzeFile(file, this.summaries.get(file), ctx, { dbNames: this.dbNames });
  }

  analyzeAll(): FileAnalysis[] {
    return this.analyzeFiles(this.queryFiles());
  }

  /** Every query site of the workspace (CodeLens, unused-index remarks), analysed again only after a change. */
  allSites(): readonly SiteReport[] {
    this.everySite ??= this.analyzeAll().flatMap((a) => a.sites);
    return this.everySite;
  }

  private everySite: SiteReport[] | null = null;

  /**
   * Every file summarised (parsed) first, then every file judged: the same results as analysing them one by one,
   * in less time (each stage runs in one stretch, and a file's judgement finds the summaries it reads made).
   */
  analyzeFiles(files: readonly string[]): FileAnalysis[] {
    for (const f of files) this.prepare(f);
    return files.map((f) => this.analyzeFile(f));
  }

  /** Summarises a file now (parses it) so that its analysis later only judges; see analyzeFiles. */
  prepare(file: string): void {
    this.summaries.get(file);
  }

  /**
   * The functions among these findings' callers that nothing in the workspace calls (their name is written only
   * where they are declared). `computeMissing: false`: only from names already counted (see NameReferences).
   */
  uncalledCallers(findings: readonly Finding[], computeMissing = true): Set<string> {
    return this.names.writtenOnce(callersToCheck(findings), computeMissing);
  }

  /**
   * Of these names, those some file of this workspace writes (a call from another folder of a multi-root editor),
   * leaving out the files `skip` names (those of a folder inside this one, which counts them itself).
   */
  namesWritten(names: Iterable<string>, computeMissing = true, skip?: (file: string) => boolean): Set<string> {
    return this.names.writtenAtAll(names, computeMissing, skip);
  }

  /** Stops counting names that none of these findings (the workspace's current ones) asks about. */
  retainCallersOf(findings: readonly Finding[]): void {
    const names = new Set(callersToCheck(findings));
    if (this.names.size > 2 * names.size + 64) this.names.retainOnly(names);
  }

  /** See `siteAt` in analyzeFile.ts. */
  siteAt(file: string, line: number): SiteAt | undefined {
    const entry = this.summaries.get(file);
    return (
      entry &&
      siteAt(
        file,
        entry,
        line,
        this.index.siteContext((t) => this.isIgnored(t)),
      )
    );
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

  /** For benchmarks: how many files exist and how many were parsed. */
  stats(): { files: number; parsed: number } {
    return { files: this.listFiles().filter(isSourceFile).length, parsed: this.summaries.size };
  }

  private isIgnored(t: Table): boolean {
    return this.ignore(t.name) || (t.schema !== null && this.ignore(`${t.schema}.${t.name}`));
  }
}
