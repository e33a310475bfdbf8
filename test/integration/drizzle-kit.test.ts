// The real drizzle-kit judges our migrations: after the fix, `generate` finds no schema change and `check` passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIXTURES } from '../helpers/tempWorkspace';
import { planFix } from '../../server/src/analysis/fix/planFix';
import { Project } from '../../server/src/analysis/workspace/project';
import { applyPlanToDisk } from '../../server/src/node/applyPlan';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXED_NOW, KIT_RC_MODULES, runFixAll, sequentialIds, workspaceCopy, writtenPaths } from '../helpers/fixCase';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const CASES: [string, string, string?][] = [
  ['seed', path.join(FIXTURES, 'deep-scan')],
  ['object-form', path.join(FIXTURES, 'fix', 'object-form', 'workspace')],
  ['no-extra-inline', path.join(FIXTURES, 'fix', 'no-extra-inline', 'workspace')],
  ['prettier-namespace (timestamp prefix)', path.join(FIXTURES, 'fix', 'prettier-namespace', 'workspace')],
  ['drizzle-kit 1.0.0-rc.5, folder layout', path.join(FIXTURES, 'fix', 'v1-layout', 'workspace'), KIT_RC_MODULES],
  ['a partial index on literal tests (enum value, soft delete)', path.join(FIXTURES, 'fix', 'partial-literal', 'workspace')],
  ['a partial index on literal tests, drizzle-kit 1.0.0-rc.5', path.join(FIXTURES, 'fix', 'partial-literal-v1', 'workspace'), KIT_RC_MODULES],
];

function kit(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(cwd, 'node_modules', 'drizzle-kit', 'bin.cjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('drizzle-kit accepts the migration', () => {
  for (const [name, src, modules] of CASES) {
    it(name, () => {
      const root = workspaceCopy(src, modules);
      try {
        const { result } = runFixAll(root, 'index_insight');
        assert.ok(result.ok, result.ok ? '' : result.message);
        const gen = kit(root, 'generate');
        assert.equal(gen.code, 0, gen.out);
        assert.match(gen.out, /No schema changes, nothing to migrate/);
        const check = kit(root, 'check');
        assert.equal(check.code, 0, check.out);
        assert.match(check.out, /Everything's fine/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('control: the schema edit alone, without our snapshot, makes drizzle-kit generate the index again', () => {
    const root = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
    try {
      const { result } = runFixAll(root, 'index_insight');
      assert.ok(result.ok);
      fs.rmSync(path.join(root, 'drizzle/meta/0001_snapshot.json'));
      const journalPath = path.join(root, 'drizzle/meta/_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
      journal.entries.pop();
      fs.writeFileSync(journalPath, JSON.stringify(journal, null, 2));
      fs.rmSync(path.join(root, 'drizzle/0001_index_insight.sql'));
      const gen = kit(root, 'generate', '--name', 'again');
      assert.equal(gen.code, 0, gen.out);
      const written = fs.readFileSync(path.join(root, 'drizzle/0001_again.sql'), 'utf8');
      assert.match(written, /CREATE INDEX "deep_scan_v2_runs_user_id_status_idx"/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('removing an index made redundant by the fix', () => {
  it('is offered on user_idx and pre_qualification_idx only, and drizzle-kit accepts its migration', () => {
    const root = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
    try {
      assert.ok(runFixAll(root, 'index_insight').result.ok);
      const project = new Project(root, new NodeFileHost());
      const schemaFile = path.join(root, 'lib/db/schema.ts');
      const hints = project.analyzeFile(schemaFile).hints;
      assert.deepEqual(
        hints.map((h) => [h.index, h.coveredBy, h.range.start.line + 1]),
        [
          ['pre_qualification_idx', 'deep_scan_v2_runs_pre_qualification_id_status_idx', 37],
          ['user_idx', 'deep_scan_v2_runs_user_id_status_idx', 38],
        ],
      );
      const table = project.schema().tables.find((t) => t.name === 'deep_scan_v2_runs')!;
      const index = table.indexes.find((i) => i.name === 'user_idx')!;
      const result = planFix(project, { add: [], remove: [{ table, index }], now: new Date(FIXED_NOW.getTime() + 60_000), newId: sequentialIds() });
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.plan.title, 'Remove redundant index user_idx on deep_scan_v2_runs');
      writtenPaths(applyPlanToDisk(result.plan));
      const schema = fs.readFileSync(schemaFile, 'utf8');
      assert.doesNotMatch(schema, /user_idx'/);
      assert.match(schema, /index\('pre_qualification_idx'\)\.on\(table\.preQualificationId\),\n {4}index\('status_idx'\)/);
      assert.match(
        fs.readFileSync(path.join(root, 'drizzle/0002_drop_user_idx.down.sql'), 'utf8'),
        /^CREATE INDEX CONCURRENTLY IF NOT EXISTS "user_idx" ON "deep_scan_v2_runs" USING btree \("user_id"\);$/m,
      );
      const gen = kit(root, 'generate');
      assert.match(gen.out, /No schema changes, nothing to migrate/);
      assert.match(kit(root, 'check').out, /Everything's fine/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
