// Reads a partial index's predicate (SQL text) into a Predicate with PostgreSQL's parser: AND/OR, =, <>, IN,
// NOT IN, IS [NOT] NULL, bare boolean columns, casts, quoted and qualified names. Anything else stays unknown.
import type { Literal, Predicate } from '../../model';
import { type SqlNode, parseStatements, stringValue } from './sqlParser';

export function parsePredicate(text: string): Predicate {
  const t = text.trim();
  const stmts = parseStatements(`SELECT 1 WHERE ${t}`);
  const select = stmts?.length === 1 ? (stmts[0].SelectStmt as SqlNode | undefined) : undefined;
  if (!select?.whereClause) return { kind: 'unknown', text: t };
  return predicateOf(select.whereClause as SqlNode) ?? { kind: 'unknown', text: t };
}

/** A WHERE clause node (from `SELECT ... WHERE` or `CREATE INDEX ... WHERE`) as a Predicate, or undefined. */
export function predicateOf(node: SqlNode): Predicate | undefined {
  if (node.BoolExpr) {
    const b = node.BoolExpr as { boolop: string; args: SqlNode[] };
    if (b.boolop === 'NOT_EXPR') {
      const col = columnOf(b.args[0]);
      return col ? { kind: 'eq', column: col, value: false } : undefined;
    }
    const items = b.args.map(predicateOf);
    if (items.some((i) => i === undefined)) return unknownOr(b.boolop === 'AND_EXPR' ? 'and' : 'or', items);
    return { kind: b.boolop === 'AND_EXPR' ? 'and' : 'or', items: items as Predicate[] };
  }
  if (node.NullTest) {
    const n = node.NullTest as { arg: SqlNode; nulltesttype: string };
    const col = columnOf(n.arg);
    return col ? { kind: n.nulltesttype === 'IS_NOT_NULL' ? 'isNotNull' : 'isNull', column: col } : undefined;
  }
  if (node.ColumnRef) {
    const col = columnOf(node);
    return col ? { kind: 'eq', column: col, value: true } : undefined;
  }
  if (node.A_Expr) {
    const e = node.A_Expr as { kind: string; name: unknown[]; lexpr: SqlNode; rexpr: SqlNode };
    const op = stringValue(e.name?.[0]);
    let col = columnOf(e.lexpr);
    let other = e.rexpr;
    if (!col && e.kind === 'AEXPR_OP') {
      col = columnOf(e.rexpr);
      other = e.lexpr;
    }
    if (!col) return undefined;
    if (e.kind === 'AEXPR_OP' && (op === '=' || op === '<>' || op === '!=')) {
      const v = literalOf(other);
      return v ? { kind: op === '=' ? 'eq' : 'ne', column: col, value: v.value } : undefined;
    }
    if (e.kind === 'AEXPR_IN' && (op === '=' || op === '<>')) {
      const items = ((other.List as { items?: SqlNode[] } | undefined)?.items ?? []).map(literalOf);
      if (items.length === 0 || items.some((i) => i === undefined)) return undefined;
      return { kind: op === '=' ? 'in' : 'notIn', column: col, values: items.map((i) => i!.value) };
    }
  }
  return undefined;
}

/** In an AND, an undecidable part leaves the rest decidable only as "unknown" (never as implied). */
function unknownOr(kind: 'and' | 'or', items: (Predicate | undefined)[]): Predicate {
  return { kind, items: items.map((i) => i ?? { kind: 'unknown', text: '?' }) };
}

/** `col`, `t.col`, `s.t.col` (quoted or not) -> col; casts around it are looked through. */
export function columnOf(node: SqlNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.TypeCast) return columnOf((node.TypeCast as { arg: SqlNode }).arg);
  const fields = (node.ColumnRef as { fields?: unknown[] } | undefined)?.fields;
  if (!fields?.length) return undefined;
  return stringValue(fields[fields.length - 1]);
}

function literalOf(node: SqlNode | undefined): { value: Literal } | undefined {
  if (!node) return undefined;
  if (node.TypeCast) return literalOf((node.TypeCast as { arg: SqlNode }).arg);
  const c = node.A_Const as Record<string, unknown> | undefined;
  if (!c) return undefined;
  if (c.isnull) return { value: null };
  if (c.sval) return { value: (c.sval as { sval?: string }).sval ?? '' };
  if (c.ival) return { value: (c.ival as { ival?: number }).ival ?? 0 };
  if (c.fval) return { value: Number((c.fval as { fval?: string }).fval) };
  if (c.boolval) return { value: (c.boolval as { boolval?: boolean }).boolval ?? false };
  return undefined;
}
