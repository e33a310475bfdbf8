// Callers through the Project's file events, as the editor's watcher reports them: a caller file created, renamed
// and deleted on disk, a call in an Astro page, and a file size limit change.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const UNCALLED = path.join(FIXTURES, 'uncalled');

before(() => loadSqlParser());

describe('callers as files change on disk', () => {
  let root: string;
  before(() => {
    root = copyFixture(UNCALLED, { without: ['api.ts'] });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const uncalled = (p: Project) => [...p.uncalledCallers(p.analyzeFile(path.join(root, 'repo.ts')).findings)].sort();

  it('follows a caller created, renamed and deleted', () => {
    const p = new Project(root, new NodeFileHost());
    assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
    const use = path.join(root, 'use.ts');
    fs.writeFileSync(use, "import { byOwner } from './repo';\nexport const GET = (o: string) => byOwner(o);\n");
    p.fileChanged(use, 'created');
    assert.deepEqual(uncalled(p), ['byCode']);
    const renamed = path.join(root, 'routes.ts');
    fs.renameSync(use, renamed);
    p.fileChanged(use, 'deleted');
    p.fileChanged(renamed, 'created');
    assert.deepEqual(uncalled(p), ['byCode'], 'a rename keeps the call');
    fs.rmSync(renamed);
    p.fileChanged(renamed, 'deleted');
    assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
  });

  it('counts a call written in an Astro page', () => {
    const page = path.join(root, 'index.astro');
    fs.writeFileSync(page, "---\nimport { byOwner } from './repo';\nconst mine = await byOwner('me');\n---\n<p>{mine.length}</p>\n");
    try {
      assert.deepEqual(uncalled(new Project(root, new NodeFileHost())), ['byCode']);
    } finally {
      fs.rmSync(page);
    }
  });

  it('starts counting again when the file size limit changes (every text is read again)', () => {
    const p = new Project(root, new NodeFileHost());
    assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
    const use = path.join(root, 'use.ts');
    fs.writeFileSync(use, 'byOwner();\n');
    try {
      // No watcher event: the new limit alone makes every file be read again.
      p.setOptions({ maxFileBytes: 8 * 1024 * 1024 });
      assert.deepEqual(uncalled(p), ['byCode']);
    } finally {
      fs.rmSync(use);
    }
  });

  it('a call written only in excluded code (a test, a script) does not count, unless nothing is excluded', () => {
    const spec = path.join(root, 'repo.test.ts');
    const script = path.join(root, 'scripts', 'backfill.ts');
    fs.writeFileSync(spec, "import { byOwner } from './repo';\nawait byOwner('me');\n");
    fs.mkdirSync(path.dirname(script));
    fs.writeFileSync(script, "import { LinkRepo } from '../repo';\nawait LinkRepo.byCode('x');\n");
    try {
      const p = new Project(root, new NodeFileHost());
      assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
      p.setOptions({ exclude: [] });
      assert.deepEqual(uncalled(p), [], 'with no exclusions the test and the script are callers');
      p.setOptions({ exclude: ['**/scripts/**'] });
      assert.deepEqual(uncalled(p), ['byCode']);
      fs.writeFileSync(script, "import { LinkRepo } from '../repo';\nawait LinkRepo.byCode('x');\nawait LinkRepo.byCode('y');\n");
      p.fileChanged(script, 'changed');
      assert.deepEqual(uncalled(p), ['byCode'], 'an excluded file that changes still does not count');
    } finally {
      fs.rmSync(spec);
      fs.rmSync(path.dirname(script), { recursive: true });
    }
  });

  it('a call typed in an open excluded file does not count either', () => {
    const p = new Project(root, new NodeFileHost());
    assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
    const spec = path.join(root, 'typed.spec.ts');
    p.setOverlay(spec, "import { byOwner } from './repo';\nbyOwner('me');\n");
    assert.deepEqual(uncalled(p), ['byCode', 'byOwner']);
    const route = path.join(root, 'typed.ts');
    p.setOverlay(route, "import { byOwner } from './repo';\nbyOwner('me');\n");
    assert.deepEqual(uncalled(p), ['byCode'], 'the same text in a file that is not excluded counts');
  });
});
