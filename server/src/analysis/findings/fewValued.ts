// The columns a finding is about, and whether they are all few-valued (booleans, enums, or only tested for NULL):
// a plain index on those helps only when the value asked for is rare.
import type { Column, Evaluation } from '../model';
import { isLowCardinality, isSoftDeleteColumn, isTimeColumn, onlyNullTested } from '../judge/columnTraits';

/** The finding's table column of this SQL name. */
export function columnOf(e: Evaluation, name: string): Column | undefined {
  return e.table.columns.find((c) => c.sqlName === name);
}

/** The filtered columns an index could lead with: not `other`, not `IS NOT NULL`, not a soft-delete `IS NULL`. */
export function indexableColumns(e: Evaluation): string[] {
  const softDelete = (name: string) => {
    const c = columnOf(e, name);
    return c !== undefined && isSoftDeleteColumn(c);
  };
  return [
    ...new Set(
      e.filter.filter((f) => f.kind !== 'other' && f.kind !== 'isNotNull' && !(f.kind === 'isNull' && softDelete(f.column))).map((f) => f.column),
    ),
  ];
}

/**
 * Every indexable filtered column is a boolean or enum-like, or is only tested for NULL (a two-way split of the
 * rows), except a timestamp's `IS NULL`: work not done yet, usually the few rows a queue polls for.
 */
export function onlyFewValued(e: Evaluation): boolean {
  const names = indexableColumns(e);
  return (
    names.length > 0 &&
    names.every((name) => {
      const c = columnOf(e, name);
      // `sent_at IS NULL` on a queue or an outbox keeps the few rows not sent yet: selective, not few-valued.
      return c !== undefined && (isLowCardinality(c) || (onlyNullTested(e.filter, name) && !isTimeColumn(c)));
    })
  );
}
