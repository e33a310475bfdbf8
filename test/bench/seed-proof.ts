// Benchmark (prints figures; not a test): the seed's claim, measured. On the real PostgreSQL and on the
// embedded one, the seed fixture's tables are created through its migrations and filled with 100K and 1M runs
// with a realistic skew; the seed's queries (the SQL rendered from the fixture's own query sites) are timed
// before and after the migration the quick fix writes. Usage: npm run bench:seed [-- 100000 1000000]
import fs from 'node:fs';
import { skewedRunsInsertSql } from '../helpers/skewedRuns';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { summarizePlan } from '../../server/src/prove/plan';
import { runFixAll, workspaceCopy } from '../helpers/fixCase';
import { createDatabase } from '../helpers/postgres';
import { FIXTURES } from '../helpers/tempWorkspace';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ROWS = SIZES.length ? SIZES : [100_000, 1_000_000];

interface Db {
  name: string;
  exec(sql: string): Promise<void>;
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function postgres(): Promise<Db> {
  const db = await createDatabase();
  const pool = new Pool({ connectionString: db.url, max: 1 });
  return {
    name: 'PostgreSQL 15 (local)',
    exec: async (sql) => void (await pool.query(sql)),
    query: async (sql, params) => (await pool.query<Record<string, unknown>>(sql, params)).rows,
    close: async () => {
      await pool.end();
      await db.drop();
    },
  };
}

async function embedded(): Promise<Db> {
  const db = new PGlite();
  await db.waitReady;
  return {
    name: 'PGlite 0.5 (PostgreSQL 18, WASM)',
    exec: async (sql) => void (await db.exec(sql)),
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
    close: () => db.close(),
  };
}

async function runSqlFile(db: Db, file: string) {
  for (const stmt of fs.readFileSync(file, 'utf8').split('--> statement-breakpoint')) if (stmt.trim()) await db.exec(stmt);
}

/** 10 heavy users own half the runs; 85% completed; 5% carry a job id. */
async function seed(db: Db, rows: number) {
  await db.exec(
    `ALTER TABLE deep_scan_v2_runs DROP CONSTRAINT IF EXISTS deep_scan_v2_runs_user_id_users_id_fk, DROP CONSTRAINT IF EXISTS deep_scan_v2_runs_pre_qualification_id_pre_qualifications_id_fk`,
  );
  await db.exec(skewedRunsInsertSql(rows));
  await db.exec('ANALYZE deep_scan_v2_runs');
}

function pct(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function time(db: Db, sql: string, params: unknown[], runs: number) {
  for (let i = 0; i < 3; i++) await db.query(sql, params);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.query(sql, params);
    ms.push(performance.now() - t);
  }
  const plan = summarizePlan((await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN']);
  const node = plan.indexes.length
    ? `${plan.nodes.find((n) => n !== 'Limit')} (${plan.indexes.join(' + ')})`
    : plan.nodes.filter((n) => n !== 'Limit' && n !== 'Gather')[0];
  return { p50: pct(ms, 50), p95: pct(ms, 95), node };
}

async function main() {
  await loadSqlParser();
  const project = new Project(path.join(FIXTURES, 'deep-scan'), new NodeFileHost());
  const sqlAt = (rel: string, line: number) => {
    const found = project.siteAt(path.join(project.root, rel), line - 1);
    if (!found?.sql.ok) throw new Error(`no SQL for ${rel}:${line}`);
    return found.sql.sql;
  };
  const userStatus = sqlAt('lib/deep-scan/list-runs.ts', 12);
  const prequalStatus = sqlAt('lib/deep-scan/list-runs.ts', 20);
  const byJob = sqlAt('lib/deep-scan/worker.ts', 14);
  const fixed = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
  const fix = runFixAll(fixed, 'seed_indexes');
  if (!fix.result.ok) throw new Error(fix.result.message);
  const migration = path.join(fixed, 'drizzle/0001_seed_indexes.sql');

  const rows: string[] = [];
  const makers = process.env.BENCH_DB === 'embedded' ? [embedded] : process.env.BENCH_DB === 'postgres' ? [postgres] : [postgres, embedded];
  for (const make of makers) {
    for (const n of ROWS) {
      const db = await make();
      try {
        await runSqlFile(db, path.join(FIXTURES, 'deep-scan/drizzle/0000_init.sql'));
        await seed(db, n);
        // A repeated LIMIT 1 scan would otherwise resume where the last one stopped (synchronized seq scans on
        // tables over 1/4 of shared_buffers) and find the same row at once: every run must scan as a first one would.
        await db.exec('SET synchronize_seqscans = off');
        const heavy = (await db.query(`SELECT md5('heavy1')::uuid AS u`, []))[0].u;
        const light = (await db.query(`SELECT md5('light7')::uuid AS u`, []))[0].u;
        const pq = (await db.query(`SELECT md5('pq42')::uuid AS p`, []))[0].p;
        // A job in the middle of the table: a scan that stops at the first match reads half of it.
        const job = (
          await db.query(
            `SELECT bullmq_job_id AS j FROM deep_scan_v2_runs WHERE bullmq_job_id IS NOT NULL ORDER BY created_at OFFSET ${Math.round(n / 40)} LIMIT 1`,
            [],
          )
        )[0].j;
        const count = async (sql: string, params: unknown[]) => (await db.query(`SELECT count(*)::int AS n FROM (${sql}) q`, params))[0].n as number;
        const queries: [string, string, unknown[]][] = [
          ['user + status, heavy user', userStatus, [heavy, 'failed']],
          ['user + status, light user', userStatus, [light, 'failed']],
          ['pre_qualification + status IN', prequalStatus, [pq, 'running']],
          ['job id lookup', byJob, [job, 1]],
        ];
        const runs = n >= 1_000_000 ? 20 : 40;
        if (process.env.BENCH_DEBUG) {
          const plan = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${byJob}`, [job, 1]);
          console.error(job, JSON.stringify(plan[0]).slice(0, 600));
        }
        const matched = [];
        for (const [, sql, params] of queries) matched.push(await count(sql, params));
        const before: Awaited<ReturnType<typeof time>>[] = [];
        for (const [, sql, params] of queries) before.push(await time(db, sql, params, runs));
        await runSqlFile(db, migration);
        await db.exec('ANALYZE deep_scan_v2_runs');
        for (const [i, [label, sql, params]] of queries.entries()) {
          const after = await time(db, sql, params, runs);
          const b = before[i];
          rows.push(
            `${db.name} | ${n.toLocaleString('en-US')} | ${label} (${matched[i]} rows) | ${b.p50.toFixed(2)} / ${b.p95.toFixed(2)} | ${after.p50.toFixed(2)} / ${after.p95.toFixed(2)} | ${(b.p50 / after.p50).toFixed(1)}× | ${b.node} -> ${after.node}`,
          );
        }
      } finally {
        await db.close();
      }
    }
  }
  fs.rmSync(fixed, { recursive: true, force: true });
  console.log('database | runs | query | before p50 / p95 ms | after p50 / p95 ms | ratio (p50) | plan before -> after');
  console.log('---|---|---|---|---|---|---');
  for (const r of rows) console.log(r);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
