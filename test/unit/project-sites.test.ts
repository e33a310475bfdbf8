// Project.allSites (CodeLens and the unused-index remarks ask for every site of the workspace on each request): kept
// until something the analysis reads changes, then analysed again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

before(() => loadSqlParser());

describe('every site of the workspace, kept between changes', () => {
  let root: string;
  before(() => {
    root = copyFixture(path.join(FIXTURES, 'write-only'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers from what it kept until a file, an open document or the options change', () => {
    const p = new Project(root, new NodeFileHost());
    const first = p.allSites();
    assert.equal(first.length, 6);
    assert.equal(p.allSites(), first, 'nothing changed: the same answer');
    const repo = path.join(root, 'repo.ts');
    const text = fs.readFileSync(repo, 'utf8');
    p.setOverlay(repo, text);
    assert.equal(p.allSites(), first, 'an open document with the text on disk changes nothing');
    p.setOverlay(repo, `${text}export const again = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n`);
    const typed = p.allSites();
    assert.equal(typed.length, 7, 'a query typed in an open document');
    p.setOverlay(repo, undefined);
    assert.equal(p.allSites().length, 6, 'closed: the disk again');
    const extra = path.join(root, 'more.ts');
    fs.writeFileSync(
      extra,
      "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { tokens } from './schema';\nexport const m = (v: string) => db.select().from(tokens).where(eq(tokens.value, v));\n",
    );
    const beforeEvent = p.allSites();
    p.fileChanged(extra, 'created');
    assert.equal(p.allSites().length, beforeEvent.length + 1, 'a file created on disk');
    const kept = p.allSites();
    p.setOptions({ ignoreTables: ['tokens'] });
    assert.notEqual(p.allSites(), kept, 'new options: analysed again');
  });
});
