// Declared indexes against the workspace's queries and the database: which queries each index serves, which
// indexes nothing uses (no query, 0 scans), and where the database and the schema disagree (drift).
import type { IndexDef, Range, SiteReport, Table } from '../model';
import { createIndexSql, dropIndexSql } from '../sqlText/indexDdl';
import type { DatabaseIndex, TableStatistics } from './statistics';

export interface IndexUser {
  file: string;
  range: Range;
  verdict: 'served' | 'partly';
}

/** `tableId\0indexName` -> the query sites whose best index it is (served or partly served). */
export function indexUsers(sites: readonly SiteReport[]): Map<string, IndexUser[]> {
  const out = new Map<string, IndexUser[]>();
  for (const s of sites) {
    for (const e of s.evaluations) {
      if (!e.bestIndex || (e.verdict !== 'served' && e.verdict !== 'partly')) continue;
      const key = usageKey(e.table, e.bestIndex);
      const list = out.get(key) ?? [];
      if (!list.some((u) => u.file === s.file && u.range.start.line === s.range.start.line))
        list.push({ file: s.file, range: s.range, verdict: e.verdict });
      out.set(key, list);
    }
  }
  return out;
}

export function usageKey(table: Pick<Table, 'id'>, index: Pick<IndexDef, 'name'>): string {
  return `${table.id}\0${index.name}`;
}

/** Plain indexes declared in the schema source that no workspace query uses and the database never scanned. */
export function unusedIndexes(table: Table, users: Map<string, IndexUser[]>, stats: TableStatistics): { index: IndexDef; db: DatabaseIndex }[] {
  const out: { index: IndexDef; db: DatabaseIndex }[] = [];
  for (const index of table.indexes) {
    if (index.source !== 'index' || index.unique || !index.span) continue;
    const db = stats.indexes.find((d) => d.name === index.name);
    if (!db || db.scans > 0 || db.unique || db.constraint) continue;
    if ((users.get(usageKey(table, index)) ?? []).length > 0) continue;
    out.push({ index, db });
  }
  return out;
}

export interface Drift {
  /** In the database, declared nowhere (made by hand). */
  onlyInDatabase: DatabaseIndex[];
  /** Declared (schema or migrations), absent from the database (a migration not applied?). */
  missing: IndexDef[];
}

export function indexDrift(table: Table, stats: TableStatistics): Drift {
  const sameColumns = (a: (string | null)[], b: (string | null)[]) => a.length === b.length && a.every((c, i) => c !== null && c === b[i]);
  // Primary keys and unique constraints are named by PostgreSQL or drizzle-kit: match them by their columns.
  const same = (i: IndexDef, d: DatabaseIndex) =>
    i.name === d.name || ((d.constraint || d.primary) && (i.source === 'primaryKey' || i.source === 'unique') && sameColumns(i.columns, d.columns));
  return {
    onlyInDatabase: stats.indexes.filter((d) => !table.indexes.some((i) => same(i, d))),
    missing: table.indexes.filter((i) => !stats.indexes.some((d) => same(i, d))),
  };
}

/** One message for a table's drift, with the SQL that reconciles the database with the schema. */
export function driftMessage(table: Table, d: Drift): string | undefined {
  if (d.onlyInDatabase.length === 0 && d.missing.length === 0) return undefined;
  const parts = [`Indexes of ${table.name} differ from the database.`];
  if (d.onlyInDatabase.length) {
    parts.push(
      `In the database but declared nowhere: ${d.onlyInDatabase.map((x) => `"${x.name}" (${x.definition})`).join('; ')}. Declare ${d.onlyInDatabase.length === 1 ? 'it' : 'them'} in the schema, or drop: ${d.onlyInDatabase.map((x) => (x.constraint ? `ALTER TABLE … DROP CONSTRAINT "${x.name}";` : dropIndexSql({ table, name: x.name }))).join(' ')}`,
    );
  }
  if (d.missing.length) {
    const create = (i: IndexDef) =>
      i.source === 'primaryKey' || i.source === 'unique' || i.columns.some((c) => c === null)
        ? `"${i.name}" (${i.source})`
        : createIndexSql({ table, name: i.name, columns: i.columns as string[], where: i.whereText, predicate: null }, { unique: i.unique });
    parts.push(
      `Declared but missing from the database (a migration not applied?): ${d.missing.map((i) => `"${i.name}"`).join(', ')}. To create: ${d.missing.map(create).join(' ')}`,
    );
  }
  return parts.join(' ');
}
