// The fix writer is all or nothing: an I/O error or a kill at any step leaves the workspace exactly as before
// (once the next run has undone a killed one's half) or exactly as after; it never splices text at offsets
// from an older read; it serialises concurrent runs; it keeps the file's line endings and byte order mark.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { contentHash } from '../../server/src/analysis/fix/contentHash';
import type { FixPlan } from '../../server/src/analysis/fix/edits';
import { planFix } from '../../server/src/analysis/fix/planFix';
import { collectProposals } from '../../server/src/analysis/workspace/collectProposals';
import { Project } from '../../server/src/analysis/workspace/project';
import { applyPlanToDisk, recoverInterruptedWrites } from '../../server/src/node/applyPlan';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { LOCK_NAME } from '../../server/src/node/writeLock';
import { FIXED_NOW, sequentialIds, writtenPaths } from '../helpers/fixCase';
import { FaultyFs, treeOf } from '../helpers/faultyFs';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const CASES = [
  { name: 'drizzle-kit 0.x journal', src: path.join(FIXTURES, 'deep-scan'), lockDir: 'drizzle' },
  { name: 'drizzle-kit 1.0 folders', src: path.join(FIXTURES, 'fix', 'v1-layout', 'workspace'), lockDir: 'drizzle' },
  { name: 'push workflow (schema only)', src: path.join(FIXTURES, 'fix', 'push-only', 'workspace'), lockDir: 'src' },
];

function plan(root: string): FixPlan {
  const project = new Project(root, new NodeFileHost());
  const folded = collectProposals(project);
  const result = planFix(project, {
    add: folded.map((f) => ({ table: f.table, proposal: f.proposal })),
    name: 'fix',
    now: FIXED_NOW,
    newId: sequentialIds(),
  });
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.plan;
}

function withCopy<T>(src: string, f: (root: string) => T): T {
  const root = copyFixture(src);
  try {
    return f(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const dead = () => false;

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('all-or-nothing fix writes', () => {
  for (const c of CASES) {
    // The write steps of an undisturbed run and the tree it leaves (computed in the tests: the parser loads first).
    const undisturbed = () =>
      withCopy(c.src, (root) => {
        const counting = new FaultyFs();
        writtenPaths(applyPlanToDisk(plan(root), { fs: counting }));
        return { steps: counting.steps, after: treeOf(root) };
      });

    it(`${c.name}: an I/O error at any write step leaves the workspace exactly as before`, () => {
      const { steps } = undisturbed();
      assert.ok(steps.length >= 8, steps.join('\n'));
      for (let at = 1; at <= steps.length; at++) {
        withCopy(c.src, (root) => {
          const before = treeOf(root);
          const p = plan(root);
          const r = applyPlanToDisk(p, { fs: new FaultyFs({ at, kind: 'fail' }) });
          assert.ok(!r.ok && r.code === 'write-failed', `step ${at}: ${steps[at - 1]}: ${JSON.stringify(r)}`);
          assert.match(r.message, /ENOSPC.*nothing was written/);
          assert.deepEqual(treeOf(root), before, `after a failed step ${at} (${steps[at - 1]})`);
        });
      }
    });

    it(`${c.name}: killed at any write step, the next run finds the workspace exactly as before (or after, past the last step)`, () => {
      const { steps, after } = undisturbed();
      for (let at = 1; at <= steps.length + 1; at++) {
        withCopy(c.src, (root) => {
          const before = treeOf(root);
          const p = plan(root);
          const faulty = new FaultyFs({ at, kind: 'die' });
          const r = applyPlanToDisk(p, { fs: faulty, pid: 4_000_000 });
          // Killed before its last step, the write fails and nothing is put back until the next run; after it, the write is done.
          assert.equal(r.ok, at > steps.length, `killed at step ${at}: ${JSON.stringify(r)}`);
          recoverInterruptedWrites([path.join(root, c.lockDir)], { isAlive: dead });
          assert.deepEqual(treeOf(root), at <= steps.length ? before : after, `killed at step ${at} (${steps[at - 1] ?? 'none'})`);
        });
      }
    });
  }

  it('the write steps: lock, record, temporary files, new files, the journal, the schema last, unlock', () => {
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const counting = new FaultyFs();
      writtenPaths(applyPlanToDisk(plan(root), { fs: counting }));
      const steps = counting.steps.map((s) =>
        s
          .replace(root, '')
          .replace(/-\d+(-\d+)?\.tmp$/, '.tmp')
          .replace(/\.\d+\.tmp$/, '.tmp'),
      );
      assert.deepEqual(steps, [
        `create /drizzle/${LOCK_NAME}.tmp`,
        `link /drizzle/${LOCK_NAME}`,
        `unlink /drizzle/${LOCK_NAME}.tmp`,
        `create /drizzle/${LOCK_NAME}.tmp`,
        `rename /drizzle/${LOCK_NAME}`,
        'create /drizzle/.0001_fix.sql.index-insight.tmp',
        'create /drizzle/.0001_fix.down.sql.index-insight.tmp',
        'create /drizzle/meta/.0001_snapshot.json.index-insight.tmp',
        'create /drizzle/meta/._journal.json.index-insight.tmp',
        'create /lib/db/.schema.ts.index-insight.tmp',
        'link /drizzle/0001_fix.sql',
        'unlink /drizzle/.0001_fix.sql.index-insight.tmp',
        'link /drizzle/0001_fix.down.sql',
        'unlink /drizzle/.0001_fix.down.sql.index-insight.tmp',
        'link /drizzle/meta/0001_snapshot.json',
        'unlink /drizzle/meta/.0001_snapshot.json.index-insight.tmp',
        'rename /drizzle/meta/_journal.json',
        'rename /lib/db/schema.ts',
        `unlink /drizzle/${LOCK_NAME}`,
      ]);
    });
  });

  it('a schema saved after the analysis: refused, nothing written, no text spliced at old offsets', () => {
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const p = plan(root);
      const schema = path.join(root, 'lib/db/schema.ts');
      fs.writeFileSync(schema, `// saved meanwhile\n${fs.readFileSync(schema, 'utf8')}`);
      const before = treeOf(root);
      const r = applyPlanToDisk(p);
      assert.ok(!r.ok && r.code === 'stale-plan' && r.file === schema, JSON.stringify(r));
      assert.equal(r.message, `${schema} changed after it was analysed, so nothing was written`);
      assert.deepEqual(treeOf(root), before);
    });
  });

  it('a journal changed by another run: refused; the migration file another run created: refused', () => {
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const p = plan(root);
      fs.appendFileSync(path.join(root, 'drizzle/meta/_journal.json'), '\n');
      const r = applyPlanToDisk(p);
      assert.equal(r.ok ? 'written' : r.code, 'stale-plan');
    });
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const p = plan(root);
      fs.writeFileSync(path.join(root, 'drizzle/0001_fix.sql'), 'SELECT 1;');
      const r = applyPlanToDisk(p);
      assert.equal(r.ok ? 'written' : r.code, 'stale-plan');
    });
  });

  it("a live run holding the lock: waits, then refuses; a dead run's lock: undone and taken", () => {
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const lock = path.join(root, 'drizzle', LOCK_NAME);
      const host = os.hostname();
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host, dirs: [], files: [] }));
      const before = treeOf(root);
      const p = plan(root);
      const r = applyPlanToDisk(p, { lockWaitMs: 200 });
      assert.ok(!r.ok && r.code === 'locked', JSON.stringify(r));
      assert.match(r.message, /another index-insight run \(pid \d+\) is writing/);
      assert.deepEqual(treeOf(root), before);
      // The same lock, left by a process that no longer runs, holding a half-written file.
      const half = path.join(root, 'drizzle/0001_other.sql');
      fs.writeFileSync(half, 'CREATE INDEX x ON y (z);');
      fs.writeFileSync(
        lock,
        JSON.stringify({
          pid: 4_000_001,
          host,
          dirs: [],
          files: [{ target: half, temp: `${half}.tmp`, before: null, afterHash: contentHash('CREATE INDEX x ON y (z);') }],
        }),
      );
      const written = writtenPaths(applyPlanToDisk(plan(root), { isAlive: (pid) => pid !== 4_000_001 }));
      assert.ok(written.some((f) => f.endsWith('0001_fix.sql')));
      assert.ok(!fs.existsSync(half), "the dead run's file is undone");
      assert.ok(!fs.existsSync(lock));
    });
  });

  it('keeps CRLF line endings and the byte order mark of the edited file', () => {
    const lf = withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      writtenPaths(applyPlanToDisk(plan(root)));
      return fs.readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8');
    });
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const schema = path.join(root, 'lib/db/schema.ts');
      fs.writeFileSync(schema, `\uFEFF${fs.readFileSync(schema, 'utf8').replace(/\n/g, '\r\n')}`);
      writtenPaths(applyPlanToDisk(plan(root)));
      const crlf = fs.readFileSync(schema, 'utf8');
      assert.ok(crlf.startsWith('\uFEFF'));
      assert.doesNotMatch(crlf, /(?<!\r)\n/, 'no bare LF');
      assert.equal(crlf, `\uFEFF${lf.replace(/\n/g, '\r\n')}`);
    });
  });

  it('keeps the permissions of a replaced file', () => {
    withCopy(path.join(FIXTURES, 'deep-scan'), (root) => {
      const schema = path.join(root, 'lib/db/schema.ts');
      fs.chmodSync(schema, 0o600);
      writtenPaths(applyPlanToDisk(plan(root)));
      assert.equal(fs.statSync(schema).mode & 0o777, 0o600);
    });
  });
});
