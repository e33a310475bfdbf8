// Reads a Drizzle filter expression (`and(eq(t.a, x), gt(t.b, y))`, RQB object filters) into a FilterExpr.
import ts from 'typescript';
import type { AtomKind, FilterExpr, Operand, OrderTerm, Span } from '../model';
import { type CallbackScope, type FileContext, callbackScope, candidateAt, candidatesIn, constInit, drizzleFunction } from './fileContext';
import { ATOM_OPERATORS, ORDER_OPERATORS, RQB_FIELD_OPERATORS, UNARY_OPERATORS } from './operators';
import { isFunctionExpr, isUndefinedLike, literalOf, propertyName, returnedExpression, spanOf, unwrap } from './syntax';

/** Deeper filters (or constants referring to each other in a cycle) are not statically known. */
const MAX_DEPTH = 32;

/** A filter that is not statically known, with the column references written in it. */
function unknownFilter(n: ts.Expression, ctx: FileContext, scope: CallbackScope, opaque = true): FilterExpr {
  const refs = candidatesIn(n, ctx, scope);
  return { kind: 'unknown', refs, opaque: opaque || refs.length === 0, span: spanOf(n, ctx.sf) };
}

export function summarizeFilter(node: ts.Expression, ctx: FileContext, scope: CallbackScope, depth = 0): FilterExpr {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return unknownFilter(n, ctx, scope);
  // Nearly every filter is a call: the tests for the other forms are not made for one.
  if (!ts.isCallExpression(n)) return summarizeNonCall(n, ctx, scope, depth);
  if (constantSql(n, ctx, scope) === false) return { kind: 'false' };

  const op = drizzleFunction(ctx, scope, n.expression);
  if (!op) {
    const inlined = inlineHelper(n, ctx, scope, depth);
    return inlined && inlined.kind !== 'unknown' ? inlined : unknownFilter(n, ctx, scope);
  }
  if (op === 'and') return { kind: 'and', items: summarizeArgs(n.arguments, ctx, scope, depth) };
  if (op === 'or') return { kind: 'or', items: summarizeArgs(n.arguments, ctx, scope, depth), leavesOutUndefined: true };
  if (op === 'not') {
    const inner = n.arguments[0] ? summarizeFilter(n.arguments[0], ctx, scope, depth + 1) : ({ kind: 'none' } as FilterExpr);
    return negate(inner);
  }
  if (op === 'sql' || op === 'exists' || op === 'notExists') return unknownFilter(n, ctx, scope, false);
  const atom = ATOM_OPERATORS[op];
  if (!atom) return unknownFilter(n, ctx, scope);
  const [l, r] = n.arguments;
  if (!l) return unknownFilter(n, ctx, scope);
  const left = operand(l, ctx, scope);
  const right = UNARY_OPERATORS.has(op) || !r ? undefined : operand(r, ctx, scope);
  const extra = op === 'between' && n.arguments[2] ? operand(n.arguments[2], ctx, scope) : undefined;
  const arr = r && unwrap(r);
  const list =
    (op === 'inArray' || op === 'notInArray') && arr && ts.isArrayLiteralExpression(arr) && !arr.elements.some(ts.isSpreadElement)
      ? arr.elements
      : undefined;
  const arity = list?.length;
  const literals = list?.map((e) => literalOf(e));
  const values = literals && literals.every((l) => l !== undefined) ? literals.map((l) => l.value) : undefined;
  return { kind: 'atom', atom, op, left, right, extra, arity, values, span: spanOf(n, ctx.sf) };
}

/** A filter written as something other than a call: a name, `conds[0]`, `c ? p : q`, `c && p`, a template. */
function summarizeNonCall(n: ts.Expression, ctx: FileContext, scope: CallbackScope, depth: number): FilterExpr {
  if (isUndefinedLike(n)) return { kind: 'none' };

  if (ts.isIdentifier(n)) {
    const arg = inlinedArgument(n, ctx, scope);
    if (arg) return summarizeFilter(arg, ctx, scope.inlined!.outer, depth + 1);
    const init = constInit(ctx, n);
    // An identifier that is a callback parameter, a function argument or a mutable variable is not known.
    if (!init || ts.isArrayLiteralExpression(init) || isFunctionExpr(init)) return unknownFilter(n, ctx, scope);
    return summarizeFilter(init, ctx, scope, depth + 1);
  }
  // `conds[0]` on a constant array literal.
  const element = ts.isElementAccessExpression(n) ? constElement(n, ctx) : undefined;
  if (element) return summarizeFilter(element, ctx, scope, depth + 1);
  if (ts.isConditionalExpression(n)) {
    const a = n.whenTrue;
    const b = n.whenFalse;
    // `cond ? p : undefined` and `cond ? p : sql\`true\``: p holds on some paths only.
    const optional = (present: ts.Expression, absent: ts.Expression): FilterExpr | undefined => {
      if (isUndefinedLike(absent)) return { kind: 'optional', expr: summarizeFilter(present, ctx, scope, depth + 1) };
      if (constantSql(absent, ctx, scope) === true)
        return { kind: 'optional', expr: summarizeFilter(present, ctx, scope, depth + 1), absentIsTrue: true };
      return undefined;
    };
    const either = optional(a, b) ?? optional(b, a);
    return either ?? { kind: 'or', items: [summarizeFilter(a, ctx, scope, depth + 1), summarizeFilter(b, ctx, scope, depth + 1)] };
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return { kind: 'optional', expr: summarizeFilter(n.right, ctx, scope, depth + 1) };
  }
  if (constantSql(n, ctx, scope) === false) return { kind: 'false' };
  if (ts.isTaggedTemplateExpression(n)) return unknownFilter(n, ctx, scope, false);
  return unknownFilter(n, ctx, scope);
}

/** `` sql`true` ``, `` sql`1 = 0` ``, `sql.raw('false')`: a constant condition (true / false), else undefined. */
function constantSql(node: ts.Expression, ctx: FileContext, scope: CallbackScope): boolean | undefined {
  const n = unwrap(node);
  const text =
    ts.isTaggedTemplateExpression(n) && ts.isNoSubstitutionTemplateLiteral(n.template) && drizzleFunction(ctx, scope, n.tag) === 'sql'
      ? n.template.text
      : ts.isCallExpression(n) &&
          ts.isPropertyAccessExpression(n.expression) &&
          n.expression.name.text === 'raw' &&
          drizzleFunction(ctx, scope, n.expression.expression) === 'sql' &&
          n.arguments[0] &&
          ts.isStringLiteralLike(n.arguments[0])
        ? n.arguments[0].text
        : undefined;
  if (text === undefined) return undefined;
  if (/^\s*(true|1\s*=\s*1)\s*$/i.test(text)) return true;
  if (/^\s*(false|1\s*=\s*0|0\s*=\s*1)\s*$/i.test(text)) return false;
  return undefined;
}

function operand(node: ts.Expression, ctx: FileContext, scope: CallbackScope): Operand {
  const c = candidateAt(node, ctx, scope);
  if (c) return { kind: 'ref', ref: c.table, key: c.key };
  const lit = literalOf(node);
  if (lit) return { kind: 'literal', value: lit.value };
  // A plain name that is no column reference (a parameter, a constant) holds none: not read a second time.
  return { kind: 'value', refs: ts.isIdentifier(node) ? [] : candidatesIn(node, ctx, scope) };
}

/**
 * `and(...conditions)`: elements of a local array literal are present on every path (pushed ones are optional,
 * and not read); `...(c ? [x] : [])` is an optional x.
 */
function summarizeArgs(args: readonly ts.Expression[], ctx: FileContext, scope: CallbackScope, depth: number): FilterExpr[] {
  const items: FilterExpr[] = [];
  for (const arg of args) {
    if (ts.isSpreadElement(arg)) {
      items.push(...spreadItems(arg, ctx, scope, depth));
      continue;
    }
    items.push(summarizeFilter(arg, ctx, scope, depth + 1));
  }
  return items;
}

function spreadItems(arg: ts.SpreadElement, ctx: FileContext, scope: CallbackScope, depth: number): FilterExpr[] {
  const opaque: FilterExpr = { kind: 'unknown', refs: [], opaque: true, span: spanOf(arg, ctx.sf) };
  if (depth > MAX_DEPTH) return [opaque];
  const arrayOf = (e: ts.Expression): ts.ArrayLiteralExpression | undefined => {
    const t = unwrap(e);
    const arr = ts.isIdentifier(t) ? constInit(ctx, t) : t;
    return arr && ts.isArrayLiteralExpression(arr) ? arr : undefined;
  };
  const target = unwrap(arg.expression);
  if (ts.isConditionalExpression(target)) {
    const a = arrayOf(target.whenTrue);
    const b = arrayOf(target.whenFalse);
    if (!a || !b) return [opaque];
    const whenTrue: FilterExpr = { kind: 'and', items: summarizeArgs(a.elements, ctx, scope, depth + 1) };
    const whenFalse: FilterExpr = { kind: 'and', items: summarizeArgs(b.elements, ctx, scope, depth + 1) };
    if (b.elements.length === 0) return [{ kind: 'optional', expr: whenTrue }];
    if (a.elements.length === 0) return [{ kind: 'optional', expr: whenFalse }];
    return [{ kind: 'or', items: [whenTrue, whenFalse] }];
  }
  const arr = arrayOf(target);
  if (arr) return summarizeArgs(arr.elements, ctx, scope, depth + 1);
  // `...activeConditions()`: a function of this file returning an array literal of conditions.
  const helper = ts.isCallExpression(target) ? helperBody(target, scope, ctx) : undefined;
  const returned = helper && unwrap(helper.body);
  return returned && ts.isArrayLiteralExpression(returned) ? summarizeArgs(returned.elements, ctx, helper.scope, depth + 1) : [opaque];
}

/** `conds[1]` where `conds` is a constant array literal with no spread up to that element. */
function constElement(n: ts.ElementAccessExpression, ctx: FileContext): ts.Expression | undefined {
  const base = unwrap(n.expression);
  const index = unwrap(n.argumentExpression);
  if (!ts.isIdentifier(base) || !ts.isNumericLiteral(index)) return undefined;
  const arr = constInit(ctx, base);
  const i = Number(index.text);
  if (!arr || !ts.isArrayLiteralExpression(arr) || arr.elements.slice(0, i + 1).some(ts.isSpreadElement)) return undefined;
  return arr.elements[i];
}

/**
 * A call to a function of this file whose body is a single `return <condition>` (`function mine(u) { return
 * eq(t.ownerId, u); }`): its condition, with the parameters standing for the arguments. One level only.
 */
function inlineHelper(call: ts.CallExpression, ctx: FileContext, scope: CallbackScope, depth: number): FilterExpr | undefined {
  const helper = helperBody(call, scope, ctx);
  return helper && summarizeFilter(helper.body, ctx, helper.scope, depth + 1);
}

/** Helpers calling helpers (`...active()` inside `all()`) are read this deep. */
const MAX_INLINED = 3;

/** The returned expression of a local function called here, and the scope that reads its parameters as the arguments. */
function helperBody(call: ts.CallExpression, scope: CallbackScope, ctx: FileContext): { body: ts.Expression; scope: CallbackScope } | undefined {
  const callee = unwrap(call.expression);
  if (inlinedDepth(scope) >= MAX_INLINED || !ts.isIdentifier(callee)) return undefined;
  const d = ctx.scopes.lookup(callee.text, callee);
  const init = d.kind === 'const' ? unwrap(d.init) : undefined;
  const fn = d.kind === 'function' ? d.fn : init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
  if (!fn) return undefined;
  const body = returnedExpression(fn, ctx.sf);
  if (!body) return undefined;
  return { body, scope: { self: null, fields: new Map(), ops: new Map(), opsObject: null, inlined: { fn, args: call.arguments, outer: scope } } };
}

function inlinedDepth(scope: CallbackScope): number {
  let n = 0;
  for (let s = scope.inlined; s; s = s.outer.inlined) n++;
  return n;
}

/** A parameter of the helper being inlined: the argument written at the call. */
function inlinedArgument(id: ts.Identifier, ctx: FileContext, scope: CallbackScope): ts.Expression | undefined {
  const inl = scope.inlined;
  if (!inl) return undefined;
  const d = ctx.scopes.lookup(id.text, id);
  if (d.kind !== 'param' || d.fn !== inl.fn || d.path.length > 0) return undefined;
  const arg = inl.args[d.index];
  return arg && !ts.isSpreadElement(arg) ? arg : undefined;
}

/**
 * Under `not(...)` no atom can drive an index scan; keep the columns (as `other`, with the negated operator for
 * partial-index implication) and the unknowns. De Morgan: `not(and(a, b))` is `or(not a, not b)`, `not(or(a, b))`
 * is `and(not a, not b)`.
 */
function negate(expr: FilterExpr): FilterExpr {
  switch (expr.kind) {
    case 'and':
      return { kind: 'or', items: expr.items.map(negate) };
    case 'or':
      return { kind: 'and', items: expr.items.map(negate) };
    case 'optional':
      return { ...expr, expr: negate(expr.expr) };
    case 'atom':
      return { ...expr, atom: 'other', op: `not:${expr.op}` };
    case 'field':
      return { ...expr, atom: 'other' };
    case 'false':
      return { kind: 'none' };
    default:
      return expr;
  }
}

// ---------------------------------------------------------------- relational queries

/** `where` of `db.query.t.findMany({ where })`: a callback (v1), an SQL expression, or an object filter (v2). */
export function summarizeRqbWhere(node: ts.Expression, ctx: FileContext, scope: CallbackScope): FilterExpr {
  const n = unwrap(node);
  if (isFunctionExpr(n)) {
    const body = returnedExpression(n, ctx.sf);
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
        ? value.elements.map((e) =>
            ts.isObjectLiteralExpression(unwrap(e)) ? summarizeObjectFilter(unwrap(e) as ts.ObjectLiteralExpression, ctx, scope) : unknownAt(e, ctx),
          )
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
      const body = returnedExpression(arg, ctx.sf);
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
