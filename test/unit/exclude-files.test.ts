// Which files' queries are reported: tests, fixtures and one-off scripts are left out by default.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_EXCLUDE, makeExclude } from '../../server/src/analysis/workspace/excludeFiles';
import { normalizeSettings } from '../../server/src/lsp/settings';
import pkg from '../../package.json';

const ROOT = path.resolve('/work/app');

describe('exclude globs', () => {
  const cases: [string, boolean][] = [
    ['src/users/service.test.ts', true],
    ['src/users/service.spec.tsx', true],
    ['src/__tests__/users.ts', true],
    ['test/helpers/db.ts', true],
    ['packages/api/tests/runs.ts', true],
    ['scripts/backfill-runs.ts', true],
    ['packages/db/migration-scripts/0042.ts', true],
    ['src/db/seed.ts', true],
    ['src/db/seeds/users.ts', true],
    ['src/db/users.seed.ts', true],
    ['src/jobs/backfill-orders.ts', true],
    ['src/users/service.ts', false],
    ['src/testing-utils.ts', false],
    ['src/latest/runs.ts', false],
    ['src/scripts.ts', false],
  ];
  const excluded = makeExclude(ROOT, undefined);
  for (const [file, want] of cases) it(`${want ? 'excluded' : 'reported'}: ${file}`, () => assert.equal(excluded(path.join(ROOT, file)), want));

  it('an empty list reports every file; a given list replaces the defaults', () => {
    assert.equal(makeExclude(ROOT, [])(path.join(ROOT, 'src/a.test.ts')), false);
    const only = makeExclude(ROOT, ['legacy/**']);
    assert.equal(only(path.join(ROOT, 'legacy/x.ts')), true);
    assert.equal(only(path.join(ROOT, 'src/a.test.ts')), false);
  });

  it('the setting defaults to the same list as the manifest; [] turns it off', () => {
    assert.deepEqual(pkg.contributes.configuration.properties['indexInsight.exclude'].default, [...DEFAULT_EXCLUDE]);
    assert.deepEqual(normalizeSettings({}).exclude, [...DEFAULT_EXCLUDE]);
    assert.deepEqual(normalizeSettings({ exclude: [] }).exclude, []);
  });
});
