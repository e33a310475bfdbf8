// Table-driven: every folder of test/fixtures/analysis is a workspace whose `// ^ ...` markers state exactly its
// findings (test/fixtures/analysis/README.md). A finding without a marker and a marker without a finding both fail.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { ProjectOptions } from '../../server/src/analysis/workspace/project';
import { analyzeFixture, readMarkers } from '../helpers/findings';
import { copyFixture } from '../helpers/tempWorkspace';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const ROOT = path.join(__dirname, '..', 'fixtures', 'analysis');

function optionsOf(dir: string): ProjectOptions {
  const file = path.join(dir, 'options.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ProjectOptions) : {};
}

describe('analysis fixtures', () => {
  for (const name of fs.readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    it(name, () => {
      assert.deepEqual(analyzeFixture(dir, optionsOf(dir)), readMarkers(dir));
    });
  }
});

describe('the marker runner', () => {
  const edited = (edit: (text: string) => string) => {
    const dir = copyFixture(path.join(ROOT, 'no-casing'));
    try {
      const file = path.join(dir, 'queries.ts');
      fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
      return { actual: analyzeFixture(dir), marked: readMarkers(dir) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads the file, line and caret column of a marker, and its text', () => {
    const { marked } = edited((t) => t);
    assert.deepEqual(marked, [{ at: 'queries.ts:5:66', text: 'unserved notes (ownerId =) -> notes_ownerId_idx (ownerId)' }]);
  });

  it('fails on a finding nobody marked (a false positive) and on a marker nothing found (a false negative)', () => {
    const unmarked = edited((t) => t.replace(/^\s*\/\/\s*\^.*\n?/m, ''));
    assert.equal(unmarked.marked.length, 0);
    assert.notDeepEqual(unmarked.actual, unmarked.marked);
    const extra = edited((t) => `${t}\n// ^ unserved notes (title =) -> notes_title_idx (title)\n`);
    assert.notDeepEqual(extra.actual, extra.marked);
    const shifted = edited((t) => t.replace('// ', '//  '));
    assert.notDeepEqual(shifted.actual, shifted.marked, 'the caret column is part of the position');
  });
});
