// Reads the database's statistics through pg: one query per catalog (never one per table), in a read-only
// transaction with statement and lock timeouts, then disconnects. pg_stat_statements is optional.
import { Client } from 'pg';
import type { ColumnStatistics, DatabaseIndex, DatabaseStatistics, StatementStatistics, TableStatistics } from '../analysis/weigh/statistics';
import { tableKey } from '../analysis/sqlText/identifiers';
import { redactMessage } from '../prove/redact';
import { type Result, failure } from '../analysis/model/result';

export interface ReadOptions {
  url: string;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** The heaviest statements kept (by total time). */
  maxStatements?: number;
}

/** The database could not be reached, or a catalog query failed (the message says which, without the password). */
export type StatisticsFailureCode = 'cannot-connect' | 'read-failed';

export type StatisticsRead = Result<{ stats: DatabaseStatistics }, StatisticsFailureCode>;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Marks this reader's own statements, so that the workload leaves them out (pg_stat_statements keeps comments). */
const MARK = '/* index-insight */';

const TABLES_SQL = `${MARK}
SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS reltuples, c.relpages::int AS relpages,
       pg_total_relation_size(c.oid)::float8 AS bytes
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS}`;

const COLUMNS_SQL = `${MARK}
SELECT schemaname AS schema, tablename AS name, attname AS column, inherited, null_frac::float8 AS null_frac,
       n_distinct::float8 AS n_distinct, array_to_json(most_common_vals)::text AS mcv, most_common_freqs::float8[] AS mcf
FROM pg_stats
WHERE ${USER_SCHEMAS.replace(/n\.nspname/g, 'schemaname')}
ORDER BY inherited`;

const INDEXES_SQL = `${MARK}
SELECT n.nspname AS schema, t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x')) AS constraint,
       am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate, pg_get_indexdef(x.indexrelid) AS definition,
       ARRAY(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS u(k, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.k AND u.k <> 0
             WHERE u.ord <= x.indnkeyatts ORDER BY u.ord) AS columns,
       coalesce(s.idx_scan, 0)::float8 AS scans, pg_relation_size(x.indexrelid)::float8 AS bytes
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
WHERE t.relkind IN ('r', 'p') AND ${USER_SCHEMAS}`;

export async function readStatistics(o: ReadOptions): Promise<StatisticsRead> {
  const client = new Client({ connectionString: o.url, connectionTimeoutMillis: o.connectTimeoutMs ?? 5000, application_name: 'index-insight' });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    return failure('cannot-connect', `Cannot connect to the database: ${redactMessage((e as Error).message, o.url)}`);
  }
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(o.statementTimeoutMs ?? 10_000))}`);
    await client.query('SET LOCAL lock_timeout = 1000');
    const version = Number((await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num'])).rows[0].v);
    const tables = new Map<string, TableStatistics>();
    for (const r of (await client.query<{ schema: string; name: string; reltuples: number; relpages: number; bytes: number }>(TABLES_SQL)).rows) {
      // Before PostgreSQL 14 a never-analysed table has reltuples 0 and relpages 0; from 14, reltuples -1.
      const known = r.reltuples >= 0 && !(r.reltuples === 0 && r.relpages === 0);
      tables.set(tableKey(r.schema, r.name), {
        schema: r.schema,
        name: r.name,
        rows: known ? r.reltuples : null,
        bytes: r.bytes,
        columns: new Map(),
        indexes: [],
      });
    }
    const columns = await client.query<{
      schema: string;
      name: string;
      column: string;
      null_frac: number;
      n_distinct: number;
      mcv: string | null;
      mcf: number[] | null;
    }>(COLUMNS_SQL);
    for (const r of columns.rows) {
      const t = tables.get(tableKey(r.schema, r.name));
      if (!t || t.columns.has(r.column)) continue;
      t.columns.set(r.column, columnStatistics(r));
    }
    const indexes = await client.query<DatabaseIndex & { schema: string; table: string }>(INDEXES_SQL);
    for (const { schema, table, ...index } of indexes.rows) {
      tables.get(tableKey(schema, table))?.indexes.push(index);
    }
    const reset = await client.query<{ stats_reset: Date | null }>(
      `${MARK} SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()`,
    );
    const { statements, problem } = await readStatements(client, version, o.maxStatements ?? 5000);
    await client.query('ROLLBACK');
    const stats = {
      tables,
      statements,
      statementsProblem: problem,
      statsReset: reset.rows[0]?.stats_reset?.toISOString() ?? null,
      readAt: new Date().toISOString(),
    };
    return { ok: true, stats };
  } catch (e) {
    return failure('read-failed', `Reading the database's statistics failed: ${redactMessage((e as Error).message, o.url)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function columnStatistics(r: { null_frac: number; n_distinct: number; mcv: string | null; mcf: number[] | null }): ColumnStatistics {
  let values: unknown[] = [];
  try {
    values = r.mcv ? (JSON.parse(r.mcv) as unknown[]) : [];
  } catch {
    values = [];
  }
  const freqs = r.mcf ?? [];
  return {
    nullFrac: r.null_frac,
    nDistinct: r.n_distinct,
    mostCommon: freqs.map((freq, i) => ({
      value: values[i] === undefined || values[i] === null ? null : typeof values[i] === 'string' ? values[i] : JSON.stringify(values[i]),
      freq,
    })),
  };
}

/** pg_stat_statements of this database, in a savepoint: a missing or unloaded extension is a note, not a failure. */
async function readStatements(
  client: Client,
  version: number,
  max: number,
): Promise<{ statements: StatementStatistics[] | null; problem: string | null }> {
  const installed = await client.query(`${MARK} SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`);
  if (installed.rowCount === 0)
    return { statements: null, problem: 'pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements)' };
  const total = version >= 130000 ? 'total_exec_time' : 'total_time';
  await client.query('SAVEPOINT statements');
  try {
    const r = await client.query<{ query: string; calls: string; total: number; rows: string }>(
      `${MARK} SELECT s.query, s.calls::text AS calls, s.${total}::float8 AS total, s.rows::text AS rows
       FROM pg_stat_statements s
       WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.query IS NOT NULL AND s.query NOT LIKE '/* index-insight */%'
       ORDER BY s.${total} DESC LIMIT ${Math.max(1, Math.floor(max))}`,
    );
    return { statements: r.rows.map((x) => ({ query: x.query, calls: Number(x.calls), totalMs: x.total, rows: Number(x.rows) })), problem: null };
  } catch (e) {
    await client.query('ROLLBACK TO SAVEPOINT statements');
    return { statements: null, problem: `pg_stat_statements cannot be read: ${(e as Error).message}` };
  }
}
