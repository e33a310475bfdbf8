// Proof: the embedded database on the seed fixture, and the pg path on the real PostgreSQL (read-only,
// timeouts, a database that is down, passwords kept out of messages).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client, Pool } from 'pg';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { explainLive } from '../../server/src/prove/live';
import { ProofError } from '../../server/src/prove/proofError';
import type { PlanSummary } from '../../server/src/prove/plan';
import { type ProofReport, type ProofRequest, prove } from '../../server/src/prove/prove';
import { FIXTURES } from '../helpers/tempWorkspace';
import { createDatabase } from '../helpers/postgres';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const SEED = path.join(FIXTURES, 'deep-scan');
const LIST = path.join(SEED, 'lib/deep-scan/list-runs.ts');
const WORKER = path.join(SEED, 'lib/deep-scan/worker.ts');
const NO_DATABASE_URL = { ...process.env, DATABASE_URL: '' };
const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** The report of a proof that must succeed. */
async function proveOk(req: ProofRequest): Promise<ProofReport> {
  const outcome = await prove(new Project(SEED, new NodeFileHost()), req);
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
  return outcome.report;
}
const USER_STATUS_IDX = 'deep_scan_v2_runs_user_id_status_idx';
const JOB_ID_IDX = 'deep_scan_v2_runs_bullmq_job_id_idx';

/** `prove --format json` as the README documents it. */
interface ProveJson {
  sql: string;
  database: string;
  index: { name: string; columns: string[]; where: string | null };
  before: PlanJson;
  after: PlanJson;
  ratio: number;
  notes: string[];
}
type PlanJson = { plan: unknown; nodes: string[]; indexes: string[]; estimatedRows: number; cost: number; ms: number | null };

/** Depth-first node types and the indexes used: what distinguishes one plan from another here. */
const shape = (p: PlanSummary | PlanJson) => ({ nodes: p.nodes, indexes: p.indexes });
const count = async (pool: Pool, sql: string) => (await pool.query<{ n: number }>(sql)).rows[0].n;

/** The seed fixture's tables through its migrations, with 50K runs (foreign keys dropped: no parent rows). */
async function seedRuns(pool: Pool): Promise<void> {
  await migrate(drizzle(pool), { migrationsFolder: path.join(SEED, 'drizzle') });
  await pool.query(
    `ALTER TABLE deep_scan_v2_runs DROP CONSTRAINT deep_scan_v2_runs_user_id_users_id_fk, DROP CONSTRAINT deep_scan_v2_runs_pre_qualification_id_pre_qualifications_id_fk`,
  );
  await pool.query(`INSERT INTO deep_scan_v2_runs (pre_qualification_id, user_id, status, bullmq_job_id)
    SELECT md5((g % 5000)::text)::uuid, md5((g % 500)::text)::uuid, (ARRAY['pending','running','completed','failed'])[1 + g % 4], CASE WHEN g % 20 = 0 THEN 'job' || g END
    FROM generate_series(1, 50000) g`);
  await pool.query('ANALYZE deep_scan_v2_runs');
}

describe('proof on the embedded database', () => {
  it('user + status: BitmapAnd of the two single-column indexes before, the composite index after', async () => {
    const report = await proveOk({ file: LIST, line: 11, rows: 20_000 });
    assert.equal(report.database, 'embedded');
    assert.deepEqual(
      [report.index.table.name, report.index.name, report.index.columns, report.index.where],
      ['deep_scan_v2_runs', USER_STATUS_IDX, ['user_id', 'status'], null],
    );
    assert.deepEqual(shape(report.before), {
      nodes: ['Bitmap Heap Scan', 'BitmapAnd', 'Bitmap Index Scan', 'Bitmap Index Scan'],
      indexes: ['user_idx', 'status_idx'],
    });
    assert.deepEqual(shape(report.after), { nodes: ['Bitmap Heap Scan', 'Bitmap Index Scan'], indexes: [USER_STATUS_IDX] });
    // The same query on the same rows: the same estimate; the composite index is the cheaper plan.
    assert.equal(report.after.estimatedRows, report.before.estimatedRows);
    assert.ok(report.after.totalCost < report.before.totalCost, `${report.after.totalCost} < ${report.before.totalCost}`);
    // EXPLAIN ANALYZE ran: real timings, and the ratio is theirs (not asserted > 1: timings vary, costs do not).
    assert.ok(
      report.before.ms !== null && report.before.ms > 0 && report.after.ms !== null && report.after.ms > 0,
      JSON.stringify([report.before.ms, report.after.ms]),
    );
    assert.equal(report.ratio, report.before.ms / report.after.ms);
    assert.deepEqual(report.notes, [
      'Embedded PostgreSQL (PGlite) built from the migrations, with 20000 synthetic rows in deep_scan_v2_runs: the data are synthetic, the timings indicative.',
    ]);
  });

  it('the job-id UPDATE: a full scan before, the partial index after (run on synthetic rows, rolled back)', async () => {
    const report = await proveOk({ file: WORKER, line: 8, rows: 20_000 });
    assert.deepEqual(shape(report.before), { nodes: ['ModifyTable', 'Seq Scan'], indexes: [] });
    assert.deepEqual(shape(report.after), { nodes: ['ModifyTable', 'Index Scan'], indexes: [JOB_ID_IDX] });
    assert.ok(report.after.totalCost < report.before.totalCost, `${report.after.totalCost} < ${report.before.totalCost}`);
  });

  it('the CLI prints the report, JSON as documented, and exits 2 on a query that is not fully known', () => {
    const r = spawnSync(
      process.execPath,
      [CLI, 'prove', '--root', SEED, '--at', 'lib/deep-scan/list-runs.ts:12', '--rows', '5000', '--format', 'json'],
      { encoding: 'utf8', env: NO_DATABASE_URL },
    );
    assert.equal(r.status, 0, r.stderr);
    // Progress on stderr while the embedded database boots and fills.
    assert.match(
      r.stderr,
      /^index-insight: Starting the embedded PostgreSQL \(PGlite\)…\nindex-insight: Creating the tables from 1 migration…\nindex-insight: Inserting 5,000 synthetic rows into deep_scan_v2_runs…\nindex-insight: Explaining the query before and after the index…\n$/,
    );
    const json = JSON.parse(r.stdout) as ProveJson;
    assert.deepEqual(Object.keys(json), ['sql', 'database', 'index', 'before', 'after', 'ratio', 'notes']);
    assert.deepEqual(Object.keys(json.before), ['plan', 'nodes', 'indexes', 'estimatedRows', 'cost', 'ms']);
    assert.equal(json.database, 'embedded');
    assert.match(
      json.sql,
      /^select .* from "deep_scan_v2_runs" where \("deep_scan_v2_runs"\."user_id" = \$1 and "deep_scan_v2_runs"\."status" = \$2\)$/,
    );
    assert.deepEqual(json.index, { name: USER_STATUS_IDX, columns: ['user_id', 'status'], where: null });
    assert.deepEqual(shape(json.before), {
      nodes: ['Bitmap Heap Scan', 'BitmapAnd', 'Bitmap Index Scan', 'Bitmap Index Scan'],
      indexes: ['user_idx', 'status_idx'],
    });
    assert.deepEqual(shape(json.after), { nodes: ['Bitmap Heap Scan', 'Bitmap Index Scan'], indexes: [USER_STATUS_IDX] });
    assert.ok(json.after.cost < json.before.cost);
    assert.equal(json.ratio, (json.before.ms ?? NaN) / (json.after.ms ?? NaN));
    const silent = path.join(FIXTURES, 'analysis', 'silent');
    const line =
      fs
        .readFileSync(path.join(silent, 'queries.ts'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('export const rawAtom')) + 1;
    const bad = spawnSync(process.execPath, [CLI, 'prove', '--root', silent, '--at', `queries.ts:${line}`], {
      encoding: 'utf8',
      env: NO_DATABASE_URL,
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not fully known statically/);
  });
});

describe('proof on a live PostgreSQL', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: Pool;
  before(async () => {
    db = await createDatabase();
    pool = new Pool({ connectionString: db.url });
    await seedRuns(pool);
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it('plans before and after with the index built in a transaction that is rolled back', async () => {
    const report = await proveOk({ file: LIST, line: 11, databaseUrl: db.url, allowBuild: true });
    assert.equal(report.database, 'live');
    assert.deepEqual(shape(report.before), {
      nodes: ['Bitmap Heap Scan', 'BitmapAnd', 'Bitmap Index Scan', 'Bitmap Index Scan'],
      indexes: ['user_idx', 'status_idx'],
    });
    assert.deepEqual(shape(report.after), { nodes: ['Bitmap Heap Scan', 'Bitmap Index Scan'], indexes: [USER_STATUS_IDX] });
    // Generic plans: no timings; the ratio is the ratio of the estimated costs.
    assert.equal(report.before.ms, null);
    assert.equal(report.ratio, report.before.totalCost / report.after.totalCost);
    assert.ok(report.ratio > 1, String(report.ratio));
    assert.match(report.notes.join(' '), /built inside a transaction that was rolled back/);
    assert.equal(
      await count(pool, `SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = '${USER_STATUS_IDX}'`),
      0,
      'the index was rolled back',
    );
  });

  it('without HypoPG and without consent nothing is built; the CLI says why and names --build-index', async () => {
    const outcome = await prove(new Project(SEED, new NodeFileHost()), { file: LIST, line: 11, databaseUrl: db.url });
    assert.ok(!outcome.ok);
    assert.equal(outcome.code, 'needs-consent');
    assert.match(outcome.message, /on deep_scan_v2_runs \(about 50,000 rows, [\d.]+ MB\) needs your confirmation/);
    // This server has the HypoPG package (CI installs it), but the extension is not created in this database.
    const r = spawnSync(process.execPath, [CLI, 'prove', '--root', SEED, '--at', 'lib/deep-scan/list-runs.ts:12', '--database-url', db.url], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^index-insight: HypoPG is installed on the server but not created in this database \(CREATE EXTENSION hypopg; would make the proof hypothetical\): building "deep_scan_v2_runs_user_id_status_idx" .* needs your confirmation: .* Run again with --build-index to build it\.$/m,
    );
  });

  it('DATABASE_URL from the environment when no flag is given, never printed', () => {
    const r = spawnSync(process.execPath, [CLI, 'prove', '--root', SEED, '--at', 'lib/deep-scan/list-runs.ts:12', '--build-index'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Database: live$/m);
    assert.ok(!`${r.stdout}${r.stderr}`.includes(db.url));
  });

  it('a table missing from the database is said as such', async () => {
    const empty = await createDatabase();
    try {
      const outcome = await prove(new Project(SEED, new NodeFileHost()), { file: LIST, line: 11, databaseUrl: empty.url });
      assert.ok(!outcome.ok);
      assert.match(outcome.message, /The table public\.deep_scan_v2_runs does not exist in this database: apply your migrations/);
    } finally {
      await empty.drop();
    }
  });

  it('a planned UPDATE leaves the data unchanged', async () => {
    const checksum = async () =>
      (await pool.query<{ h: string }>("SELECT md5(string_agg(id::text || status, ',' ORDER BY id)) AS h FROM deep_scan_v2_runs")).rows[0].h;
    const beforeSum = await checksum();
    const project = new Project(SEED, new NodeFileHost());
    const found = project.siteAt(WORKER, 8)!;
    assert.ok(found.sql.ok);
    const plan = await explainLive({ url: db.url }, found.sql);
    assert.equal(plan.nodes[0], 'ModifyTable');
    assert.equal(await checksum(), beforeSum);
  });

  it('gives up on a lock after lock_timeout, with a clear message', async () => {
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE deep_scan_v2_runs IN ACCESS EXCLUSIVE MODE');
    try {
      const found = new Project(SEED, new NodeFileHost()).siteAt(LIST, 11)!;
      assert.ok(found.sql.ok);
      await assert.rejects(
        explainLive({ url: db.url, lockTimeoutMs: 200 }, found.sql),
        (e: Error) => e instanceof ProofError && e.code === 'refused' && /lock timeout/.test(e.message),
      );
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('a malformed URL (flag or DATABASE_URL): exit 2 with a message, no stack, no password', () => {
    for (const [args, env] of [
      [['--database-url', 'postgres://app:s3cr3t-pa55@host:notaport/app'], NO_DATABASE_URL],
      [['--database-url', 'mysql://app:s3cr3t-pa55@host/app'], NO_DATABASE_URL],
      [[], { ...process.env, DATABASE_URL: 'not a url s3cr3t-pa55' }],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, 'prove', '--root', SEED, '--at', 'lib/deep-scan/list-runs.ts:12', ...args], {
        encoding: 'utf8',
        env,
      });
      assert.equal(r.status, 2, r.stderr);
      assert.match(
        r.stderr,
        /^index-insight: (--database-url|DATABASE_URL) is not a PostgreSQL connection URL \(postgres:\/\/user:password@host:5432\/database\)\n$/,
      );
      assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cr3t-pa55'));
    }
  });

  it('a database that is down: a clear message without the password', async () => {
    const url = 'postgres://app:s3cr3t-pa55@127.0.0.1:1/app';
    const found = new Project(SEED, new NodeFileHost()).siteAt(LIST, 11)!;
    assert.ok(found.sql.ok);
    await assert.rejects(
      explainLive({ url, connectTimeoutMs: 1000 }, found.sql),
      (e: Error) =>
        e instanceof ProofError &&
        e.code === 'cannot-connect' &&
        /Cannot connect to the database/.test(e.message) &&
        !e.message.includes('s3cr3t-pa55'),
    );
    const r = spawnSync(process.execPath, [CLI, 'prove', '--root', SEED, '--at', 'lib/deep-scan/list-runs.ts:12', '--database-url', url], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Cannot connect/);
    assert.ok(!`${r.stdout}${r.stderr}`.includes('s3cr3t-pa55'));
  });
});

describe('proof with HypoPG', () => {
  let db: { url: string; drop: () => Promise<void> };
  let pool: Pool;
  before(async () => {
    db = await createDatabase();
    pool = new Pool({ connectionString: db.url });
    await seedRuns(pool);
    await pool.query('CREATE EXTENSION hypopg');
  });
  after(async () => {
    await pool.end();
    await db.drop();
  });

  it('plans with a hypothetical index: nothing built, no consent needed', async () => {
    const report = await proveOk({ file: WORKER, line: 8, databaseUrl: db.url });
    assert.match(report.notes.join(' '), /hypothetical index \(HypoPG\)/);
    assert.deepEqual(shape(report.before), { nodes: ['ModifyTable', 'Seq Scan'], indexes: [] });
    // HypoPG names a hypothetical index "<oid>btree_<table>_<columns>".
    assert.deepEqual(report.after.nodes, ['ModifyTable', 'Index Scan']);
    assert.match(report.after.indexes.join(), /^<\d+>btree_deep_scan_v2_runs_bullmq_job_id$/);
    assert.ok(report.after.totalCost < report.before.totalCost);
    assert.equal(await count(pool, "SELECT count(*)::int AS n FROM pg_indexes WHERE indexname LIKE '%bullmq%'"), 0);
  });
});
