// The columns a finding is about, and whether they are all few-valued (booleans, enums): a plain index on those
// helps only when the value asked for is rare.
import type { Column, Evaluation } from '../model';
import { isLowCardinality, isSoftDeleteColumn } from '../judge/columnTraits';

/** The filtered columns an index could lead with: not `other`, not `IS NOT NULL`, not a soft-delete `IS NULL`. */
export function indexableColumns(e: Evaluation): string[] {
  const column = (name: string): Column | undefined => e.table.columns.find((c) => c.sqlName === name);
  const softDelete = (name: string) => {
    const c = column(name);
    return c !== undefined && isSoftDeleteColumn(c);
  };
  return [
    ...new Set(
      e.filter.filter((f) => f.kind !== 'other' && f.kind !== 'isNotNull' && !(f.kind === 'isNull' && softDelete(f.column))).map((f) => f.column),
    ),
  ];
}

/** Every indexable filtered column is a boolean or enum-like. */
export function onlyFewValued(e: Evaluation): boolean {
  const columns = indexableColumns(e).map((name) => e.table.columns.find((c) => c.sqlName === name));
  return columns.length > 0 && columns.every((c) => c !== undefined && isLowCardinality(c));
}
