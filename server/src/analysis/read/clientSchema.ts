// The schema objects a file hands to drizzle: `drizzle(client, { schema })`, `drizzle({ client, schema: { ...a, ...b } })`,
// and top-level objects built from tables (`export const schema = { ...tables, ...relations }`) that may be one.
// `db.query.<key>` is a key of that object, which is how relational queries name their table.
import ts from 'typescript';
import type { SchemaObjectEntry } from '../model';
import { type FileContext, constInit, importedFrom } from './fileContext';
import { propertyName, refOf, unwrap } from './syntax';

const MAX_DEPTH = 4;

export interface ClientSchema {
  entries: SchemaObjectEntry[];
  /** The module-scope variable the client is stored in (`const db = drizzle(...)`, `db = drizzle(...)` in a setup function). */
  variable: string | null;
}

/** The `schema` option of every drizzle() call in the file. */
export function findClientSchemas(ctx: FileContext): ClientSchema[] {
  const out: ClientSchema[] = [];
  for (const call of ctx.calls) {
    if (!isDrizzleClient(ctx, call.expression)) continue;
    for (const arg of call.arguments) {
      const a = unwrap(arg);
      if (!ts.isObjectLiteralExpression(a)) continue;
      for (const p of a.properties) {
        const entries =
          ts.isShorthandPropertyAssignment(p) && p.name.text === 'schema'
            ? schemaEntries(p.name, ctx, 0)
            : ts.isPropertyAssignment(p) && propertyName(p.name) === 'schema'
              ? schemaEntries(p.initializer, ctx, 0)
              : undefined;
        if (entries) out.push({ entries, variable: storedIn(call, ctx) });
      }
    }
  }
  return out;
}

/** `const db = drizzle(...)` at the top, or `db = drizzle(...)` anywhere where `db` is a variable of the module scope. */
function storedIn(call: ts.CallExpression, ctx: FileContext): string | null {
  let n: ts.Node = call;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isNonNullExpression(n.parent))
  )
    n = n.parent;
  const parent = n.parent;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === n && ts.isIdentifier(parent.name)) {
    return isModuleScope(parent.parent) ? parent.name.text : null;
  }
  if (
    parent &&
    ts.isBinaryExpression(parent) &&
    parent.right === n &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(parent.left)
  ) {
    return ctx.scopes.lookup(parent.left.text, parent.left).kind === 'module' ? parent.left.text : null;
  }
  return null;
}

function isModuleScope(list: ts.Node): boolean {
  return ts.isVariableDeclarationList(list) && !!list.parent && ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
}

/** Top-level `const x = { ...a, b, c: d }` made only of spreads and references: a schema object other files may import. */
export function objectEntries(init: ts.Expression, ctx: FileContext): SchemaObjectEntry[] | undefined {
  const n = unwrap(init);
  if (!ts.isObjectLiteralExpression(n) || n.properties.length === 0) return undefined;
  const entries = literalEntries(n, ctx, 0);
  return entries.some((e) => e.kind === 'unknown') ? undefined : entries;
}

function schemaEntries(node: ts.Expression, ctx: FileContext, depth: number): SchemaObjectEntry[] {
  const n = unwrap(node);
  if (ts.isObjectLiteralExpression(n)) return literalEntries(n, ctx, depth);
  // A local constant written in this file is read here; anything else is resolved across files later.
  if (ts.isIdentifier(n) && depth < MAX_DEPTH) {
    const init = constInit(ctx, n);
    if (init && ts.isObjectLiteralExpression(init)) return literalEntries(init, ctx, depth + 1);
  }
  const ref = refOf(n);
  return [ref ? { kind: 'spread', ref } : { kind: 'unknown' }];
}

function literalEntries(obj: ts.ObjectLiteralExpression, ctx: FileContext, depth: number): SchemaObjectEntry[] {
  const entries: SchemaObjectEntry[] = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) entries.push(...schemaEntries(p.expression, ctx, depth + 1));
    else if (ts.isShorthandPropertyAssignment(p)) entries.push({ kind: 'key', key: p.name.text, ref: { kind: 'ident', name: p.name.text } });
    else if (ts.isPropertyAssignment(p)) {
      const key = propertyName(p.name);
      const ref = refOf(p.initializer);
      entries.push(key !== undefined && ref ? { kind: 'key', key, ref } : { kind: 'unknown' });
    } else entries.push({ kind: 'unknown' });
  }
  return entries;
}

function isDrizzleClient(ctx: FileContext, callee: ts.Expression): boolean {
  return importedFrom(ctx, callee, ['drizzle']) === 'drizzle';
}
