// Rule tables for the judge: verdicts (and so severity), best-index ties, partial-index implication, OR factoring.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Table } from '../../server/src/analysis/model';
import type { Branch } from '../../server/src/analysis/judge/branches';
import { judge } from '../../server/src/analysis/judge/judge';
import { tableBranches } from '../../server/src/analysis/judge/factor';
import { judgeTable } from '../../server/src/analysis/judge/judgeTable';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { atom, table } from '../helpers/ruleTables';

before(() => loadSqlParser());

interface Case {
  name: string;
  atoms: string[];
  verdict: 'served' | 'partly' | 'unserved' | 'not-applicable';
  best?: string | null;
  prefix?: string[];
  rangeBound?: string | null;
  bitmapAnd?: string[];
  skipScan?: string | null;
  reason?: RegExp;
}

function run(t: () => Table, cases: Case[]): void {
  for (const c of cases) {
    it(`${c.verdict}: ${c.name}`, () => {
      const tbl = t();
      const j = judge({ table: tbl, atoms: c.atoms.map((a) => atom(tbl, a)) });
      assert.equal(j.verdict, c.verdict, j.reasons.join(' | '));
      if (c.best !== undefined) assert.equal(j.bestIndex?.name ?? null, c.best);
      if (c.prefix) assert.deepEqual(j.prefix, c.prefix);
      if (c.rangeBound !== undefined) assert.equal(j.rangeBound, c.rangeBound);
      if (c.bitmapAnd) assert.deepEqual(j.bitmapAnd.map((i) => i.name), c.bitmapAnd);
      if (c.skipScan !== undefined) assert.equal(j.skipScan?.name ?? null, c.skipScan);
      if (c.reason) assert.match(j.reasons.join(' '), c.reason);
    });
  }
}

// The seed's table (PostgreSQL 15, 1M rows: user+status about 20x for a heavy user, job id lookup about 190x).
const runs = () =>
  table(
    'runs',
    ['id uuid pk', 'user_id uuid', 'pre_qualification_id uuid', 'status varchar', 'bullmq_job_id text null', 'created_at timestamp', 'deleted_at timestamp null', 'archived_at timestamp null', 'enabled boolean', 'note text null'],
    ['pre_qualification_idx (pre_qualification_id)', 'user_idx (user_id)', 'status_idx (status)', 'created_at_idx (created_at)'],
  );

describe('severity: what PostgreSQL can still do', () => {
  run(runs, [
    { name: 'seed: user_idx covers user_id, status left over (BitmapAnd) stays visible', atoms: ['user_id = ?', 'status = ?'], verdict: 'partly', best: 'user_idx', prefix: ['user_id'], bitmapAnd: ['status_idx'] },
    { name: 'seed: pre-qualification + status IN', atoms: ['pre_qualification_id = ?', 'status in (?)'], verdict: 'partly', best: 'pre_qualification_idx' },
    { name: 'seed: job id lookup with no index is a scan', atoms: ['bullmq_job_id = ?'], verdict: 'unserved', best: null, skipScan: null },
    { name: 'a boolean leftover stays visible', atoms: ['user_id = ?', 'enabled = true'], verdict: 'partly', best: 'user_idx', bitmapAnd: [] },
    { name: 'unique prefix: one row at most', atoms: ['id = ?', 'user_id = ?', 'status = ?'], verdict: 'served', best: 'runs_pkey' },
    { name: 'soft-delete leftover is silent', atoms: ['user_id = ?', 'deleted_at is null'], verdict: 'served', best: 'user_idx', reason: /soft-delete/ },
    { name: 'two soft-delete leftovers are silent', atoms: ['user_id = ?', 'deleted_at is null', 'archived_at is null'], verdict: 'served' },
    { name: 'a soft-delete test alone needs no index', atoms: ['deleted_at is null'], verdict: 'not-applicable' },
    { name: 'IS NULL on a column that is not soft-delete-like is an equality', atoms: ['user_id = ?', 'note is null'], verdict: 'partly' },
    { name: 'deleted_at compared by a range is not a soft-delete test', atoms: ['user_id = ?', 'deleted_at is null', 'deleted_at > ?'], verdict: 'partly' },
    { name: 'a range left after the full equality prefix is fine', atoms: ['user_id = ?', 'created_at > ?'], verdict: 'served', best: 'user_idx' },
    { name: 'a range alone is served by an index leading with it', atoms: ['created_at > ?'], verdict: 'served', best: 'created_at_idx' },
    { name: 'not indexable only', atoms: ['note like ?'], verdict: 'not-applicable' },
  ]);
});

const ties = () =>
  table(
    'members',
    ['id uuid pk', 'org_id uuid', 'team_id uuid', 'user_id uuid', 'role memberRole', 'active boolean', 'joined_at timestamp', 'email text'],
    ['role_idx (role)', 'active_idx (active)', 'org_idx (org_id)', 'org_team_idx (org_id, team_id)', 'unique org_user_key (org_id, user_id)', 'org_joined_idx (org_id, joined_at)', 'tenant_email_idx (org_id, email)'],
  );

describe('best index: longest equality prefix, then range bound, unique, id/FK-like', () => {
  run(ties, [
    { name: 'only an enum index covers: still partly, named', atoms: ['user_id = ?', 'role = ?'], verdict: 'partly', best: 'role_idx', prefix: ['role'] },
    { name: 'FK-led indexes over enum and boolean indexes declared first', atoms: ['role = ?', 'active = true', 'org_id = ?', 'id > ?'], verdict: 'partly', best: 'org_user_key', bitmapAnd: ['role_idx', 'active_idx'] },
    { name: 'unique over non-unique on a tie', atoms: ['org_id = ?', 'role = ?'], verdict: 'partly', best: 'org_user_key', bitmapAnd: ['role_idx'] },
    { name: 'the longest prefix wins', atoms: ['org_id = ?', 'team_id = ?', 'role = ?'], verdict: 'partly', best: 'org_team_idx', prefix: ['org_id', 'team_id'] },
    { name: 'an index that also bounds the range wins, and says so', atoms: ['org_id = ?', 'role = ?', 'joined_at > ?'], verdict: 'partly', best: 'org_joined_idx', rangeBound: 'joined_at', reason: /bounds the range on joined_at/ },
    { name: 'exact prefix plus bounded range is served', atoms: ['org_id = ?', 'joined_at > ?'], verdict: 'served', rangeBound: 'joined_at' },
    { name: 'a later index column: PostgreSQL 18 skip scan', atoms: ['email = ?'], verdict: 'unserved', skipScan: 'tenant_email_idx', reason: /skip-scan/ },
  ]);
  it('an enum index declared first is not named over an FK index', () => {
    const t = table('m', ['id uuid pk', 'status statusEnum', 'org_id uuid', 'x text'], ['status_idx (status)', 'org_idx (org_id)']);
    const j = judge({ table: t, atoms: ['status = ?', 'org_id = ?', 'x = ?'].map((a) => atom(t, a)) });
    assert.equal(j.bestIndex?.name, 'org_idx');
  });
});

const jobs = () =>
  table(
    'jobs',
    ['id integer pk', 'status text', 'kind text', 'queue text', 'priority integer', 'internal boolean', 'payload text null', 'region text null', 'workspace_id uuid null', 'slug text', 'next_run_at timestamp'],
    [
      "due_idx (next_run_at) where status = 'active'",
      "public_idx (priority) where internal = false AND status <> 'excluded'",
      "live_kind_idx (kind) where \"jobs\".\"status\" IN ('queued', 'running')",
      "open_queue_idx (queue) where status NOT IN ('done', 'failed')",
      'unique ws_slug_key (workspace_id, slug) where workspace_id IS NOT NULL',
      "region_idx (region) where region ~ '^eu'",
      'payload_idx (payload) where payload IS NOT NULL AND internal',
    ],
  );

describe('partial indexes: implied, contradicted, undecidable', () => {
  run(jobs, [
    { name: 'literal predicate implied', atoms: ["status = 'active'", 'next_run_at < ?'], verdict: 'served', best: 'due_idx' },
    { name: 'a parameter does not imply a literal predicate', atoms: ['status = ?', 'next_run_at < ?'], verdict: 'unserved' },
    { name: '<> implied by <> on the same literal (AND)', atoms: ['internal = false', "status <> 'excluded'", 'priority = ?'], verdict: 'served', best: 'public_idx' },
    { name: '<> implied by = another literal', atoms: ['internal = false', "status = 'queued'", 'priority = ?'], verdict: 'partly', best: 'public_idx' },
    { name: 'one conjunct not implied: not usable', atoms: ["status <> 'excluded'", 'priority = ?'], verdict: 'unserved', reason: /not usable/ },
    { name: 'IN list inside the predicate list', atoms: ['kind = ?', "status in ('queued')"], verdict: 'partly', best: 'live_kind_idx' },
    { name: 'contradiction: never the best index', atoms: ['kind = ?', "status = 'completed'"], verdict: 'unserved', best: null },
    { name: 'NOT IN implied by NOT IN', atoms: ['queue = ?', "status not in ('done', 'failed')"], verdict: 'served', best: 'open_queue_idx' },
    { name: 'NOT IN implied by = a literal outside the list', atoms: ['queue = ?', "status = 'pending'"], verdict: 'partly', best: 'open_queue_idx' },
    { name: 'NOT IN not implied by a parameter', atoms: ['queue = ?', 'status = ?'], verdict: 'unserved' },
    { name: 'col = ? implies col IS NOT NULL (unique partial)', atoms: ['workspace_id = ?', 'slug = ?'], verdict: 'served', best: 'ws_slug_key' },
    { name: 'undecidable predicate: possibly served, no finding', atoms: ['region = ?'], verdict: 'served', best: 'region_idx', reason: /Possibly served/ },
    { name: 'undecidable AND a decided part not implied: not usable', atoms: ['payload = ?'], verdict: 'unserved' },
  ]);
});

function branches(t: Table, dnf: (string[] | 'tainted')[]): Branch[] {
  return dnf.map((b) => (b === 'tainted' ? { atoms: [], tainted: new Set([t.id]), taintAll: false } : { atoms: b.map((a) => atom(t, a)), tainted: new Set<string>(), taintAll: false }));
}

describe('OR: the factored AND first, then every branch needs an index', () => {
  const accounts = (indexes: string[]) => table('accounts', ['id uuid pk', 'shop_id uuid', 'tag_id uuid null', 'active boolean', 'kind text', 'last_at timestamp null', 'cur text', 'base_cur text'], indexes);
  const cases: { name: string; indexes: string[]; dnf: (string[] | 'tainted')[]; expect: { verdict: string; filter: string[]; or: boolean }[] }[] = [
    {
      name: 'and(active, or(last_at IS NULL, and(kind, last_at <))) served by (active, last_at)',
      indexes: ['active_last_idx (active, last_at)'],
      dnf: [['active = true', 'last_at is null'], ['active = true', "kind = 'x'", 'last_at < ?']],
      expect: [{ verdict: 'served', filter: ['active'], or: false }],
    },
    {
      name: 'an OR branch on another table gives this table nothing: shop_id alone is judged',
      indexes: [],
      dnf: [['shop_id = ?', 'tag_id is null'], ['shop_id = ?']],
      expect: [{ verdict: 'unserved', filter: ['shop_id'], or: false }],
    },
    {
      name: 'the factored AND served: branches do not matter',
      indexes: ['shop_idx (shop_id)'],
      dnf: [['shop_id = ?', 'tag_id is null'], ['shop_id = ?']],
      expect: [{ verdict: 'served', filter: ['shop_id'], or: false }],
    },
    { name: 'every branch indexed: BitmapOr', indexes: ['cur_idx (cur)', 'base_idx (base_cur)'], dnf: [['cur = ?'], ['base_cur = ?']], expect: [{ verdict: 'served', filter: [], or: false }] },
    { name: 'a branch without an index is reported as a branch of the OR', indexes: ['cur_idx (cur)'], dnf: [['cur = ?'], ['base_cur = ?']], expect: [{ verdict: 'unserved', filter: ['base_cur'], or: true }] },
    { name: 'a branch with no indexable condition: no index can serve the OR', indexes: [], dnf: [['cur = ?'], ['kind like ?']], expect: [{ verdict: 'not-applicable', filter: [], or: false }] },
    { name: 'an unknown branch may be the indexed one: silent', indexes: [], dnf: [['cur = ?'], 'tainted'], expect: [] },
    { name: 'an unknown part in every branch: silent', indexes: [], dnf: ['tainted', 'tainted'], expect: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const t = accounts(c.indexes);
      const got = judgeTable(t, tableBranches(branches(t, c.dnf), t)).map((v) => ({ verdict: v.judgement.verdict, filter: [...new Set(v.judgement.filter.map((f) => f.column))], or: v.orBranch !== null }));
      assert.deepEqual(got, c.expect);
    });
  }
});
