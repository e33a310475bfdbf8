// Child process: calls the deep-scan fixture's own query functions against DATABASE_URL (drizzle-orm + pg).
// Run with the fixture's tsconfig (`tsx --tsconfig test/fixtures/deep-scan/tsconfig.json`) for its `@/` paths.
import type { WorkloadCounts } from './deepScanDatabase';

// Loaded at run time (not imported): this repository's type check does not know the fixture's `@/` paths.
/* eslint-disable @typescript-eslint/no-require-imports */
const FIXTURE = '../fixtures/deep-scan';
type Query = (...args: unknown[]) => Promise<unknown>;
const { db } = require(`${FIXTURE}/lib/db`) as { db: { $client: { query<T>(sql: string): Promise<{ rows: T[] }>; end(): Promise<void> } } };
const { countRunsForUser, getRun, listRunsForPreQualification, listRunsForUser } = require(`${FIXTURE}/lib/deep-scan/list-runs`) as Record<
  string,
  Query
>;
const { findRunByJob, markCompleted } = require(`${FIXTURE}/lib/deep-scan/worker`) as Record<string, Query>;
/* eslint-enable @typescript-eslint/no-require-imports */

const RARE = ['failed', 'running', 'pending'];
const count = (rows: unknown) => (Array.isArray(rows) ? rows.length : 0);

async function main() {
  const counts = JSON.parse(process.argv[2]) as WorkloadCounts;
  const ids = async (sql: string) => (await db.$client.query<{ v: string }>(sql)).rows.map((r) => r.v);
  const heavy = await ids(`SELECT md5('heavy' || g)::uuid::text AS v FROM generate_series(0, 9) g`);
  const light = await ids(`SELECT md5('light' || g)::uuid::text AS v FROM generate_series(0, 99) g`);
  const pqs = await ids(`SELECT md5('pq' || g)::uuid::text AS v FROM generate_series(0, 99) g`);
  const jobs = await ids(`SELECT bullmq_job_id AS v FROM deep_scan_v2_runs WHERE bullmq_job_id IS NOT NULL ORDER BY id LIMIT 50`);
  let rows = 0;
  for (let i = 0; i < counts.heavyUserCalls; i++) rows += count(await listRunsForUser(heavy[i % heavy.length], RARE[i % RARE.length]));
  for (let i = 0; i < counts.lightUserCalls; i++) rows += count(await listRunsForUser(light[i % light.length], RARE[i % RARE.length]));
  // IN-lists of one and of two states: two pg_stat_statements rows, one query site.
  for (let i = 0; i < counts.preQualificationCalls; i++) {
    rows += count(await listRunsForPreQualification(pqs[i % pqs.length], i % 2 ? ['running'] : ['running', 'pending']));
  }
  for (let i = 0; i < counts.jobLookups; i++) rows += (await findRunByJob(jobs[i % jobs.length])) ? 1 : 0;
  for (let i = 0; i < counts.jobUpdates; i++) await markCompleted(jobs[i % jobs.length], { ok: true });
  for (let i = 0; i < 5; i++) {
    await getRun(heavy[0]);
    await countRunsForUser(light[i]);
  }
  await db.$client.end();
  process.stdout.write(`${rows}\n`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
