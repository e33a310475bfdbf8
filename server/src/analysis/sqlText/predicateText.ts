// A partial-index predicate as SQL text: the one place that renders it (hover, DDL, the embedded proof).
import type { IndexDef, Literal, Predicate } from '../model';
import { q } from './identifiers';

export function sqlLiteral(v: Literal): string {
  if (v === null) return 'NULL';
  return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
}

/**
 * `column` renders a column reference: `"col"` by default, `"table"."col"` as drizzle-kit 0.31 writes it, `${t.col}`;
 * `literal` a value (escaped for a template literal in schema source).
 */
export function predicateText(p: Predicate, column: (sqlName: string) => string = q, literal: (v: Literal) => string = sqlLiteral): string {
  const text = (i: Predicate) => predicateText(i, column, literal);
  switch (p.kind) {
    case 'isNotNull':
      return `${column(p.column)} IS NOT NULL`;
    case 'isNull':
      return `${column(p.column)} IS NULL`;
    case 'eq':
      return `${column(p.column)} = ${literal(p.value)}`;
    case 'ne':
      return `${column(p.column)} <> ${literal(p.value)}`;
    case 'in':
    case 'notIn':
      return `${column(p.column)}${p.kind === 'notIn' ? ' NOT' : ''} IN (${p.values.map(literal).join(', ')})`;
    case 'and':
    case 'or':
      return p.items.map((i) => (i.kind === 'and' || i.kind === 'or' ? `(${text(i)})` : text(i))).join(p.kind === 'and' ? ' AND ' : ' OR ');
    default:
      return p.text;
  }
}

/** A predicate every part of which can be written back as SQL (no text we only kept as written). */
export function isRenderable(p: Predicate): boolean {
  if (p.kind === 'unknown') return false;
  return p.kind === 'and' || p.kind === 'or' ? p.items.every(isRenderable) : true;
}

/** A partial index's WHERE as written (migration SQL), else rendered from its predicate; '' for a plain index. */
export function indexWhereText(index: IndexDef): string {
  return index.whereText ?? (index.where ? predicateText(index.where) : '');
}
