// Filters on few-valued columns only (booleans, enums): a plain index on them helps only when the value is rare.
import type { Evaluation, FilterColumn } from '../model';
import { isLowCardinality, isSoftDeleteColumn } from '../judge/columnTraits';

/** Every filtered column is a boolean or enum-like (soft-delete tests aside, true for nearly every row anyway). */
export function onlyFewValued(e: Evaluation): boolean {
  const column = (f: FilterColumn) => e.table.columns.find((c) => c.sqlName === f.column);
  const softDelete = (f: FilterColumn) => f.kind === 'isNull' && !!column(f) && isSoftDeleteColumn(column(f)!);
  const columns = e.filter.filter((f) => f.kind !== 'other' && f.kind !== 'isNotNull' && !softDelete(f)).map(column);
  return columns.length > 0 && columns.every((c) => c !== undefined && isLowCardinality(c));
}
