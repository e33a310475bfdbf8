// EXPLAIN on the user's PostgreSQL through pg: always in a transaction that is rolled back, read-only unless
// the user agreed to build the index, with statement and lock timeouts. UPDATE/DELETE are planned, never run.
import { Client } from 'pg';
import type { RenderedSql } from '../analysis/sqlText/renderQuery';
import { createIndexSql, type IndexSpec } from '../analysis/sqlText/indexDdl';
import { type PlanSummary, summarizePlan } from './plan';
import { redactMessage } from './redact';
import { ProofError } from './proofError';

export interface LiveOptions {
  url: string;
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
}

type Rendered = Extract<RenderedSql, { ok: true }>;

async function withClient<T>(opts: LiveOptions, fn: (c: Client, serverVersion: number) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: opts.url,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    application_name: 'index-insight',
  });
  try {
    await client.connect();
  } catch (e) {
    throw new ProofError('cannot-connect', `Cannot connect to the database: ${redactMessage((e as Error).message, opts.url)}`);
  }
  try {
    const v = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return await fn(client, Number(v.rows[0].server_version_num));
  } catch (e) {
    if (e instanceof ProofError) throw e;
    throw new ProofError('refused', `The database refused: ${redactMessage((e as Error).message, opts.url)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function begin(c: Client, opts: LiveOptions, readOnly: boolean): Promise<void> {
  await c.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
  await c.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(opts.statementTimeoutMs ?? 5000))}`);
  await c.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(opts.lockTimeoutMs ?? 1000))}`);
}

/** A generic plan for SQL with $n parameters, without values: EXPLAIN (GENERIC_PLAN) on 16+, a forced generic plan before. */
async function genericPlan(c: Client, version: number, rendered: Rendered): Promise<PlanSummary> {
  if (version >= 160000) {
    const r = await c.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${rendered.sql}`);
    return summarizePlan(r.rows[0]['QUERY PLAN']);
  }
  await c.query('SET LOCAL plan_cache_mode = force_generic_plan');
  await c.query(`PREPARE index_insight_stmt AS ${rendered.sql}`);
  const nulls = rendered.params.map(() => 'NULL').join(', ');
  const r = await c.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) EXECUTE index_insight_stmt${nulls ? `(${nulls})` : ''}`);
  return summarizePlan(r.rows[0]['QUERY PLAN']);
}

/** The planner's choice for a site now, in a read-only transaction that is rolled back. */
export async function explainLive(opts: LiveOptions, rendered: Rendered): Promise<PlanSummary> {
  return withClient(opts, async (c, version) => {
    await begin(c, opts, true);
    try {
      return await genericPlan(c, version, rendered);
    } finally {
      await c.query('ROLLBACK');
    }
  });
}

/**
 * Plans before and after the proposed index. With HypoPG the index is hypothetical (no build, no lock);
 * without it the index is really built, inside a transaction that is always rolled back, and only when
 * `allowBuild` says the user agreed (it blocks writes to the table while it builds).
 */
export async function proveLive(
  opts: LiveOptions,
  rendered: Rendered,
  spec: IndexSpec,
  allowBuild: boolean,
): Promise<{ before: PlanSummary; after: PlanSummary; method: 'hypopg' | 'rolled-back build' }> {
  return withClient(opts, async (c, version) => {
    const size = await c.query<{ rows: string; bytes: string }>(
      'SELECT greatest(c.reltuples, 0)::bigint AS rows, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND n.nspname = $2',
      [spec.table.name, spec.table.schema ?? 'public'],
    );
    const table = `${spec.table.schema ?? 'public'}.${spec.table.name}`;
    if (size.rowCount === 0)
      throw new ProofError(
        'missing-table',
        `The table ${table} does not exist in this database: apply your migrations to it (or point --database-url at the database that has it).`,
      );
    const hypo = (await c.query("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")).rowCount === 1;
    if (!hypo && !allowBuild) {
      const available = (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'")).rowCount === 1;
      const rows = Number(size.rows[0].rows);
      const mb = Number(size.rows[0].bytes) / 2 ** 20;
      const why = available
        ? 'HypoPG is installed on the server but not created in this database (CREATE EXTENSION hypopg; would make the proof hypothetical)'
        : 'HypoPG is not installed on this server';
      throw new ProofError(
        'needs-consent',
        `${why}: building "${spec.name}" on ${spec.table.name} (about ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB) needs your confirmation: it blocks writes to the table while it builds, then is rolled back.`,
      );
    }
    await begin(c, opts, hypo);
    try {
      const before = await genericPlan(c, version, rendered);
      if (hypo) await c.query('SELECT * FROM hypopg_create_index($1)', [createIndexSql(spec)]);
      else await c.query(createIndexSql(spec));
      if (version < 160000) await c.query('DEALLOCATE index_insight_stmt');
      const after = await genericPlan(c, version, rendered);
      return { before, after, method: hypo ? 'hypopg' : 'rolled-back build' };
    } finally {
      await c.query('ROLLBACK');
    }
  });
}
