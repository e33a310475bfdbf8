// Finds the query sites of a file: select/update/delete chains, `$count`, and relational `findMany`/`findFirst`.
import ts from 'typescript';
import type { ColumnRefCandidate, FilterExpr, JoinSummary, OrderTerm, QuerySiteSummary, Ref, RelationLoad, SiteKind, Span } from '../model';
import { type FileContext, NO_SCOPE, aliasTarget, candidateAt, refAt } from './fileContext';
import { summarizeFilter, summarizeOrderBy, summarizeRqbWhere } from './filters';
import { callerName } from './callerName';
import { callChainUp, methodName, propertyName, spanOf, unwrap } from './syntax';

const SELECT_METHODS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
const JOIN_METHODS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'innerJoinLateral', 'leftJoinLateral']);
const RQB_METHODS = new Set(['findMany', 'findFirst']);
/** `db.query` (`db._query` in drizzle 1.0). */
const QUERY_MEMBERS = new Set(['query', '_query']);
/** Members between a query's receiver and its method (`db.select().from`, `db.query.t.findMany`). */
const RECEIVER_STEPS = new Set([...SELECT_METHODS, ...QUERY_MEMBERS]);

export function findQuerySites(ctx: FileContext): QuerySiteSummary[] {
  const sites: QuerySiteSummary[] = [];
  for (const call of ctx.calls) {
    const site = siteAt(call, ctx);
    if (!site) continue;
    // Only a site with a filter, a join or a relation load can become a finding: only those need their caller.
    if (site.whereSpan || site.joins.length || site.with.length) site.caller = callerName(call);
    sites.push(site);
  }
  return sites;
}

function siteAt(call: ts.CallExpression, ctx: FileContext): QuerySiteSummary | undefined {
  const method = methodName(call);
  if (!method) return undefined;
  const callee = unwrap(call.expression) as ts.PropertyAccessExpression;
  if (method === 'from') {
    const receiver = unwrap(callee.expression);
    if (!ts.isCallExpression(receiver) || !SELECT_METHODS.has(methodName(receiver) ?? '')) return undefined;
    return chainSite('select', call, ctx);
  }
  if (method === 'update' || method === 'delete') {
    if (call.arguments.length !== 1) return undefined;
    return chainSite(method, call, ctx);
  }
  if (method === '$count') {
    const [t, f] = call.arguments;
    const table = t && tableRefOf(t, ctx);
    if (!table) return undefined;
    return {
      kind: 'count',
      table,
      where: f ? summarizeFilter(f, ctx, NO_SCOPE) : { kind: 'none' },
      whereSpan: f ? spanOf(f, ctx.sf) : null,
      joins: [],
      orderBy: [],
      hasLimit: false,
      limitValue: null,
      with: [],
      fields: 'all',
      set: null,
      receiver: receiverName(callee.expression),
      span: spanOf(call, ctx.sf),
    };
  }
  if (RQB_METHODS.has(method)) return rqbSite(method as 'findMany' | 'findFirst', call, callee, ctx);
  return undefined;
}

/** The table argument: a reference, or `alias(t, 'x')` / `aliasedTable(t, 'x')` around one. */
function tableRefOf(node: ts.Expression, ctx: FileContext): Ref | undefined {
  const n = unwrap(node);
  if (ts.isCallExpression(n)) {
    const target = aliasTarget(n, ctx);
    return target && refAt(target, ctx, NO_SCOPE);
  }
  return refAt(n, ctx, NO_SCOPE);
}

function chainSite(kind: SiteKind, first: ts.CallExpression, ctx: FileContext): QuerySiteSummary | undefined {
  const arg = first.arguments[0];
  const table = arg && tableRefOf(arg, ctx);
  if (!table) return undefined;
  let where: FilterExpr = { kind: 'none' };
  let whereSpan: Span | null = null;
  let whereKeyword: number | undefined;
  const joins: JoinSummary[] = [];
  let orderBy: OrderTerm[] = [];
  let hasLimit = false;
  let limitValue: number | null = null;
  let set: QuerySiteSummary['set'] = kind === 'update' ? 'unknown' : null;
  const chain = callChainUp(first);
  for (const call of chain.slice(1)) {
    const m = methodName(call);
    if (m === 'set' && kind === 'update') set = setKeys(call.arguments[0]);
    else if (m === 'where' && call.arguments[0]) {
      where = summarizeFilter(call.arguments[0], ctx, NO_SCOPE);
      whereSpan = spanOf(call.arguments[0], ctx.sf);
      whereKeyword = (unwrap(call.expression) as ts.PropertyAccessExpression).name.getStart(ctx.sf);
    } else if (m && JOIN_METHODS.has(m) && call.arguments.length >= 2) {
      const joined = tableRefOf(call.arguments[0], ctx);
      if (joined) {
        joins.push({ type: m, table: joined, on: summarizeFilter(call.arguments[1], ctx, NO_SCOPE), span: spanOf(call.arguments[1], ctx.sf) });
      }
    } else if (m === 'orderBy') {
      orderBy = summarizeOrderBy(call.arguments, ctx, NO_SCOPE);
    } else if (m === 'limit') {
      hasLimit = true;
      limitValue = numberOf(call.arguments[0]);
    }
  }
  const last = chain[chain.length - 1];
  const fields = kind === 'select' ? selectedFields(first, ctx) : 'all';
  const receiver = receiverName((unwrap(first.expression) as ts.PropertyAccessExpression).expression);
  return {
    kind,
    table,
    where,
    whereSpan,
    whereKeyword,
    joins,
    orderBy,
    hasLimit,
    limitValue,
    with: [],
    fields,
    set,
    receiver,
    span: { start: first.getStart(ctx.sf), end: last.getEnd() },
  };
}

/** The root of `db.select(...)`, `tx.update`, `this.db.query.x`: the identifier or last property name it starts from. */
function receiverName(node: ts.Expression): string | null {
  let n = unwrap(node);
  for (;;) {
    if (ts.isCallExpression(n)) n = unwrap(n.expression);
    else if (ts.isPropertyAccessExpression(n) && (ts.isCallExpression(unwrap(n.expression)) || RECEIVER_STEPS.has(n.name.text)))
      n = unwrap(n.expression);
    else break;
  }
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  return null;
}

/** `db.select()` -> all; `db.select({ id: t.id })` -> those columns; anything else unknown. */
function selectedFields(fromCall: ts.CallExpression, ctx: FileContext): QuerySiteSummary['fields'] {
  const selectCall = unwrap((unwrap(fromCall.expression) as ts.PropertyAccessExpression).expression) as ts.CallExpression;
  if (methodName(selectCall) !== 'select') return 'unknown';
  const arg = selectCall.arguments[0];
  if (!arg) return 'all';
  const obj = unwrap(arg);
  if (!ts.isObjectLiteralExpression(obj)) return 'unknown';
  const out: ColumnRefCandidate[] = [];
  for (const p of obj.properties) {
    const value = ts.isPropertyAssignment(p) ? candidateAt(p.initializer, ctx, NO_SCOPE) : undefined;
    if (!value) return 'unknown';
    out.push(value);
  }
  return out;
}

function numberOf(node: ts.Expression | undefined): number | null {
  const n = node && unwrap(node);
  return n && ts.isNumericLiteral(n) ? Number(n.text) : null;
}

function setKeys(arg: ts.Expression | undefined): string[] | 'unknown' {
  const obj = arg && unwrap(arg);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return 'unknown';
  const keys: string[] = [];
  for (const p of obj.properties) {
    const key = (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(p.name);
    if (!key) return 'unknown';
    keys.push(key);
  }
  return keys;
}

/** `db.query.<key>.findMany({ where, orderBy, limit })` (also `db._query` of drizzle 1.0). */
function rqbSite(
  kind: 'findMany' | 'findFirst',
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  ctx: FileContext,
): QuerySiteSummary | undefined {
  const tableAccess = unwrap(callee.expression);
  if (!ts.isPropertyAccessExpression(tableAccess)) return undefined;
  const queryAccess = unwrap(tableAccess.expression);
  if (!ts.isPropertyAccessExpression(queryAccess) || !QUERY_MEMBERS.has(queryAccess.name.text)) return undefined;
  const key = tableAccess.name.text;
  let where: FilterExpr = { kind: 'none' };
  let whereSpan: Span | null = null;
  let whereKeyword: number | undefined;
  let orderBy: OrderTerm[] = [];
  let hasLimit = kind === 'findFirst';
  let limitValue: number | null = kind === 'findFirst' ? 1 : null;
  let loads: RelationLoad[] = [];
  const opts = call.arguments[0] && unwrap(call.arguments[0]);
  if (opts && ts.isObjectLiteralExpression(opts)) {
    for (const p of opts.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propertyName(p.name);
      if (name === 'where') {
        where = summarizeRqbWhere(p.initializer, ctx, NO_SCOPE);
        whereSpan = spanOf(p.initializer, ctx.sf);
        whereKeyword = p.name.getStart(ctx.sf);
      } else if (name === 'orderBy') {
        orderBy = summarizeOrderBy([p.initializer], ctx, NO_SCOPE);
      } else if (name === 'limit') {
        hasLimit = true;
        limitValue = numberOf(p.initializer);
      } else if (name === 'with') {
        loads = relationLoads(p.initializer, ctx, 0);
      }
    }
  } else if (opts) {
    where = { kind: 'unknown', refs: [], opaque: true, span: spanOf(opts, ctx.sf) };
  }
  const receiver = receiverName(queryAccess.expression);
  const client = clientName(queryAccess.expression, ctx, 0);
  return {
    kind,
    table: { kind: 'rqb', key },
    where,
    whereSpan,
    whereKeyword,
    joins: [],
    orderBy,
    hasLimit,
    limitValue,
    with: loads,
    fields: 'all',
    set: null,
    receiver,
    client,
    span: spanOf(call, ctx.sf),
  };
}

/** `db` for `db.query`, and for `tx.query` inside `db.transaction(async (tx) => ...)` (nested transactions too). */
function clientName(node: ts.Expression, ctx: FileContext, depth: number): string | null {
  const n = unwrap(node);
  if (!ts.isIdentifier(n)) return receiverName(n);
  const d = ctx.scopes.lookup(n.text, n);
  if (d.kind !== 'param' || d.index !== 0 || d.path.length > 0 || depth > 4) return n.text;
  const call = d.fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== d.fn || methodName(call) !== 'transaction') return n.text;
  return clientName((unwrap(call.expression) as ts.PropertyAccessExpression).expression, ctx, depth + 1);
}

const MAX_WITH_DEPTH = 8;

/** `with: { members: true, posts: { where, with: { ... } } }`. */
function relationLoads(node: ts.Expression, ctx: FileContext, depth: number): RelationLoad[] {
  const obj = unwrap(node);
  if (!ts.isObjectLiteralExpression(obj) || depth > MAX_WITH_DEPTH) return [];
  const loads: RelationLoad[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyName(p.name);
    if (name === undefined) continue;
    for (const value of loadOptions(p.initializer)) {
      if (value.kind === ts.SyntaxKind.FalseKeyword) continue;
      const load: RelationLoad = { name, where: { kind: 'none' }, whereSpan: null, span: spanOf(p, ctx.sf), with: [] };
      if (ts.isObjectLiteralExpression(value)) {
        for (const q of value.properties) {
          if (!ts.isPropertyAssignment(q)) continue;
          const option = propertyName(q.name);
          if (option === 'where') {
            load.where = summarizeRqbWhere(q.initializer, ctx, NO_SCOPE);
            load.whereSpan = spanOf(q.initializer, ctx.sf);
          } else if (option === 'with') {
            load.with = relationLoads(q.initializer, ctx, depth + 1);
          }
        }
      }
      loads.push(load);
    }
  }
  return loads;
}

/** `posts: true`, `posts: { where }`; `posts: cond ? { where } : true` loads with the options written on some paths (the plain load adds nothing). */
function loadOptions(node: ts.Expression): ts.Expression[] {
  const value = unwrap(node);
  if (!ts.isConditionalExpression(value)) return [value];
  const options = [unwrap(value.whenTrue), unwrap(value.whenFalse)].filter(ts.isObjectLiteralExpression);
  return options.length > 0 ? options : [value];
}
