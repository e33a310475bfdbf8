// The schema side of a workspace: drizzle configs, the tables and indexes (declared and written in migrations),
// and which table a reference names. Rebuilt lazily after a change that may alter it; `invalidate` decides.
import path from 'node:path';
import { isSourceFile } from '../host/fileHost';
import type { FileSummary, Ref, SchemaModel, Table } from '../model';
import picomatch from 'picomatch';
import {
  DRIZZLE_CONFIG,
  type DrizzleConfig,
  configFor,
  configIncludes,
  isPostgresConfig,
  placeConfig,
  readDrizzleConfig,
} from '../read/drizzleConfig';
import { drizzleKitRuns } from '../read/packageScripts';
import { isInside } from '../host/paths';
import type { WorkspacePackages } from '../resolve/workspacePackages';
import { REEXPORT_HINT, mayDeclareSchema, wordsPattern } from '../read/textHints';
import type { ReferenceResolver } from '../resolve/references';
import { schemaObjectKeys } from '../resolve/querySchema';
import { RelationIndex } from '../resolve/relations';
import type { SiteContext } from '../resolve/resolveSite';
import { type MigrationSet, buildSchema, tableId } from '../schema/buildSchema';
import { readMigrationSql } from '../schema/migrations/migrationIndexes';
import { migrationSqlFiles } from '../schema/migrations/readMigrationsFolder';
import type { SummaryCache } from './summaryCache';
import type { WorkspaceFiles } from './workspaceFiles';

export class SchemaIndex {
  private schemaCache: SchemaModel | undefined;
  private configCache: DrizzleConfig[] | undefined;
  private relationCache: { schema: SchemaModel; index: RelationIndex } | undefined;
  /** file -> ref (as `refKey` writes it) -> the table it names; cleared on every change. */
  private readonly tableRefs = new Map<string, Map<string, Table | null>>();

  /** schema file -> the config it belongs to (its file), memoised with the schema. */
  private owners = new Map<string, string | null>();
  /** `db.query.<key>` -> the tables some drizzle client's schema object holds under that key. */
  private queryKeys: { keys: Map<string, Set<string>>; complete: boolean } | undefined;
  /** `<file>#<index>` of a client -> the tables its schema object holds, by key. */
  private readonly clientKeyCache = new Map<string, { keys: Map<string, Table>; complete: boolean }>();
  /** config file -> the files its schema files re-export, transitively. */
  private readonly reach = new Map<string, Set<string>>();

  constructor(
    private readonly files: WorkspaceFiles,
    private readonly summaries: SummaryCache,
    private readonly references: ReferenceResolver,
    private readonly packages: WorkspacePackages,
    private readonly resolveModule: (spec: string, fromFile: string) => string | undefined,
  ) {}

  /**
   * A file's text went from `before` to its current text. Returns whether schema results may change (and
   * forgets them if so): drizzle configs, migration SQL, and files that declare (or declared) tables, table
   * creators, casing, or re-export them.
   */
  invalidate(file: string, before: string | undefined): boolean {
    this.tableRefs.clear();
    this.references.forget();
    const prior = this.summaries.previous(file);
    const after = this.files.readFile(file);
    if ((prior?.relations.length ?? 0) > 0 || [before, after].some((t) => t !== undefined && RELATIONS_HINT.test(t))) this.relationCache = undefined;
    const isConfig = DRIZZLE_CONFIG.test(file) || (this.configCache?.some((c) => c.file === file) ?? false);
    const relevant =
      isConfig ||
      file.endsWith('.sql') ||
      (this.schemaCache?.sources.has(file) ?? false) ||
      (prior !== undefined && isSchemaRelevant(prior)) ||
      (after !== undefined && (mayDeclareSchema(after) || REEXPORT_HINT.test(after) || CLIENT_HINT.test(after))) ||
      (before !== undefined && (mayDeclareSchema(before) || REEXPORT_HINT.test(before)));
    // A migrations folder that appears may move a config to the folder where its `out` now exists.
    if (isConfig || file.endsWith('.sql')) this.configCache = undefined;
    if (relevant) this.forgetSchema();
    // An object of references (`export const schema = { ...tables }`) can change what a client's `db.query` keys
    // name, not the tables: forget those keys only, the schema stays.
    else if (prior !== undefined && [...prior.bindings.values()].some((b) => b.kind === 'object')) this.forgetClientKeys();
    return relevant;
  }

  reset(): void {
    this.tableRefs.clear();
    this.references.forget();
    this.forgetSchema();
    this.configCache = undefined;
  }

  private forgetSchema(): void {
    this.schemaCache = undefined;
    this.relationCache = undefined;
    this.owners = new Map();
    this.reach.clear();
    this.forgetClientKeys();
  }

  private forgetClientKeys(): void {
    this.queryKeys = undefined;
    this.clientKeyCache.clear();
  }

  /**
   * Every drizzle config: files named drizzle.config.* and any file a package script passes to drizzle-kit with
   * `--config`, each placed in the folder drizzle-kit runs it from.
   */
  configs(): DrizzleConfig[] {
    if (this.configCache) return this.configCache;
    const runs = this.drizzleKitRuns();
    const files = new Set(this.files.listFiles().filter((f) => DRIZZLE_CONFIG.test(f)));
    for (const run of runs) if (this.files.fileExists(run.config)) files.add(run.config);
    const fileList = this.files.listFiles();
    const probe = {
      exists: (p: string) => this.files.fileExists(p) || this.files.directoryExists(p),
      globMatches: (pattern: string) => {
        const matches = picomatch(pattern);
        return fileList.some((f) => matches(f.split(path.sep).join('/')));
      },
    };
    this.configCache = [...files]
      .sort()
      .flatMap((f) => {
        const text = this.files.readFile(f);
        if (text === undefined) return [];
        const runDirs = runs.filter((r) => r.config === f).map((r) => r.cwd);
        return [placeConfig(readDrizzleConfig(f, text), runDirs, probe)];
      })
      .filter(isPostgresConfig);
    return this.configCache;
  }

  /**
   * Whether an input that could not be read may hold schema: a drizzle config, a file its schema names, anything in
   * a migrations folder (or the folder), a file that declared tables when last read; with no config, a file whose
   * path says schema. Without it the schema is incomplete and no verdict can be trusted.
   */
  isSchemaInput(file: string): boolean {
    if (DRIZZLE_CONFIG.test(file)) return true;
    if ((this.summaries.previous(file)?.tables.length ?? 0) > 0) return true;
    const configs = this.configs();
    if (configs.some((c) => c.file === file || configIncludes(c, file) || isInside(file, c.out))) return true;
    if (configs.length === 0) return isInside(file, path.join(this.files.root, 'drizzle')) || /schema/i.test(path.relative(this.files.root, file));
    return false;
  }

  /** The config a schema file belongs to (whose migrations folder holds its hand-written indexes). */
  configOf(file: string): DrizzleConfig | undefined {
    const owner = this.ownerOf(file);
    return owner === null ? undefined : this.configs().find((c) => c.file === owner);
  }

  private ownerOf(file: string): string | null {
    const hit = this.owners.get(file);
    if (hit !== undefined) return hit;
    const configs = this.configs();
    // Named by a config's schema (directly, or re-exported by a file it names), else by folder.
    const owner =
      configs.find((c) => configIncludes(c, file)) ?? configs.find((c) => this.reachedFromSchema(c).has(file)) ?? configFor(configs, file);
    this.owners.set(file, owner?.file ?? null);
    return owner?.file ?? null;
  }

  /** Files a config's schema files re-export, transitively (drizzle-kit sees the exports of the files it names). */
  private reachedFromSchema(config: DrizzleConfig): Set<string> {
    let seen = this.reach.get(config.file);
    if (seen) return seen;
    seen = new Set<string>();
    const queue = this.files.listFiles().filter((f) => isSourceFile(f) && configIncludes(config, f));
    while (queue.length > 0) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const summary = this.summaries.get(f)?.summary;
      if (!summary) continue;
      const modules = summary.reExports.map((r) => r.module);
      // `import * as auth from './auth'; export { auth }` re-exports a module too.
      const exported = new Set(summary.exports.values());
      for (const [local, imp] of summary.imports) if (exported.has(local)) modules.push(imp.module);
      for (const m of modules) {
        const target = this.resolveModule(m, f);
        if (target && !seen.has(target)) queue.push(target);
      }
    }
    this.reach.set(config.file, seen);
    return seen;
  }

  /** drizzle-kit invocations with `--config` in the scripts of the root, the workspace packages, and the configs' folders. */
  private drizzleKitRuns(): { config: string; cwd: string }[] {
    const dirs = new Set<string>([this.files.root, ...this.packages.list().map((p) => p.dir)]);
    for (const f of this.files.listFiles()) {
      if (!DRIZZLE_CONFIG.test(f)) continue;
      for (let d = path.dirname(f); isInside(d, this.files.root); d = path.dirname(d)) {
        dirs.add(d);
        if (d === this.files.root) break;
      }
    }
    return [...dirs].flatMap((d) => drizzleKitRuns(this.packages.manifest(d)?.scripts, d));
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
      migrations: this.migrationSets(),
      ownerOf: (f) => this.ownerOf(f),
    });
    return this.schemaCache;
  }

  /** How the analysis of one site finds its tables. */
  siteContext(isIgnored: (t: Table) => boolean): SiteContext {
    const schema = this.schema();
    const ctx: SiteContext = {
      schema,
      tableAt: (file: string, ref: Ref): Table | undefined => {
        // Rooted in a parameter or a mutable local (`cache.delete(item.name)`): it resolves to nothing, without a key.
        if (!hasNamedRoot(ref)) return undefined;
        // By file, then by the short key of the reference (no long key to build and hash on every column reference).
        let refs = this.tableRefs.get(file);
        if (!refs) this.tableRefs.set(file, (refs = new Map<string, Table | null>()));
        const key = refKey(ref);
        const hit = refs.get(key);
        if (hit !== undefined) return hit ?? undefined;
        const v = this.references.resolve(file, ref);
        const table = v.kind === 'table' ? this.declaredTable(schema, v) : undefined;
        refs.set(key, table ?? null);
        return table;
      },
      tableByQueryKey: (key: string, file?: string, receiver?: string | null): Table | undefined => this.tableByQueryKey(schema, key, file, receiver),
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

  /**
   * `db.query.<key>`: the table the drizzle client's schema object holds under that key. Several clients that
   * disagree: the one of the site's own package. No client tells: the one table exported under that name.
   */
  private tableByQueryKey(schema: SchemaModel, key: string, file: string | undefined, receiver?: string | null): Table | undefined {
    const own = file && receiver ? this.clientKeys(schema, file, receiver) : undefined;
    if (own && (own.keys.has(key) || own.complete)) return own.keys.get(key);
    const clients = this.queryKeyMap(schema);
    const ids = clients.keys.get(key);
    let hits = ids ? [...ids].flatMap((id) => schema.byId.get(id) ?? []) : [];
    // Every client's schema object is known and none has the key: drizzle has no such `db.query` member.
    if (hits.length === 0 && clients.complete) return undefined;
    if (hits.length === 0) hits = schema.tables.filter((t) => t.exported && t.local === key);
    if (hits.length > 1 && file !== undefined) {
      const config = configFor(this.configs(), file);
      const mine = hits.filter((t) => this.configOf(t.file) === config);
      if (mine.length > 0) hits = mine;
    }
    // Several tables exported under that name: the drizzle config's schema (and what it re-exports) decides.
    if (hits.length > 1) hits = hits.filter((t) => this.configs().some((c) => configIncludes(c, t.file) || this.reachedFromSchema(c).has(t.file)));
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** The schema's table for a table declaration (the `index`-th table declared in `file`). */
  private declaredTable(schema: SchemaModel, at: { file: string; index: number }): Table | undefined {
    const decl = this.summaries.get(at.file)?.summary.tables[at.index];
    return decl && schema.byId.get(tableId(at.file, decl.local));
  }

  /** The keys of the client `receiver` names in `file` (`db` declared there, or imported), when it is a client. */
  private clientKeys(schema: SchemaModel, file: string, receiver: string): { keys: Map<string, Table>; complete: boolean } | undefined {
    const v = this.references.resolve(file, { kind: 'ident', name: receiver });
    return v.kind === 'client' ? this.clientTables(schema, v.file, v.index) : undefined;
  }

  /** The tables of the `index`-th drizzle client's schema object in `file`, by key (cached per client). */
  private clientTables(schema: SchemaModel, file: string, index: number): { keys: Map<string, Table>; complete: boolean } {
    const id = `${file}#${index}`;
    let hit = this.clientKeyCache.get(id);
    if (!hit) {
      const entries = this.summaries.get(file)?.summary.clientSchemas[index] ?? [];
      const keys = schemaObjectKeys(file, entries, this.references);
      const tables = new Map<string, Table>();
      for (const [key, t] of keys.tables) {
        const table = this.declaredTable(schema, t);
        if (table) tables.set(key, table);
      }
      hit = { keys: tables, complete: keys.complete };
      this.clientKeyCache.set(id, hit);
    }
    return hit;
  }

  /** Keys of every drizzle client's schema object; complete when there is one and each was read whole. */
  private queryKeyMap(schema: SchemaModel): { keys: Map<string, Set<string>>; complete: boolean } {
    if (this.queryKeys) return this.queryKeys;
    const map = new Map<string, Set<string>>();
    let clients = 0;
    let complete = true;
    for (const f of this.files.listFiles()) {
      const text = isSourceFile(f) ? this.files.readFile(f) : undefined;
      if (!text?.includes('drizzle') || !CLIENT_HINT.test(text)) continue;
      const count = this.summaries.get(f)?.summary.clientSchemas.length ?? 0;
      for (let i = 0; i < count; i++) {
        const client = this.clientTables(schema, f, i);
        clients++;
        complete &&= client.complete;
        for (const [key, table] of client.keys) {
          let set = map.get(key);
          if (!set) map.set(key, (set = new Set()));
          set.add(table.id);
        }
      }
    }
    this.queryKeys = { keys: map, complete: complete && clients > 0 };
    return this.queryKeys;
  }

  private casing(files: string[]): string | null {
    for (const c of this.configs()) if (c.casing) return c.casing;
    for (const f of files) {
      const casing = this.summaries.get(f)?.summary.clientCasing;
      if (casing) return casing;
    }
    return null;
  }

  /** CREATE/DROP INDEX statements of each config's migrations folder, in the order drizzle applies them. */
  private migrationSets(): MigrationSet[] {
    const folders: { owner: string | null; out: string }[] = this.configs().map((c) => ({ owner: c.file, out: c.out }));
    if (folders.length === 0) folders.push({ owner: null, out: path.join(this.files.root, 'drizzle') });
    const reader = { readDirectory: (d: string) => this.files.readDirectory(d), readFile: (p: string) => this.files.readFileFresh(p) };
    return folders.map(({ owner, out }) => ({
      owner,
      events: migrationSqlFiles(out, reader).flatMap((f) => readMigrationSql(f, this.files.readFile(f) ?? '')),
    }));
  }
}

const RELATIONS_HINT = /\b(?:relations|defineRelations|defineRelationsPart)\s*\(/;

/** A file that may create a drizzle client with a schema object. */
const CLIENT_HINT = /\bdrizzle\s*\(/;

function isSchemaRelevant(s: FileSummary): boolean {
  if (s.tables.length > 0 || s.clientCasing || s.clientSchemas.length > 0) return true;
  for (const b of s.bindings.values())
    if (b.kind === 'tableCreator' || b.kind === 'pgSchema' || b.kind === 'columns' || b.kind === 'extraHelper') return true;
  return false;
}

/** Whether a reference starts from a name (`a.b`), not from a callback's table or a value we cannot follow. */
function hasNamedRoot(ref: Ref): boolean {
  let root = ref;
  while (root.kind === 'member') root = root.base;
  return root.kind === 'ident';
}

function refKey(ref: Ref): string {
  return ref.kind === 'ident' ? ref.name : ref.kind === 'member' ? `${refKey(ref.base)}.${ref.name}` : '<self>';
}
