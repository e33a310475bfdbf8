// Reads a partial index's predicate (SQL text) into a Predicate.
import type { Literal, Predicate } from '../../model';
import { identifier } from './sqlStatements';

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
