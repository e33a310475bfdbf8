// Inserts index definitions into a table's declaration, in the file's own style: a new element of the
// extraConfig array, a new keyed entry of the older object form, or a third argument when there is none.
import type { Predicate, Table } from '../model';
import { toCamelCase } from '../schema/naming';
import type { TextEdit } from './edits';
import { indentOf } from './imports';
import type { IndexSpec } from '../sqlText/indexDdl';
import { predicateText, sqlLiteral } from '../sqlText/predicateText';

export interface SourceNames {
  /** How the file refers to drizzle's `index` and `sql` (`index`, `pg.index`, an alias). */
  index: string;
  sql: string;
  quote: string;
}

const NEW_PARAM = 'table';

export function indexSource(table: Table, spec: IndexSpec, param: string, names: SourceNames): string {
  const col = (sqlName: string): string => {
    const key = table.columns.find((c) => c.sqlName === sqlName)?.key ?? sqlName;
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `${param}.${key}` : `${param}[${names.quote}${key}${names.quote}]`;
  };
  const on = spec.columns.map(col).join(', ');
  // Literals written into the SQL text, no bound values (drizzle-kit 0.31 would write `$1`).
  const where = spec.predicate ? `.where(${names.sql}\`${templateText(spec.predicate, col)}\`)` : '';
  return `${names.index}(${names.quote}${spec.name}${names.quote}).on(${on})${where}`;
}

/** The predicate as the text of a `sql` template: columns as `${t.col}`, literals escaped for the template. */
function templateText(predicate: Predicate, col: (sqlName: string) => string): string {
  const escape = (text: string) => text.replace(/[`\\]|\$\{/g, (c) => `\\${c}`);
  return predicateText(
    predicate,
    (c) => `\${${col(c)}}`,
    (v) => escape(sqlLiteral(v)),
  );
}

export function insertIndexes(table: Table, text: string, specs: IndexSpec[], names: SourceNames): TextEdit {
  const extra = table.extra;
  if (extra) {
    const param = extra.param ?? NEW_PARAM;
    const elements = specs.map((s) => indexSource(table, s, param, names));
    const entries =
      extra.form === 'array'
        ? elements
        : elements.map((e, i) => `${objectKey(specs[i].name, text.slice(extra.containerSpan.start, extra.containerSpan.end))}: ${e}`);
    return insertIntoContainer(text, extra.containerSpan.start, extra.containerSpan.end, entries);
  }
  const elements = specs.map((s) => indexSource(table, s, NEW_PARAM, names));
  return addExtraConfig(table, text, elements);
}

function objectKey(indexName: string, container: string): string {
  let key = toCamelCase(indexName.toLowerCase());
  if (!/^[A-Za-z_$]/.test(key)) key = `idx${key}`;
  let k = key;
  for (let i = 2; new RegExp(`\\b${k}\\s*:`).test(container); i++) k = `${key}${i}`;
  return k;
}

/** Adds entries before the closing bracket of `[...]` / `{...}` spanning [open, close). */
function insertIntoContainer(text: string, open: number, close: number, entries: string[]): TextEdit {
  const closing = close - 1;
  let last = closing - 1;
  while (last > open && /\s/.test(text[last])) last--;
  const inner = text.slice(open + 1, closing);
  if (last === open) {
    // Empty container.
    const multiline = inner.includes('\n');
    if (!multiline) return { start: open + 1, end: closing, newText: entries.join(', ') };
    const indent = `${indentOf(text, open)}  `;
    return { start: open + 1, end: closing, newText: `\n${entries.map((e) => `${indent}${e},`).join('\n')}\n${indentOf(text, open)}` };
  }
  const trailingComma = text[last] === ',';
  const multiline = inner.includes('\n');
  if (multiline) {
    const indent = lastElementIndent(text, open, last);
    const body = entries.map((e) => `${indent}${e}`).join(',\n');
    return { start: last + 1, end: last + 1, newText: `${trailingComma ? '' : ','}\n${body}${trailingComma ? ',' : ''}` };
  }
  return { start: last + 1, end: last + 1, newText: `${trailingComma ? ' ' : ', '}${entries.join(', ')}${trailingComma ? ',' : ''}` };
}

function lastElementIndent(text: string, open: number, last: number): string {
  // The indentation of the line holding the last element's start: walk back to a line that starts inside the container.
  let lineStart = text.lastIndexOf('\n', last) + 1;
  while (lineStart > open + 1) {
    const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart));
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const trimmed = line.trim();
    // A line that starts an element (not a continuation like `.on(...)` or a closing bracket).
    if (trimmed && !/^[.)\]}]/.test(trimmed)) return indent;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
  return `${indentOf(text, open)}  `;
}

/** No extraConfig yet: add `(table) => [...]` as the third argument. */
function addExtraConfig(table: Table, text: string, elements: string[]): TextEdit {
  const colsEnd = table.columnsSpan.end;
  const callClose = table.callSpan.end - 1; // the `)` of pgTable(...)
  const between = text.slice(colsEnd, callClose);
  const commaAt = between.indexOf(',');
  const argOnOwnLine =
    indentOf(text, table.columnsSpan.start).length === table.columnsSpan.start - (text.lastIndexOf('\n', table.columnsSpan.start - 1) + 1);
  if (argOnOwnLine && between.includes('\n')) {
    // Prettier's one-argument-per-line layout.
    const indent = indentOf(text, table.columnsSpan.start);
    const list = elements.length === 1 ? `[${elements[0]}]` : `[\n${elements.map((e) => `${indent}  ${e},`).join('\n')}\n${indent}]`;
    const at = commaAt >= 0 ? colsEnd + commaAt + 1 : colsEnd;
    return { start: at, end: at, newText: `${commaAt >= 0 ? '' : ','}\n${indent}(${NEW_PARAM}) => ${list},` };
  }
  const base = indentOf(text, table.callSpan.start);
  const list = `[\n${elements.map((e) => `${base}  ${e},`).join('\n')}\n${base}]`;
  return { start: colsEnd, end: colsEnd, newText: `, (${NEW_PARAM}) => ${list}` };
}

/** Removes one element of an extraConfig list, with its separator, and its line when it stood alone on it. */
export function removeElement(text: string, span: { start: number; end: number }): TextEdit {
  let start = span.start;
  let end = span.end;
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndIdx = text.indexOf('\n', end);
  const lineEnd = lineEndIdx < 0 ? text.length : lineEndIdx;
  if (text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '') {
    return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
  }
  return { start, end, newText: '' };
}
