// Whether a query's filter implies a partial index's predicate: PostgreSQL uses a partial index only when it can
// prove that implication from the query's WHERE. Drizzle sends values as parameters, and PostgreSQL plans such a
// statement with their values (a custom plan, the default): `status = $1` uses `WHERE status = 'active'` when $1
// is 'active'. A parameter is therefore undecided, never a plain "not implied".
import type { Literal, Predicate } from '../model';

/** What a filter branch says about one column, as far as predicate implication goes. */
export interface ColumnFacts {
  /** Compared by a strict operator (=, IN, <, <>, ...): the column cannot be NULL in matching rows. */
  notNull: boolean;
  isNull: boolean;
  /** Equal to each of these literals (`col = 'a'`). */
  equals: Literal[];
  /** In each of these literal lists (`col IN ('a', 'b')`). */
  inLists: Literal[][];
  /** Different from each of these literals (`col <> 'x'`, `col NOT IN ('x', 'y')`). */
  excludes: Literal[];
  /** Compared by `=` / IN with a value known only when the query runs (a parameter). */
  runtimeEquals: boolean;
  /** Compared by `<>` / NOT IN with a value known only when the query runs. */
  runtimeExcludes: boolean;
}

export type Implication = 'yes' | 'no' | 'unknown';

/** `col = 'a'`, `col <> 'a'`, `col IN (...)`, `col NOT IN (...)`. */
type ValuePredicate = Extract<Predicate, { value: Literal }> | Extract<Predicate, { values: Literal[] }>;
const isValuePredicate = (p: Predicate): p is ValuePredicate => 'value' in p || 'values' in p;

export function emptyFacts(): ColumnFacts {
  return { notNull: false, isNull: false, equals: [], inLists: [], excludes: [], runtimeEquals: false, runtimeExcludes: false };
}

/**
 * 'yes': the filter implies the predicate; 'no': it does not, or contradicts it (PostgreSQL will not use the
 * index); 'unknown': the predicate has a form we cannot decide (the index is possibly usable).
 */
export function implies(facts: Map<string, ColumnFacts>, p: Predicate | null): Implication {
  if (!p) return 'yes';
  switch (p.kind) {
    case 'unknown':
      return 'unknown';
    case 'and': {
      const parts = p.items.map((i) => implies(facts, i));
      return parts.includes('no') ? 'no' : parts.every((x) => x === 'yes') ? 'yes' : 'unknown';
    }
    case 'or': {
      const parts = p.items.map((i) => implies(facts, i));
      return parts.includes('yes') ? 'yes' : parts.every((x) => x === 'no') ? 'no' : 'unknown';
    }
    default:
      return impliesAtom(facts.get(p.column), p);
  }
}

/** The filter keeps no row the predicate keeps: the partial index holds none of the rows the query wants. */
export function contradicts(facts: Map<string, ColumnFacts>, p: Predicate | null): boolean {
  if (!p) return false;
  switch (p.kind) {
    case 'unknown':
      return false;
    case 'and':
      return p.items.some((i) => contradicts(facts, i));
    case 'or':
      return p.items.every((i) => contradicts(facts, i));
    default: {
      const f = facts.get(p.column);
      if (!f) return false;
      if (!isValuePredicate(p)) return p.kind === 'isNull' ? f.notNull : f.isNull;
      return contradictedByLiterals(f, p);
    }
  }
}

/** The set of values the column can take, when the filter pins it to literals. */
function possibleValues(f: ColumnFacts): Literal[] | null {
  let set: Literal[] | null = null;
  for (const v of f.equals) set = set ? set.filter((x) => same(x, v)) : [v];
  for (const list of f.inLists) set = set ? set.filter((x) => list.some((y) => same(x, y))) : [...list];
  return set;
}

function impliesAtom(f: ColumnFacts | undefined, p: Exclude<Predicate, { kind: 'unknown' | 'and' | 'or' }>): Implication {
  if (!f) return 'no';
  if (!isValuePredicate(p)) return (p.kind === 'isNull' ? f.isNull : f.notNull) ? 'yes' : 'no';
  if (impliedByLiterals(f, p)) return 'yes';
  if (contradictedByLiterals(f, p)) return 'no';
  const runtime = f.runtimeEquals || (f.runtimeExcludes && (p.kind === 'ne' || p.kind === 'notIn'));
  return runtime ? 'unknown' : 'no';
}

function impliedByLiterals(f: ColumnFacts, p: ValuePredicate): boolean {
  const values = possibleValues(f);
  switch (p.kind) {
    case 'eq':
      return values !== null && values.length > 0 && values.every((v) => same(v, p.value));
    case 'ne':
      return (values !== null && values.every((v) => !same(v, p.value))) || f.excludes.some((v) => same(v, p.value));
    case 'in':
      return values !== null && values.every((v) => p.values.some((x) => same(v, x)));
    case 'notIn':
      return (values !== null && values.every((v) => !p.values.some((x) => same(v, x)))) || p.values.every((x) => f.excludes.some((v) => same(v, x)));
  }
}

/** The literals the filter writes out leave no row the predicate keeps (`status = 'done'` for `WHERE status = 'active'`). */
function contradictedByLiterals(f: ColumnFacts, p: ValuePredicate): boolean {
  const values = possibleValues(f);
  if (values === null) return p.kind === 'eq' ? f.excludes.some((v) => same(v, p.value)) : false;
  const keeps = (v: Literal): boolean => {
    switch (p.kind) {
      case 'eq':
        return same(v, p.value);
      case 'ne':
        return !same(v, p.value);
      case 'in':
        return p.values.some((x) => same(v, x));
      case 'notIn':
        return !p.values.some((x) => same(v, x));
    }
  };
  return !values.some(keeps);
}

/** SQL literals and JavaScript values: `'1'` and 1, `'t'` and true compare equal as PostgreSQL would coerce them. */
function same(a: Literal, b: Literal): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const norm = (v: string | number | boolean) => {
    const s = String(v).toLowerCase();
    return s === 't' ? 'true' : s === 'f' ? 'false' : s;
  };
  return norm(a) === norm(b);
}

/** Columns a predicate pins to one value or to NULL (`status = 'x'`, `deleted_at IS NULL`), through ANDs. */
export function fixedColumns(p: Predicate | null): string[] {
  if (!p) return [];
  if (p.kind === 'and') return p.items.flatMap(fixedColumns);
  if (p.kind === 'eq' || p.kind === 'isNull' || (p.kind === 'in' && p.values.length === 1)) return [p.column];
  return [];
}
