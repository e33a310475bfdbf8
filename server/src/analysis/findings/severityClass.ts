// Which severity setting a finding takes. Unserved means PostgreSQL scans the table (Warning by default), except
// where the data or the query decides whether a new index pays: only few-valued columns are filtered (booleans,
// enums, NULL tests), or a partial index already serves the filter once the query states its predicate (a soft-delete
// or few-valued condition). Those are weighed like partly served filters (Information by default).
import type { Evaluation, Finding, Predicate } from '../model';
import { isLowCardinality, isSoftDeleteColumn } from '../judge/columnTraits';
import { columnOf, onlyFewValued } from './fewValued';

export function severityClass(e: Evaluation): Finding['severityClass'] {
  if (e.verdict === 'partly') return 'partly';
  return onlyFewValued(e) || predicateTheQueryCouldState(e) ? 'partly' : 'unserved';
}

/**
 * The unusable partial index's predicate is on soft-delete or few-valued columns only (`deleted_at IS NULL`,
 * `dry_run = false`, `status <> 'archived'`): a condition the query may well mean to state. A predicate on other
 * columns (`tenant_id IS NOT NULL`) is not one to suggest.
 */
function predicateTheQueryCouldState(e: Evaluation): boolean {
  const index = e.unusablePartial && e.table.indexes.find((i) => i.name === e.unusablePartial!.name);
  const columns = index ? predicateColumns(index.where) : null;
  return (
    columns !== null &&
    columns.length > 0 &&
    columns.every((name) => {
      const c = columnOf(e, name);
      return c !== undefined && (isSoftDeleteColumn(c) || isLowCardinality(c));
    })
  );
}

/** The columns a predicate tests; null when part of it cannot be read. */
function predicateColumns(p: Predicate | null): string[] | null {
  if (!p || p.kind === 'unknown') return null;
  if ('items' in p) {
    const parts = p.items.map(predicateColumns);
    return parts.every((x): x is string[] => x !== null) ? parts.flat() : null;
  }
  return [p.column];
}

/**
 * The finding in another severity class, its message ending with why; `why` writes names through `code`, plain in
 * the message and as Markdown code in the hover's sentence (capitalised).
 */
export function reclassified(f: Finding, severityClass: Finding['severityClass'], why: (code: (name: string) => string) => string): Finding {
  const hover = why((name) => `\`${name}\``);
  return { ...f, severityClass, message: `${f.message}; ${why((name) => name)}`, severityWhy: hover[0].toUpperCase() + hover.slice(1) };
}
