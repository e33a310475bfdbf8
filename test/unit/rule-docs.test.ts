// Each diagnostic code links to its page: docs/rules/<code>.md, with what, why, an example, the fix and how to silence.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ruleDocUrl } from '../../server/src/ruleDocs';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'rules');
const CODES = ['unserved-filter', 'partly-served-filter', 'redundant-index'];

describe('rule documentation', () => {
  it('has one page per code, and no page without a code', () => {
    assert.deepEqual(fs.readdirSync(DOCS).sort(), CODES.map((c) => `${c}.md`).sort());
  });

  for (const code of CODES) {
    it(`${code}: what, why, an example, how to fix, how to silence`, () => {
      const text = fs.readFileSync(path.join(DOCS, `${code}.md`), 'utf8');
      assert.ok(text.startsWith(`# ${code}\n`));
      for (const heading of ['## What', '## Why it matters', '## Example', '## How to fix', '## How to silence'])
        assert.ok(text.includes(`\n${heading}\n`), heading);
      assert.match(text, /```ts\n/, 'a code example');
    });
  }

  it('links into the repository named by package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { repository: { url: string } };
    const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    assert.equal(ruleDocUrl('unserved-filter'), `${repo}/blob/HEAD/docs/rules/unserved-filter.md`);
  });
});
