// Reads a Drizzle filter expression (`and(eq(t.a, x), gt(t.b, y))`, RQB object filters) into a FilterExpr.
import ts from 'typescript';
import type { AtomKind, FilterExpr, Operand, OrderTerm, Span } from '../model';
import { type CallbackScope, type FileContext, callbackScope, candidateAt, candidatesIn, constInit, drizzleFunction } from './fileContext';
import { ATOM_OPERATORS, ORDER_OPERATORS, RQB_FIELD_OPERATORS, UNARY_OPERATORS } from './operators';
import { isFunctionExpr, isUndefinedLike, literalOf, propertyName, returnedExpression, spanOf, unwrap } from './syntax';

/** Deeper filters (or constants referring to each other in a cycle) are not statically known. */
const MAX_DEPTH = 32;

export function summarizeFilter(node: ts.Expression, ctx: FileContext, scope: CallbackScope, depth = 0): FilterExpr {
  const n = unwrap(node);
  const unknown = (opaque = true): FilterExpr => {
    const refs = candidatesIn(n, ctx, scope);
    return { kind: 'unknown', refs, opaque: opaque || refs.length === 0, span: spanOf(n, ctx.sf) };
  };
  if (depth > MAX_DEPTH) return unknown();
  if (isUndefinedLike(n)) return { kind: 'none' };

  if (ts.isIdentifier(n)) {
    const init = constInit(ctx, n);
    // An identifier that is a callback parameter, a function argument or a mutable variable is not known.
    if (!init || ts.isArrayLiteralExpression(init) || isFunctionExpr(init)) return unknown();
    return summarizeFilter(init, ctx, scope, depth + 1);
  }
  if (ts.isConditionalExpression(n)) {
    const a = n.whenTrue;
    const b = n.whenFalse;
    if (isUndefinedLike(b)) return { kind: 'optional', expr: summarizeFilter(a, ctx, scope, depth + 1) };
    if (isUndefinedLike(a)) return { kind: 'optional', expr: summarizeFilter(b, ctx, scope, depth + 1) };
    return { kind: 'or', items: [summarizeFilter(a, ctx, scope, depth + 1), summarizeFilter(b, ctx, scope, depth + 1)] };
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return { kind: 'optional', expr: summarizeFilter(n.right, ctx, scope, depth + 1) };
  }
  if (ts.isTaggedTemplateExpression(n)) return unknown(false);
  if (!ts.isCallExpression(n)) return unknown();

  const op = drizzleFunction(ctx, scope, n.expression);
  if (!op) return unknown();
  if (op === 'and' || op === 'or') {
    return { kind: op, items: summarizeArgs(n.arguments, ctx, scope, depth) };
  }
  if (op === 'not') {
    const inner = n.arguments[0] ? summarizeFilter(n.arguments[0], ctx, scope, depth + 1) : ({ kind: 'none' } as FilterExpr);
    return negate(inner);
  }
  if (op === 'sql' || op === 'exists' || op === 'notExists') return unknown(false);
  const atom = ATOM_OPERATORS[op];
  if (!atom) return unknown();
  const [l, r] = n.arguments;
  if (!l) return unknown();
  const left = operand(l, ctx, scope);
  const right = UNARY_OPERATORS.has(op) || !r ? undefined : operand(r, ctx, scope);
  const extra = op === 'between' && n.arguments[2] ? operand(n.arguments[2], ctx, scope) : undefined;
  const arr = r && unwrap(r);
  const arity = (op === 'inArray' || op === 'notInArray') && arr && ts.isArrayLiteralExpression(arr) && !arr.elements.some(ts.isSpreadElement) ? arr.elements.length : undefined;
  return { kind: 'atom', atom, op, left, right, extra, arity, span: spanOf(n, ctx.sf) };
}

function operand(node: ts.Expression, ctx: FileContext, scope: CallbackScope): Operand {
  const c = candidateAt(node, ctx, scope);
  if (c) return { kind: 'ref', ref: c.table, key: c.key };
  const lit = literalOf(node);
  if (lit) return { kind: 'literal', value: lit.value };
  return { kind: 'value', refs: candidatesIn(node, ctx, scope) };
}

/** `and(...conditions)`: elements of a local array literal are present on every path; pushed ones are optional. */
function summarizeArgs(args: ts.NodeArray<ts.Expression>, ctx: FileContext, scope: CallbackScope, depth: number): FilterExpr[] {
  const items: FilterExpr[] = [];
  for (const arg of args) {
    if (ts.isSpreadElement(arg)) {
      const target = unwrap(arg.expression);
      const arr = ts.isIdentifier(target) ? constInit(ctx, target) : ts.isArrayLiteralExpression(target) ? target : undefined;
      if (arr && ts.isArrayLiteralExpression(arr)) {
        items.push(...summarizeArgs(arr.elements, ctx, scope, depth + 1));
      } else {
        items.push({ kind: 'unknown', refs: [], opaque: true, span: spanOf(arg, ctx.sf) });
      }
      continue;
    }
    items.push(summarizeFilter(arg, ctx, scope, depth + 1));
  }
  return items;
}

/** Under `not(...)` no atom can drive an index scan; keep the columns (as `other`) and the unknowns. */
function negate(expr: FilterExpr): FilterExpr {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return { kind: 'and', items: expr.items.map(negate) };
    case 'optional':
      return { kind: 'optional', expr: negate(expr.expr) };
    case 'atom':
      return { ...expr, atom: 'other', op: `not:${expr.op}` };
    case 'field':
      return { ...expr, atom: 'other' };
    default:
      return expr;
  }
}

// ---------------------------------------------------------------- relational queries

/** `where` of `db.query.t.findMany({ where })`: a callback (v1), an SQL expression, or an object filter (v2). */
export function summarizeRqbWhere(node: ts.Expression, ctx: FileContext, scope: CallbackScope): FilterExpr {
  const n = unwrap(node);
  if (isFunctionExpr(n)) {
    const body = returnedExpression(n);
    if (!body) return { kind: 'unknown', refs: [], opaque: true, span: spanOf(n, ctx.sf) };
    return summarizeFilter(body, ctx, callbackScope(n, scope));
  }
  if (ts.isObjectLiteralExpression(n)) return summarizeObjectFilter(n, ctx, scope);
  return summarizeFilter(n, ctx, scope);
}

function summarizeObjectFilter(obj: ts.ObjectLiteralExpression, ctx: FileContext, scope: CallbackScope): FilterExpr {
  const items: FilterExpr[] = [];
  for (const prop of obj.properties) {
    const span = spanOf(prop, ctx.sf);
    if (ts.isShorthandPropertyAssignment(prop)) {
      items.push({ kind: 'field', atom: 'eq', key: prop.name.text, span });
      continue;
    }
    if (!ts.isPropertyAssignment(prop)) {
      items.push({ kind: 'unknown', refs: [], opaque: true, span });
      continue;
    }
    const key = propertyName(prop.name);
    if (key === undefined) {
      items.push({ kind: 'unknown', refs: [], opaque: true, span });
      continue;
    }
    const value = unwrap(prop.initializer);
    if (key === 'AND' || key === 'OR') {
      const parts = ts.isArrayLiteralExpression(value)
        ? value.elements.map((e) => (ts.isObjectLiteralExpression(unwrap(e)) ? summarizeObjectFilter(unwrap(e) as ts.ObjectLiteralExpression, ctx, scope) : unknownAt(e, ctx)))
        : [unknownAt(value, ctx)];
      items.push({ kind: key === 'AND' ? 'and' : 'or', items: parts });
    } else if (key === 'NOT') {
      items.push(negate(ts.isObjectLiteralExpression(value) ? summarizeObjectFilter(value, ctx, scope) : unknownAt(value, ctx)));
    } else if (key === 'RAW') {
      items.push({ kind: 'unknown', refs: [{ table: { kind: 'self' }, key: '*' }], opaque: false, span });
    } else {
      items.push(fieldFilter(key, value, span));
    }
  }
  return { kind: 'and', items };
}

function unknownAt(node: ts.Node, ctx: FileContext): FilterExpr {
  return { kind: 'unknown', refs: [], opaque: true, span: spanOf(node, ctx.sf) };
}

function fieldFilter(key: string, value: ts.Expression, span: Span): FilterExpr {
  if (isUndefinedLike(value)) return { kind: 'none' };
  const lit = literalOf(value);
  if (lit) return { kind: 'field', atom: 'eq', key, value: lit.value, span };
  if (!ts.isObjectLiteralExpression(value)) return { kind: 'field', atom: 'eq', key, span };
  // `{ gt: x, lt: y }`, field-level OR/AND/NOT, or a relation filter (columns of another table).
  const parts: FilterExpr[] = [];
  for (const p of value.properties) {
    const opName = ts.isPropertyAssignment(p) ? propertyName(p.name) : undefined;
    const atom: AtomKind | undefined = opName ? RQB_FIELD_OPERATORS[opName] : undefined;
    if (!atom || !ts.isPropertyAssignment(p)) {
      parts.push({ kind: 'field', atom: 'other', key, span });
      continue;
    }
    if ((opName === 'isNull' || opName === 'isNotNull') && literalOf(p.initializer)?.value === false) {
      parts.push({ kind: 'field', atom: 'other', key, span });
      continue;
    }
    const v = literalOf(p.initializer);
    parts.push({ kind: 'field', atom, key, value: v ? v.value : undefined, span });
  }
  return { kind: 'and', items: parts };
}

// ---------------------------------------------------------------- order by

/** `.orderBy(desc(t.a), t.b)` / RQB `orderBy: (t, { desc }) => [desc(t.a)]` / `{ createdAt: 'desc' }`. */
export function summarizeOrderBy(args: readonly ts.Expression[], ctx: FileContext, scope: CallbackScope): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const raw of args) {
    const arg = unwrap(raw);
    if (ts.isArrayLiteralExpression(arg)) {
      terms.push(...summarizeOrderBy(arg.elements, ctx, scope));
      continue;
    }
    if (isFunctionExpr(arg)) {
      const body = returnedExpression(arg);
      if (body) terms.push(...summarizeOrderBy([body], ctx, callbackScope(arg, scope)));
      continue;
    }
    if (ts.isObjectLiteralExpression(arg)) {
      for (const p of arg.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propertyName(p.name);
        const dir = literalOf(p.initializer)?.value;
        if (key && (dir === 'asc' || dir === 'desc')) terms.push({ table: { kind: 'self' }, key, direction: dir, explicit: true });
      }
      continue;
    }
    let direction: 'asc' | 'desc' = 'asc';
    let explicit = false;
    let target: ts.Expression = arg;
    if (ts.isCallExpression(arg)) {
      const op = drizzleFunction(ctx, scope, arg.expression);
      if (!op || !ORDER_OPERATORS.has(op) || !arg.arguments[0]) continue;
      direction = op === 'desc' ? 'desc' : 'asc';
      explicit = true;
      target = arg.arguments[0];
    }
    const c = candidateAt(target, ctx, scope);
    if (c) terms.push({ table: c.table, key: c.key, direction, explicit });
  }
  return terms;
}
