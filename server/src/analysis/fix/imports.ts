// Adds the names a fix needs (`index`, `sql`) to a file's imports, in the file's own style.
import ts from 'typescript';
import { parseSource } from '../read/summarizeFile';
import type { TextEdit } from './edits';

export interface ImportNeed {
  module: string;
  name: string;
}

/** How to refer to each needed name in this file, and the edits that make it available. */
export function ensureImports(file: string, text: string, needs: ImportNeed[], quote: string): { names: Map<string, string>; edits: TextEdit[] } {
  const sf = parseSource(file, text);
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const names = new Map<string, string>();
  const additions = new Map<ts.ImportDeclaration, string[]>();
  const missing = new Map<string, string[]>();
  for (const need of needs) {
    const key = `${need.module}\0${need.name}`;
    let local: string | undefined;
    let target: ts.ImportDeclaration | undefined;
    for (const imp of imports) {
      if (!ts.isStringLiteral(imp.moduleSpecifier) || imp.moduleSpecifier.text !== need.module || imp.importClause?.isTypeOnly) continue;
      const nb = imp.importClause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) local = `${nb.name.text}.${need.name}`;
      if (nb && ts.isNamedImports(nb)) {
        const el = nb.elements.find((e) => (e.propertyName ?? e.name).text === need.name && !e.isTypeOnly);
        if (el) local = el.name.text;
        else target ??= imp;
      }
      if (local) break;
    }
    if (local) {
      names.set(key, local);
      continue;
    }
    names.set(key, need.name);
    if (target) additions.set(target, [...(additions.get(target) ?? []), need.name]);
    else missing.set(need.module, [...(missing.get(need.module) ?? []), need.name]);
  }
  const edits: TextEdit[] = [];
  for (const [imp, add] of additions) edits.push(addToNamedImports(imp, add, sf));
  if (missing.size > 0) {
    const last = imports[imports.length - 1];
    const at = last ? last.getEnd() : 0;
    const lines = [...missing].map(([module, list]) => `import { ${list.sort().join(', ')} } from ${quote}${module}${quote};`);
    edits.push({ start: at, end: at, newText: last ? `\n${lines.join('\n')}` : `${lines.join('\n')}\n` });
  }
  return { names, edits };
}

/** Inserts into `{ a, b, c }`: in alphabetical position when the list is sorted, else at the end. */
function addToNamedImports(imp: ts.ImportDeclaration, add: string[], sf: ts.SourceFile): TextEdit {
  const nb = imp.importClause!.namedBindings as ts.NamedImports;
  const existing = nb.elements.map((e) => e.name.text);
  const sorted = existing.every((n, i) => i === 0 || existing[i - 1].localeCompare(n) <= 0);
  const multiline = sf.text.slice(nb.getStart(sf), nb.getEnd()).includes('\n');
  if (existing.length === 0) {
    return { start: nb.getStart(sf), end: nb.getEnd(), newText: `{ ${add.join(', ')} }` };
  }
  const sep = multiline ? `,\n${indentOf(sf.text, nb.elements[0].getStart(sf))}` : ', ';
  if (sorted) {
    // Insert each before the first element that sorts after it.
    const all = [...existing, ...add].sort((a, b) => a.localeCompare(b));
    const first = nb.elements[0];
    const lastEl = nb.elements[nb.elements.length - 1];
    const byName = new Map(nb.elements.map((e) => [e.name.text, sf.text.slice(e.getStart(sf), e.getEnd())]));
    return { start: first.getStart(sf), end: lastEl.getEnd(), newText: all.map((n) => byName.get(n) ?? n).join(sep) };
  }
  const lastEl = nb.elements[nb.elements.length - 1];
  return { start: lastEl.getEnd(), end: lastEl.getEnd(), newText: `${sep}${add.join(sep)}` };
}

export function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

/** The quote character the file uses most in its import specifiers. */
export function quoteStyle(text: string): string {
  const single = (text.match(/from '/g) ?? []).length;
  const double = (text.match(/from "/g) ?? []).length;
  return double > single ? '"' : "'";
}
