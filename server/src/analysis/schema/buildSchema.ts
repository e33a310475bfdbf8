// Turns the table declarations of all files into the schema model: SQL names, columns, indexes.
import type {
  Column,
  ColumnSummary,
  ColumnsEntry,
  ExtraItem,
  IndexDef,
  Predicate,
  PredicateSummary,
  SchemaModel,
  Table,
  TableDeclSummary,
} from '../model';
import { predicateText } from '../sqlText/predicateText';
import { parsePredicate } from './migrations/partialPredicate';
import type { ReferenceResolver, SummarySource } from '../resolve/references';
import type { MigrationEvent } from './migrations/migrationIndexes';
import { columnSqlName } from './naming';
import { createdName } from './tableName';
import { IGNORED_BUILDERS } from '../read/tableDecls';

/** The index statements of one migrations folder. */
export interface MigrationSet {
  /** Which drizzle config's folder (its file); tables of another config never take these indexes. */
  owner: string | null;
  events: MigrationEvent[];
}

export interface SchemaInputs {
  files: string[];
  source: Pick<SummarySource, 'summary'>;
  resolver: ReferenceResolver;
  casing: string | null;
  migrations: MigrationSet[];
  /** The config a table's file belongs to (null: unknown, every folder applies). */
  ownerOf?: (file: string) => string | null;
}

export function buildSchema(inputs: SchemaInputs): SchemaModel {
  const tables: Table[] = [];
  const sources = new Set<string>();
  for (const file of inputs.files) {
    const summary = inputs.source.summary(file);
    if (!summary) continue;
    summary.tables.forEach((decl) => {
      const table = tableOf(file, decl, inputs, sources);
      if (table) tables.push(table);
    });
  }
  for (const set of inputs.migrations) {
    const owned = set.owner === null || !inputs.ownerOf ? tables : tables.filter((t) => [null, set.owner].includes(inputs.ownerOf!(t.file)));
    applyMigrations(owned, set.events);
  }
  return { tables, byId: new Map(tables.map((t) => [t.id, t])), sources };
}

export function tableId(file: string, local: string): string {
  return `${file}#${local}`;
}

function tableOf(file: string, decl: TableDeclSummary, inputs: SchemaInputs, sources: Set<string>): Table | undefined {
  const factory = inputs.resolver.resolve(file, decl.factory);
  let schema: string | null = null;
  let name = decl.name;
  let nameUnknown: Table['nameUnknown'];
  if (name === null) return undefined;
  if (factory.kind === 'drizzle') {
    if (factory.name !== 'pgTable') return undefined;
  } else if (factory.kind === 'tableCreator') {
    const created = createdName(factory, name, inputs.resolver);
    name = created.name;
    for (const s of created.sources) sources.add(s);
    if (created.pattern) nameUnknown = { parts: created.unknown, pattern: created.pattern.source };
  } else if (factory.kind === 'schemaTable') {
    schema = factory.schema;
  } else {
    return undefined;
  }
  const summaries = flattenColumns(file, decl.columns, inputs, 0);
  const columns: Column[] = summaries.map((c) => ({
    key: c.key,
    sqlName: c.sqlName ?? columnSqlName(c.key, inputs.casing),
    dataType: c.builder,
    nullable: !c.notNull && !c.primaryKey,
    primaryKey: c.primaryKey,
    ...(c.references ? { references: true } : {}),
  }));
  const table: Table = {
    id: tableId(file, decl.local),
    name,
    schema,
    local: decl.local,
    exported: decl.exported,
    file,
    span: decl.span,
    columns,
    indexes: [],
    ...(nameUnknown ? { nameUnknown } : {}),
    indexesKnown: !decl.extraUnreadable,
    extra: decl.extra,
    callSpan: decl.callSpan,
    columnsSpan: decl.columnsSpan,
  };
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const sql = (key: string | null): string | null => (key === null ? null : (byKey.get(key)?.sqlName ?? null));
  const add = (index: Omit<IndexDef, 'file' | 'method' | 'where' | 'whereText'> & Partial<IndexDef>) =>
    table.indexes.push({ method: 'btree', where: null, whereText: null, file, ...index });

  for (const c of summaries) {
    const sqlName = byKey.get(c.key)!.sqlName;
    if (c.primaryKey) add({ name: `${name}_pkey`, columns: [sqlName], unique: true, source: 'primaryKey', span: c.span });
    if (c.unique) add({ name: c.unique.name ?? `${name}_${sqlName}_unique`, columns: [sqlName], unique: true, source: 'unique', span: c.span });
  }
  const references = (key: string | null) => {
    const c = key === null ? undefined : byKey.get(key);
    if (c) c.references = true;
  };
  const extra: ExtraContext = { table: name, sql, add, references, resolver: inputs.resolver };
  for (const item of decl.extra?.items ?? []) {
    if (!addExtraItem(item, file, extra, null, 0)) table.indexesKnown = false;
  }
  return table;
}

type AddIndex = (index: Omit<IndexDef, 'file' | 'method' | 'where' | 'whereText'> & Partial<IndexDef>) => void;

interface ExtraContext {
  table: string;
  sql: (key: string | null) => string | null;
  add: AddIndex;
  /** Marks a column as part of a foreign key. */
  references: (key: string | null) => void;
  resolver: ReferenceResolver;
}

const MAX_HELPER_DEPTH = 4;

/**
 * Returns false when the item could be an index we cannot read. `at`: the helper call in the table's file that
 * brought the item in (its indexes are shown there).
 */
function addExtraItem(item: ExtraItem, file: string, ctx: ExtraContext, at: ExtraItem['span'] | null, depth: number): boolean {
  const { table, sql, add } = ctx;
  switch (item.kind) {
    case 'ignored':
      for (const key of item.foreignKey ?? []) ctx.references(key);
      return true;
    case 'unknown':
      return false;
    case 'call': {
      // A helper that returns indexes reads the table from its first parameter; policies and checks need nothing.
      const helper = depth < MAX_HELPER_DEPTH ? ctx.resolver.resolve(file, item.callee) : { kind: 'unknown' as const };
      if (helper.kind === 'drizzle') return IGNORED_BUILDERS.has(helper.name);
      if (helper.kind !== 'extraHelper') return false;
      const needsTable = helper.items.some((i) => i.kind !== 'ignored');
      if (needsTable && item.tableArg !== 0) return false;
      return helper.items.every((i) => addExtraItem(i, helper.file, ctx, at ?? item.span, depth + 1));
    }
    case 'primaryKey':
    case 'unique': {
      const columns = item.keys.map(sql);
      if (columns.some((c) => c === null)) return false;
      const suffix = item.kind === 'primaryKey' ? 'pk' : 'unique';
      add({ name: item.name ?? `${table}_${columns.join('_')}_${suffix}`, columns, unique: true, source: item.kind, span: at ?? item.span });
      return true;
    }
    case 'index': {
      const columns = item.columns.map((c) => sql(c.key));
      const where = item.where ? predicateOf(item.where, sql) : null;
      add({
        name: item.name ?? `${table}_${columns.map((c) => c ?? 'expr').join('_')}_index`,
        columns,
        unique: item.unique,
        method: item.method,
        where: where?.predicate ?? null,
        whereText: where?.text ?? null,
        source: item.unique ? 'uniqueIndex' : 'index',
        span: at ?? item.span,
      });
      return true;
    }
  }
}

function predicateOf(p: PredicateSummary, sql: (key: string | null) => string | null): { predicate: Predicate; text: string } {
  if (p.kind === 'op') {
    const column = sql(p.key);
    if (!column) return { predicate: { kind: 'unknown', text: '?' }, text: '?' };
    const predicate: Predicate = p.atom === 'eq' ? { kind: 'eq', column, value: p.value ?? null } : { kind: p.atom, column };
    return { predicate, text: predicateText(predicate) };
  }
  if (p.kind === 'sql') {
    let text = p.parts[0];
    for (let i = 0; i < p.keys.length; i++) {
      const column = sql(p.keys[i]);
      if (!column) return { predicate: { kind: 'unknown', text: p.parts.join('?') }, text: p.parts.join('?') };
      text += `"${column}"${p.parts[i + 1]}`;
    }
    return { predicate: parsePredicate(text), text };
  }
  return { predicate: { kind: 'unknown', text: '?' }, text: '?' };
}

/** Columns with shared column objects spread in (a spread we cannot resolve contributes nothing). */
function flattenColumns(file: string, entries: ColumnsEntry[], inputs: SchemaInputs, depth: number): ColumnSummary[] {
  const cols: ColumnSummary[] = [];
  for (const e of entries) {
    if ('spread' in e) {
      const v = depth < 5 ? inputs.resolver.resolve(file, e.spread) : { kind: 'unknown' as const };
      if (v.kind === 'columns') cols.push(...flattenColumns(v.file, v.entries, inputs, depth + 1));
    } else {
      const existing = cols.findIndex((c) => c.key === e.key);
      if (existing >= 0) cols.splice(existing, 1);
      cols.push(e);
    }
  }
  return cols;
}

/** Applies CREATE INDEX / DROP INDEX from migration SQL, in migration order, to the tables they name. */
function applyMigrations(tables: Table[], events: MigrationEvent[]): void {
  // A table whose name has an unknown part takes the indexes of every migration table its pattern matches (each
  // pattern compiled once, not once per statement).
  const patterns = new Map<Table, RegExp>();
  const namesTable = (t: Table, name: string): boolean => {
    if (!t.nameUnknown) return t.name === name;
    let re = patterns.get(t);
    if (!re) patterns.set(t, (re = new RegExp(t.nameUnknown.pattern)));
    return re.test(name);
  };
  for (const ev of events) {
    if (ev.kind === 'drop') {
      for (const t of tables) t.indexes = t.indexes.filter((i) => i.source !== 'migration' || !ev.names.includes(i.name));
      continue;
    }
    const { schema, table, index } = ev.value;
    for (const t of tables) {
      // An unqualified name is the public table (drizzle-kit qualifies every other schema's tables).
      if (!namesTable(t, table) || (schema ?? 'public') !== (t.schema ?? 'public')) continue;
      if (t.indexes.some((i) => i.name === index.name)) continue;
      t.indexes.push(index);
    }
  }
}
