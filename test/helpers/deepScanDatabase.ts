// The seed workspace (test/fixtures/deep-scan) on a real PostgreSQL: its tables made by its own migration, filled
// with skewed runs (10 heavy users own half of them, 85% completed, 5% with a job id), pg_stat_statements
// installed, and a workload run through the fixture's own query functions (drizzle-orm + pg, real SQL).
import { execFile } from 'node:child_process';
import { skewedRunsInsertSql } from './skewedRuns';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { FIXTURES } from './tempWorkspace';

export const DEEP_SCAN = path.join(FIXTURES, 'deep-scan');
export { HEAVY_USERS } from './skewedRuns';

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Runs a drizzle-kit migration file statement by statement. */
export async function runMigration(url: string, file: string): Promise<void> {
  await withClient(url, async (c) => {
    for (const stmt of fs.readFileSync(file, 'utf8').split('--> statement-breakpoint')) if (stmt.trim()) await c.query(stmt);
  });
}

export async function seedDeepScan(url: string, rows: number): Promise<void> {
  await runMigration(url, path.join(DEEP_SCAN, 'drizzle/0000_init.sql'));
  await withClient(url, async (c) => {
    // The runs' parents are not seeded: the foreign keys would only slow the load.
    await c.query(
      'ALTER TABLE deep_scan_v2_runs DROP CONSTRAINT deep_scan_v2_runs_user_id_users_id_fk, DROP CONSTRAINT deep_scan_v2_runs_pre_qualification_id_pre_qualifications_id_fk',
    );
    await c.query(skewedRunsInsertSql(rows));
    await c.query('VACUUM ANALYZE deep_scan_v2_runs');
    await c.query('ANALYZE');
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    // Only this database's statements: other tests share the server.
    await c.query('SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)');
  });
}

export interface WorkloadCounts {
  heavyUserCalls: number;
  lightUserCalls: number;
  preQualificationCalls: number;
  jobLookups: number;
  jobUpdates: number;
}

export const DEFAULT_WORKLOAD: WorkloadCounts = { heavyUserCalls: 30, lightUserCalls: 30, preQualificationCalls: 60, jobLookups: 20, jobUpdates: 5 };

/** Runs the fixture's own query functions (test/helpers/deepScanWorkload.ts) in a child with the fixture's tsconfig paths. */
export async function runDeepScanWorkload(url: string, counts: WorkloadCounts = DEFAULT_WORKLOAD): Promise<string> {
  const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
  const { stdout } = await promisify(execFile)(
    tsx,
    ['--tsconfig', path.join(DEEP_SCAN, 'tsconfig.json'), path.join(__dirname, 'deepScanWorkload.ts'), JSON.stringify(counts)],
    {
      env: { ...process.env, DATABASE_URL: url },
    },
  );
  return stdout;
}
