// Run before the test suite: each missing prerequisite stops it at once with one line naming the prerequisite and
// the command that installs it (rather than a stack trace minutes later).
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PG_ADMIN_URL } from './helpers/postgres';

const ROOT = path.join(__dirname, '..');

async function postgresProblem(): Promise<string | undefined> {
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return `PostgreSQL is not reachable at ${new URL(PG_ADMIN_URL).host} (trust auth): start it with \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` (or set INDEX_INSIGHT_TEST_PG)`;
  }
  try {
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version_num')::int / 10000 AS v")).rows[0].v;
    const hypopg = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'");
    if (hypopg.rowCount === 0)
      return `the HypoPG extension is not installed on PostgreSQL ${version}: \`apt-get install postgresql-${version}-hypopg\``;
    const preload = (await client.query<{ v: string }>("SELECT current_setting('shared_preload_libraries') AS v")).rows[0].v;
    if (!preload.includes('pg_stat_statements')) {
      return `pg_stat_statements is not preloaded: \`echo "shared_preload_libraries = 'pg_stat_statements'" > /etc/postgresql/${version}/main/conf.d/91-pg-stat-statements.conf\` then \`pg_ctlcluster --skip-systemctl-redirect ${version} main restart\` (.ci/run does both)`;
    }
    return undefined;
  } finally {
    await client.end();
  }
}

function kitRcProblem(): string | undefined {
  return fs.existsSync(path.join(ROOT, 'test/kit-rc/node_modules/drizzle-kit/package.json'))
    ? undefined
    : 'drizzle-kit 1.0 (test/kit-rc) is not installed: `npm ci --prefix test/kit-rc`';
}

async function main(): Promise<void> {
  const problems = [kitRcProblem(), await postgresProblem()].filter((p): p is string => p !== undefined);
  for (const p of problems) console.error(`missing prerequisite: ${p}`);
  process.exit(problems.length ? 1 : 0);
}

void main();
