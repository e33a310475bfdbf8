// `index-insight migrate` through the built CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const snapshotTree = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => [f, fs.statSync(path.join(dir, f)).isFile() ? fs.readFileSync(path.join(dir, f), 'utf8') : '']);

describe('index-insight migrate', () => {
  it('--dry-run prints every file it would write and writes nothing', () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      const before = snapshotTree(root);
      const r = run(['migrate', '--root', root, '--name', 'seed', '--dry-run']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Add 3 indexes:$/m);
      assert.match(r.stdout, /^ {4}serves lib\/deep-scan\/worker\.ts:9$/m);
      for (const f of ['lib/db/schema.ts (edited)', 'drizzle/0001_seed.sql (new)', 'drizzle/0001_seed.down.sql (new)', 'drizzle/meta/0001_snapshot.json (new)', 'drizzle/meta/_journal.json (edited)']) {
        assert.ok(r.stdout.includes(`--- ${f}`), f);
      }
      assert.deepEqual(snapshotTree(root), before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes the migration, after which check finds nothing and migrate has nothing to do', () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      const r = run(['migrate', '--root', root, '--name', 'seed']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^wrote drizzle\/0001_seed\.sql$/m);
      assert.ok(fs.existsSync(path.join(root, 'drizzle/0001_seed.down.sql')));
      assert.equal(run(['check', '--root', root]).code, 0);
      const again = run(['migrate', '--root', root]);
      assert.equal(again.code, 0);
      assert.equal(again.stdout, 'No findings: no index to add.\n');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses an inconsistent migrations folder and writes nothing', () => {
    const root = copyFixture(path.join(FIXTURES, 'fix', 'broken-journal', 'workspace'));
    try {
      const before = snapshotTree(root);
      const r = run(['migrate', '--root', root]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /inconsistent, so nothing was written: .*both follow snapshot/);
      assert.deepEqual(snapshotTree(root), before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
