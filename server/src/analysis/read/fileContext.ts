// What the summarisers need to know about the file they read: its imports, and the constants declared in it.
import ts from 'typescript';
import type { ImportBinding, Ref } from '../model';
import { DRIZZLE_FUNCTIONS, isDrizzleModule } from './operators';
import { unwrap } from './syntax';

export interface FileContext {
  sf: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  /** name -> initializer of a `const`/`let` declared once in the file (at any depth); null when declared more than once. */
  inits: Map<string, ts.Expression | null>;
  /** Names assigned after their declaration (`x = ...`), whose initializer therefore does not tell their value. */
  reassigned: Set<string>;
  /** Calls that may start a query (`.from(`, `.update(`, ...) or create a client (`drizzle(`), in source order. */
  calls: ts.CallExpression[];
  /** Names imported from a project module that re-exports drizzle-orm (`import { eq } from '@acme/db'`): local -> drizzle name. */
  operatorAliases: ReadonlyMap<string, string>;
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

const CALL_NAMES = new Set(['from', 'update', 'delete', '$count', 'findMany', 'findFirst', 'drizzle']);

/** Scope inside a relational-query callback `(t, { eq, and }) => ...`. */
export interface CallbackScope {
  self: string | null;
  /** local name -> drizzle operator name */
  ops: Map<string, string>;
  opsObject: string | null;
}

export const NO_SCOPE: CallbackScope = { self: null, ops: new Map(), opsObject: null };

export function collectImports(sf: ts.SourceFile): Map<string, ImportBinding> {
  const imports = new Map<string, ImportBinding>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const module = st.moduleSpecifier.text;
    const clause = st.importClause;
    if (clause.name) imports.set(clause.name.text, { module, name: 'default' });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) imports.set(nb.name.text, { module, name: '*' });
    if (nb && ts.isNamedImports(nb)) {
      for (const el of nb.elements) {
        imports.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
      }
    }
  }
  return imports;
}

/** The one walk over the whole tree: constants, reassignments and the calls worth a closer look. */
export function collectInits(sf: ts.SourceFile): { inits: Map<string, ts.Expression | null>; reassigned: Set<string>; calls: ts.CallExpression[] } {
  const inits = new Map<string, ts.Expression | null>();
  const reassigned = new Set<string>();
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name !== undefined && CALL_NAMES.has(name)) calls.push(n);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const name = n.name.text;
      inits.set(name, inits.has(name) ? null : n.initializer);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      reassigned.add(n.left.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { inits, reassigned, calls };
}

export function makeFileContext(sf: ts.SourceFile, operatorAliases: ReadonlyMap<string, string> = NO_ALIASES): FileContext {
  return { sf, imports: collectImports(sf), ...collectInits(sf), operatorAliases };
}

/** Named imports of drizzle function names from other modules: whether they are drizzle's is decided by resolving them. */
export function foreignOperatorImports(imports: Map<string, ImportBinding>): string[] {
  const out: string[] = [];
  for (const [local, imp] of imports) if (!isDrizzleModule(imp.module) && DRIZZLE_FUNCTIONS.has(imp.name)) out.push(local);
  return out;
}

/** The constant an identifier stands for, when the file declares it once and never reassigns it. */
export function constInit(ctx: FileContext, name: string): ts.Expression | undefined {
  if (ctx.reassigned.has(name)) return undefined;
  const init = ctx.inits.get(name);
  return init ? unwrap(init) : undefined;
}

/** The drizzle-orm export a callee stands for (`eq`, `and`, `sql`, ...), or undefined for anything else. */
export function drizzleFunction(ctx: FileContext, scope: CallbackScope, callee: ts.Expression): string | undefined {
  const n = unwrap(callee);
  if (ts.isIdentifier(n)) {
    const fromScope = scope.ops.get(n.text);
    if (fromScope) return fromScope;
    const imp = ctx.imports.get(n.text);
    if (imp && isDrizzleModule(imp.module) && imp.name !== '*' && imp.name !== 'default') return imp.name;
    return imp ? ctx.operatorAliases.get(n.text) : undefined;
  }
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && ts.isIdentifier(n.name)) {
    const base = n.expression.text;
    if (scope.opsObject === base) return n.name.text;
    const imp = ctx.imports.get(base);
    if (imp && isDrizzleModule(imp.module) && imp.name === '*') return n.name.text;
  }
  return undefined;
}

/** Replaces the callback's table parameter by `self` so the resolver knows what it is. */
export function rebase(ref: Ref, scope: CallbackScope): Ref {
  if (ref.kind === 'ident') return scope.self !== null && ref.name === scope.self ? { kind: 'self' } : ref;
  if (ref.kind === 'member') return { kind: 'member', base: rebase(ref.base, scope), name: ref.name };
  return ref;
}

/** Reads `(t, { eq, and: both }) => ...` or `(t, ops) => ...`. */
export function callbackScope(fn: ts.SignatureDeclarationBase, outer: CallbackScope): CallbackScope {
  const scope: CallbackScope = { self: outer.self, ops: new Map(outer.ops), opsObject: outer.opsObject };
  const [first, second] = fn.parameters;
  if (first && ts.isIdentifier(first.name)) scope.self = first.name.text;
  if (second) {
    if (ts.isIdentifier(second.name)) scope.opsObject = second.name.text;
    else if (ts.isObjectBindingPattern(second.name)) {
      for (const el of second.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        scope.ops.set(el.name.text, prop);
      }
    }
  }
  return scope;
}
