// `db.query.<key>` resolves through the schema object handed to drizzle(), not through exported table names.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXTURES } from '../helpers/tempWorkspace';

function verdicts(fixture: string, file: string): string[][] {
  const project = new Project(path.join(FIXTURES, 'analysis', fixture), new NodeFileHost());
  return project.analyzeFile(path.join(project.root, file)).sites.map((s) => s.evaluations.map((e) => `${e.table.name}:${e.verdict}`));
}

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('db.query keys', () => {
  it('spreads of namespaces and a renamed key pick the client schema tables, not a stale duplicate', () => {
    assert.deepEqual(verdicts('query-schema-object', 'queries.ts'), [['users:unserved'], ['team_members:unserved'], ['users:served']]);
  });

  it('the silent twin resolves through an imported schema object; a key it lacks is no site', () => {
    assert.deepEqual(verdicts('query-schema-object-silent', 'src/queries.ts'), [['posts:served'], ['posts:served']]);
  });
});
