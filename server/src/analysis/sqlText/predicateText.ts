// A partial-index predicate as SQL text: the one place that renders it (hover, DDL, the embedded proof).
import type { Literal, Predicate } from '../model';
import { q } from './identifiers';

export function sqlLiteral(v: Literal): string {
  if (v === null) return 'NULL';
  return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
}

export function predicateText(p: Predicate): string {
  switch (p.kind) {
    case 'isNotNull':
      return `${q(p.column)} IS NOT NULL`;
    case 'isNull':
      return `${q(p.column)} IS NULL`;
    case 'eq':
      return `${q(p.column)} = ${sqlLiteral(p.value)}`;
    case 'ne':
      return `${q(p.column)} <> ${sqlLiteral(p.value)}`;
    case 'in':
    case 'notIn':
      return `${q(p.column)}${p.kind === 'notIn' ? ' NOT' : ''} IN (${p.values.map(sqlLiteral).join(', ')})`;
    case 'and':
    case 'or':
      return p.items.map((i) => (i.kind === 'and' || i.kind === 'or' ? `(${predicateText(i)})` : predicateText(i))).join(p.kind === 'and' ? ' AND ' : ' OR ');
    default:
      return p.text;
  }
}
