// One pass over a file's syntax tree: what it imports and exports, the tables it declares, the queries it runs.
import ts from 'typescript';
import type { Binding, FileSummary, ReExport, Ref } from '../model';
import { type FileContext, foreignOperatorImports, importedFrom, makeFileContext } from './fileContext';
import { findQuerySites } from './querySites';
import { isDrizzleModule } from './operators';
import { findRelations } from './relations';
import { findClientSchemas, objectEntries } from './clientSchema';
import { columnEntries, extraHelperOf, tableDeclOf } from './tableDecls';
import { propertyName, refOf, returnedExpression, stringOf, unwrap } from './syntax';
import { stringConstantOf, tableCreatorOf } from './tableCreator';

export const SUPPRESS_COMMENT = 'index-insight-ignore-next-line';

export function parseSource(path: string, text: string): ts.SourceFile {
  const kind = /\.[cm]?jsx?$/.test(path) ? ts.ScriptKind.JSX : path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  // JSDoc is never needed: skipping it makes parsing cheaper.
  return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
}

export function emptySummary(failure: string | null = null): FileSummary {
  return {
    imports: new Map(),
    exports: new Map(),
    reExports: [],
    bindings: new Map(),
    tables: [],
    sites: [],
    relations: [],
    suppressedLines: new Set(),
    clientCasing: null,
    clientSchemas: [],
    operatorImports: [],
    parseErrors: 0,
    failure,
  };
}

/**
 * Never throws: a file the parser cannot take (nesting deeper than its stack) yields an empty summary saying why.
 * `operatorAliases`: imported names known (by resolving them) to be drizzle-orm functions re-exported by the project.
 */
export function summarizeFile(path: string, text: string, operatorAliases?: ReadonlyMap<string, string>): FileSummary {
  try {
    return summarize(path, text, operatorAliases);
  } catch (e) {
    if (e instanceof RangeError) return emptySummary(`not analyzed: ${e.message} (expressions nested too deeply)`);
    throw e;
  }
}

function summarize(path: string, text: string, operatorAliases?: ReadonlyMap<string, string>): FileSummary {
  const sf = parseSource(path, text);
  const ctx = makeFileContext(sf, operatorAliases);
  const summary: FileSummary = {
    ...emptySummary(),
    imports: ctx.imports,
    suppressedLines: suppressedLines(sf),
    operatorImports: foreignOperatorImports(ctx.imports),
    parseErrors: (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0,
  };
  for (const st of sf.statements) readStatement(st, ctx, summary);
  summary.sites = findQuerySites(ctx);
  summary.relations = findRelations(ctx);
  summary.clientCasing = findClientCasing(ctx);
  const clients = findClientSchemas(ctx);
  summary.clientSchemas = clients.map((c) => c.entries);
  clients.forEach((c, index) => {
    if (c.variable !== null) setBinding(summary, c.variable, { kind: 'client', index });
  });
  return summary;
}

function hasExportModifier(node: ts.VariableStatement | ts.FunctionDeclaration | ts.ClassDeclaration): boolean {
  return !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function readStatement(st: ts.Statement, ctx: FileContext, summary: FileSummary): void {
  if (ts.isVariableStatement(st)) {
    const exported = hasExportModifier(st);
    for (const decl of st.declarationList.declarations) {
      if (ts.isObjectBindingPattern(decl.name)) {
        readDestructuring(decl.name, decl.initializer && refOf(decl.initializer), exported, summary);
        continue;
      }
      if (!ts.isIdentifier(decl.name)) continue;
      const name = decl.name.text;
      if (exported) summary.exports.set(name, name);
      const table = tableDeclOf(decl, exported, ctx);
      if (table) {
        summary.tables.push(table);
        setBinding(summary, name, { kind: 'table', index: summary.tables.length - 1 });
        continue;
      }
      const b = decl.initializer && bindingOf(decl.initializer, ctx);
      if (b) setBinding(summary, name, b);
    }
  } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
    if (hasExportModifier(st)) summary.exports.set(st.name.text, st.name.text);
    const helper = ts.isFunctionDeclaration(st) && st.body ? functionBinding(st, ctx) : undefined;
    if (helper) setBinding(summary, st.name.text, helper);
  } else if (ts.isExportDeclaration(st)) {
    readExportDeclaration(st, summary);
  } else if (ts.isExportAssignment(st) && !st.isExportEquals) {
    const ref = refOf(st.expression);
    if (ref && ref.kind === 'ident') summary.exports.set('default', ref.name);
  }
}

/** `const { posts, users: people } = schema`: each name is a member of the value it is taken from. */
function readDestructuring(pattern: ts.ObjectBindingPattern, base: Ref | undefined, exported: boolean, summary: FileSummary): void {
  for (const el of pattern.elements) {
    const key = el.propertyName ? propertyName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
    const ref: Ref | undefined = base && key !== undefined && !el.dotDotDotToken && !el.initializer ? { kind: 'member', base, name: key } : undefined;
    if (ts.isObjectBindingPattern(el.name)) {
      readDestructuring(el.name, ref, exported, summary);
    } else if (ts.isIdentifier(el.name)) {
      if (exported) summary.exports.set(el.name.text, el.name.text);
      setBinding(summary, el.name.text, ref ? { kind: 'ref', ref } : { kind: 'conflict' });
    }
  }
}

function readExportDeclaration(st: ts.ExportDeclaration, summary: FileSummary): void {
  const module = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
  const clause = st.exportClause;
  if (module) {
    const re: ReExport = { module, names: null };
    if (clause && ts.isNamedExports(clause)) {
      re.names = new Map(clause.elements.map((el) => [el.name.text, (el.propertyName ?? el.name).text]));
    } else if (clause && ts.isNamespaceExport(clause)) {
      re.names = new Map([[clause.name.text, '*']]);
    }
    summary.reExports.push(re);
  } else if (clause && ts.isNamedExports(clause)) {
    for (const el of clause.elements) summary.exports.set(el.name.text, (el.propertyName ?? el.name).text);
  }
}

function setBinding(summary: FileSummary, name: string, b: Binding): void {
  summary.bindings.set(name, summary.bindings.has(name) ? { kind: 'conflict' } : b);
}

/** A function returning extraConfig items, or a column set (`const columns = () => ({ id: text('id') })`). */
function functionBinding(fn: ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration, ctx: FileContext): Binding | undefined {
  const body = returnedExpression(fn, ctx.sf);
  const items = body && extraHelperOf(fn, ctx, body);
  if (items) return { kind: 'extraHelper', items };
  const obj = body && unwrap(body);
  return obj && ts.isObjectLiteralExpression(obj) ? columnsBinding(obj, ctx) : undefined;
}

/**
 * Shared column sets (`const timestamps = { createdAt: timestamp('created_at') }`), spread into tables: at least one
 * entry is built by a drizzle column builder, so that a mapper returning `{ at: format(row.at) }` is not one (it
 * would make every edit of its file a schema change).
 */
function columnsBinding(obj: ts.ObjectLiteralExpression, ctx: FileContext): Binding | undefined {
  const entries = columnEntries(obj, ctx);
  return entries.some((e) => !('spread' in e) && isDrizzleBuilder(e.builder, ctx)) ? { kind: 'columns', entries } : undefined;
}

/** `text` imported from drizzle, or any builder in a file that imports a drizzle module as a namespace (`p.text`). */
function isDrizzleBuilder(builder: string, ctx: FileContext): boolean {
  if (builder === 'unknown') return false;
  const imp = ctx.imports.get(builder);
  if (imp) return isDrizzleModule(imp.module);
  return [...ctx.imports.values()].some((i) => i.name === '*' && isDrizzleModule(i.module));
}

function bindingOf(init: ts.Expression, ctx: FileContext): Binding | undefined {
  const n = unwrap(init);
  const ref = refOf(n);
  if (ref) return { kind: 'ref', ref };
  if (ts.isCallExpression(n)) {
    const fn = importedFrom(ctx, n.expression, ['alias', 'aliasedTable', 'pgTableCreator', 'pgSchema']);
    const arg = n.arguments[0];
    if ((fn === 'alias' || fn === 'aliasedTable') && arg) {
      const target = refOf(arg);
      return target ? { kind: 'alias', ref: target } : undefined;
    }
    if (fn === 'pgSchema') return { kind: 'pgSchema', name: stringOf(arg) ?? null };
    if (fn === 'pgTableCreator') return tableCreatorOf(arg, ctx.sf);
    return undefined;
  }
  if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return functionBinding(n, ctx);
  if (ts.isObjectLiteralExpression(n)) {
    const columns = columnsBinding(n, ctx);
    if (columns) return columns;
    const object = objectEntries(n, ctx);
    if (object) return { kind: 'object', entries: object };
  }
  return stringConstantOf(n);
}

function findClientCasing(ctx: FileContext): string | null {
  for (const call of ctx.calls) {
    if (!importedFrom(ctx, call.expression, ['drizzle'])) continue;
    for (const arg of call.arguments) {
      const a = unwrap(arg);
      if (!ts.isObjectLiteralExpression(a)) continue;
      for (const p of a.properties) {
        if (ts.isPropertyAssignment(p) && propertyName(p.name) === 'casing') return stringOf(p.initializer) ?? null;
      }
    }
  }
  return null;
}

function suppressedLines(sf: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const text = sf.text;
  let i = text.indexOf(SUPPRESS_COMMENT);
  while (i >= 0) {
    const lineStart = text.lastIndexOf('\n', i) + 1;
    if (/\/\/|\/\*/.test(text.slice(lineStart, i))) lines.add(sf.getLineAndCharacterOfPosition(i).line + 1);
    i = text.indexOf(SUPPRESS_COMMENT, i + SUPPRESS_COMMENT.length);
  }
  return lines;
}
