// The name a query site is reached by: the innermost named function, method or function-valued variable or
// property that encloses it. A site whose function nothing in the workspace names is never run by the workspace's
// own code (workspace/nameReferences.ts counts the names).
import ts from 'typescript';
import { kindTable } from './syntax';

/**
 * Entry points a framework or runtime calls by convention, never by a name in the workspace: route handlers
 * (Next.js, Remix, SvelteKit, Hono), data loaders, lifecycle hooks, migration steps and script mains.
 */
const CALLED_BY_CONVENTION = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'loader',
  'action',
  'load',
  'middleware',
  'handler',
  'main',
  'up',
  'down',
  'getServerSideProps',
  'getStaticProps',
  'getStaticPaths',
  'generateMetadata',
  'generateStaticParams',
  'constructor',
  // SvelteKit hooks, Next.js instrumentation, Workers' handlers, NestJS lifecycle hooks.
  'handle',
  'handleError',
  'handleFetch',
  'register',
  'fetch',
  'scheduled',
  'queue',
  'email',
  'tail',
  'onModuleInit',
  'onModuleDestroy',
  'onApplicationBootstrap',
  'onApplicationShutdown',
]);

/** Objects a framework reads by their exported name: SvelteKit's form `actions`. */
const CONVENTIONAL_OBJECTS = new Set(['actions']);

/** The innermost named function enclosing `node`; null at module level, in an entry point or a default export. */
export function callerName(node: ts.Node): string | null {
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    const name = functionName(n);
    if (name === undefined) continue;
    return name === null || CALLED_BY_CONVENTION.has(name) ? null : name;
  }
  return null;
}

/** The kinds functionName reads. */
const FUNCTION_KINDS = kindTable([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
]);

/** undefined: not a function, or an inline callback (look further out); null: a function with no usable name. */
function functionName(n: ts.Node): string | null | undefined {
  // One lookup of the kind for the many enclosing nodes that are not functions.
  if (FUNCTION_KINDS[n.kind] !== 1) return undefined;
  if (ts.isFunctionDeclaration(n)) return isDefaultExport(n) ? null : (n.name?.text ?? null);
  if (ts.isConstructorDeclaration(n)) return null;
  if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) {
    if (ts.isObjectLiteralExpression(n.parent)) return heldObject(n.parent) ? memberName(n.name) : undefined;
    return classMemberName(n);
  }
  // A function expression's own name (`router.get('/', async function getUser() {...})`) is for stack traces:
  // what calls it is where it is handed, as for an arrow function.
  const direct = skipTransparent(n as ts.ArrowFunction | ts.FunctionExpression);
  if (ts.isVariableDeclaration(direct.parent)) return ts.isIdentifier(direct.parent.name) ? direct.parent.name.text : null;
  if (ts.isPropertyAssignment(direct.parent)) return heldObject(direct.parent.parent) ? memberName(direct.parent.name) : undefined;
  if (ts.isPropertyDeclaration(direct.parent)) return classMemberName(direct.parent);
  if (ts.isExportAssignment(direct.parent)) return null;
  // Wrapped by a call at module level (`export const getX = cache(async () => ...)`): that constant's name.
  const wrapped = throughCalls(direct);
  const decl = wrapped.parent;
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && ts.isSourceFile(decl.parent.parent.parent)) return decl.name.text;
  if (ts.isExportAssignment(decl)) return null;
  // A callback handed to a call written inline (`db.transaction(async (tx) => ...)`, `items.map(...)`), or to a
  // library (`betterAuth({ hooks: ... })`): it runs when the function around it runs.
  return undefined;
}

function skipTransparent(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x.parent) || ts.isAsExpression(x.parent) || ts.isSatisfiesExpression(x.parent)) x = x.parent;
  return x;
}

/** Up through the calls that take the function (`cache(fn)`, `procedure.query(fn)`) and the chains around them. */
function throughCalls(fn: ts.Expression): ts.Expression {
  let e = fn;
  for (;;) {
    const p = e.parent;
    const wraps =
      (ts.isCallExpression(p) && (p.arguments.includes(e) || p.expression === e)) || (ts.isPropertyAccessExpression(p) && p.expression === e);
    if (!wraps && !ts.isParenthesizedExpression(p) && !ts.isAsExpression(p) && !ts.isSatisfiesExpression(p)) return e;
    e = p;
  }
}

/**
 * An object literal kept in a variable (`export const repo = { list: async () => ... }`), not one handed to a call,
 * nor one a framework reads by its name (`export const actions = {...}`).
 */
function heldObject(o: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(o)) return false;
  const holder = skipTransparent(o).parent;
  return ts.isVariableDeclaration(holder) && !(ts.isIdentifier(holder.name) && CONVENTIONAL_OBJECTS.has(holder.name.text));
}

/** A method or function-valued property of a class: none when the class is called through an interface or a base class, or by a framework that reads its decorators. */
function classMemberName(m: ts.MethodDeclaration | ts.AccessorDeclaration | ts.PropertyDeclaration): string | null {
  if (ts.isClassLike(m.parent) && (m.parent.heritageClauses?.length || ts.getDecorators(m)?.length || ts.getDecorators(m.parent)?.length))
    return null;
  return memberName(m.name);
}

function memberName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text.replace(/^#/, '');
  if (ts.isStringLiteral(name) && /^[A-Za-z_$][\w$]*$/.test(name.text)) return name.text;
  return null;
}

function isDefaultExport(n: ts.FunctionDeclaration): boolean {
  // The node's own list (decorators, never `default`, are the only other entries): no modifier flags computed.
  return !!n.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}
