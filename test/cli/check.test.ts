// The CLI as CI runs it: the built dist/cli.js on the seed fixture, every format and exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { JsonFinding } from '../../server/src/cli/formats/json';
import { FIXTURES, copyFixture, writeWorkspace } from '../helpers/tempWorkspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const SEED = path.join(FIXTURES, 'deep-scan');
const UNCALLED = path.join(FIXTURES, 'uncalled');
const WRITE_ONLY = path.join(FIXTURES, 'write-only');

interface CheckJson {
  findings: JsonFinding[];
  tables: number;
  querySites: number;
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: unknown }[] }[];
  }[];
}

const USER_STATUS_MESSAGE = 'Add index (user_id, status) on deep_scan_v2_runs: "user_idx" covers only user_id';
const JOB_ID_MESSAGE = 'Add partial index (bullmq_job_id) on deep_scan_v2_runs: no index starts with bullmq_job_id';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('index-insight check', () => {
  it('prints compiler-style lines and exits 1 when there are findings', () => {
    const r = run(['check', '--root', SEED]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `lib/deep-scan/list-runs.ts:12:12: information partly-served-filter: ${USER_STATUS_MESSAGE}`,
      'lib/deep-scan/list-runs.ts:20:12: information partly-served-filter: Add index (pre_qualification_id, status) on deep_scan_v2_runs: "pre_qualification_idx" covers only pre_qualification_id',
      `lib/deep-scan/worker.ts:9:12: warning unserved-filter: ${JOB_ID_MESSAGE}`,
      `lib/deep-scan/worker.ts:14:12: warning unserved-filter: ${JOB_ID_MESSAGE}`,
      '4 findings in 7 query sites over 3 tables.',
    ]);
  });

  it('--format json prints the documented object', () => {
    const r = run(['check', '--root', SEED, '--format', 'json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as CheckJson;
    assert.equal(out.tables, 3);
    assert.equal(out.querySites, 7);
    assert.deepEqual(out.findings[0], {
      file: 'lib/deep-scan/list-runs.ts',
      line: 12,
      column: 12,
      endLine: 12,
      endColumn: 85,
      severity: 'information',
      code: 'partly-served-filter',
      table: 'deep_scan_v2_runs',
      filter: [
        { column: 'user_id', kind: 'eq' },
        { column: 'status', kind: 'eq' },
      ],
      verdict: 'partly',
      bestIndex: 'user_idx',
      proposal: { name: 'deep_scan_v2_runs_user_id_status_idx', columns: ['user_id', 'status'], where: null },
      message: USER_STATUS_MESSAGE,
    });
    assert.deepEqual(out.findings[2].proposal, {
      name: 'deep_scan_v2_runs_bullmq_job_id_idx',
      columns: ['bullmq_job_id'],
      where: '"bullmq_job_id" IS NOT NULL',
    });
    assert.deepEqual(out.findings[1].filter, [
      { column: 'pre_qualification_id', kind: 'eq' },
      { column: 'status', kind: 'in' },
    ]);
  });

  it('--format sarif prints SARIF 2.1.0 with rules and locations', () => {
    const r = run(['check', '--root', SEED, '--format', 'sarif']);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout) as SarifLog;
    assert.equal(sarif.version, '2.1.0');
    const [runEntry] = sarif.runs;
    assert.deepEqual(
      runEntry.tool.driver.rules.map((x) => x.id),
      ['unserved-filter', 'partly-served-filter'],
    );
    assert.deepEqual(
      runEntry.results.map((x) => x.ruleId),
      ['partly-served-filter', 'partly-served-filter', 'unserved-filter', 'unserved-filter'],
    );
    assert.equal(runEntry.results[2].message.text, JOB_ID_MESSAGE);
    assert.deepEqual(runEntry.results[2].locations[0].physicalLocation, {
      artifactLocation: { uri: 'lib/deep-scan/worker.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 9, startColumn: 12, endLine: 9, endColumn: 39 },
    });
    assert.equal(runEntry.results[2].level, 'warning');
  });

  it('exits 0 on a workspace without findings', () => {
    const root = copyFixture(SEED);
    try {
      const schema = path.join(root, 'lib/db/schema.ts');
      const text = fs
        .readFileSync(schema, 'utf8')
        .replace(
          "index('created_at_idx').on(table.createdAt),",
          "index('created_at_idx').on(table.createdAt),\n    index('a').on(table.userId, table.status),\n    index('b').on(table.preQualificationId, table.status),\n    index('c').on(table.bullmqJobId),",
        );
      fs.writeFileSync(schema, text);
      const r = run(['check', '--root', root]);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /^0 findings in 7 query sites over 3 tables\.$/m);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves test and script files out by default; --exclude replaces the list, --no-exclude reports all', () => {
    const root = copyFixture(SEED);
    try {
      const query =
        "import { eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../lib/db';\nexport const a = db.select().from(r).where(eq(r.completedAt, new Date()));\n";
      fs.mkdirSync(path.join(root, 'scripts'));
      fs.writeFileSync(path.join(root, 'scripts/backfill-runs.ts'), query);
      fs.writeFileSync(path.join(root, 'lib/runs.test.ts'), query.replace('../lib/db', './db'));
      const count = (args: string[]) =>
        (JSON.parse(run(['check', '--root', root, '--format', 'json', ...args]).stdout) as { findings: { file: string }[] }).findings
          .map((f) => f.file)
          .filter((f) => f.includes('backfill') || f.includes('.test.'))
          .sort();
      assert.deepEqual(count([]), []);
      assert.deepEqual(count(['--no-exclude']), ['lib/runs.test.ts', 'scripts/backfill-runs.ts']);
      assert.deepEqual(count(['--exclude', '**/*.test.*']), ['scripts/backfill-runs.ts']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('partly-served findings are Information and do not fail the run; --partly warning raises them', () => {
    const root = copyFixture(SEED);
    try {
      // Only the two partly-served queries remain once bullmq_job_id has an index.
      const schema = path.join(root, 'lib/db/schema.ts');
      fs.writeFileSync(
        schema,
        fs
          .readFileSync(schema, 'utf8')
          .replace(
            "index('created_at_idx').on(table.createdAt),",
            "index('created_at_idx').on(table.createdAt),\n    index('c').on(table.bullmqJobId),",
          ),
      );
      const info = run(['check', '--root', root]);
      assert.equal(info.code, 0, info.stdout);
      assert.equal((info.stdout.match(/: information partly-served-filter:/g) ?? []).length, 2, info.stdout);
      const warn = run(['check', '--root', root, '--partly', 'warning']);
      assert.equal(warn.code, 1, warn.stdout);
      assert.equal((warn.stdout.match(/: warning partly-served-filter:/g) ?? []).length, 2, warn.stdout);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an unserved filter on few-valued columns only is weighed like a partly served one', () => {
    const root = writeWorkspace(
      {
        'schema.ts':
          "import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';\n" +
          "export const links = pgTable('links', { id: integer('id').primaryKey(), status: text('status').notNull(), code: text('code').notNull(), live: boolean('live').notNull(), deletedAt: timestamp('deleted_at') });\n",
        'queries.ts':
          "import { and, eq, isNull } from 'drizzle-orm';\nimport { db } from './db';\nimport { links } from './schema';\n" +
          "export const active = () => db.select().from(links).where(and(eq(links.status, 'active'), eq(links.live, true)));\n" +
          'export const byCode = (c: string) => db.select().from(links).where(eq(links.code, c));\n' +
          'export const live = () => db.select().from(links).where(and(isNull(links.deletedAt), eq(links.live, true)));\n',
        'db.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
        'api.ts': "import { active, byCode, live } from './queries';\nexport const routes = { active, byCode, live };\n",
      },
      'few',
    );
    try {
      const r = run(['check', '--root', root]);
      const lines = r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('queries.ts'));
      assert.equal(lines.length, 3, r.stdout);
      assert.match(
        lines[0],
        /:4:\d+: information unserved-filter: Add index \(status, live\) on links: no index starts with status or live; these columns have few distinct values/,
      );
      assert.match(lines[1], /:5:\d+: warning unserved-filter: Add index \(code\) on links: no index starts with code$/);
      // A soft-delete test beside the boolean changes nothing: still few-valued only.
      assert.match(lines[2], /:6:\d+: information unserved-filter: Add index \(live\) on links: no index starts with live; it has few/);
      const raised = run(['check', '--root', root, '--partly', 'warning']);
      assert.match(raised.stdout, /:4:\d+: warning unserved-filter:/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a query in a function nothing in the workspace calls is Information and says so; a call makes it a Warning', () => {
    const root = copyFixture(UNCALLED);
    try {
      const r = run(['check', '--root', root]);
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('repo.ts'));
      assert.equal(lines.length, 2, r.stdout);
      assert.match(
        lines[0],
        /:5:\d+: information unserved-filter: Add index \(code\) on links: no index starts with code; nothing in the workspace calls byCode\(\) outside tests and scripts$/,
      );
      assert.match(lines[1], /:7:\d+: warning unserved-filter: Add index \(owner\) on links: no index starts with owner$/);
      const raised = run(['check', '--root', root, '--uncalled', 'warning'])
        .stdout.split('\n')
        .filter((l) => l.startsWith('repo.ts'));
      assert.match(raised[0], /:5:\d+: warning unserved-filter: .*nothing in the workspace calls byCode\(\) outside tests and scripts$/);
      assert.equal(run(['check', '--root', root, '--uncalled', 'loud']).code, 2);
      fs.appendFileSync(path.join(root, 'api.ts'), "import { LinkRepo } from './repo';\nexport const POST = (c: string) => LinkRepo.byCode(c);\n");
      const called = run(['check', '--root', root])
        .stdout.split('\n')
        .filter((l) => l.startsWith('repo.ts'));
      assert.match(called[0], /:5:\d+: warning unserved-filter: Add index \(code\) on links: no index starts with code$/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a DELETE whose index no read needs is Information, and so is a query in a deprecated folder; --write-only raises it', () => {
    const r = run(['check', '--root', WRITE_ONLY]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'deprecated/report.ts:4:72: information unserved-filter: Add index (user_id) on tokens: no index starts with user_id; it is in deprecated code (deprecated/)',
      'repo.ts:4:71: information unserved-filter: Add index (client_id) on tokens: no index starts with client_id; no read in a called function filters tokens on client_id: the index would serve only this DELETE and slow every insert',
      'repo.ts:5:88: warning unserved-filter: Add index (user_id) on tokens: no index starts with user_id',
      'repo.ts:6:74: warning unserved-filter: Add index (user_id) on tokens: no index starts with user_id',
      'repo.ts:8:83: information unserved-filter: Add index (client_id) on tokens: no index starts with client_id; nothing in the workspace calls unusedByClient() outside tests and scripts',
      '5 findings in 6 query sites over 1 table.',
    ]);
    const raised = run(['check', '--root', WRITE_ONLY, '--write-only', 'warning']).stdout.split('\n');
    assert.match(raised[1], /^repo\.ts:4:71: warning unserved-filter: .*would serve only this DELETE/);
    assert.match(raised[0], /^deprecated\/report\.ts:4:72: information /, '--write-only leaves deprecated code alone');
    const called = copyFixture(WRITE_ONLY);
    try {
      fs.appendFileSync(path.join(called, 'api.ts'), "import { unusedByClient } from './repo';\nexport const lookup = unusedByClient;\n");
      const lines = run(['check', '--root', called]).stdout.split('\n');
      assert.match(
        lines[1],
        /^repo\.ts:4:71: warning unserved-filter: Add index \(client_id\) on tokens: no index starts with client_id$/,
        'a called read keeps it',
      );
    } finally {
      fs.rmSync(called, { recursive: true, force: true });
    }
    const bad = run(['check', '--root', WRITE_ONLY, '--write-only', 'loud']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--write-only must be one of error, warning, information, hint, off \(got "loud"\)/);
  });

  it('reads what it can of a broken file and says so', () => {
    const root = copyFixture(SEED);
    try {
      fs.writeFileSync(
        path.join(root, 'lib/deep-scan/broken.ts'),
        "import { eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../db';\nexport const a = db.select().from(r).where(eq(r.completedAt, new Date()));\nexport const b = db.select().from(r).where(eq(r.userId, ]]] {{\n",
      );
      const r = run(['check', '--root', root, '--format', 'json']);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as CheckJson;
      assert.ok(out.findings.some((f) => f.file === 'lib/deep-scan/broken.ts' && f.filter[0].column === 'completed_at'));
      assert.match(r.stderr, /broken\.ts: \d+ syntax error\(s\): only what could be read was analyzed/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('--format json lists every query site found, resolved or not, and the files it did not read', () => {
    const root = copyFixture(SEED);
    try {
      fs.writeFileSync(
        path.join(root, 'lib/deep-scan/elsewhere.ts'),
        "import { eq } from 'drizzle-orm';\nimport { db } from '../db';\nimport { invoices } from '@acme/billing';\n\nexport const a = db.select().from(invoices).where(eq(invoices.ownerId, 'o'));\nexport const b = db.query.invoices.findMany();\n\n" +
          "import { and, sql } from 'drizzle-orm';\nimport { deepScanV2Runs as r } from '../db';\nexport const c = db.select().from(r).where(and(eq(r.userId, 'u'), sql`${r.id} in (1)`));\n",
      );
      fs.writeFileSync(path.join(root, 'lib/generated.ts'), `export const blob = '${'x'.repeat(4 * 1024 * 1024 + 10)}';\n`);
      const r = run(['check', '--root', root, '--format', 'json']);
      const out = JSON.parse(r.stdout) as CheckJson & { sites: { file: string; judged: boolean }[]; skipped: unknown[] };
      assert.equal(out.sites.filter((s: { judged: boolean }) => s.judged).length, out.querySites);
      assert.deepEqual(
        out.sites.find((s: { file: string }) => s.file === 'lib/deep-scan/list-runs.ts'),
        {
          file: 'lib/deep-scan/list-runs.ts',
          line: 12,
          kind: 'select',
          filtered: true,
          resolved: true,
          judged: true,
          table: 'deep_scan_v2_runs',
        },
      );
      assert.deepEqual(
        out.sites.filter((s: { file: string }) => s.file === 'lib/deep-scan/elsewhere.ts'),
        [
          { file: 'lib/deep-scan/elsewhere.ts', line: 5, kind: 'select', filtered: true, resolved: false, judged: false, table: 'invoices' },
          { file: 'lib/deep-scan/elsewhere.ts', line: 6, kind: 'findMany', filtered: false, resolved: false, judged: false, table: 'query.invoices' },
          { file: 'lib/deep-scan/elsewhere.ts', line: 10, kind: 'select', filtered: true, resolved: true, judged: false, table: 'r' },
        ],
      );
      assert.deepEqual(out.skipped, [{ file: 'lib/generated.ts', reason: '4.0 MB, over the 4.0 MB limit' }]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('--format json lists each relation loaded with its own where as a site of the related table', () => {
    const r = run(['check', '--root', path.join(FIXTURES, 'analysis', 'relational-nested-where'), '--format', 'json']);
    const out = JSON.parse(r.stdout) as CheckJson & { sites: { line: number; kind: string; resolved: boolean; judged: boolean; table: string }[] };
    assert.equal(out.sites.filter((s) => s.judged).length, out.querySites);
    assert.deepEqual(
      out.sites.filter((s) => s.kind === 'with').map((s) => [s.line, s.table, s.resolved, s.judged]),
      [
        [11, 'lanes', true, true],
        [15, 'tickets', true, true],
        [17, 'remarks', true, true],
        // Two declarations of watchers' `ticket` disagree on the column: no relation, no verdict.
        [17, 'query.boards.with.watchers', false, false],
        // `open ? { where } : true`: the filtered load.
        [26, 'lanes', true, true],
        [30, 'boards', true, true],
        [32, 'remarks', true, true],
        [34, 'remarks', true, true],
      ],
    );
  });

  it('exits 2 with a message on bad arguments or a missing root', () => {
    const missing = run(['check', '--root', '/nonexistent/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /is not a directory/);
    const badFormat = run(['check', '--root', SEED, '--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be text, json or sarif/);
    const unknown = run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('--ignore-table silences a table', () => {
    const r = run(['check', '--root', SEED, '--ignore-table', 'deep_scan_*']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '0 findings in 0 query sites over 3 tables.\n');
    const other = run(['check', '--root', SEED, '--ignore-table', 'users']);
    assert.equal(other.code, 1, 'a glob that names another table silences nothing');
    assert.match(other.stdout, /^4 findings in 7 query sites over 3 tables\.$/m);
  });
});
