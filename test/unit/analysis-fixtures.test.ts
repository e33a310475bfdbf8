// Table-driven: every folder of test/fixtures/analysis is a workspace; expected.json lists exactly its findings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { type ExpectedFinding, analyzeFixture, sortBrief } from '../helpers/findings';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const ROOT = path.join(__dirname, '..', 'fixtures', 'analysis');

describe('analysis fixtures', () => {
  for (const name of fs.readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    it(name, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as ExpectedFinding[];
      const optionsFile = path.join(dir, 'options.json');
      const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
      assert.deepEqual(analyzeFixture(dir, options), sortBrief(expected));
    });
  }
});
