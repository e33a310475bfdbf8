// The proof view's page: changed nodes marked, everything from the data escaped, no script can run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proofHtml } from '../../client/src/proofHtml';
import type { ProofView } from '../../server/src/lsp/protocol';
import { summarizePlan } from '../../server/src/prove/plan';
import { planView } from '../../server/src/prove/planTree';

const before = summarizePlan([
  {
    Plan: {
      'Node Type': 'Bitmap Heap Scan',
      'Relation Name': 'runs',
      'Plan Rows': 12,
      'Actual Rows': 10,
      'Total Cost': 120.5,
      'Actual Total Time': 4.2,
      Plans: [
        {
          'Node Type': 'BitmapAnd',
          Plans: [
            { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'user_idx' },
            { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'status_idx' },
          ],
        },
      ],
    },
    'Execution Time': 4.5,
  },
]);
const after = summarizePlan([
  {
    Plan: {
      'Node Type': 'Index Scan',
      'Relation Name': 'runs',
      'Index Name': 'runs_user_id_status_idx',
      'Plan Rows': 12,
      'Actual Rows': 10,
      'Total Cost': 8.4,
    },
    'Execution Time': 0.09,
  },
]);

describe('proof view', () => {
  it('marks the nodes each plan does not share with the other', () => {
    const b = planView(before, after, 'removed');
    const a = planView(after, before, 'added');
    assert.equal(b.root.change, 'removed');
    assert.deepEqual(
      b.root.children[0].children.map((n) => [n.index, n.change]),
      [
        ['user_idx', 'removed'],
        ['status_idx', 'removed'],
      ],
    );
    assert.equal(a.root.change, 'added');
    assert.equal(a.root.index, 'runs_user_id_status_idx');
    assert.equal(planView(before, before, 'removed').root.change, null, 'the same plan changes nothing');
    assert.equal(a.ms, 0.09);
  });

  it('escapes everything taken from the data, and allows no script', () => {
    const hostile = '</pre><script>alert(1)</script><img src=x onerror=alert(2)>';
    const view: ProofView = {
      kind: 'proof',
      sql: `select * from "runs" where "user_id" = $1 -- ${hostile}`,
      database: 'embedded',
      index: { name: `idx"><script>`, table: 'runs', columns: ['user_id', hostile], where: null },
      servedBy: null,
      before: planView(before, after, 'removed'),
      after: planView(after, before, 'added'),
      ratio: 50,
      notes: [hostile],
    };
    const html = proofHtml(view, 'abc123');
    assert.doesNotMatch(html, /<script|<img|onerror=alert\(2\)>/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123';">/);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /<span class="ratio">50\.0×<\/span> faster/);
    assert.match(html, /Execution time 4\.500 ms → <strong>0\.090 ms<\/strong>/);
    assert.match(
      html,
      /class="node added"><span class="badge">new<\/span><span class="type">Index Scan<\/span> using <code>runs_user_id_status_idx<\/code>/,
    );
    assert.equal(
      html.match(/class="node removed"><span class="badge">gone/g)?.length,
      4,
      'heap scan, BitmapAnd and both bitmap index scans are gone',
    );
    assert.match(html, /embedded PostgreSQL \(PGlite\) with synthetic rows/);
  });

  it('a served query: its plan alone, and no ratio', () => {
    const html = proofHtml(
      {
        kind: 'served',
        sql: 'select 1',
        database: 'live',
        index: null,
        servedBy: 'runs_pkey',
        before: planView(after, null, 'removed'),
        after: null,
        ratio: null,
        notes: [],
      },
      'n',
    );
    assert.match(html, /<h1>Served by <code>runs_pkey<\/code><\/h1>/);
    assert.doesNotMatch(html, /class="ratio"|class="node (added|removed)"/);
    assert.match(html, /your database, read-only/);
  });
});
