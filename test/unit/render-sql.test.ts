// The SQL we render for a site is the SQL drizzle-orm itself renders (`.toSQL()`), parameters included.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXTURES } from '../helpers/tempWorkspace';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const ROOT = path.join(FIXTURES, 'render');
const FILE = path.join(ROOT, 'queries.ts');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const queries = require(FILE) as Record<string, (...args: unknown[]) => { toSQL(): { sql: string; params: unknown[] } }>;
const ARGS: Record<string, unknown[]> = {
  userStatus: ['u', 's'],
  prequalIn: ['p', 's'],
  jobUpdate: ['j'],
  cleanup: [new Date(0)],
  joined: ['u', new Date(0)],
  window: [new Date(0), new Date(1)],
  literal: [],
};

describe('rendered SQL equals drizzle-orm toSQL()', () => {
  const project = new Project(ROOT, new NodeFileHost());
  const lines = fs.readFileSync(FILE, 'utf8').split('\n');
  for (const [name, args] of Object.entries(ARGS)) {
    it(name, () => {
      const line = lines.findIndex((l) => l.startsWith(`export const ${name} `));
      const found = project.siteAt(FILE, line);
      assert.ok(found, `no site on line ${line + 1}`);
      assert.ok(found.sql.ok, found.sql.ok ? '' : found.sql.message);
      const expected = queries[name](...args).toSQL();
      assert.equal(found.sql.sql, expected.sql);
      assert.equal(found.sql.params.length, expected.params.length);
      const literals = found.sql.params.map((p) => p.literal);
      expected.params.forEach((v, i) => {
        if (literals[i] !== undefined) assert.equal(literals[i], v);
      });
    });
  }

  it('refuses sites that are not fully known', () => {
    const silent = path.join(FIXTURES, 'analysis', 'silent');
    const p = new Project(silent, new NodeFileHost());
    const text = fs.readFileSync(path.join(silent, 'queries.ts'), 'utf8').split('\n');
    const found = p.siteAt(
      path.join(silent, 'queries.ts'),
      text.findIndex((l) => l.startsWith('export const rawAtom')),
    );
    assert.ok(found && !found.sql.ok);
    assert.match(found.sql.ok ? '' : found.sql.message, /not statically known/);
  });
});
