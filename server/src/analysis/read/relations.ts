// Reads relation declarations: `relations(users, ({ one, many }) => ({ ... }))` (drizzle 0.x) and
// `defineRelations(schema, (r) => ({ users: { posts: r.many.posts({ from, to }) } }))` (drizzle 1.0).
import ts from 'typescript';
import type { Ref, RelationSummary } from '../model';
import { type FileContext, NO_SCOPE, drizzleFunction, refAt } from './fileContext';
import { isFunctionExpr, objectProp, propertyName, returnedExpression, stringOf, unwrap } from './syntax';

export function findRelations(ctx: FileContext): RelationSummary[] {
  const out: RelationSummary[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const fn = drizzleFunction(ctx, NO_SCOPE, n.expression);
      if (fn === 'relations') out.push(...v1Relations(n, ctx));
      else if (fn === 'defineRelations' || fn === 'defineRelationsPart') out.push(...v2Relations(n));
    }
  };
  // Relations are declared at the top level (possibly exported, possibly `export default`).
  for (const st of ctx.sf.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (d.initializer) visit(unwrap(d.initializer));
    if (ts.isExportAssignment(st)) visit(unwrap(st.expression));
  }
  return out;
}

/** The object a relations callback returns: `(helpers) => ({ ... })`. */
function returnedObject(
  node: ts.Expression | undefined,
): { fn: ts.ArrowFunction | ts.FunctionExpression; obj: ts.ObjectLiteralExpression } | undefined {
  const fn = node && unwrap(node);
  if (!fn || !isFunctionExpr(fn)) return undefined;
  const body = returnedExpression(fn);
  const obj = body && unwrap(body);
  return obj && ts.isObjectLiteralExpression(obj) ? { fn, obj } : undefined;
}

function v1Relations(call: ts.CallExpression, ctx: FileContext): RelationSummary[] {
  const [tableArg, cb] = call.arguments;
  const source = tableArg && refAt(tableArg, ctx, NO_SCOPE);
  const ret = returnedObject(cb);
  if (!source || !ret) return [];
  // `({ one, many })` or `(h) => ({ x: h.many(t) })`.
  const helpers = new Map<string, 'one' | 'many'>();
  let helpersObject: string | null = null;
  const param = ret.fn.parameters[0];
  if (param && ts.isObjectBindingPattern(param.name)) {
    for (const el of param.name.elements) {
      const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
      if ((prop === 'one' || prop === 'many') && ts.isIdentifier(el.name)) helpers.set(el.name.text, prop);
    }
  } else if (param && ts.isIdentifier(param.name)) helpersObject = param.name.text;
  const out: RelationSummary[] = [];
  for (const p of ret.obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propertyName(p.name);
    const value = unwrap(p.initializer);
    if (name === undefined || !ts.isCallExpression(value)) continue;
    const callee = unwrap(value.expression);
    const kind = ts.isIdentifier(callee)
      ? helpers.get(callee.text)
      : ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          callee.expression.text === helpersObject &&
          (callee.name.text === 'one' || callee.name.text === 'many')
        ? callee.name.text
        : undefined;
    const target = value.arguments[0] && refAt(value.arguments[0], ctx, NO_SCOPE);
    if (!kind || !target) continue;
    const opts = value.arguments[1] && unwrap(value.arguments[1]);
    const config = opts && ts.isObjectLiteralExpression(opts) ? opts : undefined;
    out.push({
      source,
      name,
      kind,
      target,
      fields: config ? columnKeys(objectProp(config, 'fields'), ctx) : null,
      references: config ? columnKeys(objectProp(config, 'references'), ctx) : null,
      relationName: config ? (stringOf(objectProp(config, 'relationName')) ?? null) : null,
    });
  }
  return out;
}

/** `(r) => ({ users: { posts: r.many.posts({ from: r.users.id, to: r.posts.authorId, alias }) } })`. */
function v2Relations(call: ts.CallExpression): RelationSummary[] {
  const ret = returnedObject(call.arguments[1]);
  const param = ret?.fn.parameters[0];
  if (!ret || !param || !ts.isIdentifier(param.name)) return [];
  const r = param.name.text;
  const out: RelationSummary[] = [];
  for (const t of ret.obj.properties) {
    const sourceKey = ts.isPropertyAssignment(t) ? propertyName(t.name) : undefined;
    const entries = ts.isPropertyAssignment(t) ? unwrap(t.initializer) : undefined;
    if (sourceKey === undefined || !entries || !ts.isObjectLiteralExpression(entries)) continue;
    for (const p of entries.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const name = propertyName(p.name);
      const value = unwrap(p.initializer);
      if (name === undefined || !ts.isCallExpression(value)) continue;
      // r.many.posts(...) / r.one.users(...)
      const callee = unwrap(value.expression);
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const kindAccess = unwrap(callee.expression);
      if (!ts.isPropertyAccessExpression(kindAccess) || !ts.isIdentifier(kindAccess.expression) || kindAccess.expression.text !== r) continue;
      const kind = kindAccess.name.text;
      if (kind !== 'one' && kind !== 'many') continue;
      const opts = value.arguments[0] && unwrap(value.arguments[0]);
      const config = opts && ts.isObjectLiteralExpression(opts) ? opts : undefined;
      // Many-to-many through a junction table: not a lookup on one foreign key.
      if (config && ['from', 'to'].some((k) => containsCall(objectProp(config, k), 'through'))) continue;
      out.push({
        source: { kind: 'rqb', key: sourceKey },
        name,
        kind,
        target: { kind: 'rqb', key: callee.name.text },
        fields: config ? rColumnKeys(objectProp(config, 'from'), r) : null,
        references: config ? rColumnKeys(objectProp(config, 'to'), r) : null,
        relationName: config ? (stringOf(objectProp(config, 'alias')) ?? null) : null,
      });
    }
  }
  return out;
}

/** `[posts.authorId, posts.orgId]` -> ['authorId', 'orgId']; null when absent or not plain column references. */
function columnKeys(node: ts.Expression | undefined, ctx: FileContext): string[] | null {
  const arr = node && unwrap(node);
  if (!arr || !ts.isArrayLiteralExpression(arr)) return null;
  const keys: string[] = [];
  for (const el of arr.elements) {
    const ref: Ref | undefined = refAt(el, ctx, NO_SCOPE);
    if (!ref || ref.kind !== 'member') return null;
    keys.push(ref.name);
  }
  return keys;
}

/** `r.posts.authorId` or `[r.posts.a, r.posts.b]` -> column keys. */
function rColumnKeys(node: ts.Expression | undefined, r: string): string[] | null {
  const n = node && unwrap(node);
  if (!n) return null;
  const items = ts.isArrayLiteralExpression(n) ? [...n.elements] : [n];
  const keys: string[] = [];
  for (const el of items) {
    const e = unwrap(el);
    if (!ts.isPropertyAccessExpression(e)) return null;
    const table = unwrap(e.expression);
    if (!ts.isPropertyAccessExpression(table) || !ts.isIdentifier(table.expression) || table.expression.text !== r) return null;
    keys.push(e.name.text);
  }
  return keys;
}

function containsCall(node: ts.Expression | undefined, method: string): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === method) found = true;
    else ts.forEachChild(n, visit);
  };
  if (node) visit(node);
  return found;
}
