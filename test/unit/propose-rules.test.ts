// Rule tables for proposals: column order, no duplicate of an existing index, naming style, folding per table.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Finding, Proposal, Table } from '../../server/src/analysis/model';
import { judge } from '../../server/src/analysis/judge/judge';
import { propose } from '../../server/src/analysis/propose/propose';
import { foldProposals } from '../../server/src/analysis/propose/foldProposals';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { atom, table } from '../helpers/ruleTables';

before(() => loadSqlParser());

const COLS = [
  'id uuid pk',
  'organization_id uuid',
  'team_id uuid',
  'user_id uuid',
  'app_build_error boolean',
  'status statusEnum',
  'kind text',
  'created_at timestamp',
  'deleted_at timestamp null',
  'email text null',
  'parent_id uuid null',
];

function proposalFor(t: Table, atoms: string[], orderBy: string[] = []): Proposal | null {
  const resolved = atoms.map((a) => atom(t, a));
  const j = judge({ table: t, atoms: resolved });
  return propose(
    t,
    j,
    resolved,
    orderBy.map((c) => t.columns.find((x) => x.sqlName === c)!),
  );
}

describe('proposal: column order and name', () => {
  const cases: {
    name: string;
    indexes: string[];
    atoms: string[];
    orderBy?: string[];
    columns: string[] | null;
    where?: string | null;
    index?: string;
  }[] = [
    {
      name: 'booleans and enums last, id/FK-like first',
      indexes: [],
      atoms: ['app_build_error = ?', 'status = ?', 'organization_id = ?'],
      columns: ['organization_id', 'app_build_error', 'status'],
    },
    {
      name: 'a literal test on an enum stays in the key of a single site proposal',
      indexes: [],
      atoms: ["status = 'pending'", 'team_id = ?'],
      columns: ['team_id', 'status'],
      where: null,
    },
    {
      name: 'a soft-delete test stays out of the key, with no WHERE for one site',
      indexes: [],
      atoms: ['deleted_at is null', 'team_id = ?'],
      columns: ['team_id'],
      where: null,
    },
    {
      name: 'the best index is partial: extend its key, keep its WHERE',
      indexes: ["open_idx (team_id) where status = 'open'"],
      atoms: ['team_id = ?', "status = 'open'", 'user_id = ?'],
      columns: ['team_id', 'user_id'],
      where: `"status" = 'open'`,
    },
    { name: 'the covered prefix stays first', indexes: ['kind_idx (kind)'], atoms: ['kind = ?', 'user_id = ?'], columns: ['kind', 'user_id'] },
    { name: 'then one range column', indexes: [], atoms: ['created_at > ?', 'team_id = ?'], columns: ['team_id', 'created_at'] },
    {
      name: 'else the first ORDER BY column',
      indexes: ['org_idx (organization_id)'],
      atoms: ['organization_id = ?', 'kind = ?'],
      orderBy: ['created_at'],
      columns: ['organization_id', 'kind', 'created_at'],
    },
    { name: 'a soft-delete test stays out of the key', indexes: [], atoms: ['team_id = ?', 'deleted_at is null'], columns: ['team_id'] },
    {
      name: 'a nullable reference compared by equality: IS NOT NULL variant',
      indexes: [],
      atoms: ['parent_id = ?'],
      columns: ['parent_id'],
      where: '"parent_id" IS NOT NULL',
    },
    { name: 'another nullable column compared by equality: a plain index', indexes: [], atoms: ['email = ?'], columns: ['email'], where: null },
    { name: 'snake_case names by default', indexes: [], atoms: ['team_id = ?'], columns: ['team_id'], index: 't_team_id_idx' },
    {
      name: 'camelCase names in a camelCase table',
      indexes: ['tOrgIdx (organization_id)'],
      atoms: ['organization_id = ?', 'team_id = ?'],
      columns: ['organization_id', 'team_id'],
      index: 'tOrganizationIdTeamIdIdx',
    },
    {
      name: 'prefix style kept',
      indexes: ['idx_t_org (organization_id)'],
      atoms: ['organization_id = ?', 'team_id = ?'],
      columns: ['organization_id', 'team_id'],
      index: 'idx_t_organization_id_team_id',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = proposalFor(table('t', COLS, c.indexes), c.atoms, c.orderBy);
      assert.deepEqual(p?.columns ?? null, c.columns);
      if (c.where !== undefined) assert.equal(p?.where ?? null, c.where);
      if (c.index) assert.equal(p?.name, c.index);
    });
  }
  it('names stay within 63 bytes', () => {
    const t = table('a_table_with_a_rather_long_name_for_testing', ['organization_id uuid', 'team_id uuid', 'user_id uuid', 'kind text']);
    const p = proposalFor(t, ['organization_id = ?', 'team_id = ?', 'user_id = ?', 'kind = ?']);
    assert.ok(Buffer.byteLength(p!.name) <= 63, p!.name);
  });
});

describe('folding: one index per column set where one can serve several sites', () => {
  const t = table('t', COLS);
  /** A finding whose proposal is `columns`, plain or partial on `<first column> IS NOT NULL`. */
  const finding = (columns: string[], equalityCount = columns.length, notNull = false): Finding => {
    const proposal: Proposal = {
      name: `t_${columns.join('_')}_idx`,
      columns,
      where: notNull ? `"${columns[0]}" IS NOT NULL` : null,
      predicate: notNull ? { kind: 'isNotNull', column: columns[0] } : null,
      equalityCount,
    };
    return { tableId: t.id, proposal } as unknown as Finding;
  };
  const fold = (fs: Finding[]) =>
    foldProposals(fs, () => t).map((f) => ({ columns: f.proposal.columns, where: f.proposal.where, sites: f.findings.length }));
  it('nested equality sets: (a) and (a, b) -> (a, b) for both', () => {
    assert.deepEqual(fold([finding(['team_id']), finding(['team_id', 'user_id'])]), [{ columns: ['team_id', 'user_id'], where: null, sites: 2 }]);
  });
  it('nested in another order: (b) and (a, b) -> (b, a)', () => {
    assert.deepEqual(fold([finding(['user_id']), finding(['team_id', 'user_id'])]), [{ columns: ['user_id', 'team_id'], where: null, sites: 2 }]);
  });
  it('the same column set in two orders is one index', () => {
    assert.deepEqual(fold([finding(['team_id', 'user_id']), finding(['user_id', 'team_id'])]), [
      { columns: ['user_id', 'team_id'], where: null, sites: 2 },
    ]);
  });
  it('a range tail does not fold into another set', () => {
    assert.equal(fold([finding(['team_id', 'created_at'], 1), finding(['team_id', 'user_id'])]).length, 2);
  });
  it('several sites making the same literal tests: one partial index, the tested columns out of its key', () => {
    const site = (tests: string[], columns = ['team_id', 'status'], equalityCount = 2): Finding => {
      const atoms = ['team_id = ?', ...tests].map((a) => atom(t, a));
      const j = judge({ table: t, atoms });
      const p = propose(t, j, atoms, [])!;
      assert.deepEqual(p.columns, columns);
      return { tableId: t.id, proposal: { ...p, equalityCount } } as unknown as Finding;
    };
    const pending = () => site(["status = 'pending'", 'deleted_at is null']);
    assert.deepEqual(fold([pending(), pending()]), [{ columns: ['team_id'], where: `"status" = 'pending' AND "deleted_at" IS NULL`, sites: 2 }]);
    // Another value at one site: the one index keeps status in its key, and only the shared soft delete is the WHERE.
    assert.deepEqual(fold([pending(), site(["status = 'done'", 'deleted_at is null'])]), [
      { columns: ['team_id', 'status'], where: '"deleted_at" IS NULL', sites: 2 },
    ]);
    // One site alone keeps the proposal its finding shows.
    assert.deepEqual(fold([pending()]), [{ columns: ['team_id', 'status'], where: null, sites: 1 }]);
    // A site without the tests: a plain index for all.
    assert.deepEqual(fold([pending(), site(['status = ?'])]), [{ columns: ['team_id', 'status'], where: null, sites: 2 }]);
  });
  it('wide proposals sharing three equality columns or more: one index on the shared columns', () => {
    const wide = [
      finding(['organization_id', 'team_id', 'user_id', 'kind', 'status']),
      finding(['organization_id', 'team_id', 'user_id', 'email', 'created_at'], 4),
      finding(['team_id', 'organization_id', 'user_id', 'app_build_error']),
    ];
    assert.deepEqual(fold(wide), [{ columns: ['organization_id', 'team_id', 'user_id'], where: null, sites: 3 }]);
    // Two shared columns are not enough: each query keeps its index.
    assert.equal(fold([finding(['organization_id', 'team_id', 'kind']), finding(['organization_id', 'team_id', 'email'])]).length, 2);
    // An existing index already leads with the shared columns: the proposals stay as they are.
    const withIndex = table('t', COLS, ['otu_idx (user_id, team_id, organization_id)']);
    const folded = foldProposals(
      wide.slice(0, 2).map((f) => ({ ...f, tableId: withIndex.id })),
      () => withIndex,
    );
    assert.equal(folded.length, 2);
  });
  it('the IS NOT NULL variant only when every site implies it', () => {
    assert.deepEqual(fold([finding(['email'], 1, true), finding(['email'], 1, true)]), [
      { columns: ['email'], where: '"email" IS NOT NULL', sites: 2 },
    ]);
    assert.deepEqual(fold([finding(['email'], 1, true), finding(['email', 'kind'])]), [{ columns: ['email', 'kind'], where: null, sites: 2 }]);
  });
});
