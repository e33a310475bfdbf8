// Reads a partial index's predicate and decides whether a query's filter implies it.
import type { Literal, Predicate } from '../model';
import { identifier } from '../sql/statements';

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = String.raw`(?:${IDENT}\s*\.\s*){0,2}(${IDENT})`;
const NULL_TEST = new RegExp(String.raw`^\(*\s*${QUALIFIED}\s+IS\s+(NOT\s+)?NULL\s*\)*$`, 'i');
const EQUALS = new RegExp(String.raw`^\(*\s*${QUALIFIED}\s*=\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false)(?:\s*::\s*[\w ]+)?\s*\)*$`, 'i');

/** `"col" IS NOT NULL`, `table.col IS NULL`, `status = 'active'`; anything else is kept as unknown text. */
export function parsePredicate(text: string): Predicate {
  const t = text.trim();
  const nullTest = NULL_TEST.exec(t);
  if (nullTest) return { kind: nullTest[2] ? 'isNotNull' : 'isNull', column: identifier(nullTest[1]) };
  const eq = EQUALS.exec(t);
  if (eq) return { kind: 'eq', column: identifier(eq[1]), value: sqlLiteral(eq[2]) };
  return { kind: 'unknown', text: t };
}

function sqlLiteral(token: string): Literal {
  if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
  if (/^true$/i.test(token)) return true;
  if (/^false$/i.test(token)) return false;
  return Number(token);
}

export function predicateText(p: Predicate): string {
  switch (p.kind) {
    case 'isNotNull':
      return `"${p.column}" IS NOT NULL`;
    case 'isNull':
      return `"${p.column}" IS NULL`;
    case 'eq':
      return `"${p.column}" = ${typeof p.value === 'string' ? `'${p.value.replace(/'/g, "''")}'` : String(p.value)}`;
    default:
      return p.text;
  }
}

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
