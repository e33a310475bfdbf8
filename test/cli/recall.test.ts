// The CLI on real-project layouts: schema-qualified table names, drizzle.config notes, unread input never silent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const PG_SCHEMA = path.join(FIXTURES, 'analysis', 'pg-schema');
/** Root ignores file permissions: the permission cases run the CLI as `nobody`. */
const AS_ROOT = process.getuid?.() === 0;

function run(args: string[], asNobody = false) {
  const r =
    asNobody && AS_ROOT
      ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CheckJson {
  findings: { table: string }[];
  querySites: number;
  notes: string[];
  skipped: { file: string; reason: string }[];
  incomplete: boolean;
}

interface SarifJson {
  runs: {
    results: { message: { text: string }; properties: { table: string } }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

const json = (stdout: string) => JSON.parse(stdout) as CheckJson;
const sarifOf = (stdout: string) => JSON.parse(stdout) as SarifJson;

/** A copy of a fixture that `nobody` may read (mkdtemp makes the folder private). */
function readableCopy(fixture: string): string {
  const dir = copyFixture(fixture);
  fs.chmodSync(dir, 0o755);
  return dir;
}

describe('check on real-project layouts', () => {
  it('names a pgSchema table schema-qualified in text, JSON and SARIF', () => {
    const text = run(['check', '--root', PG_SCHEMA]);
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, /queries\.ts:5:\d+: warning unserved-filter: Add index \(email\) on auth\.users: no index starts with email/);
    const out = json(run(['check', '--root', PG_SCHEMA, '--format', 'json']).stdout);
    assert.deepEqual(
      out.findings.map((f) => f.table),
      ['auth.users', 'auth.users'],
    );
    const sarif = sarifOf(run(['check', '--root', PG_SCHEMA, '--format', 'sarif']).stdout);
    const results = sarif.runs[0].results;
    assert.deepEqual(
      results.map((r) => r.properties.table),
      ['auth.users', 'auth.users'],
    );
    assert.match(results[0].message.text, /on auth\.users/);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });

  it('says when a drizzle.config names a migrations folder found neither where drizzle-kit runs nor beside it', () => {
    const root = copyFixture(path.join(FIXTURES, 'analysis', 'config-run-folder'));
    try {
      const config = path.join(root, 'server', 'db', 'drizzle.config.ts');
      fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace("out: 'drizzle'", "out: 'migrations'"));
      const r = run(['check', '--root', root, '--format', 'json']);
      assert.equal(r.code, 1, r.stderr);
      const out = json(r.stdout);
      assert.deepEqual(out.notes, [
        "server/db/drizzle.config.ts: migrations folder 'migrations' not found relative to '..' or '.'; indexes written only in migration SQL are not known",
      ]);
      // Without the folder, the hand-written index is unknown: both queries are reported.
      assert.equal(out.findings.length, 2);
      assert.match(run(['check', '--root', root]).stdout, /note: server\/db\/drizzle\.config\.ts: migrations folder 'migrations' not found/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('says which table names a table creator builds from something it cannot read, and still checks their queries', () => {
    const out = json(run(['check', '--root', path.join(FIXTURES, 'analysis', 'table-name-unknown'), '--format', 'json']).stdout);
    assert.deepEqual(out.notes, [
      'db/schema.ts: table jobs: its SQL name is built from `TENANT_PREFIX`, which could not be read; it is shown as "{TENANT_PREFIX}_jobs" and its queries are still checked',
      'db/schema.ts: table shards: its SQL name is built from `process.env.REGION ?? \'eu\'`, which could not be read; it is shown as "shards_{?}" and its queries are still checked',
      'db/schema.ts: table audit: its SQL name is built by a function that could not be read; it is shown as "{audit}" and its queries are still checked',
    ]);
    assert.deepEqual(
      out.findings.map((f) => f.table),
      ['{TENANT_PREFIX}_jobs', 'shards_{?}', '{audit}'],
    );
    // A prefix read from a constant in another file leaves nothing to say.
    const known = json(run(['check', '--root', path.join(FIXTURES, 'analysis', 'table-name-constant'), '--format', 'json']).stdout);
    assert.deepEqual(known.notes, []);
    assert.deepEqual([...new Set(known.findings.map((f) => f.table))], ['shop_orders', 'mkt_stalls']);
  });

  it('an unreadable schema file: listed as skipped, exit 2, and migrate writes nothing', () => {
    const root = readableCopy(PG_SCHEMA);
    try {
      fs.chmodSync(path.join(root, 'schema.ts'), 0o000);
      const r = run(['check', '--root', root, '--format', 'json'], true);
      assert.equal(r.code, 2, r.stderr);
      const out = json(r.stdout);
      assert.deepEqual(out.skipped, [{ file: 'schema.ts', reason: 'permission denied' }]);
      assert.equal(out.incomplete, true);
      assert.match(r.stderr, /the analysis is incomplete/);
      const text = run(['check', '--root', root], true);
      assert.equal(text.code, 2);
      assert.match(text.stdout, /note: skipped schema\.ts: permission denied/);
      const sarif = sarifOf(run(['check', '--root', root, '--format', 'sarif'], true).stdout);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
      assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /Skipped schema\.ts: permission denied/);
      const before = fs.readdirSync(path.join(root, 'drizzle'));
      const migrate = run(['migrate', '--root', root], true);
      assert.equal(migrate.code, 2);
      assert.match(migrate.stderr, /nothing was written:\n {2}schema\.ts: permission denied/);
      assert.deepEqual(fs.readdirSync(path.join(root, 'drizzle')), before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an unreadable migrations folder: exit 2', () => {
    const root = readableCopy(PG_SCHEMA);
    try {
      fs.chmodSync(path.join(root, 'drizzle'), 0o000);
      const r = run(['check', '--root', root, '--format', 'json'], true);
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(json(r.stdout).skipped, [
        { file: 'drizzle', reason: 'permission denied' },
        { file: 'drizzle/meta/_journal.json', reason: 'permission denied' },
      ]);
    } finally {
      fs.chmodSync(path.join(root, 'drizzle'), 0o755);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file over the size limit is listed (not an error unless it is schema); --max-file-size raises the limit', () => {
    const root = copyFixture(PG_SCHEMA);
    try {
      const big = `import { eq } from 'drizzle-orm';\nimport { drizzle } from 'drizzle-orm/node-postgres';\nimport { users } from './schema';\nconst db = drizzle('');\nexport const q = (e: string) => db.select().from(users).where(eq(users.id, 1));\n${'// generated\n'.repeat(450_000)}`;
      fs.writeFileSync(path.join(root, 'generated.ts'), big);
      const r = run(['check', '--root', root, '--format', 'json']);
      assert.equal(r.code, 1, r.stderr);
      const out = json(r.stdout);
      assert.deepEqual(out.skipped, [{ file: 'generated.ts', reason: '5.6 MB, over the 4.0 MB limit' }]);
      assert.equal(out.incomplete, false);
      assert.equal(out.querySites, 3);
      const raised = json(run(['check', '--root', root, '--format', 'json', '--max-file-size', '8']).stdout);
      assert.deepEqual(raised.skipped, []);
      assert.equal(raised.querySites, 4);
      assert.equal(run(['check', '--root', root, '--max-file-size', 'lots']).code, 2);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
