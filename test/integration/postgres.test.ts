// On the real PostgreSQL: drizzle's own migrator applies the fix's migration; the indexes exist exactly as
// the seed asks; the down SQL removes them; up again restores them. before() writes and applies the migration
// once; every test leaves the database as it found it (migrated), so any of them can run alone.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { createDatabase } from '../helpers/postgres';
import { FIXTURES } from '../helpers/tempWorkspace';
import { runFixAll, workspaceCopy } from '../helpers/fixCase';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

async function runSqlFile(pool: Pool, file: string): Promise<void> {
  for (const stmt of fs.readFileSync(file, 'utf8').split('--> statement-breakpoint')) await pool.query(stmt);
}

describe('the seed fix on PostgreSQL', () => {
  let db: { url: string; drop: () => Promise<void> };
  let root: string;
  let pool: Pool;
  const appliedMigrations = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n;
  const indexes = async () =>
    (
      await pool.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'deep_scan_v2_runs' ORDER BY indexname",
      )
    ).rows;

  before(async () => {
    db = await createDatabase();
    root = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
    pool = new Pool({ connectionString: db.url });
    const { result } = runFixAll(root, 'deep_scan_indexes');
    assert.ok(result.ok, result.ok ? '' : result.message);
    await migrate(drizzle(pool), { migrationsFolder: path.join(root, 'drizzle') });
  });
  after(async () => {
    await pool.end();
    await db.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("applies with drizzle migrate() and creates exactly the seed's three indexes", async () => {
    const rows = await indexes();
    const defs = new Map(rows.map((r) => [r.indexname, r.indexdef]));
    assert.equal(
      defs.get('deep_scan_v2_runs_user_id_status_idx'),
      'CREATE INDEX deep_scan_v2_runs_user_id_status_idx ON public.deep_scan_v2_runs USING btree (user_id, status)',
    );
    assert.equal(
      defs.get('deep_scan_v2_runs_pre_qualification_id_status_idx'),
      'CREATE INDEX deep_scan_v2_runs_pre_qualification_id_status_idx ON public.deep_scan_v2_runs USING btree (pre_qualification_id, status)',
    );
    assert.equal(
      defs.get('deep_scan_v2_runs_bullmq_job_id_idx'),
      'CREATE INDEX deep_scan_v2_runs_bullmq_job_id_idx ON public.deep_scan_v2_runs USING btree (bullmq_job_id) WHERE (bullmq_job_id IS NOT NULL)',
    );
    assert.deepEqual(
      rows.map((r) => r.indexname),
      [
        'created_at_idx',
        'deep_scan_v2_runs_bullmq_job_id_idx',
        'deep_scan_v2_runs_pkey',
        'deep_scan_v2_runs_pre_qualification_id_status_idx',
        'deep_scan_v2_runs_user_id_status_idx',
        'pre_qualification_idx',
        'status_idx',
        'user_idx',
      ],
    );
    assert.equal(await appliedMigrations(), 2);
  });

  it('a second migrate() is a no-op', async () => {
    const existing = await indexes();
    await migrate(drizzle(pool), { migrationsFolder: path.join(root, 'drizzle') });
    assert.equal(await appliedMigrations(), 2);
    assert.deepEqual(await indexes(), existing);
  });

  it('the down SQL removes them, and the up SQL restores them (round trip)', async () => {
    await runSqlFile(pool, path.join(root, 'drizzle/0001_deep_scan_indexes.down.sql'));
    assert.deepEqual(
      (await indexes()).map((r) => r.indexname),
      ['created_at_idx', 'deep_scan_v2_runs_pkey', 'pre_qualification_idx', 'status_idx', 'user_idx'],
    );
    await runSqlFile(pool, path.join(root, 'drizzle/0001_deep_scan_indexes.sql'));
    assert.equal((await indexes()).length, 8);
    // Idempotent: the up SQL again (as after a manual CONCURRENTLY build) does nothing.
    await runSqlFile(pool, path.join(root, 'drizzle/0001_deep_scan_indexes.sql'));
    assert.equal((await indexes()).length, 8);
  });

  it('the CONCURRENTLY statements of the header run outside a transaction', async () => {
    await runSqlFile(pool, path.join(root, 'drizzle/0001_deep_scan_indexes.down.sql'));
    const header = fs
      .readFileSync(path.join(root, 'drizzle/0001_deep_scan_indexes.sql'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('--   CREATE INDEX CONCURRENTLY'));
    assert.equal(header.length, 3);
    for (const line of header) await pool.query(line.slice(5));
    assert.equal((await indexes()).length, 8);
  });
});
