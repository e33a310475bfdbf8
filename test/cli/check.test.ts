// The CLI as CI runs it: the built dist/cli.js on the seed fixture, every format and exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const SEED = path.join(FIXTURES, 'deep-scan');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('index-insight check', () => {
  it('prints compiler-style lines and exits 1 when there are findings', () => {
    const r = run(['check', '--root', SEED]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.split(': ')[0] + ' ' + /(partly-served-filter|unserved-filter)/.exec(l)?.[1]), [
      'lib/deep-scan/list-runs.ts:12:12 partly-served-filter',
      'lib/deep-scan/list-runs.ts:20:12 partly-served-filter',
      'lib/deep-scan/worker.ts:9:12 unserved-filter',
      'lib/deep-scan/worker.ts:14:12 unserved-filter',
    ]);
    assert.equal(lines.at(-1), '4 findings in 7 query sites over 3 tables.');
  });

  it('--format json prints the documented object', () => {
    const r = run(['check', '--root', SEED, '--format', 'json']);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.tables, 3);
    assert.equal(out.querySites, 7);
    assert.deepEqual(out.findings[0], {
      file: 'lib/deep-scan/list-runs.ts',
      line: 12,
      column: 12,
      endLine: 12,
      endColumn: 85,
      severity: 'warning',
      code: 'partly-served-filter',
      table: 'deep_scan_v2_runs',
      filter: [
        { column: 'user_id', kind: 'eq' },
        { column: 'status', kind: 'eq' },
      ],
      verdict: 'partly',
      bestIndex: 'user_idx',
      proposal: { name: 'deep_scan_v2_runs_user_id_status_idx', columns: ['user_id', 'status'], where: null },
      message: out.findings[0].message,
    });
    assert.deepEqual(out.findings[2].proposal, { name: 'deep_scan_v2_runs_bullmq_job_id_idx', columns: ['bullmq_job_id'], where: '"bullmq_job_id" IS NOT NULL' });
    assert.deepEqual(out.findings[1].filter, [
      { column: 'pre_qualification_id', kind: 'eq' },
      { column: 'status', kind: 'in' },
    ]);
  });

  it('--format sarif prints SARIF 2.1.0 with rules and locations', () => {
    const r = run(['check', '--root', SEED, '--format', 'sarif']);
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const [runEntry] = sarif.runs;
    assert.deepEqual(runEntry.tool.driver.rules.map((x: { id: string }) => x.id), ['unserved-filter', 'partly-served-filter']);
    assert.equal(runEntry.results.length, 4);
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
      const text = fs.readFileSync(schema, 'utf8').replace(
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

  it('reads what it can of a broken file and says so', () => {
    const root = copyFixture(SEED);
    try {
      fs.writeFileSync(path.join(root, 'lib/deep-scan/broken.ts'), "import { eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../db';\nexport const a = db.select().from(r).where(eq(r.completedAt, new Date()));\nexport const b = db.select().from(r).where(eq(r.userId, ]]] {{\n");
      const r = run(['check', '--root', root, '--format', 'json']);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout);
      assert.ok(out.findings.some((f: { file: string; filter: { column: string }[] }) => f.file === 'lib/deep-scan/broken.ts' && f.filter[0].column === 'completed_at'));
      assert.match(r.stderr, /broken\.ts: \d+ syntax error\(s\): only what could be read was analyzed/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
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
    assert.equal(r.code, 0);
  });
});
