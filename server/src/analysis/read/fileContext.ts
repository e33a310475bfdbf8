// What the summarisers need to know about the file they read: its imports, its scopes, and how a reference reads.
import ts from 'typescript';
import type { ColumnRefCandidate, ImportBinding, Ref } from '../model';
import { DRIZZLE_FUNCTIONS, isDrizzleModule } from './operators';
import { Scopes } from './scope';
import { holdsAny, unwrap } from './syntax';

export interface FileContext {
  sf: ts.SourceFile;
  imports: Map<string, ImportBinding>;
  /** What a name stands for where it is written (the nearest enclosing declaration). */
  scopes: Scopes;
  /** Calls that may start a query (`.from(`, `.update(`, ...) or create a client (`drizzle(`), in source order. */
  calls: ts.CallExpression[];
  /** Names imported from a project module that re-exports drizzle-orm (`import { eq } from '@acme/db'`): local -> drizzle name. */
  operatorAliases: ReadonlyMap<string, string>;
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

const CALL_NAMES = new Set(['from', 'update', 'delete', '$count', 'findMany', 'findFirst', 'drizzle']);

/** Scope inside a relational-query callback `(t, { eq, and }) => ...`, or inside a condition helper being inlined. */
export interface CallbackScope {
  self: string | null;
  /** `({ ownerId }, { eq }) => ...`: local name -> column key of the callback's table. */
  fields: Map<string, string>;
  /** local name -> drizzle operator name */
  ops: Map<string, string>;
  opsObject: string | null;
  /** A local function whose single returned condition is being read in place of a call to it. */
  inlined: { fn: ts.SignatureDeclaration; args: readonly ts.Expression[]; outer: CallbackScope } | null;
}

export const NO_SCOPE: CallbackScope = { self: null, fields: new Map(), ops: new Map(), opsObject: null, inlined: null };

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

/**
 * The one walk over the whole tree: names assigned after their declaration, and the calls worth a closer look.
 * Subtrees whose text holds none of the call names and no `=` are not entered.
 */
export function collectCalls(sf: ts.SourceFile): { reassigned: Set<string>; calls: ts.CallExpression[] } {
  const reassigned = new Set<string>();
  const calls: ts.CallExpression[] = [];
  const marks = interestingOffsets(sf.text);
  const visit = (n: ts.Node): void => {
    if (marks && !holdsAny(marks, n.pos, n.end)) return;
    const kind = n.kind;
    if (kind === CALL_EXPRESSION) {
      const callee = (n as ts.CallExpression).expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name !== undefined && CALL_NAMES.has(name)) calls.push(n as ts.CallExpression);
    } else if (kind === BINARY_EXPRESSION) {
      const b = n as ts.BinaryExpression;
      if (b.operatorToken.kind === EQUALS_TOKEN && ts.isIdentifier(b.left)) reassigned.add(b.left.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { reassigned, calls };
}

const CALL_NAME_TEXT = /from|update|delete|\$count|findMany|findFirst|drizzle/g;
const CALL_EXPRESSION = ts.SyntaxKind.CallExpression;
const BINARY_EXPRESSION = ts.SyntaxKind.BinaryExpression;
const EQUALS_TOKEN = ts.SyntaxKind.EqualsToken;

/**
 * Sorted offsets of the call names and of each `=` that may be an assignment (not `==`, `!=`, `=>`); null where an
 * identifier may be written with an escape (`\u0066rom`), and everything must be walked.
 */
function interestingOffsets(text: string): number[] | null {
  if (text.includes('\\u')) return null;
  const names: number[] = [];
  for (const m of text.matchAll(CALL_NAME_TEXT)) names.push(m.index);
  // Both lists are in text order: merged, not sorted.
  const out: number[] = [];
  let k = 0;
  for (let i = text.indexOf('='); i >= 0; i = text.indexOf('=', i + 1)) {
    const prev = text.charCodeAt(i - 1);
    const next = text.charCodeAt(i + 1);
    if (prev === 61 /* = */ || prev === 33 /* ! */ || next === 61 || next === 62 /* > */) continue;
    while (k < names.length && names[k] < i) out.push(names[k++]);
    out.push(i);
  }
  while (k < names.length) out.push(names[k++]);
  return out;
}

export function makeFileContext(sf: ts.SourceFile, operatorAliases: ReadonlyMap<string, string> = NO_ALIASES): FileContext {
  const { reassigned, calls } = collectCalls(sf);
  return { sf, imports: collectImports(sf), scopes: new Scopes(reassigned), calls, operatorAliases };
}

/** Named imports of drizzle function names from other modules: whether they are drizzle's is decided by resolving them. */
export function foreignOperatorImports(imports: Map<string, ImportBinding>): string[] {
  const out: string[] = [];
  for (const [local, imp] of imports) if (!isDrizzleModule(imp.module) && DRIZZLE_FUNCTIONS.has(imp.name)) out.push(local);
  return out;
}

/** The constant an identifier stands for where it is written, when it is one (declared once, never reassigned). */
export function constInit(ctx: FileContext, id: ts.Identifier): ts.Expression | undefined {
  const d = ctx.scopes.lookup(id.text, id);
  return d.kind === 'const' ? unwrap(d.init) : undefined;
}

const SELF: Ref = { kind: 'self' };
const OPAQUE: Ref = { kind: 'opaque' };
const MAX_REF_DEPTH = 12;

/**
 * `a`, `a.b`, `a['b']` as a Ref, its root followed through local declarations to the module scope: a local
 * `const runs = schema.runs` becomes `schema.runs`, `const { posts } = schema` becomes `schema.posts`, a
 * callback's table parameter becomes `self`, a parameter or mutable local becomes opaque.
 */
export function refAt(node: ts.Expression, ctx: FileContext, scope: CallbackScope, depth = 0): Ref | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return identRef(n, ctx, scope, depth);
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name)) {
    const base = refAt(n.expression, ctx, scope, depth);
    return base ? { kind: 'member', base, name: n.name.text } : undefined;
  }
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) {
    const base = refAt(n.expression, ctx, scope, depth);
    return base ? { kind: 'member', base, name: n.argumentExpression.text } : undefined;
  }
  return undefined;
}

function identRef(id: ts.Identifier, ctx: FileContext, scope: CallbackScope, depth: number): Ref {
  if (depth > MAX_REF_DEPTH) return OPAQUE;
  const name = id.text;
  if (scope.self !== null && name === scope.self) return SELF;
  const field = scope.fields.get(name);
  if (field !== undefined) return { kind: 'member', base: SELF, name: field };
  const d = ctx.scopes.lookup(name, id);
  switch (d.kind) {
    case 'module':
      return { kind: 'ident', name };
    case 'const': {
      // Names of the module scope are read by name in the resolve stage (they may be exported and imported).
      if (d.topLevel) return { kind: 'ident', name };
      const init = unwrap(d.init);
      const aliased = ts.isCallExpression(init) ? aliasTarget(init, ctx) : undefined;
      return refAt(aliased ?? init, ctx, scope, depth + 1) ?? OPAQUE;
    }
    case 'destructured': {
      if (d.topLevel) return { kind: 'ident', name };
      const base = refAt(d.init, ctx, scope, depth + 1);
      return base ? withPath(base, d.path) : OPAQUE;
    }
    case 'param': {
      const inl = scope.inlined;
      const arg = inl && inl.fn === d.fn ? inl.args[d.index] : undefined;
      const base = arg && !ts.isSpreadElement(arg) ? refAt(arg, ctx, inl!.outer, depth + 1) : undefined;
      return base ? withPath(base, d.path) : OPAQUE;
    }
    default:
      return OPAQUE;
  }
}

function withPath(base: Ref, path: string[]): Ref {
  return path.reduce<Ref>((b, name) => ({ kind: 'member', base: b, name }), base);
}

/** `alias(t, 'x')` / `aliasedTable(t, 'x')`: the aliased table. */
export function aliasTarget(call: ts.CallExpression, ctx: FileContext): ts.Expression | undefined {
  const fn = drizzleFunction(ctx, NO_SCOPE, call.expression);
  return (fn === 'alias' || fn === 'aliasedTable') && call.arguments[0] ? call.arguments[0] : undefined;
}

/** `<table ref>.<key>` as a candidate column reference (whether it is one is decided when tables are resolved). */
export function candidateAt(node: ts.Expression, ctx: FileContext, scope: CallbackScope): ColumnRefCandidate | undefined {
  const ref = refAt(node, ctx, scope);
  return ref && ref.kind === 'member' ? { table: ref.base, key: ref.name } : undefined;
}

/** Every candidate column reference inside a subtree (for `sql` templates and unknown helpers). */
export function candidatesIn(node: ts.Node, ctx: FileContext, scope: CallbackScope): ColumnRefCandidate[] {
  const out: ColumnRefCandidate[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) || ts.isIdentifier(n)) {
      const c = candidateAt(n, ctx, scope);
      if (c) out.push(c);
      else if (ts.isPropertyAccessExpression(n)) visit(n.expression);
      return;
    }
    // Names of object properties are not references.
    if (ts.isPropertyAssignment(n)) return visit(n.initializer);
    // An awaited query has run before this one is built: its columns are not compared here, its result is a value.
    if (ts.isAwaitExpression(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
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

/** Reads `(t, { eq, and: both }) => ...` or `(t, ops) => ...`. */
export function callbackScope(fn: ts.SignatureDeclarationBase, outer: CallbackScope): CallbackScope {
  const scope: CallbackScope = {
    self: outer.self,
    fields: new Map(outer.fields),
    ops: new Map(outer.ops),
    opsObject: outer.opsObject,
    inlined: outer.inlined,
  };
  const [first, second] = fn.parameters;
  if (first && ts.isIdentifier(first.name)) {
    scope.self = first.name.text;
    scope.fields.clear();
  } else if (first && ts.isObjectBindingPattern(first.name)) {
    scope.self = null;
    scope.fields.clear();
    for (const el of first.name.elements) {
      const key = el.propertyName
        ? ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)
          ? el.propertyName.text
          : undefined
        : ts.isIdentifier(el.name)
          ? el.name.text
          : undefined;
      if (key !== undefined && ts.isIdentifier(el.name) && !el.dotDotDotToken) scope.fields.set(el.name.text, key);
    }
  }
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

/** The drizzle function (one of `names`) a callee names through this file's imports: `drizzle(...)`, `pg.index(...)`. */
export function importedFrom(ctx: FileContext, callee: ts.Expression, names: string[]): string | undefined {
  const n = unwrap(callee);
  if (ts.isIdentifier(n)) {
    const imp = ctx.imports.get(n.text);
    if (imp && isDrizzleModule(imp.module) && names.includes(imp.name)) return imp.name;
  } else if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
    const imp = ctx.imports.get(n.expression.text);
    if (imp && isDrizzleModule(imp.module) && imp.name === '*' && names.includes(n.name.text)) return n.name.text;
  }
  return undefined;
}
