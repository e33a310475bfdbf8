// Filters on few-valued columns only (booleans, enums): a plain index on them helps only when the value is rare.
import type { Evaluation } from '../model';
import { isLowCardinality } from '../judge/columnTraits';

/** Every filtered column is a boolean or enum-like: an index on them alone serves only a rare value. */
export function onlyFewValued(e: Evaluation): boolean {
  const columns = e.filter.filter((f) => f.kind !== 'other' && f.kind !== 'isNotNull').map((f) => e.table.columns.find((c) => c.sqlName === f.column));
  return columns.length > 0 && columns.every((c) => c !== undefined && isLowCardinality(c));
}
