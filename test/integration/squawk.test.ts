// Squawk (the PostgreSQL migration linter, squawk-cli from npm) over every migration the fix writes: each
// baseline workspace (drizzle-kit 0.x and 1.0 layouts, one and several indexes), the removal of a redundant
// index, and their reverse files. No warning: lock_timeout is set, the missing CONCURRENTLY is explained and
// ignored in the migration, and the reverse files (run by hand) use CONCURRENTLY.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { planFix } from '../../server/src/analysis/fix/planFix';
import { Project } from '../../server/src/analysis/workspace/project';
import { applyPlanToDisk } from '../../server/src/node/applyPlan';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXED_NOW, FIX_CASES, REPO, runFixAll, sequentialIds, workspaceCopy, writtenPaths } from '../helpers/fixCase';
import { FIXTURES } from '../helpers/tempWorkspace';

// The squawk-cli wrapper lists a binary package per platform, and only the linux-x64 one is on the registry this
// project installs from, so the binary package is the dependency.
const SQUAWK = path.join(REPO, 'node_modules', '@squawk-cli', 'linux-x64', 'bin', 'squawk');

function squawk(files: string[]): { file: string; rule_name: string; message: string }[] {
  const r = spawnSync(SQUAWK, ['--reporter', 'json', ...files], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as { file: string; rule_name: string; message: string }[];
}

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('Squawk accepts every migration the fix writes', () => {
  it('the migrations and reverse files of every baseline workspace, and of a removal', () => {
    const roots: string[] = [];
    const written: string[] = [];
    try {
      for (const c of FIX_CASES) {
        const root = workspaceCopy(c.workspace);
        roots.push(root);
        const { result, written: files } = runFixAll(root);
        if (result.ok) written.push(...files.filter((f) => f.endsWith('.sql')));
      }
      const seed = roots[FIX_CASES.findIndex((c) => c.name === 'seed')];
      const project = new Project(seed, new NodeFileHost());
      const table = project.schema().tables.find((t) => t.name === 'deep_scan_v2_runs')!;
      const removal = planFix(project, {
        add: [],
        remove: [{ table, index: table.indexes.find((i) => i.name === 'user_idx')! }],
        now: new Date(FIXED_NOW.getTime() + 60_000),
        newId: sequentialIds(),
      });
      assert.ok(removal.ok);
      written.push(...writtenPaths(applyPlanToDisk(removal.plan)).filter((f) => f.endsWith('.sql')));
      // 0.x and 1.0 layouts, adds and a drop, each with its reverse.
      assert.ok(written.length >= 10, written.join('\n'));
      assert.ok(
        written.some((f) => f.endsWith('/migration.sql')) &&
          written.some((f) => f.endsWith('/down.sql')) &&
          written.some((f) => /0002_drop_user_idx\.sql$/.test(f)),
      );
      assert.deepEqual(squawk(written), []);
    } finally {
      for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
    }
  });

  it('control: the same statements without the lock timeout and the ignore comments are reported', () => {
    const dir = fs.mkdtempSync(path.join(REPO, 'test', '.squawk-control-'));
    try {
      const root = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
      try {
        runFixAll(root);
        const bare = fs
          .readFileSync(path.join(root, 'drizzle/0001_fix.sql'), 'utf8')
          .split('\n')
          .filter((l) => !l.startsWith('--') && !l.startsWith('SET'))
          .join('\n');
        fs.writeFileSync(path.join(dir, 'bare.sql'), bare);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
      const rules = squawk([path.join(dir, 'bare.sql')])
        .map((w) => w.rule_name)
        .sort();
      assert.deepEqual(rules, [
        'require-concurrent-index-creation',
        'require-concurrent-index-creation',
        'require-concurrent-index-creation',
        'require-lock-timeout',
        'require-statement-timeout',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
