// `index-insight migrate` through the built CLI.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';
import { treeOf } from '../helpers/faultyFs';
import { recoverInterruptedWrites } from '../../server/src/node/applyPlan';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const snapshotTree = (dir: string) =>
  (fs.readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .map((f) => [f, fs.statSync(path.join(dir, f)).isFile() ? fs.readFileSync(path.join(dir, f), 'utf8') : '']);

describe('index-insight migrate', () => {
  it('--dry-run prints every file it would write and writes nothing', () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      const before = snapshotTree(root);
      const r = run(['migrate', '--root', root, '--name', 'seed', '--dry-run']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Add 3 indexes:$/m);
      assert.match(r.stdout, /^ {4}serves lib\/deep-scan\/worker\.ts:9$/m);
      for (const f of [
        'lib/db/schema.ts (edited)',
        'drizzle/0001_seed.sql (new)',
        'drizzle/0001_seed.down.sql (new)',
        'drizzle/meta/0001_snapshot.json (new)',
        'drizzle/meta/_journal.json (edited)',
      ]) {
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

/** A writer paused before write `step` (test/helpers/pausingWriter.ts), then killed with SIGKILL. */
async function killWriterAt(root: string, step: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'helpers', 'pausingWriter.ts'), root, String(step)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => (d.toString().includes('paused') ? resolve() : undefined));
    child.on('exit', () => reject(new Error('the writer ended before pausing')));
  });
  child.kill('SIGKILL');
  await exited;
}

describe('index-insight migrate under interruption and concurrency', () => {
  const snapshotAll = (dir: string) => treeOf(dir);

  for (const step of [8, 12, 17]) {
    it(`a writer killed with SIGKILL before write step ${step}: the next migrate undoes its half, then writes the whole migration`, async () => {
      const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
      try {
        const before = snapshotAll(root);
        await killWriterAt(root, step);
        assert.notDeepEqual(snapshotAll(root), before, 'killed mid-write: the lock and some files are there');
        assert.ok(fs.existsSync(path.join(root, 'drizzle', '.index-insight.lock')));
        assert.deepEqual(recoverInterruptedWrites([path.join(root, 'drizzle')]), [path.join(root, 'drizzle')]);
        assert.deepEqual(snapshotAll(root), before, 'exactly as before');
        const r = run(['migrate', '--root', root, '--name', 'seed']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(run(['check', '--root', root]).code, 0);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('migrate itself undoes a killed run before it analyses (the analysis never sees half a migration)', async () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      // Killed after the journal was replaced, before the schema was: the half reads as "indexes already migrated".
      await killWriterAt(root, 18);
      assert.equal((JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length, 2);
      const r = run(['migrate', '--root', root, '--name', 'seed']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Undid the unfinished write of an earlier run in drizzle\.$/m);
      assert.match(r.stdout, /^wrote drizzle\/0001_seed\.sql$/m);
      assert.ok(!fs.existsSync(path.join(root, 'drizzle/0001_fix.sql')));
      assert.equal(run(['check', '--root', root]).code, 0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('two runs at once: one writes the migration, the other finds nothing left to add; the schema gets each index once', async () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      const start = () =>
        new Promise<{ code: number | null; out: string }>((resolve) => {
          const c = spawn(process.execPath, [CLI, 'migrate', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          c.stdout.on('data', (d: Buffer) => (out += d.toString()));
          c.stderr.on('data', (d: Buffer) => (out += d.toString()));
          c.on('exit', (code) => resolve({ code, out }));
        });
      const results = await Promise.all([start(), start()]);
      assert.deepEqual(
        results.map((r) => r.code),
        [0, 0],
        results.map((r) => r.out).join('\n'),
      );
      assert.equal(results.filter((r) => /^wrote drizzle\/0001_/m.test(r.out)).length, 1, results.map((r) => r.out).join('\n'));
      const journal = JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      assert.equal(journal.entries.length, 2);
      const schema = fs.readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8');
      assert.equal(schema.match(/deep_scan_v2_runs_user_id_status_idx/g)?.length, 1);
      assert.equal(run(['check', '--root', root]).code, 0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('index-insight migrate when no migration can be written: exit 2 with the reason, nothing written', () => {
  const cases: [string, (root: string) => void, RegExp, NodeJS.ProcessEnv?][] = [
    [
      'a journal entry whose file is missing',
      (root) => fs.rmSync(path.join(root, 'drizzle/0000_init.sql')),
      /inconsistent, so nothing was written: 0000_init\.sql is listed in the journal but missing/,
    ],
    [
      'a broken snapshot chain',
      (root) => {
        const p = path.join(root, 'drizzle/meta/0000_snapshot.json');
        fs.writeFileSync(
          p,
          fs.readFileSync(p, 'utf8').replace('"prevId": "00000000-0000-0000-0000-000000000000"', '"prevId": "11111111-0000-0000-0000-000000000000"'),
        );
      },
      /the chain is broken/,
    ],
    [
      '`out` from an unset environment variable',
      (root) =>
        fs.writeFileSync(
          path.join(root, 'drizzle.config.ts'),
          fs.readFileSync(path.join(root, 'drizzle.config.ts'), 'utf8').replace("out: './drizzle'", 'out: process.env.MIGRATIONS_OUT!'),
        ),
      /No migration can be written, so nothing was written: `out` in drizzle\.config\.ts is read from the environment variable MIGRATIONS_OUT, which is not set here\./,
    ],
    [
      '`out` computed',
      (root) =>
        fs.writeFileSync(
          path.join(root, 'drizzle.config.ts'),
          fs.readFileSync(path.join(root, 'drizzle.config.ts'), 'utf8').replace("out: './drizzle'", 'out: path.join(base, "drizzle")'),
        ),
      /`out` in drizzle\.config\.ts is computed \(path\.join\(base, "drizzle"\)\)/,
    ],
    [
      'an empty (or unreadable) migrations folder',
      (root) => {
        fs.rmSync(path.join(root, 'drizzle'), { recursive: true });
        fs.mkdirSync(path.join(root, 'drizzle'));
      },
      /the migrations folder drizzle is empty or cannot be read/,
    ],
  ];
  for (const [name, prepare, reason] of cases) {
    it(name, () => {
      const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
      try {
        prepare(root);
        const before = treeOf(root);
        const r = run(['migrate', '--root', root]);
        assert.equal(r.code, 2, r.stdout);
        assert.match(r.stderr, reason);
        assert.deepEqual(treeOf(root), before);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('`out` from an environment variable that is set: the migration goes there', () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      fs.writeFileSync(
        path.join(root, 'drizzle.config.ts'),
        fs.readFileSync(path.join(root, 'drizzle.config.ts'), 'utf8').replace("out: './drizzle'", 'out: process.env.MIGRATIONS_OUT ?? "./elsewhere"'),
      );
      fs.renameSync(path.join(root, 'drizzle'), path.join(root, 'migrations'));
      const r = spawnSync(process.execPath, [CLI, 'migrate', '--root', root, '--name', 'seed'], {
        encoding: 'utf8',
        env: { ...process.env, MIGRATIONS_OUT: './migrations' },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^wrote migrations\/0001_seed\.sql$/m);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('index-insight migrate notes', () => {
  it('says which files it could read only in part, as check does', () => {
    const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    try {
      fs.writeFileSync(
        path.join(root, 'lib/deep-scan/broken.ts'),
        "import { eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../db';\nexport const b = db.select().from(r).where(eq(r.userId, ]]] {{\n",
      );
      const r = run(['migrate', '--root', root, '--dry-run']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^index-insight: note: .*broken\.ts: \d+ syntax error\(s\): only what could be read was analyzed$/m);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
