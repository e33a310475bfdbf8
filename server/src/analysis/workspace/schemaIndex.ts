// The schema side of a workspace: drizzle configs, the tables and indexes (declared and written in migrations),
// and which table a reference names. Rebuilt lazily after a change that may alter it; `invalidate` decides.
import path from 'node:path';
import { isSourceFile } from '../host/fileHost';
import type { FileSummary, Ref, SchemaModel, Table } from '../model';
import { DRIZZLE_CONFIG, type DrizzleConfig, configIncludes, isPostgresConfig, readDrizzleConfig } from '../read/drizzleConfig';
import { REEXPORT_HINT, mayDeclareSchema, wordsPattern } from '../read/textHints';
import type { ReferenceResolver } from '../resolve/references';
import { RelationIndex } from '../resolve/relations';
import type { SiteContext } from '../resolve/resolveSite';
import { buildSchema, tableId } from '../schema/buildSchema';
import { type MigrationEvent, readMigrationSql } from '../schema/migrations/migrationIndexes';
import { migrationSqlFiles } from '../schema/migrations/readMigrationsFolder';
import type { SummaryCache } from './summaryCache';
import type { WorkspaceFiles } from './workspaceFiles';

export class SchemaIndex {
  private schemaCache: SchemaModel | undefined;
  private configCache: DrizzleConfig[] | undefined;
  private relationCache: { schema: SchemaModel; index: RelationIndex } | undefined;
  /** `<file>\0<ref>` -> the table it names; cleared on every change. */
  private readonly tableRefs = new Map<string, Table | null>();

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly summaries: SummaryCache,
    private readonly references: ReferenceResolver,
  ) {}

  /**
   * A file's text went from `before` to its current text. Returns whether schema results may change (and
   * forgets them if so): drizzle configs, migration SQL, and files that declare (or declared) tables, table
   * creators, casing, or re-export them.
   */
  invalidate(file: string, before: string | undefined): boolean {
    this.tableRefs.clear();
    const prior = this.summaries.previous(file);
    const after = this.files.readFile(file);
    if ((prior?.relations.length ?? 0) > 0 || [before, after].some((t) => t !== undefined && RELATIONS_HINT.test(t))) this.relationCache = undefined;
    const isConfig = DRIZZLE_CONFIG.test(file);
    const relevant =
      isConfig ||
      file.endsWith('.sql') ||
      (prior !== undefined && isSchemaRelevant(prior)) ||
      (after !== undefined && (mayDeclareSchema(after) || REEXPORT_HINT.test(after))) ||
      (before !== undefined && (mayDeclareSchema(before) || REEXPORT_HINT.test(before)));
    if (isConfig) this.configCache = undefined;
    if (relevant) this.schemaCache = undefined;
    return relevant;
  }

  reset(): void {
    this.tableRefs.clear();
    this.relationCache = undefined;
    this.schemaCache = undefined;
    this.configCache = undefined;
  }

  configs(): DrizzleConfig[] {
    this.configCache ??= this.files
      .listFiles()
      .filter((f) => DRIZZLE_CONFIG.test(f))
      .flatMap((f) => {
        const text = this.files.readFile(f);
        return text === undefined ? [] : [readDrizzleConfig(f, text)];
      })
      .filter(isPostgresConfig);
    return this.configCache;
  }

  schema(): SchemaModel {
    if (this.schemaCache) return this.schemaCache;
    const read = (f: string) => this.files.readFile(f) ?? '';
    const candidates = this.files.listFiles().filter((f) => isSourceFile(f) && mayDeclareSchema(read(f)));
    // Files that call a table creator or schema object exported elsewhere (`createTable('x', ...)`).
    const factoryNames = new Set<string>();
    for (const f of candidates) {
      for (const [name, b] of this.summaries.get(f)?.summary.bindings ?? []) {
        if (b.kind === 'tableCreator' || b.kind === 'pgSchema') factoryNames.add(name);
      }
    }
    const files = new Set(candidates);
    if (factoryNames.size > 0) {
      const pattern = wordsPattern([...factoryNames]);
      for (const f of this.files.listFiles()) if (isSourceFile(f) && !files.has(f) && pattern.test(read(f))) files.add(f);
    }
    this.schemaCache = buildSchema({
      files: [...files].sort(),
      source: { summary: (f) => this.summaries.get(f)?.summary },
      resolver: this.references,
      casing: this.casing([...files]),
      migrations: this.migrationEvents(),
    });
    return this.schemaCache;
  }

  /** How the analysis of one site finds its tables. */
  siteContext(isIgnored: (t: Table) => boolean): SiteContext {
    const schema = this.schema();
    const ctx: SiteContext = {
      schema,
      tableAt: (file: string, ref: Ref): Table | undefined => {
        const key = `${file}\0${refKey(ref)}`;
        const hit = this.tableRefs.get(key);
        if (hit !== undefined) return hit ?? undefined;
        const v = this.references.resolve(file, ref);
        const decl = v.kind === 'table' ? this.summaries.get(v.file)?.summary.tables[v.index] : undefined;
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
      isIgnored,
      relation: (parent, name) => this.relationIndex(ctx).lookup(parent, name),
    };
    return ctx;
  }

  /** Relations of every file that declares some (built on the first relational `with`, kept with the schema). */
  private relationIndex(ctx: SiteContext): RelationIndex {
    if (this.relationCache && this.relationCache.schema === ctx.schema) return this.relationCache.index;
    const files = this.files.listFiles().filter((f) => isSourceFile(f) && RELATIONS_HINT.test(this.files.readFile(f) ?? ''));
    const index = new RelationIndex({
      files,
      relations: (f) => this.summaries.get(f)?.summary.relations ?? [],
      tableAt: (f, ref) => ctx.tableAt(f, ref),
      tableByQueryKey: (key) => ctx.tableByQueryKey(key),
    });
    this.relationCache = { schema: ctx.schema, index };
    return index;
  }

  private casing(files: string[]): string | null {
    for (const c of this.configs()) if (c.casing) return c.casing;
    for (const f of files) {
      const casing = this.summaries.get(f)?.summary.clientCasing;
      if (casing) return casing;
    }
    return null;
  }

  /** CREATE/DROP INDEX statements of every migrations folder, in the order drizzle applies them. */
  private migrationEvents(): MigrationEvent[] {
    const outs = this.configs().map((c) => c.out);
    if (outs.length === 0) outs.push(path.join(this.files.root, 'drizzle'));
    const reader = { readDirectory: (d: string) => this.files.readDirectory(d), readFile: (p: string) => this.files.readFileFresh(p) };
    return outs.flatMap((out) => migrationSqlFiles(out, reader).flatMap((f) => readMigrationSql(f, this.files.readFile(f) ?? '')));
  }
}

const RELATIONS_HINT = /\b(?:relations|defineRelations|defineRelationsPart)\s*\(/;

function isSchemaRelevant(s: FileSummary): boolean {
  if (s.tables.length > 0 || s.clientCasing) return true;
  for (const b of s.bindings.values()) if (b.kind === 'tableCreator' || b.kind === 'pgSchema' || b.kind === 'columns' || b.kind === 'extraHelper') return true;
  return false;
}

function refKey(ref: Ref): string {
  return ref.kind === 'ident' ? ref.name : ref.kind === 'member' ? `${refKey(ref.base)}.${ref.name}` : '<self>';
}
