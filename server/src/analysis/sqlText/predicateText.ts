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
    default:
      return p.text;
  }
}
