// Maps the SQL a query site renders to pg_stat_statements rows. Both sides are reduced to one shape: comments and
// case outside quotes dropped, whitespace collapsed, every $n parameter alike, IN-lists of any length alike
// (PostgreSQL 18 shows a squashed list as `($1 /*, ... */)`), and table qualifiers and aliases dropped (drizzle's
// relational queries alias the table by its TypeScript name).
import type { StatementStatistics } from './statistics';

export interface Workload {
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Share of the total execution time of every statement of the database, 0..1. */
  share: number;
  /** How many pg_stat_statements rows were summed (IN-lists of different lengths are different rows). */
  statements: number;
}

const QUOTED = /"(?:[^"]|"")*"|'(?:[^']|'')*'/g;

export function normalizeSql(sql: string): string {
  // Split into quoted and unquoted parts; only unquoted text is rewritten.
  const parts: string[] = [];
  let last = 0;
  for (const m of sql.matchAll(QUOTED)) {
    parts.push(rewriteBare(sql.slice(last, m.index)), m[0]);
    last = m.index + m[0].length;
  }
  parts.push(rewriteBare(sql.slice(last)));
  let s = parts.join('');
  s = s.replace(/"(?:[^"]|"")*"\.(?=")/g, ''); // "table"."column" -> "column"
  s = s.replace(/\b((?:from|join|update) "(?:[^"]|"")*") (?:as )?"(?:[^"]|"")*"/g, '$1'); // drop table aliases
  s = s.replace(/\(\?(?:,\?)*\)/g, '(?*)');
  return s.trim();
}

function rewriteBare(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .toLowerCase()
    .replace(/\$\d+/g, '?')
    .replace(/\s+/g, ' ')
    .replace(/ ?([(),=<>]) ?/g, '$1')
    .replace(/;\s*$/, '');
}

const indexes = new WeakMap<StatementStatistics[], StatementIndex>();

/** The index of one read's statements, built once per read (every publish and hover weighs against it). */
export function statementIndex(statements: StatementStatistics[]): StatementIndex {
  let index = indexes.get(statements);
  if (!index) indexes.set(statements, (index = new StatementIndex(statements)));
  return index;
}

export class StatementIndex {
  private readonly byShape = new Map<string, StatementStatistics[]>();
  private readonly totalMs: number;

  constructor(statements: StatementStatistics[]) {
    for (const s of statements) {
      const key = normalizeSql(s.query);
      const list = this.byShape.get(key);
      if (list) list.push(s);
      else this.byShape.set(key, [s]);
    }
    this.totalMs = statements.reduce((a, s) => a + s.totalMs, 0);
  }

  /** The workload of the statements whose shape is this SQL's, or undefined when none ran. */
  workload(sql: string): Workload | undefined {
    const rows = this.byShape.get(normalizeSql(sql));
    if (!rows?.length) return undefined;
    const calls = rows.reduce((a, s) => a + s.calls, 0);
    const totalMs = rows.reduce((a, s) => a + s.totalMs, 0);
    return {
      calls,
      totalMs,
      meanMs: calls > 0 ? totalMs / calls : 0,
      rows: rows.reduce((a, s) => a + s.rows, 0),
      share: this.totalMs > 0 ? totalMs / this.totalMs : 0,
      statements: rows.length,
    };
  }
}
