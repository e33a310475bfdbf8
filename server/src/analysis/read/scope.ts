// Lexical scope: what an identifier stands for at the place it is written (the nearest enclosing declaration).
import ts from 'typescript';
import { kindTable } from './syntax';

/** What a name is bound to, seen from one use of it. */
export type Declaration =
  /** `const x = init` (or a `let`/`var` never assigned again). `topLevel`: the module scope, which the resolve stage reads by name. */
  | { kind: 'const'; init: ts.Expression; topLevel: boolean }
  /** `const { a: { b } } = init`: the value is `init.a.b` (path ['a', 'b']). */
  | { kind: 'destructured'; init: ts.Expression; path: string[]; topLevel: boolean }
  /** A parameter of `fn` (index `index`), possibly destructured (`({ ownerId }) => ...`: path ['ownerId']). */
  | { kind: 'param'; fn: ts.SignatureDeclaration; index: number; path: string[] }
  /** A function declared in the file (`function f() {}`), for inlining small condition helpers. */
  | { kind: 'function'; fn: ts.FunctionDeclaration; topLevel: boolean }
  /** Declared at the top level in a way the resolve stage reads (imports, tables, classes, ...), or not declared in the file. */
  | { kind: 'module' }
  /** Declared locally in a way we cannot follow (mutable, destructured from an array, a class, ...). */
  | { kind: 'opaque' };

const MODULE: Declaration = { kind: 'module' };
const OPAQUE: Declaration = { kind: 'opaque' };

export class Scopes {
  /** Scope node -> the names it declares. */
  private readonly cache = new Map<ts.Node, Map<string, Declaration>>();

  constructor(private readonly reassigned: Set<string>) {}

  /** The declaration `name` refers to where `at` is written. */
  lookup(name: string, at: ts.Node): Declaration {
    for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
      if (SCOPE_KINDS[n.kind] !== 1) continue;
      const d = this.declarations(n).get(name);
      if (d) return d;
    }
    return MODULE;
  }

  private declarations(scope: ts.Node): Map<string, Declaration> {
    let map = this.cache.get(scope);
    if (map) return map;
    map = new Map();
    const topLevel = ts.isSourceFile(scope);
    const add = (name: string, d: Declaration) => map.set(name, map.has(name) ? OPAQUE : d);
    // By kind (one test for the blocks most lookups pass through), in the order the type guards were asked.
    switch (scope.kind) {
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement: {
        const init = (scope as ts.ForStatement | ts.ForOfStatement | ts.ForInStatement).initializer;
        if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) addNames(d.name, add);
        break;
      }
      case ts.SyntaxKind.CatchClause: {
        const variable = (scope as ts.CatchClause).variableDeclaration;
        if (variable) addNames(variable.name, add);
        break;
      }
      case ts.SyntaxKind.SourceFile:
      case ts.SyntaxKind.Block:
      case ts.SyntaxKind.ModuleBlock:
      case ts.SyntaxKind.CaseBlock: {
        const statements = ts.isCaseBlock(scope)
          ? scope.clauses.flatMap((c) => [...c.statements])
          : (scope as ts.Block | ts.SourceFile | ts.ModuleBlock).statements;
        for (const st of statements) {
          switch (st.kind) {
            case ts.SyntaxKind.VariableStatement: {
              const list = (st as ts.VariableStatement).declarationList;
              const mutable = (list.flags & ts.NodeFlags.Const) === 0;
              for (const decl of list.declarations) this.addBinding(decl.name, decl.initializer, [], mutable, topLevel, add);
              break;
            }
            case ts.SyntaxKind.FunctionDeclaration: {
              const fn = st as ts.FunctionDeclaration;
              if (fn.name) add(fn.name.text, topLevel ? MODULE_FUNCTION(fn) : { kind: 'function', fn, topLevel: false });
              break;
            }
            case ts.SyntaxKind.ClassDeclaration:
            case ts.SyntaxKind.EnumDeclaration: {
              const name = (st as ts.ClassDeclaration | ts.EnumDeclaration).name;
              if (name) add(name.text, topLevel ? MODULE : OPAQUE);
              break;
            }
          }
        }
        break;
      }
      default:
        // The other scopes are functions (SCOPE_KINDS): their parameters.
        if (ts.isFunctionLike(scope)) scope.parameters.forEach((p, index) => addParam(p.name, scope, index, [], add));
    }
    this.cache.set(scope, map);
    return map;
  }

  private addBinding(
    name: ts.BindingName,
    init: ts.Expression | undefined,
    path: string[],
    mutable: boolean,
    topLevel: boolean,
    add: (name: string, d: Declaration) => void,
  ): void {
    if (ts.isIdentifier(name)) {
      const fixed = !mutable || !this.reassigned.has(name.text);
      if (!init || !fixed) add(name.text, topLevel ? MODULE : OPAQUE);
      else if (path.length === 0) add(name.text, { kind: 'const', init, topLevel });
      else add(name.text, { kind: 'destructured', init, path, topLevel });
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.propertyName ? propertyKey(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        // A default value or a rest element: not a plain property of the initializer.
        if (key === undefined || el.dotDotDotToken || el.initializer) addNames(el.name, add, topLevel ? MODULE : OPAQUE);
        else this.addBinding(el.name, init, [...path, key], mutable, topLevel, add);
      }
      return;
    }
    addNames(name, add, topLevel ? MODULE : OPAQUE);
  }
}

function MODULE_FUNCTION(fn: ts.FunctionDeclaration): Declaration {
  return { kind: 'function', fn, topLevel: true };
}

/** Kinds of the nodes that declare names: blocks, loops, catch clauses and functions. */
const SCOPE_KINDS = kindTable([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CatchClause,
  ...Array.from({ length: ts.SyntaxKind.Count }, (_, kind: ts.SyntaxKind) => kind).filter((kind) => ts.isFunctionLike({ kind } as ts.Node)),
]);

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function addParam(
  name: ts.BindingName,
  fn: ts.SignatureDeclaration,
  index: number,
  path: string[],
  add: (name: string, d: Declaration) => void,
): void {
  if (ts.isIdentifier(name)) {
    add(name.text, { kind: 'param', fn, index, path });
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      const key = el.propertyName ? propertyKey(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (key === undefined || el.dotDotDotToken) addNames(el.name, add);
      else addParam(el.name, fn, index, [...path, key], add);
    }
    return;
  }
  addNames(name, add);
}

/** Every name a binding pattern declares, all bound to `d`. */
function addNames(name: ts.BindingName, add: (name: string, d: Declaration) => void, d: Declaration = OPAQUE): void {
  if (ts.isIdentifier(name)) {
    add(name.text, d);
    return;
  }
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) addNames(el.name, add, d);
}
