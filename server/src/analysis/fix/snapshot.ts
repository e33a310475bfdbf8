// The snapshot entry drizzle-kit 0.31 writes for an index (verified against its own output).
import type { IndexSpec } from '../sqlText/indexDdl';
import type { Snapshot } from '../schema/migrations/readMigrationsFolder';

export function snapshotIndex(spec: IndexSpec): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    name: spec.name,
    columns: spec.columns.map((c) => ({ expression: c, isExpression: false, asc: true, nulls: 'last' })),
    isUnique: false,
  };
  if (spec.where) entry.where = spec.where;
  entry.concurrently = false;
  entry.method = 'btree';
  entry.with = {};
  return entry;
}

export function snapshotTableKey(spec: IndexSpec): string {
  return `${spec.table.schema ?? 'public'}.${spec.table.name}`;
}

/** The next snapshot: the previous one plus the new indexes (minus removed ones), chained by id. */
export function nextSnapshot(prev: Snapshot, id: string, add: IndexSpec[], remove: IndexSpec[]): { snapshot: Snapshot } | { error: string } {
  const next = JSON.parse(JSON.stringify(prev)) as Snapshot;
  next.id = id;
  next.prevId = prev.id;
  for (const spec of add) {
    const table = next.tables[snapshotTableKey(spec)];
    if (!table) return { error: `table ${snapshotTableKey(spec)} is not in the last snapshot: run drizzle-kit generate for it first` };
    if (table.indexes[spec.name]) return { error: `index ${spec.name} is already in the last snapshot` };
    table.indexes[spec.name] = snapshotIndex(spec);
  }
  for (const spec of remove) {
    const table = next.tables[snapshotTableKey(spec)];
    if (!table || !table.indexes[spec.name]) return { error: `index ${spec.name} is not in the last snapshot` };
    delete table.indexes[spec.name];
  }
  return { snapshot: next };
}
