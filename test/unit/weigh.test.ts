// The weigh stage, table-driven: statement shapes, per-column selectivity from pg_stats, estimates and decisions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, IndexDef, Table } from '../../server/src/analysis/model';
import { estimateFinding } from '../../server/src/analysis/weigh/estimate';
import { StatementIndex, normalizeSql } from '../../server/src/analysis/weigh/matchStatements';
import { heaviestValue, typicalValue } from '../../server/src/analysis/weigh/selectivity';
import type { ColumnStatistics, DatabaseStatistics, TableStatistics } from '../../server/src/analysis/weigh/statistics';
import { DEFAULT_WEIGH_SETTINGS, decide, weighFindings } from '../../server/src/analysis/weigh/weigh';
import { driftMessage, indexDrift } from '../../server/src/analysis/weigh/indexUsage';

describe('statement shapes', () => {
  const same: [string, string, string][] = [
    ['whitespace and case', 'select "id" from "t" where "t"."a" = $1', 'SELECT  "id"\n  FROM "t"\n WHERE "t"."a"=$7'],
    ['IN-lists of any length', 'select "id" from "t" where "t"."s" in ($1)', 'select "id" from "t" where "t"."s" in ($1, $2, $3)'],
    ['PostgreSQL 18 squashed lists', 'select "id" from "t" where "t"."s" in ($1, $2)', 'select "id" from "t" where "t"."s" in ($1 /*, ... */)'],
    [
      'relational-query alias',
      'select "id" from "deep_scan_v2_runs" where "deep_scan_v2_runs"."j" = $1 limit $2',
      'select "id" from "deep_scan_v2_runs" "deepScanV2Runs" where "deepScanV2Runs"."j" = $1 limit $2',
    ],
    ['a trailing semicolon and comments', 'select 1 from "t"', '/* app */ select 1 from "t"; '],
  ];
  for (const [name, a, b] of same) it(`alike: ${name}`, () => assert.equal(normalizeSql(a), normalizeSql(b)));
  const different: [string, string, string][] = [
    ['another column', 'select "id" from "t" where "t"."a" = $1', 'select "id" from "t" where "t"."b" = $1'],
    ['case inside quotes', 'select "id" from "T"', 'select "id" from "t"'],
    ['another operator', 'select "id" from "t" where "a" = $1', 'select "id" from "t" where "a" < $1'],
  ];
  for (const [name, a, b] of different) it(`apart: ${name}`, () => assert.notEqual(normalizeSql(a), normalizeSql(b)));

  it('sums the statements of one shape and gives their share of the time', () => {
    const idx = new StatementIndex([
      { query: 'select "id" from "t" where "s" in ($1)', calls: 10, totalMs: 30, rows: 10 },
      { query: 'select "id" from "t" where "s" in ($1, $2)', calls: 5, totalMs: 20, rows: 9 },
      { query: 'select 1', calls: 100, totalMs: 50, rows: 100 },
    ]);
    assert.deepEqual(idx.workload('select "id" from "t" where "t"."s" in ($1, $2, $3)'), {
      calls: 15,
      totalMs: 50,
      meanMs: 50 / 15,
      rows: 19,
      share: 0.5,
      statements: 2,
    });
    assert.equal(idx.workload('select "x" from "t"'), undefined);
  });
});

const col = (nullFrac: number, nDistinct: number, freqs: number[] = []): ColumnStatistics => ({
  nullFrac,
  nDistinct,
  mostCommon: freqs.map((freq, i) => ({ value: String(i), freq })),
});

describe('selectivity of one column', () => {
  const rows = 1_000_000;
  const cases: [string, ColumnStatistics, number, number][] = [
    // name, stats, heaviest, typical
    ['uniform, no common values', col(0, 50_000), 1 / 50_000, 1 / 50_000],
    ['10 heavy users own half the rows', col(0, 20_010, Array<number>(10).fill(0.05)), 0.05, 0.5 / 20_000],
    ['a status: 85% one value', col(0, 4, [0.85, 0.05, 0.05, 0.05]), 0.85, 0.05],
    ['unique, mostly null (n_distinct a fraction)', col(0.95, -0.05), 1e-6, 1e-6],
  ];
  for (const [name, c, heavy, typical] of cases) {
    it(name, () => {
      assert.ok(Math.abs(heaviestValue(c, rows) - heavy) / heavy < 1e-6, `heaviest ${heaviestValue(c, rows)}`);
      assert.ok(Math.abs(typicalValue(c, rows) - typical) / typical < 1e-6, `typical ${typicalValue(c, rows)}`);
    });
  }
});

function index(name: string, columns: string[]): IndexDef {
  return { name, columns, unique: false, method: 'btree', where: null, whereText: null, source: 'index', file: '/s.ts', span: { start: 0, end: 1 } };
}
const table = {
  id: '/s.ts#runs',
  name: 'runs',
  schema: null,
  local: 'runs',
  file: '/s.ts',
  indexes: [index('user_idx', ['user_id']), index('status_idx', ['status']), index('pq_idx', ['pq'])],
  indexesKnown: true,
} as unknown as Table;
const stats = (rows: number): TableStatistics => ({
  schema: 'public',
  name: 'runs',
  rows,
  bytes: 0,
  indexes: [],
  columns: new Map([
    ['user_id', col(0, 20_010, Array<number>(10).fill(0.05))],
    ['status', col(0, 4, [0.85, 0.05, 0.05, 0.05])],
    ['pq', col(0, -0.05)],
    ['job', col(0.95, -0.05)],
  ]),
});
const finding = (verdict: 'partly' | 'unserved', filter: [string, 'eq' | 'in'][], bestIndex: string | null, proposal: string[]): Finding =>
  ({
    verdict,
    filter: filter.map(([column, kind]) => ({ column, kind })),
    bestIndex,
    proposal: { name: `runs_${proposal.join('_')}_idx`, columns: proposal, where: null, predicate: null },
    table: 'runs',
    tableId: table.id,
    message: 'm',
  }) as unknown as Finding;

describe('estimates and decisions (1M rows unless said)', () => {
  const cases: [string, Finding, number, [number, number], 'warning' | 'silent'][] = [
    [
      'heavy user + status: 20x',
      finding(
        'partly',
        [
          ['user_id', 'eq'],
          ['status', 'eq'],
        ],
        'user_idx',
        ['user_id', 'status'],
      ),
      1e6,
      [50_000, 2_500],
      'warning',
    ],
    [
      'selective parent + status IN: reads 20 rows now',
      finding(
        'partly',
        [
          ['pq', 'eq'],
          ['status', 'in'],
        ],
        'pq_idx',
        ['pq', 'status'],
      ),
      1e6,
      [20, 1],
      'silent',
    ],
    ['job id, no index: the whole table', finding('unserved', [['job', 'eq']], null, ['job']), 1e6, [1e6, 1], 'warning'],
    ['job id on a small table', finding('unserved', [['job', 'eq']], null, ['job']), 5_000, [5_000, 1], 'silent'],
  ];
  for (const [name, f, rows, [now, withProposal], decision] of cases) {
    it(name, () => {
      const e = estimateFinding(f, table, stats(rows));
      assert.ok(e);
      assert.equal(e.rowsReadNow, now);
      assert.equal(e.rowsReadWithProposal, withProposal);
      assert.equal(decide(e, DEFAULT_WEIGH_SETTINGS).kind, decision);
    });
  }

  it('no statistics: unknown, and ordered by total time', () => {
    const db: DatabaseStatistics = {
      tables: new Map([['public.runs', stats(1e6)]]),
      statements: [{ query: 'select 2', calls: 3, totalMs: 90, rows: 3 }],
      statementsProblem: null,
      statsReset: null,
      readAt: '',
    };
    const a = finding(
      'partly',
      [
        ['user_id', 'eq'],
        ['status', 'eq'],
      ],
      'user_idx',
      ['user_id', 'status'],
    );
    const b = finding('unserved', [['job', 'eq']], null, ['job']);
    const out = weighFindings(
      [
        { finding: a, table, sql: 'select 1' },
        { finding: b, table, sql: 'select 2' },
        { finding: a, table: undefined, sql: undefined },
      ],
      db,
    );
    assert.deepEqual(
      out.map((w) => [w.finding, w.decision.kind, w.workload?.calls]),
      [
        [b, 'warning', 3],
        [a, 'warning', undefined],
        [a, 'unknown', undefined],
      ],
    );
  });
});

describe('drift', () => {
  it('names the index made by hand and the one never created, with the SQL', () => {
    const ts = stats(1e6);
    ts.indexes = ['user_idx', 'status_idx', 'hand_made_idx'].map((name) => ({
      name,
      columns: ['x'],
      unique: false,
      primary: false,
      constraint: false,
      method: 'btree',
      predicate: null,
      definition: `CREATE INDEX ${name} ON public.runs USING btree (x)`,
      scans: 0,
      bytes: 8192,
    }));
    const d = indexDrift(table, ts);
    assert.deepEqual(
      d.onlyInDatabase.map((x) => x.name),
      ['hand_made_idx'],
    );
    assert.deepEqual(
      d.missing.map((x) => x.name),
      ['pq_idx'],
    );
    const m = driftMessage(table, d) ?? '';
    assert.match(m, /DROP INDEX "hand_made_idx";/);
    assert.match(m, /To create: CREATE INDEX "pq_idx" ON "runs" USING btree \("pq"\);/);
  });
});
