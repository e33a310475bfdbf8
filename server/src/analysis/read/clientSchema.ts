// The schema objects a file hands to drizzle: `drizzle(client, { schema })`, `drizzle({ client, schema: { ...a, ...b } })`,
// and top-level objects built from tables (`export const schema = { ...tables, ...relations }`) that may be one.
// `db.query.<key>` is a key of that object, which is how relational queries name their table.
import ts from 'typescript';
import type { SchemaObjectEntry } from '../model';
import { type FileContext, constInit } from './fileContext';
import { isDrizzleModule } from './operators';
import { propertyName, refOf, unwrap } from './syntax';

const MAX_DEPTH = 4;

/** The `schema` option of every drizzle() call in the file. */
export function findClientSchemas(ctx: FileContext): SchemaObjectEntry[][] {
  const out: SchemaObjectEntry[][] = [];
  for (const call of ctx.calls) {
    if (!isDrizzleClient(ctx, call.expression)) continue;
    for (const arg of call.arguments) {
      const a = unwrap(arg);
      if (!ts.isObjectLiteralExpression(a)) continue;
      for (const p of a.properties) {
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'schema') out.push(schemaEntries(p.name, ctx, 0));
        else if (ts.isPropertyAssignment(p) && propertyName(p.name) === 'schema') out.push(schemaEntries(p.initializer, ctx, 0));
      }
    }
  }
  return out;
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
  const n = unwrap(callee);
  if (ts.isIdentifier(n)) {
    const imp = ctx.imports.get(n.text);
    return !!imp && isDrizzleModule(imp.module) && imp.name === 'drizzle';
  }
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.name.text === 'drizzle') {
    const imp = ctx.imports.get(n.expression.text);
    return !!imp && isDrizzleModule(imp.module) && imp.name === '*';
  }
  return false;
}
