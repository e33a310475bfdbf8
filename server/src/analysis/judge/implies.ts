// Whether a query's filter implies a partial index's predicate.
import type { Literal, Predicate } from '../model';

/** What a filter branch says about one column, as far as predicate implication goes. */
export interface ColumnFacts {
  /** Compared by a strict operator (=, IN, <, ...): the column cannot be NULL in matching rows. */
  notNull: boolean;
  isNull: boolean;
  /** Equal to this literal. */
  equals: Literal[];
}

/**
 * PostgreSQL uses a partial index only when it can prove the query's WHERE implies the index predicate.
 * Unknown predicates are assumed to be implied: we never alarm on doubt.
 */
export function implies(facts: Map<string, ColumnFacts>, p: Predicate | null): boolean {
  if (!p) return true;
  if (p.kind === 'unknown') return true;
  const f = facts.get(p.column);
  if (!f) return false;
  if (p.kind === 'eq') return f.equals.some((v) => v === p.value);
  return p.kind === 'isNotNull' ? f.notNull : f.isNull;
}
