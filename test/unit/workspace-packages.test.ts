// Workspace packages resolve without node_modules, and to the same files when node_modules links them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { exportTargets, splitSpecifier } from '../../server/src/analysis/resolve/packageExports';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { analyzeFixture } from '../helpers/findings';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const CASES = ['workspace-packages', 'workspace-packages-pnpm', 'workspace-packages-silent'];

/** Links every package of the copy into node_modules, as `pnpm install` / `npm install` would. */
function linkNodeModules(root: string): void {
  const project = new Project(root, new NodeFileHost());
  const packages = project.workspacePackages();
  assert.ok(packages.length >= 2, `packages found: ${packages.map((p) => p.name).join(', ')}`);
  for (const consumer of [root, ...packages.map((p) => p.dir)]) {
    for (const p of packages) {
      const link = path.join(consumer, 'node_modules', ...p.name.split('/'));
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(p.dir, link, 'dir');
    }
  }
}

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('workspace packages', () => {
  for (const name of CASES) {
    it(`${name}: the same findings with node_modules linked`, () => {
      const dir = path.join(FIXTURES, 'analysis', name);
      const copy = copyFixture(dir);
      try {
        linkNodeModules(copy);
        assert.deepEqual(analyzeFixture(copy), analyzeFixture(dir));
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });
  }

  it('the silent twin resolves the listed package (served) and not the excluded one', () => {
    const project = new Project(path.join(FIXTURES, 'analysis', 'workspace-packages-silent'), new NodeFileHost());
    const analysis = project.analyzeFile(path.join(project.root, 'apps', 'api', 'notes.ts'));
    assert.deepEqual(
      analysis.sites.map((s) => s.evaluations.map((e) => `${e.table.name}:${e.verdict}`)),
      [['notes:served']],
    );
    assert.equal(analysis.unresolved, true);
    assert.deepEqual(
      project
        .workspacePackages()
        .map((p) => p.name)
        .sort(),
      ['@acme/api', '@acme/db', '@acme/utils'],
    );
    // A project function named `eq` is not drizzle's: no finding (drizzle's `eq` on the unindexed title would be one).
    assert.deepEqual(project.analyzeFile(path.join(project.root, 'apps', 'api', 'compare.ts')).findings, []);
  });

  it('reads exports: subpath maps, nested conditions, patterns, a plain string', () => {
    const manifest = {
      exports: {
        '.': { types: './dist/index.d.ts', browser: './dist/browser.js', import: { node: './dist/index.mjs', default: './dist/index.js' } },
        './schema': ['./src/schema.ts'],
        './tables/*': './src/tables/*.ts',
        './tables/internal/*': null,
      },
    };
    assert.deepEqual(exportTargets(manifest, '.'), ['./dist/index.d.ts', './dist/index.mjs', './dist/index.js']);
    assert.deepEqual(exportTargets(manifest, './schema'), ['./src/schema.ts']);
    assert.deepEqual(exportTargets(manifest, './tables/runs'), ['./src/tables/runs.ts']);
    assert.deepEqual(exportTargets(manifest, './tables/internal/x'), []);
    assert.deepEqual(exportTargets(manifest, './other'), []);
    assert.deepEqual(exportTargets({ exports: './src/index.ts' }, '.'), ['./src/index.ts']);
    assert.deepEqual(exportTargets({ exports: { import: './a.js', require: './a.cjs' } }, '.'), ['./a.js', './a.cjs']);
    assert.equal(exportTargets({ main: './index.js' }, '.'), undefined);
  });

  it('splits specifiers into package name and subpath', () => {
    assert.deepEqual(splitSpecifier('@acme/db/schema/runs'), { name: '@acme/db', subpath: './schema/runs' });
    assert.deepEqual(splitSpecifier('@acme/db'), { name: '@acme/db', subpath: '.' });
    assert.deepEqual(splitSpecifier('lodash/fp'), { name: 'lodash', subpath: './fp' });
    assert.equal(splitSpecifier('./x'), undefined);
    assert.equal(splitSpecifier('node:fs'), undefined);
    assert.equal(splitSpecifier('@acme'), undefined);
  });
});
