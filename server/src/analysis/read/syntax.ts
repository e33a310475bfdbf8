// Small helpers over TypeScript syntax nodes shared by the summarisers.
import ts from 'typescript';
import type { Literal, Ref, Span } from '../model';

/**
 * A set of node kinds as a table indexed by SyntaxKind (1: in the set): one lookup of `kind` where a chain of type
 * guards would run for the many nodes a walk passes.
 */
export function kindTable(kinds: readonly ts.SyntaxKind[]): Uint8Array {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (const kind of kinds) table[kind] = 1;
  return table;
}

/** Kinds `unwrap` looks through. */
const TRANSPARENT = kindTable([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]);

/** Strips parentheses, `as`, `satisfies`, `!` and type assertions. */
export function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  // One lookup of `kind` per level: this runs for nearly every node the summarisers read.
  while (TRANSPARENT[n.kind] === 1) n = (n as ts.ParenthesizedExpression).expression;
  return n;
}

export function spanOf(node: ts.Node, sf: ts.SourceFile): Span {
  return { start: node.getStart(sf), end: node.getEnd() };
}

/** `a`, `a.b`, `a.b.c` as a Ref; anything else undefined. */
export function refOf(node: ts.Expression): Ref | undefined {
  const n = unwrap(node);
  if (ts.isIdentifier(n)) return { kind: 'ident', name: n.text };
  if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name)) {
    const base = refOf(n.expression);
    return base ? { kind: 'member', base, name: n.name.text } : undefined;
  }
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) {
    const base = refOf(n.expression);
    return base ? { kind: 'member', base, name: n.argumentExpression.text } : undefined;
  }
  return undefined;
}

export function literalOf(node: ts.Expression): { value: Literal } | undefined {
  const n = unwrap(node);
  if (ts.isStringLiteralLike(n)) return { value: n.text };
  if (ts.isNumericLiteral(n)) return { value: Number(n.text) };
  if (n.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (n.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (n.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isPrefixUnaryExpression(n) && n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand)) {
    return { value: -Number(n.operand.text) };
  }
  return undefined;
}

export function stringOf(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return ts.isStringLiteralLike(n) ? n.text : undefined;
}

export function isUndefinedLike(node: ts.Expression): boolean {
  const n = unwrap(node);
  return (ts.isIdentifier(n) && n.text === 'undefined') || n.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(n);
}

export function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return undefined;
  if (ts.isComputedPropertyName(name)) return stringOf(name.expression);
  return undefined;
}

/** The callee's method name for `x.name(...)`. */
export function methodName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text;
  return undefined;
}

/** Flattens `a.b(...).c(...).d(...)` starting from the innermost call: [[b, call], [c, call], [d, call]]. */
export function callChainUp(call: ts.CallExpression): ts.CallExpression[] {
  const chain: ts.CallExpression[] = [call];
  let node: ts.Node = call;
  for (;;) {
    const access = node.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== node) break;
    const next = access.parent;
    if (!next || !ts.isCallExpression(next) || next.expression !== access) break;
    chain.push(next);
    node = next;
  }
  return chain;
}

/**
 * The return expression of an arrow or function: `(t) => expr` or `(t) => { return expr; }`. `sf`: the function's
 * file, when the caller has it (else it is found by walking up).
 */
export function returnedExpression(
  fn: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration,
  sf?: ts.SourceFile,
): ts.Expression | undefined {
  if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return fn.body;
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return undefined;
  let found: ts.Expression | undefined;
  let count = 0;
  const returns = returnKeywords(sf ?? body.getSourceFile());
  const visit = (n: ts.Node): void => {
    // A second return statement already decides: no single returned expression.
    if (count > 1 || (returns && !holdsAny(returns, n.pos, n.end))) return;
    if (ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n)) {
      count++;
      found = n.expression;
      return;
    }
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return count === 1 ? found : undefined;
}

const returnsByFile = new WeakMap<ts.SourceFile, number[] | null>();

/**
 * Where `return` is written in a file, in order: a subtree without one holds no return statement, and is not
 * walked. Null (walk everything) where a keyword may be written with an escape (`r\u0065turn`).
 */
function returnKeywords(sf: ts.SourceFile): number[] | null {
  let at = returnsByFile.get(sf);
  if (at !== undefined) return at;
  const text = sf.text;
  if (text.includes('\\u')) at = null;
  else {
    at = [];
    for (let i = text.indexOf('return'); i >= 0; i = text.indexOf('return', i + 6)) at.push(i);
  }
  returnsByFile.set(sf, at);
  return at;
}

/** Whether a sorted list holds a position in [start, end). */
export function holdsAny(sorted: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

export function isFunctionExpr(node: ts.Expression): node is ts.ArrowFunction | ts.FunctionExpression {
  const n = unwrap(node);
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

export function paramName(fn: ts.SignatureDeclarationBase, i: number): string | null {
  const p = fn.parameters[i];
  return p && ts.isIdentifier(p.name) ? p.name.text : null;
}

/** The value of `name: value` in an object literal (unwrapped), if written so. */
export function objectProp(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === name) return unwrap(p.initializer);
  }
  return undefined;
}
