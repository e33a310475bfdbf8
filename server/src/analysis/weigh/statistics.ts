// What the database tells about itself: planner statistics, index usage, the statement workload. Plain values,
import { tableKey } from '../sqlText/identifiers';
// read by server/src/database and weighed here; nothing in the core ever connects.

/** pg_stats for one column (n_distinct as PostgreSQL stores it: negative = a fraction of the rows). */
export interface ColumnStatistics {
  nullFrac: number;
  nDistinct: number;
  /** most_common_vals as text, with most_common_freqs, most common first. */
  mostCommon: { value: string | null; freq: number }[];
}

/** An index as the database has it (pg_index, pg_stat_user_indexes). */
export interface DatabaseIndex {
  name: string;
  /** Key columns in order; null for an expression. */
  columns: (string | null)[];
  unique: boolean;
  primary: boolean;
  /** Backs a PRIMARY KEY or UNIQUE constraint (drizzle declares those on the column, not as an index). */
  constraint: boolean;
  method: string;
  predicate: string | null;
  definition: string;
  /** idx_scan since the last statistics reset. */
  scans: number;
  bytes: number;
}

export interface TableStatistics {
  schema: string;
  name: string;
  /** pg_class.reltuples; null when the table was never analysed or vacuumed. */
  rows: number | null;
  bytes: number;
  columns: Map<string, ColumnStatistics>;
  indexes: DatabaseIndex[];
}

/** One pg_stat_statements row. */
export interface StatementStatistics {
  query: string;
  calls: number;
  totalMs: number;
  rows: number;
}

export interface DatabaseStatistics {
  /** `schema.table` -> statistics. */
  tables: Map<string, TableStatistics>;
  /** null: pg_stat_statements is not installed or not readable. */
  statements: StatementStatistics[] | null;
  /** Why there is no workload, when there is none. */
  statementsProblem: string | null;
  /** When index usage counters were last reset (pg_stat_database.stats_reset), ISO time; null: never. */
  statsReset: string | null;
  /** When these statistics were read, ISO time. */
  readAt: string;
}

export function tableStatistics(stats: DatabaseStatistics, table: { schema: string | null; name: string }): TableStatistics | undefined {
  return stats.tables.get(tableKey(table.schema, table.name));
}
