// Where a fix's migration goes, from drizzle.config's `out`: a literal, an environment variable (with or without
// a default), or a computed value; and an existing folder that lists nothing (empty, or unreadable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrationTarget } from '../../server/src/analysis/fix/migrationTarget';
import { readDrizzleConfig } from '../../server/src/analysis/read/drizzleConfig';

const config = (out: string) =>
  readDrizzleConfig(
    '/p/drizzle.config.ts',
    `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './s.ts', out: ${out} });`,
  );
const folder = (listed: string[]) => ({
  readDirectory: (d: string) => (listed.includes(d) ? [{ name: 'meta', isDirectory: true }] : []),
  directoryExists: (d: string) => d === '/p/unreadable' || listed.includes(d),
});

describe('migration target', () => {
  it('reads how `out` is given', () => {
    assert.equal(config("'./m'").outFrom, undefined);
    assert.deepEqual(config('process.env.OUT_DIR!').outFrom, { env: 'OUT_DIR', fallback: null });
    assert.deepEqual(config("process.env['OUT_DIR'] as string").outFrom, { env: 'OUT_DIR', fallback: null });
    const withDefault = config("process.env.OUT_DIR ?? './m'");
    assert.deepEqual(withDefault.outFrom, { env: 'OUT_DIR', fallback: './m' });
    assert.equal(withDefault.out, '/p/m');
    assert.deepEqual(config('`${base}/m`').outFrom, { expression: '`${base}/m`' });
  });

  it('resolves it, or says why no migration can be written', () => {
    const env = (vars: Record<string, string>) => (n: string) => vars[n];
    assert.deepEqual(migrationTarget(folder(['/p/m']), config("'./m'")), { ok: true, kind: 'folder', out: '/p/m' });
    assert.deepEqual(migrationTarget(folder(['/p/x']), config('process.env.OUT_DIR!'), env({ OUT_DIR: 'x' })), {
      ok: true,
      kind: 'folder',
      out: '/p/x',
    });
    assert.deepEqual(migrationTarget(folder(['/p/m']), config("process.env.OUT_DIR ?? './m'"), env({})), { ok: true, kind: 'folder', out: '/p/m' });
    assert.deepEqual(migrationTarget(folder([]), config('process.env.OUT_DIR!'), env({})), {
      ok: false,
      code: 'out-env-unset',
      message: '`out` in drizzle.config.ts is read from the environment variable OUT_DIR, which is not set here',
    });
    const computed = migrationTarget(folder([]), config('`${base}/m`'));
    assert.ok(!computed.ok && computed.code === 'out-computed', JSON.stringify(computed));
    assert.match(computed.message, /is computed \(`\$\{base\}\/m`\), so/);
    assert.deepEqual(migrationTarget(folder([]), config("'./unreadable'")), {
      ok: false,
      code: 'migrations-folder-empty',
      message: 'the migrations folder unreadable is empty or cannot be read: generate the first migration with drizzle-kit, or check its permissions',
    });
    assert.deepEqual(migrationTarget(folder([]), config("'./absent'")), { ok: true, kind: 'push', out: '/p/absent' });
    assert.deepEqual(migrationTarget(folder([]), undefined), { ok: true, kind: 'push', out: null });
  });
});
