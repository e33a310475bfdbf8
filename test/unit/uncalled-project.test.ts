// Callers through the Project's file events, as the editor's watcher reports them: a caller file created, renamed
// and deleted on disk, a call in an Astro page, and a file size limit change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

before(() => loadSqlParser());

describe('callers as files change on disk', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-callers-'));
    fs.writeFileSync(
      path.join(root, 'schema.ts'),
      "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: uuid('id').primaryKey(), email: text('email').notNull() });\n",
    );
    fs.writeFileSync(
      path.join(root, 'db.ts'),
      "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
    );
    fs.writeFileSync(
      path.join(root, 'repo.ts'),
      "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { users } from './schema';\nexport const getByEmail = (e: string) => db.select().from(users).where(eq(users.email, e));\n",
    );
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const uncalled = (p: Project) => [...p.uncalledCallers(p.analyzeFile(path.join(root, 'repo.ts')).findings)];

  it('follows a caller created, renamed and deleted', () => {
    const p = new Project(root, new NodeFileHost());
    assert.deepEqual(uncalled(p), ['getByEmail']);
    const use = path.join(root, 'use.ts');
    fs.writeFileSync(use, "import { getByEmail } from './repo';\nexport const GET = (e: string) => getByEmail(e);\n");
    p.fileChanged(use, 'created');
    assert.deepEqual(uncalled(p), []);
    const renamed = path.join(root, 'routes.ts');
    fs.renameSync(use, renamed);
    p.fileChanged(use, 'deleted');
    p.fileChanged(renamed, 'created');
    assert.deepEqual(uncalled(p), [], 'a rename keeps the call');
    fs.rmSync(renamed);
    p.fileChanged(renamed, 'deleted');
    assert.deepEqual(uncalled(p), ['getByEmail']);
  });

  it('counts a call written in an Astro page', () => {
    const page = path.join(root, 'index.astro');
    fs.writeFileSync(page, "---\nimport { getByEmail } from './repo';\nconst me = await getByEmail('a@b.c');\n---\n<p>{me.length}</p>\n");
    try {
      assert.deepEqual(uncalled(new Project(root, new NodeFileHost())), []);
    } finally {
      fs.rmSync(page);
    }
  });

  it('starts counting again when the file size limit changes (every text is read again)', () => {
    const p = new Project(root, new NodeFileHost());
    assert.deepEqual(uncalled(p), ['getByEmail']);
    const use = path.join(root, 'use.ts');
    fs.writeFileSync(use, 'getByEmail();\n');
    try {
      // No watcher event: the new limit alone makes every file be read again.
      p.setOptions({ maxFileBytes: 8 * 1024 * 1024 });
      assert.deepEqual(uncalled(p), []);
    } finally {
      fs.rmSync(use);
    }
  });
});
