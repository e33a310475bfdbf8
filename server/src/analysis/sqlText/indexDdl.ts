// The SQL drizzle-kit would write for an index (0.31: `USING btree`, table-qualified predicates), made
// idempotent with IF NOT EXISTS, and its reverse.
import type { Predicate, Proposal, Table } from '../model';
import { q, qualifiedIndex, qualifiedTable } from './identifiers';
import { predicateText } from './predicateText';

export interface IndexSpec {
  table: Table;
  name: string;
  columns: string[];
  /** Predicate as drizzle-kit 0.31 renders `sql\`${t.col} = 'x'\`` (columns qualified by table). */
  where: string | null;
  /** The same predicate as data, for the schema source and the 1.0 form; null for a plain index or one we only copy. */
  predicate: Predicate | null;
}

export const BREAKPOINT = '--> statement-breakpoint\n';

/** drizzle-kit 0.31 writes `USING btree`; 1.0 leaves the default method out. */
export type KitStyle = '0.x' | '1.0';

export function createIndexSql(
  spec: IndexSpec,
  opts: { concurrently?: boolean; ifNotExists?: boolean; style?: KitStyle; unique?: boolean } = {},
): string {
  const cols = spec.columns.map(q).join(',');
  const where = spec.where ? ` WHERE ${spec.where}` : '';
  const flags = `${opts.concurrently ? ' CONCURRENTLY' : ''}${opts.ifNotExists ? ' IF NOT EXISTS' : ''}`;
  const using = opts.style === '1.0' ? '' : ' USING btree';
  return `CREATE ${opts.unique ? 'UNIQUE ' : ''}INDEX${flags} ${q(spec.name)} ON ${qualifiedTable(spec.table)}${using} (${cols})${where};`;
}

export function dropIndexSql(spec: Pick<IndexSpec, 'table' | 'name'>, opts: { concurrently?: boolean; ifExists?: boolean } = {}): string {
  return `DROP INDEX${opts.concurrently ? ' CONCURRENTLY' : ''}${opts.ifExists ? ' IF EXISTS' : ''} ${qualifiedIndex(spec.table, spec.name)};`;
}

/** A predicate as drizzle-kit 0.31 writes the SQL of `sql\`...\``: every column reference qualified by its table. */
export function qualifiedPredicate(t: Table, p: Predicate): string {
  return predicateText(p, (column) => `${qualifiedTable(t)}.${q(column)}`);
}

/** A build waits this long for its lock (behind long transactions, with every write queued behind it), then fails. */
export const LOCK_TIMEOUT = '5s';

/**
 * The migration body. drizzle's migrator (0.x and 1.0) runs every pending migration in one transaction, where
 * CONCURRENTLY is not allowed: the statements build with a lock that blocks writes, after a header giving the
 * CONCURRENTLY statements to run by hand first on a busy table (the migration then does nothing). `SET LOCAL`
 * lasts until that transaction ends: a lock_timeout, so that a build waiting behind a long transaction does not
 * stall every write queued behind it, and no statement_timeout, since a build takes as long as the table needs
 * and a limit would abort it. The Squawk ignore comments say why CONCURRENTLY is absent.
 */
export function migrationUpSql(specs: IndexSpec[], removals: IndexSpec[] = [], style: KitStyle = '0.x'): string {
  const header = [
    '-- Written by Index Insight.',
    `-- ${specs.length ? 'CREATE INDEX blocks writes to the table while it builds' : 'DROP INDEX locks the table'}, and drizzle runs every pending migration in one`,
    '-- transaction, where CONCURRENTLY is not allowed. On a busy production table, run these first, outside a',
    `-- transaction; this migration then finds the work already done and does nothing:`,
    ...specs.map((s) => `--   ${createIndexSql(s, { concurrently: true, ifNotExists: true, style })}`),
    ...removals.map((s) => `--   ${dropIndexSql(s, { concurrently: true, ifExists: true })}`),
    `-- The build gives up after waiting ${LOCK_TIMEOUT} for its lock (run the migration again later); once it has the`,
    '-- lock it is not timed out, since a limit would abort a long build half-way.',
  ].join('\n');
  const why = "-- No CONCURRENTLY: it cannot run in drizzle's migration transaction (see the header).";
  const statements = [
    `SET LOCAL lock_timeout = '${LOCK_TIMEOUT}';`,
    'SET LOCAL statement_timeout = 0;',
    ...specs.map((s) => `${why}\n-- squawk-ignore require-concurrent-index-creation\n${createIndexSql(s, { ifNotExists: true, style })}`),
    ...removals.map((s) => `${why}\n-- squawk-ignore require-concurrent-index-deletion\n${dropIndexSql(s, { ifExists: true })}`),
  ];
  return `${header}\n${statements.join(BREAKPOINT)}\n`;
}

/**
 * The reverse: drop what the migration created, recreate what it removed. Run by hand, outside a transaction
 * (as `psql -f` does), so CONCURRENTLY: nothing blocks the table's writes.
 */
export function migrationDownSql(specs: IndexSpec[], removals: IndexSpec[] = [], style: KitStyle = '0.x'): string {
  const statements = [
    `SET lock_timeout = '${LOCK_TIMEOUT}';`,
    'SET statement_timeout = 0;',
    ...specs.map((s) => dropIndexSql(s, { concurrently: true, ifExists: true })),
    ...removals.map((s) => createIndexSql(s, { concurrently: true, ifNotExists: true, style })),
  ];
  return `-- Reverse of the migration beside it (drizzle-kit has no down migrations; run it by hand, outside a transaction:\n-- CONCURRENTLY is not allowed in one).\n${statements.join(BREAKPOINT)}\n`;
}

/** The index a proposal describes. */
export function specOf(table: Table, p: Proposal): IndexSpec {
  return { table, name: p.name, columns: p.columns, where: p.predicate ? qualifiedPredicate(table, p.predicate) : null, predicate: p.predicate };
}
