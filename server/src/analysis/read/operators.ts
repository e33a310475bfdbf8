// Drizzle's filter operators and what each means for a B-tree index.
import type { AtomKind } from '../model';

export const ATOM_OPERATORS: Readonly<Record<string, AtomKind>> = {
  eq: 'eq',
  inArray: 'in',
  isNull: 'isNull',
  gt: 'range',
  gte: 'range',
  lt: 'range',
  lte: 'range',
  between: 'range',
  isNotNull: 'isNotNull',
  ne: 'other',
  notInArray: 'other',
  notBetween: 'other',
  like: 'other',
  ilike: 'other',
  notLike: 'other',
  notIlike: 'other',
  arrayContains: 'other',
  arrayContained: 'other',
  arrayOverlaps: 'other',
};

/** Operators that take one operand. */
export const UNARY_OPERATORS = new Set(['isNull', 'isNotNull']);

export const ORDER_OPERATORS = new Set(['asc', 'desc']);

/** Relational query v2 object-filter operators (`{ createdAt: { gt: x } }`). */
export const RQB_FIELD_OPERATORS: Readonly<Record<string, AtomKind>> = {
  eq: 'eq',
  in: 'in',
  isNull: 'isNull',
  gt: 'range',
  gte: 'range',
  lt: 'range',
  lte: 'range',
  isNotNull: 'isNotNull',
  ne: 'other',
  notIn: 'other',
  like: 'other',
  ilike: 'other',
  notLike: 'other',
  notIlike: 'other',
  arrayContains: 'other',
  arrayContained: 'other',
  arrayOverlaps: 'other',
};

export function isDrizzleModule(spec: string): boolean {
  return spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/');
}

/** drizzle-orm functions the read stage interprets: a project may re-export them (`export * from 'drizzle-orm'`). */
export const DRIZZLE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...Object.keys(ATOM_OPERATORS),
  ...ORDER_OPERATORS,
  'and',
  'or',
  'not',
  'sql',
  'exists',
  'notExists',
]);
