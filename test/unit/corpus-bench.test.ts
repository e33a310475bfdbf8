// The corpus benchmark's pure parts: what the grep estimate counts, which paths are tests, how labels score.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWhereOccurrences, isOutOfScope, isTestPath } from '../bench/corpus/grepEstimate';
import { type RunFinding, type RunSite, judgedShare, outcomeAt, scoreLabels } from '../bench/corpus/scoring';
import { drawSample } from '../bench/corpus/sample';

describe('corpus grep estimate', () => {
  it('counts `.where(` calls and `where:` keys, with whitespace, and nothing else', () => {
    const text = [
      'await db.select().from(t).where(eq(t.a, 1));',
      'db.update(t).set(x)\n  .where (eq(t.b, 2));',
      'db.query.t.findMany({ where: eq(t.a, 1), with: { c: { where : (c, { eq }) => eq(c.x, 1) } } });',
      'const somewhere = 1; nowhere: for (;;) break nowhere; elsewhere(); x.whereabouts(); db.$where(1);',
    ].join('\n');
    assert.deepEqual(countWhereOccurrences(text), { call: 2, key: 2, partialIndex: 0 });
  });

  it('leaves out the predicate of a partial index, not a query written after an index helper', () => {
    const schema = [
      "export const t = pgTable('t', { a: text() }, (table) => [",
      "  index('t_a_idx').on(table.a).where(sql`${table.a} IS NOT NULL`),",
      "  uniqueIndex('t_b').using('btree', table.b.asc()).where (sql`b > 0`),",
      ']);',
      'const rows = await db.select().from(t).where(eq(t.a, index(1)));',
      "const x = index(2); await db.update(t).set({ a: 'x' }).where(eq(t.a, 'y'));",
    ].join('\n');
    assert.deepEqual(countWhereOccurrences(schema), { call: 2, key: 0, partialIndex: 2 });
  });

  it('tells test code from application code by folder or file name', () => {
    for (const p of [
      'src/__tests__/a.ts',
      'tests/db.ts',
      'apps/web/e2e/login.ts',
      'packages/api/src/router.test.ts',
      'x/y.spec.tsx',
      'test/fixtures/q.ts',
      'src/chunker/__fixtures__/code.ts',
    ])
      assert.equal(isTestPath(p), true, p);
    for (const p of ['src/latest/a.ts', 'packages/testimonials/q.ts', 'apps/web/src/contest.ts', 'server/attest.ts'])
      assert.equal(isTestPath(p), false, p);
    // The comparison also leaves out what the analyzer excludes by default: scripts, seeds, backfills.
    for (const p of ['scripts/seed/seedEvents.ts', 'apps/leaf/scripts/x.ts', 'db/seed.ts', 'src/backfillUsers.ts'])
      assert.equal(isOutOfScope(p), true, p);
    for (const p of ['src/latest/a.ts', 'server/src/description.ts']) assert.equal(isOutOfScope(p), false, p);
  });
});

describe('corpus label scoring', () => {
  const findings: RunFinding[] = [
    { file: 'a.ts', line: 10, endLine: 12, table: 'runs', verdict: 'unserved', severity: 'warning' },
    { file: 'a.ts', line: 20, endLine: 20, table: 'runs', verdict: 'partly', severity: 'warning' },
  ];
  const sites: RunSite[] = [
    { file: 'a.ts', line: 10, judged: true },
    { file: 'a.ts', line: 20, judged: true },
    { file: 'a.ts', line: 30, judged: true },
    { file: 'b.ts', line: 5, judged: false },
  ];

  it('reads the outcome at a line: a finding over it, a judged site on it, else silent', () => {
    assert.equal(outcomeAt('a.ts', 11, findings, sites), 'unserved');
    assert.equal(outcomeAt('a.ts', 20, findings, sites), 'partly');
    assert.equal(outcomeAt('a.ts', 30, findings, sites), 'served');
    assert.equal(outcomeAt('b.ts', 5, findings, sites), 'silent');
    assert.equal(outcomeAt('b.ts', 10, findings, sites), 'silent');
    // The `.where(` line just above a finding's filter (Prettier's layout) is the finding's; two lines above is not.
    assert.equal(outcomeAt('a.ts', 9, findings, sites), 'unserved');
    assert.equal(outcomeAt('a.ts', 8, findings, sites), 'silent');
  });

  it('scores precision and recall over the labelled lines only', () => {
    const score = scoreLabels(
      [
        { file: 'a.ts', line: 10, expected: 'unserved' }, // reported, expected: hit
        { file: 'a.ts', line: 20, expected: 'served' }, // reported, not expected: false positive
        { file: 'a.ts', line: 30, expected: 'served' }, // agree
        { file: 'b.ts', line: 5, expected: 'partly' }, // expected, silent: miss
      ],
      findings,
      sites,
    );
    assert.deepEqual(score, { labels: 4, agree: 2, precision: 0.5, recall: 0.5 });
    assert.deepEqual(scoreLabels([{ file: 'a.ts', line: 30, expected: 'silent' }], findings, sites), {
      labels: 1,
      agree: 0,
      precision: null,
      recall: null,
    });
  });

  it('measures the judged findings the current run reports as Warnings, and which worth ones it still reports', () => {
    const entry = { repo: 'o/r', file: 'a.ts', table: 'runs', verdict: 'unserved', why: '' };
    const share = judgedShare(
      [
        { ...entry, line: 11, judgement: 'worth' },
        { ...entry, line: 20, judgement: 'not-worth' },
        { ...entry, line: 40, judgement: 'wrong' }, // no longer reported: out of the measured set
        { ...entry, line: 50, judgement: 'worth' }, // a worth finding the run lost
        { ...entry, repo: 'o/other', line: 11, judgement: 'worth' },
      ],
      'o/r',
      [...findings, { file: 'a.ts', line: 30, endLine: 30, table: 'runs', verdict: 'partly', severity: 'information' }],
    );
    assert.deepEqual(share, { judged: 4, warnings: 2, worth: 1, notWorth: 1, wrong: 0, share: 1 / 2, worthJudged: 2, worthStillReported: 1 });
    const information = judgedShare([{ ...entry, line: 30, judgement: 'not-worth' }], 'o/r', [
      { file: 'a.ts', line: 30, endLine: 30, table: 'runs', verdict: 'partly', severity: 'information' },
    ]);
    assert.deepEqual([information.warnings, information.share], [0, null]);
    assert.equal(judgedShare([], 'o/r', findings).share, null);
  });
});

describe('corpus sample for judging', () => {
  const candidates = Array.from({ length: 30 }, (_, i) => ({
    repo: 'o/r',
    file: `f${i}.ts`,
    line: 1,
    endLine: 1,
    table: 't',
    verdict: i % 3 === 0 ? 'partly' : 'unserved',
    severity: i % 3 === 0 ? 'information' : 'warning',
    message: '',
  }));
  it('draws Warning findings only, not judged before, the same ones for the same seed', () => {
    const judged = [{ repo: 'o/r', file: 'f1.ts', line: 1, table: 't', verdict: 'unserved', judgement: 'worth' as const, why: '' }];
    const a = drawSample(candidates, judged, 10, 7);
    assert.equal(a.length, 10);
    assert.ok(a.every((c) => c.severity === 'warning' && c.file !== 'f1.ts'));
    assert.equal(new Set(a.map((c) => c.file)).size, 10);
    assert.deepEqual(drawSample(candidates, judged, 10, 7), a);
    assert.notDeepEqual(drawSample(candidates, judged, 10, 8), a);
    assert.equal(drawSample(candidates, judged, 100, 7).length, 19);
  });
});
