// `pgTableCreator((name) => ...)`: how the creator builds SQL names, and the string constants such a name may use.
import ts from 'typescript';
import type { Binding, NamePart } from '../model';
import { isFunctionExpr, propertyName, refOf, returnedExpression, stringOf, unwrap } from './syntax';

/**
 * `(name) => \`${PREFIX}_${name}\``, `(n) => 'app_' + n`, `(n) => config.prefix + n`: the parts of the returned name,
 * the table's own name once among them. Parts that are neither literal text nor a reference stay unknown.
 */
export function tableCreatorOf(arg: ts.Expression | undefined, sf: ts.SourceFile): Binding {
  const fn = arg && unwrap(arg);
  const body = fn && isFunctionExpr(fn) ? returnedExpression(fn, sf) : undefined;
  const param = fn && isFunctionExpr(fn) && fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : null;
  if (!body || param === null) return { kind: 'tableCreator', parts: null };
  const parts = nameParts(body, param, sf);
  return { kind: 'tableCreator', parts: parts.filter((p) => p.kind === 'name').length === 1 ? parts : null };
}

function nameParts(node: ts.Expression, param: string, sf: ts.SourceFile): NamePart[] {
  const n = unwrap(node);
  if (ts.isIdentifier(n) && n.text === param) return [{ kind: 'name' }];
  const literal = stringOf(n);
  if (literal !== undefined) return [{ kind: 'text', text: literal }];
  if (ts.isTemplateExpression(n)) {
    const parts: NamePart[] = [{ kind: 'text', text: n.head.text }];
    for (const span of n.templateSpans) parts.push(...nameParts(span.expression, param, sf), { kind: 'text', text: span.literal.text });
    return parts;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...nameParts(n.left, param, sf), ...nameParts(n.right, param, sf)];
  const text = n.getText(sf);
  const label = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const ref = refOf(n);
  return [ref ? { kind: 'ref', ref, label } : { kind: 'unknown', label }];
}

/** `const PREFIX = 'app'` or `const config = { prefix: 'app', ... } as const`: a constant a creator may read. */
export function stringConstantOf(init: ts.Expression): Binding | undefined {
  const n = unwrap(init);
  const value = stringOf(n);
  if (value !== undefined) return { kind: 'string', value };
  if (!ts.isObjectLiteralExpression(n)) return undefined;
  const values = new Map<string, string>();
  for (const p of n.properties) {
    // A spread may override any key: the object is not read.
    if (ts.isSpreadAssignment(p)) return undefined;
    if (!ts.isPropertyAssignment(p)) continue;
    const key = propertyName(p.name);
    const v = stringOf(p.initializer);
    if (key !== undefined && v !== undefined) values.set(key, v);
  }
  return values.size > 0 ? { kind: 'strings', values } : undefined;
}
