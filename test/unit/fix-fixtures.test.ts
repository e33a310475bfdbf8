// Whole-file baselines: each test/fixtures/fix/<case> holds a workspace and, under expected/, every file the
// fix writes or edits as it must read afterwards (plus notes.txt, or error.txt when nothing may be written:
// the failure's code, then its message).
// Regenerate with UPDATE_BASELINES=1 and review the diff.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { FIX_CASES, runFixAll, workspaceCopy } from '../helpers/fixCase';
import { FIXTURES } from '../helpers/tempWorkspace';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const FIX = path.join(FIXTURES, 'fix');
const update = process.env.UPDATE_BASELINES === '1';

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

describe('fix baselines', () => {
  for (const c of FIX_CASES) {
    it(c.name, () => {
      const root = workspaceCopy(c.workspace);
      const expectedDir = path.join(FIX, c.name, 'expected');
      try {
        const before = new Map(listFiles(c.workspace).map((f) => [f, fs.readFileSync(path.join(c.workspace, f), 'utf8')]));
        const { result, written } = runFixAll(root);
        const actual = new Map<string, string>();
        if (result.ok) {
          for (const p of written) actual.set(path.relative(root, p).split(path.sep).join('/'), fs.readFileSync(p, 'utf8'));
          actual.set('notes.txt', `${result.plan.title}\n${result.plan.notes.join('\n')}\n`);
        } else {
          actual.set('error.txt', `${result.code}\n${result.message}\n`);
        }
        if (update) {
          fs.rmSync(expectedDir, { recursive: true, force: true });
          for (const [f, text] of actual) {
            fs.mkdirSync(path.dirname(path.join(expectedDir, f)), { recursive: true });
            fs.writeFileSync(path.join(expectedDir, f), text);
          }
        }
        assert.deepEqual([...actual.keys()].sort(), listFiles(expectedDir));
        for (const [f, text] of actual) assert.equal(text, fs.readFileSync(path.join(expectedDir, f), 'utf8'), `${c.name}: ${f}`);
        // Nothing else in the workspace changed.
        for (const [f, text] of before) {
          if (actual.has(f)) continue;
          assert.equal(fs.readFileSync(path.join(root, f), 'utf8'), text, `${f} must be untouched`);
        }
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
