// The snapshot entry drizzle-kit 0.31 writes for an index (verified against its own output).
import type { IndexSpec } from '../sqlText/indexDdl';
import { tableKey } from '../sqlText/identifiers';
import type { Snapshot } from '../schema/migrations/readMigrationsFolder';
import { type Result, failure } from '../model/result';

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

/**
 * The next snapshot: the previous one plus the new indexes (minus removed ones), chained by id; `snapshot-mismatch`
 * when the last snapshot lacks the table, already has the new index, or lacks the removed one.
 */
export function nextSnapshot(prev: Snapshot, id: string, add: IndexSpec[], remove: IndexSpec[]): Result<{ snapshot: Snapshot }, 'snapshot-mismatch'> {
  const next = JSON.parse(JSON.stringify(prev)) as Snapshot;
  next.id = id;
  next.prevId = prev.id;
  for (const spec of add) {
    const table = next.tables[tableKey(spec.table.schema, spec.table.name)];
    if (!table)
      return failure(
        'snapshot-mismatch',
        `table ${tableKey(spec.table.schema, spec.table.name)} is not in the last snapshot: run drizzle-kit generate for it first`,
      );
    if (table.indexes[spec.name]) return failure('snapshot-mismatch', `index ${spec.name} is already in the last snapshot`);
    table.indexes[spec.name] = snapshotIndex(spec);
  }
  for (const spec of remove) {
    const table = next.tables[tableKey(spec.table.schema, spec.table.name)];
    if (!table || !table.indexes[spec.name]) return failure('snapshot-mismatch', `index ${spec.name} is not in the last snapshot`);
    delete table.indexes[spec.name];
  }
  return { ok: true, snapshot: next };
}
