// Reads `pgTable(name, columns, extraConfig)`-shaped calls: columns, constraints and indexes, as written.
import ts from 'typescript';
import type { ColumnSummary, ColumnsEntry, ExtraConfigSummary, ExtraItem, IndexColumnSummary, PredicateSummary, TableDeclSummary } from '../model';
import { type FileContext, NO_SCOPE, constInit, drizzleFunction, importedFrom } from './fileContext';
import { isDrizzleModule } from './operators';
import { isFunctionExpr, literalOf, objectProp, paramName, propertyName, refOf, returnedExpression, spanOf, stringOf, unwrap } from './syntax';

/** `const x = <factory>('name', { ... }, (t) => [...])`; whether the factory is really a table factory is decided later. */
export function tableDeclOf(decl: ts.VariableDeclaration, exported: boolean, ctx: FileContext): TableDeclSummary | undefined {
  if (!ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  let init = unwrap(decl.initializer);
  // `pgTable(...).enableRLS()` and similar trailing calls.
  while (
    ts.isCallExpression(init) &&
    ts.isPropertyAccessExpression(init.expression) &&
    ts.isCallExpression(unwrap(init.expression.expression)) &&
    init.expression.name.text === 'enableRLS'
  ) {
    init = unwrap(init.expression.expression);
  }
  if (!ts.isCallExpression(init) || init.arguments.length < 2) return undefined;
  const factory = tableFactoryRef(init.expression);
  if (!factory || importedFrom(ctx, init.expression, ['drizzle'])) return undefined;
  const [nameArg, columnsArg, extraArg] = init.arguments;
  // `f('name', g())` is common outside drizzle: columns from a call only where the factory looks like a table's.
  if (ts.isCallExpression(unwrap(columnsArg)) && !looksLikeTableFactory(factory, ctx)) return undefined;
  const columns = columnsOf(columnsArg, ctx);
  if (!columns) return undefined;
  const extra = extraArg ? extraConfigOf(extraArg, ctx) : null;
  return {
    local: decl.name.text,
    exported,
    factory,
    name: stringOf(nameArg) ?? null,
    columns,
    extra: extra ?? null,
    extraUnreadable: !!extraArg && !extra,
    span: spanOf(decl, ctx.sf),
    callSpan: spanOf(init, ctx.sf),
    columnsSpan: spanOf(columnsArg, ctx.sf),
  };
}

/** Imported from drizzle (`pgTable`), `schema.table`, or named like one (`createTable`, `shopTable`). */
function looksLikeTableFactory(factory: NonNullable<ReturnType<typeof tableFactoryRef>>, ctx: FileContext): boolean {
  if (factory.kind === 'ident') {
    const imp = ctx.imports.get(factory.name);
    if (imp && isDrizzleModule(imp.module)) return true;
  }
  return (factory.kind === 'ident' || factory.kind === 'member') && factory.name.toLowerCase().includes('table');
}

function tableFactoryRef(callee: ts.Expression) {
  const ref = refOf(callee);
  if (!ref) return undefined;
  // `pgTable.withRLS(...)` (drizzle 1.0) is still pgTable.
  if (ref.kind === 'member' && ref.name === 'withRLS') return ref.base;
  return ref;
}

/** The columns argument: an object literal, `(c) => ({ ... })`, or a call to a function returning the columns. */
function columnsOf(arg: ts.Expression, ctx: FileContext): ColumnsEntry[] | undefined {
  let n = unwrap(arg);
  if (ts.isCallExpression(n)) {
    const helper = refOf(n.expression);
    return helper ? [{ spread: helper }] : undefined;
  }
  if (isFunctionExpr(n)) {
    const body = returnedExpression(n, ctx.sf);
    if (!body) return undefined;
    n = unwrap(body);
  }
  if (!ts.isObjectLiteralExpression(n)) return undefined;
  return columnEntries(n, ctx);
}

export function columnEntries(obj: ts.ObjectLiteralExpression, ctx: FileContext): ColumnsEntry[] {
  const entries: ColumnsEntry[] = [];
  for (const prop of obj.properties) {
    if (ts.isSpreadAssignment(prop)) {
      // `...timestamps` or `...timestamps()`: the column set, or the function returning it.
      const spread = unwrap(prop.expression);
      const ref = refOf(ts.isCallExpression(spread) ? spread.expression : spread);
      if (ref) entries.push({ spread: ref });
      continue;
    }
    if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
    const key = propertyName(prop.name);
    if (key === undefined) continue;
    const value = ts.isPropertyAssignment(prop) ? prop.initializer : prop.name;
    entries.push(columnOf(key, value, spanOf(prop, ctx.sf), ctx));
  }
  return entries;
}

function columnOf(key: string, value: ts.Expression, span: ColumnSummary['span'], ctx: FileContext, depth = 0): ColumnSummary {
  const col: ColumnSummary = { key, sqlName: null, builder: 'unknown', notNull: false, primaryKey: false, unique: null, references: false, span };
  let n = unwrap(value);
  if (ts.isIdentifier(n) && depth < 3) {
    const init = constInit(ctx, n);
    if (init) return columnOf(key, init, span, ctx, depth + 1);
  }
  while (ts.isCallExpression(n)) {
    const callee = unwrap(n.expression);
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrap(callee.expression))) {
      const m = callee.name.text;
      if (m === 'notNull') col.notNull = true;
      else if (m === 'primaryKey') col.primaryKey = true;
      else if (m === 'unique') col.unique = { name: stringOf(n.arguments[0]) ?? null };
      else if (m === 'references') col.references = true;
      n = unwrap(callee.expression);
      continue;
    }
    col.builder = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : 'unknown';
    col.sqlName = stringOf(n.arguments[0]) ?? null;
    break;
  }
  return col;
}

// ---------------------------------------------------------------- extraConfig

function extraConfigOf(arg: ts.Expression, ctx: FileContext): ExtraConfigSummary | undefined {
  const fn = unwrap(arg);
  if (!isFunctionExpr(fn)) return undefined;
  const body = returnedExpression(fn, ctx.sf);
  if (!body) return undefined;
  const container = unwrap(body);
  const param = paramName(fn, 0);
  if (ts.isArrayLiteralExpression(container)) {
    return { form: 'array', param, items: arrayItems(container, param, ctx), containerSpan: spanOf(container, ctx.sf), span: spanOf(fn, ctx.sf) };
  }
  if (ts.isObjectLiteralExpression(container)) {
    const items = container.properties.map((p): ExtraItem => {
      if (ts.isPropertyAssignment(p)) return extraItemOf(p.initializer, param, ctx);
      return { kind: 'unknown', span: spanOf(p, ctx.sf) };
    });
    return { form: 'object', param, items, containerSpan: spanOf(container, ctx.sf), span: spanOf(fn, ctx.sf) };
  }
  return undefined;
}

function arrayItems(arr: ts.ArrayLiteralExpression, param: string | null, ctx: FileContext): ExtraItem[] {
  const items: ExtraItem[] = [];
  for (const el of arr.elements) {
    const e = unwrap(el);
    if (ts.isArrayLiteralExpression(e))
      items.push(...arrayItems(e, param, ctx)); // nested arrays (drizzle 1.0)
    else if (ts.isSpreadElement(e)) {
      const inner = unwrap(e.expression);
      if (ts.isArrayLiteralExpression(inner)) items.push(...arrayItems(inner, param, ctx));
      else if (ts.isCallExpression(inner)) items.push(extraItemOf(inner, param, ctx));
      else items.push({ kind: 'unknown', span: spanOf(e, ctx.sf) });
    } else items.push(extraItemOf(e, param, ctx));
  }
  return items;
}

/**
 * `function tenantIndexes(t) { return [index('x').on(t.tenantId)]; }` / `const rls = (t) => pgPolicy(...)`: the
 * items it returns, read with its first parameter as the table. Undefined when it returns nothing we can read.
 */
export function extraHelperOf(
  fn: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration,
  ctx: FileContext,
  body = returnedExpression(fn, ctx.sf),
): ExtraItem[] | undefined {
  if (!body) return undefined;
  const container = unwrap(body);
  const param = paramName(fn, 0);
  // At least one drizzle builder (index, unique, primaryKey, a policy...): a function returning `readFile(p)` or a
  // list of other calls is ordinary code, and reading it as a helper would make its file part of the schema.
  // A bare `sql` item is no builder: a function returning only `sql` statements is not a helper either.
  const isHelper = (items: ExtraItem[]) => items.some((i) => i.kind !== 'unknown' && i.kind !== 'call' && !(i.kind === 'ignored' && i.sql));
  if (ts.isArrayLiteralExpression(container)) {
    const items = arrayItems(container, param, ctx);
    return isHelper(items) ? items : undefined;
  }
  // Only a chain that starts with a builder can be one (most functions return some other call): no item is read.
  if (!ts.isCallExpression(container) || !BUILDERS.has(chainCalls(container).calls[0]?.name ?? '')) return undefined;
  const item = extraItemOf(container, param, ctx);
  return isHelper([item]) ? [item] : undefined;
}

/** Items that never create an index: foreign keys, checks, row-level-security policies (drizzle-orm/neon's too). */
export const IGNORED_BUILDERS: ReadonlySet<string> = new Set(['foreignKey', 'check', 'pgPolicy', 'crudPolicy']);
const BUILDERS = new Set([...IGNORED_BUILDERS, 'primaryKey', 'unique', 'index', 'uniqueIndex']);

/**
 * The calls of a chain, innermost first (`index`, `on`, `where` for `index('n').on(t.a).where(...)`), and the
 * innermost expression reached.
 */
function chainCalls(node: ts.Expression): { calls: { name: string; args: readonly ts.Expression[] }[]; innermost: ts.Expression } {
  const calls: { name: string; args: readonly ts.Expression[] }[] = [];
  let n = unwrap(node);
  while (ts.isCallExpression(n)) {
    const callee = unwrap(n.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    calls.unshift({ name, args: n.arguments });
    if (ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrap(callee.expression))) n = unwrap(callee.expression);
    else break;
  }
  return { calls, innermost: n };
}

/** Words of an `sql` item that something an index backs may stand behind. */
const INDEX_BACKED = /\b(?:index|unique|primary\s+key|exclude)\b/i;

/** One element of extraConfig, read from its call chain (`index('n').on(t.a).where(sql\`...\`)`). */
function extraItemOf(node: ts.Expression, param: string | null, ctx: FileContext): ExtraItem {
  const span = spanOf(node, ctx.sf);
  // A bare `` sql`CONSTRAINT ... CHECK (...)` ``: drizzle-kit writes nothing for it, so it adds no index; one whose
  // text speaks of something an index backs (an index, a unique, primary-key or exclusion constraint) may stand for
  // one created by hand: unknown.
  const raw = unwrap(node);
  if (ts.isTaggedTemplateExpression(raw) && drizzleFunction(ctx, NO_SCOPE, raw.tag) === 'sql')
    return INDEX_BACKED.test(raw.template.getText(ctx.sf)) ? { kind: 'unknown', span } : { kind: 'ignored', sql: true, span };
  const { calls, innermost: n } = chainCalls(node);
  const head = calls[0];
  if (!head) return { kind: 'unknown', span };
  if (head.name === 'foreignKey') {
    const opts = head.args[0] && unwrap(head.args[0]);
    const cols = opts && ts.isObjectLiteralExpression(opts) ? objectProp(opts, 'columns') : undefined;
    if (cols && ts.isArrayLiteralExpression(cols)) return { kind: 'ignored', foreignKey: cols.elements.map((c) => keyOf(c, param)), span };
  }
  if (IGNORED_BUILDERS.has(head.name)) return { kind: 'ignored', span };
  if (calls.length === 1 && !BUILDERS.has(head.name) && ts.isCallExpression(n)) {
    const callee = refOf(n.expression);
    if (!callee) return { kind: 'unknown', span };
    const tableArg = n.arguments.findIndex((a) => param !== null && ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === param);
    return { kind: 'call', callee, tableArg: tableArg >= 0 ? tableArg : null, span };
  }
  if (head.name === 'primaryKey') {
    const opts = head.args[0] && unwrap(head.args[0]);
    if (opts && ts.isObjectLiteralExpression(opts)) {
      const cols = objectProp(opts, 'columns');
      const name = stringOf(objectProp(opts, 'name'));
      if (cols && ts.isArrayLiteralExpression(cols))
        return { kind: 'primaryKey', name: name ?? null, keys: cols.elements.map((c) => keyOf(c, param)), span };
      return { kind: 'unknown', span };
    }
    return { kind: 'primaryKey', name: null, keys: head.args.map((c) => keyOf(c, param)), span };
  }
  if (head.name === 'unique') {
    const on = calls.find((c) => c.name === 'on');
    if (!on) return { kind: 'unknown', span };
    return { kind: 'unique', name: stringOf(head.args[0]) ?? null, keys: on.args.map((c) => keyOf(c, param)), span };
  }
  if (head.name === 'index' || head.name === 'uniqueIndex') {
    let method = 'btree';
    let columns: IndexColumnSummary[] | undefined;
    let where: PredicateSummary | null = null;
    for (const c of calls.slice(1)) {
      if (c.name === 'on' || c.name === 'onOnly') columns = c.args.map((a) => indexColumnOf(a, param));
      else if (c.name === 'using') {
        method = stringOf(c.args[0]) ?? 'unknown';
        columns = c.args.slice(1).map((a) => indexColumnOf(a, param));
      } else if (c.name === 'where' && c.args[0]) where = predicateOf(c.args[0], param);
    }
    if (!columns) return { kind: 'unknown', span };
    return { kind: 'index', unique: head.name === 'uniqueIndex', name: stringOf(head.args[0]) ?? null, method, columns, where, span };
  }
  return { kind: 'unknown', span };
}

/** `t.userId` -> 'userId' when `t` is the extraConfig parameter. */
function keyOf(node: ts.Expression, param: string | null): string | null {
  const ref = refOf(node);
  if (ref && ref.kind === 'member' && ref.base.kind === 'ident' && ref.base.name === param) return ref.name;
  return null;
}

const COLUMN_MODIFIERS = new Set(['asc', 'desc', 'nullsFirst', 'nullsLast', 'op']);

/** `t.a`, `t.a.desc().nullsFirst()`, `t.a.asc().op('uuid_ops')`; anything else is an expression column. */
function indexColumnOf(node: ts.Expression, param: string | null): IndexColumnSummary {
  // The sort order and operator class do not change which filters the index serves (PostgreSQL scans a
  // B-tree both ways), so only the column is kept.
  let n = unwrap(node);
  while (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
    if (!COLUMN_MODIFIERS.has(n.expression.name.text)) return { key: null };
    n = unwrap(n.expression.expression);
  }
  return { key: keyOf(n, param) };
}

function predicateOf(node: ts.Expression, param: string | null): PredicateSummary {
  const n = unwrap(node);
  if (ts.isTaggedTemplateExpression(n)) {
    const t = n.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return { kind: 'sql', parts: [t.text], keys: [] };
    const parts = [t.head.text];
    const keys: (string | null)[] = [];
    for (const s of t.templateSpans) {
      keys.push(keyOf(s.expression, param));
      parts.push(s.literal.text);
    }
    return { kind: 'sql', parts, keys };
  }
  if (ts.isCallExpression(n)) {
    const callee = unwrap(n.expression);
    const op = ts.isIdentifier(callee) ? callee.text : '';
    const key = n.arguments[0] ? keyOf(n.arguments[0], param) : null;
    if (key && (op === 'isNull' || op === 'isNotNull')) return { kind: 'op', atom: op, key };
    const lit = n.arguments[1] && literalOf(n.arguments[1]);
    if (key && op === 'eq' && lit) return { kind: 'op', atom: 'eq', key, value: lit.value };
  }
  return { kind: 'unknown' };
}
