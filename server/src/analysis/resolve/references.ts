// Follows a Ref through local bindings, imports, namespace imports and barrel re-exports to what it names.
import type { ColumnsEntry, ExtraItem, FileSummary, NamePart, Ref, SchemaObjectEntry } from '../model';
import { isDrizzleModule } from '../read/operators';

export type Value =
  | { kind: 'table'; file: string; index: number }
  | { kind: 'namespace'; file: string }
  /** An export of drizzle-orm itself (`pgTable`), or a namespace import of it (`name` '*'). */
  | { kind: 'drizzle'; name: string }
  /** `parts` null: a name function we cannot read. */
  | { kind: 'tableCreator'; file: string; parts: NamePart[] | null }
  | { kind: 'string'; file: string; value: string }
  | { kind: 'strings'; file: string; values: Map<string, string> }
  | { kind: 'pgSchema'; name: string | null }
  | { kind: 'schemaTable'; schema: string | null }
  | { kind: 'columns'; file: string; entries: ColumnsEntry[] }
  | { kind: 'extraHelper'; file: string; items: ExtraItem[] }
  /** An object of tables written in `file` (a schema object). */
  | { kind: 'object'; file: string; entries: SchemaObjectEntry[] }
  /** A drizzle client created in `file` with the schema object `clientSchemas[index]`. */
  | { kind: 'client'; file: string; index: number }
  | { kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };
const MAX_DEPTH = 24;

export interface SummarySource {
  summary(file: string): FileSummary | undefined;
  resolveModule(spec: string, fromFile: string): string | undefined;
}

export class ReferenceResolver {
  /** Files read while `traced` runs. */
  private trace: Set<string> | null = null;
  /** file -> `<depth>\0<name>` -> what resolveExport found, until `forget` (every query file reads the same barrels). */
  private readonly exported = new Map<string, Map<string, Value>>();

  constructor(private readonly source: SummarySource) {}

  /** Runs `fn` and says which files' summaries the resolution read (what an edit there may change). */
  traced<T>(fn: () => T): { value: T; files: Set<string> } {
    const outer = this.trace;
    const files = new Set<string>();
    this.trace = files;
    try {
      return { value: fn(), files };
    } finally {
      this.trace = outer;
      if (outer) for (const f of files) outer.add(f);
    }
  }

  private summaryOf(file: string): FileSummary | undefined {
    this.trace?.add(file);
    return this.source.summary(file);
  }

  resolve(file: string, ref: Ref, depth = 0): Value {
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (ref.kind === 'self' || ref.kind === 'opaque') return UNKNOWN;
    if (ref.kind === 'member') {
      const base = this.resolve(file, ref.base, depth + 1);
      if (base.kind === 'namespace') return this.resolveExport(base.file, ref.name, depth + 1);
      if (base.kind === 'object') return this.objectMember(base, ref.name, depth + 1);
      if (base.kind === 'drizzle' && base.name === '*') return { kind: 'drizzle', name: ref.name };
      if (base.kind === 'pgSchema' && ref.name === 'table') return { kind: 'schemaTable', schema: base.name };
      const value = base.kind === 'strings' ? base.values.get(ref.name) : undefined;
      if (value !== undefined && base.kind === 'strings') return { kind: 'string', file: base.file, value };
      return UNKNOWN;
    }
    const summary = this.summaryOf(file);
    if (!summary) return UNKNOWN;
    const binding = summary.bindings.get(ref.name);
    if (binding) {
      switch (binding.kind) {
        case 'table':
          return { kind: 'table', file, index: binding.index };
        case 'ref':
        case 'alias':
          return this.resolve(file, binding.ref, depth + 1);
        case 'tableCreator':
          return { kind: 'tableCreator', file, parts: binding.parts };
        case 'string':
          return { kind: 'string', file, value: binding.value };
        case 'strings':
          return { kind: 'strings', file, values: binding.values };
        case 'pgSchema':
          return { kind: 'pgSchema', name: binding.name };
        case 'columns':
          return { kind: 'columns', file, entries: binding.entries };
        case 'extraHelper':
          return { kind: 'extraHelper', file, items: binding.items };
        case 'object':
          return { kind: 'object', file, entries: binding.entries };
        case 'client':
          return { kind: 'client', file, index: binding.index };
        default:
          return UNKNOWN;
      }
    }
    return this.resolveImport(file, summary, ref.name, depth + 1);
  }

  /** A name `file` imports, read from the summary given (which may be the one being made for that file). */
  resolveImport(file: string, summary: FileSummary, name: string, depth = 0): Value {
    const imp = summary.imports.get(name);
    if (!imp) return UNKNOWN;
    if (isDrizzleModule(imp.module)) return { kind: 'drizzle', name: imp.name };
    const target = this.source.resolveModule(imp.module, file);
    if (!target) return UNKNOWN;
    if (imp.name === '*') return { kind: 'namespace', file: target };
    return this.resolveExport(target, imp.name, depth);
  }

  /** Every name a module exports (its own, named re-exports, and `export *` of other modules, default excepted). */
  exportNames(file: string, seen = new Set<string>()): string[] {
    if (seen.has(file) || seen.size > MAX_DEPTH) return [];
    seen.add(file);
    const summary = this.summaryOf(file);
    if (!summary) return [];
    const names = new Set(summary.exports.keys());
    for (const re of summary.reExports) {
      if (re.names) for (const n of re.names.keys()) names.add(n);
      else if (!isDrizzleModule(re.module)) {
        const target = this.source.resolveModule(re.module, file);
        if (target) for (const n of this.exportNames(target, seen)) if (n !== 'default') names.add(n);
      }
    }
    return [...names];
  }

  /** `schema.users` where `schema` is an object of tables: the last entry that gives the key wins, as in JavaScript. */
  private objectMember(obj: Extract<Value, { kind: 'object' }>, name: string, depth: number): Value {
    for (let i = obj.entries.length - 1; i >= 0; i--) {
      const e = obj.entries[i];
      if (e.kind === 'key' && e.key === name) return this.resolve(obj.file, e.ref, depth + 1);
      if (e.kind === 'unknown') return UNKNOWN;
      if (e.kind === 'spread') {
        const v = this.resolve(obj.file, { kind: 'member', base: e.ref, name }, depth + 1);
        if (v.kind !== 'unknown') return v;
      }
    }
    return UNKNOWN;
  }

  /** Summaries changed: what was resolved from them may be stale. */
  forget(): void {
    this.exported.clear();
  }

  resolveExport(file: string, name: string, depth = 0): Value {
    // A traced resolution must read every file it depends on.
    if (this.trace) return this.resolveExportUncached(file, name, depth);
    // By file, then by a short key: no long key to build and hash for each name a file imports.
    let byName = this.exported.get(file);
    if (!byName) this.exported.set(file, (byName = new Map<string, Value>()));
    const key = `${depth}\0${name}`;
    let v = byName.get(key);
    if (!v) byName.set(key, (v = this.resolveExportUncached(file, name, depth)));
    return v;
  }

  private resolveExportUncached(file: string, name: string, depth: number): Value {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const summary = this.summaryOf(file);
    if (!summary) return UNKNOWN;
    const local = summary.exports.get(name);
    if (local !== undefined) return this.resolve(file, { kind: 'ident', name: local }, depth + 1);
    for (const re of summary.reExports) {
      if (re.names && !re.names.has(name)) continue;
      const target = isDrizzleModule(re.module) ? undefined : this.source.resolveModule(re.module, file);
      if (isDrizzleModule(re.module)) {
        const v: Value = { kind: 'drizzle', name: re.names?.get(name) ?? name };
        return v;
      }
      if (!target) continue;
      const mapped = re.names?.get(name) ?? name;
      if (mapped === '*') return { kind: 'namespace', file: target };
      const v = this.resolveExport(target, mapped, depth + 1);
      if (v.kind !== 'unknown' || re.names) return v;
    }
    return UNKNOWN;
  }
}
