// The matching rule as one table, typescript-eslint style: {indexes, filter atoms, ORDER BY} of one table ->
// {verdict, best index, covered prefix, proposal}. Each case runs as the analysis runs a site: the OR factored
// (tableBranches), judged (judgeTable), and a proposal where no index serves well (propose). Valid cases are
// served, need no index, or stay silent; invalid ones are partly served or unserved, with a proposal.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Table } from '../../server/src/analysis/model';
import type { Branch } from '../../server/src/analysis/judge/branches';
import { tableBranches } from '../../server/src/analysis/judge/factor';
import { judgeTable } from '../../server/src/analysis/judge/judgeTable';
import { propose } from '../../server/src/analysis/propose/propose';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { atom, table } from '../helpers/ruleTables';

before(() => loadSqlParser());

interface Case {
  name: string;
  /** Indexes beside the table's own, e.g. `user_idx (user_id)`, `unique k (a, b) where a IS NOT NULL`, `hash h (a)`. */
  indexes?: string[];
  /** One AND of atoms: `user_id = ?`, `status in (?)`, `deleted_at is null`, `created_at > ?`, `note like ?`. */
  atoms?: string[];
  /** Or an OR of ANDs; `unknown`: a branch with a part the analysis cannot see. */
  or?: (string[] | 'unknown')[];
  orderBy?: string[];
  /**
   * `<verdict>[ by <best index> (<covered prefix>)][ -> <proposal> (<columns>)[ WHERE <predicate>]]`, a range
   * column the best index bounds written `<column> range`; `OR branch: ` before the verdict on one branch of an
   * OR; `silent` when nothing is judged. E.g. `partly by user_idx (user_id) -> events_user_id_status_idx (user_id, status)`.
   */
  expect: string;
  /** The columns the verdict is about (where an OR decides which). */
  filter?: string[];
  /** Indexes PostgreSQL can combine with the best one (BitmapAnd). */
  bitmapAnd?: string[];
  /** An index with a filtered column in a later position (PostgreSQL 18 skip scan). */
  skipScan?: string | null;
  /** A partial index that would serve once the query states its predicate (neither implied nor contradicted). */
  unusablePartial?: string | null;
  /** A partial index leading with a filtered column whose predicate the filter contradicts (named, never used). */
  excludingPartial?: string | null;
  reason?: RegExp;
}

interface Fixture {
  name: string;
  columns: string[];
  /** Indexes every case of the table has. */
  indexes?: string[];
}

/** What a valid case may expect (served, no index needed, silent), and an invalid one (partly or unserved, with a proposal). */
const EXPECTS = {
  valid: /^(served( by \S+ \([^)]+\))?|not-applicable|silent)$/,
  invalid: /^(OR branch: )?(partly|unserved)\b.* -> \S+ \(/,
};

function ruleTable(title: string, fixture: Fixture, cases: { valid: Case[]; invalid: Case[] }): void {
  describe(title, () => {
    for (const group of ['valid', 'invalid'] as const) {
      describe(group, () => {
        for (const c of cases[group]) {
          assert.match(c.expect, EXPECTS[group], `${title}: ${group} case "${c.name}"`);
          it(c.name, () => check(fixture, c));
        }
      });
    }
  });
}

function check(fixture: Fixture, c: Case): void {
  const t = table(fixture.name, fixture.columns, [...(fixture.indexes ?? []), ...(c.indexes ?? [])]);
  const verdicts = judgeTable(t, tableBranches(branches(t, c), t));
  const orderBy = (c.orderBy ?? []).map((name) => t.columns.find((x) => x.sqlName === name)!);
  const described = verdicts.map(({ judgement: j, atoms, orBranch }) => {
    const p = j.verdict === 'partly' || j.verdict === 'unserved' ? propose(t, j, atoms, orderBy) : null;
    const covered = [...j.prefix, ...(j.rangeBound ? [`${j.rangeBound} range`] : [])];
    const best = j.bestIndex ? ` by ${j.bestIndex.name} (${covered.join(', ')})` : '';
    const proposal = p ? ` -> ${p.name} (${p.columns.join(', ')})${p.where ? ` WHERE ${p.where}` : ''}` : '';
    return `${orBranch ? 'OR branch: ' : ''}${j.verdict}${best}${proposal}`;
  });
  const reasons = verdicts.flatMap((v) => v.judgement.reasons).join(' | ');
  assert.equal(described.join('; ') || 'silent', c.expect, reasons);
  const [only] = verdicts;
  if (c.filter) assert.deepEqual([...new Set(only.judgement.filter.map((f) => f.column))], c.filter);
  if (c.bitmapAnd)
    assert.deepEqual(
      only.judgement.bitmapAnd.map((i) => i.name),
      c.bitmapAnd,
    );
  if (c.skipScan !== undefined) assert.equal(only.judgement.skipScan?.name ?? null, c.skipScan);
  if (c.unusablePartial !== undefined) assert.equal(only.judgement.unusablePartial?.name ?? null, c.unusablePartial);
  if (c.excludingPartial !== undefined) assert.equal(only.judgement.excludingPartial?.name ?? null, c.excludingPartial);
  if (c.reason) assert.match(reasons, c.reason);
}

function branches(t: Table, c: Case): Branch[] {
  const dnf = c.or ?? [c.atoms ?? []];
  return dnf.map((b) =>
    b === 'unknown'
      ? { atoms: [], tainted: new Set([t.id]), taintAll: false }
      : { atoms: b.map((a) => atom(t, a)), tainted: new Set<string>(), taintAll: false },
  );
}

// One case per line or two, so each table reads down its columns (Prettier would spread each case over many lines).

// `kind` and `job_id` are nullable; `active` is a boolean; each case brings its own indexes.
// prettier-ignore
ruleTable('events: the leftmost-prefix rule', { name: 'events', columns: ['id uuid pk', 'user_id uuid', 'status text', 'kind text null', 'job_id text null', 'active boolean', 'created_at timestamp'] }, {
  valid: [
    { name: 'range only, on an index that leads with that column',
      indexes: ['ev_created_idx (created_at)'], atoms: ['created_at > ?'], expect: 'served by ev_created_idx (created_at range)' },
    { name: 'one equality on the leading column',
      indexes: ['user_idx (user_id)'], atoms: ['user_id = ?'], expect: 'served by user_idx (user_id)' },
    { name: 'two equalities, composite index in the same order',
      indexes: ['user_status_idx (user_id, status)'], atoms: ['user_id = ?', 'status = ?'], expect: 'served by user_status_idx (user_id, status)' },
    { name: 'two equalities named in the other order than the index',
      indexes: ['user_status_idx (user_id, status)'], atoms: ['status = ?', 'user_id = ?'], expect: 'served by user_status_idx (user_id, status)' },
    { name: 'a longer index whose leading columns are the equality columns',
      indexes: ['wide_idx (user_id, status, created_at)'], atoms: ['user_id = ?', 'status = ?'], expect: 'served by wide_idx (user_id, status)' },
    { name: 'IN counts as equality',
      indexes: ['user_status_idx (user_id, status)'], atoms: ['user_id = ?', 'status in ?'], expect: 'served by user_status_idx (user_id, status)' },
    { name: 'IS NULL counts as equality',
      indexes: ['job_idx (job_id)'], atoms: ['job_id is null'], expect: 'served by job_idx (job_id)' },
    { name: 'equality then range on a composite index',
      indexes: ['user_created_idx (user_id, created_at)'], atoms: ['user_id = ?', 'created_at > ?'], expect: 'served by user_created_idx (user_id, created_at range)' },
    { name: 'the primary key',
      atoms: ['id = ?'], expect: 'served by events_pkey (id)' },
    { name: 'a unique index fixed by equality serves even with more columns in the filter',
      indexes: ['unique user_kind_key (user_id, kind)', 'status_idx (status)'], atoms: ['status = ?', 'user_id = ?', 'kind = ?'], expect: 'served by user_kind_key (user_id, kind)' },
    { name: 'a hash index on an equality column',
      indexes: ['hash job_hash (job_id)'], atoms: ['job_id = ?'], expect: 'served by job_hash (job_id)' },
    { name: 'a partial index whose IS NOT NULL the equality implies',
      indexes: ['job_idx (job_id) where job_id IS NOT NULL'], atoms: ['job_id = ?'], expect: 'served by job_idx (job_id)' },
    { name: "a partial index whose predicate fixes a column (WHERE status = 'active')",
      indexes: ["active_user_idx (user_id) where status = 'active'"], atoms: ['user_id = ?', "status = 'active'"], expect: 'served by active_user_idx (status, user_id)' },
    { name: 'no indexable condition: nothing to judge',
      atoms: ['job_id is not null', 'status like ?'], expect: 'not-applicable' },
  ],
  invalid: [
    { name: 'an IS NULL test goes after the equality columns in the proposal', atoms: ['job_id is null', 'user_id = ?'], expect: 'unserved -> events_user_id_job_id_idx (user_id, job_id)' },
    // A boolean leftover stays visible (as Information, issue 11): whether it is worth a composite is a question of data.
    { name: 'a boolean equality left to a filter on the rows the selective index returns',
      indexes: ['user_idx (user_id)'], atoms: ['user_id = ?', 'active = true'], expect: 'partly by user_idx (user_id) -> events_user_id_active_idx (user_id, active)' },
    { name: 'no index at all',
      atoms: ['user_id = ?'], expect: 'unserved -> events_user_id_idx (user_id)' },
    { name: 'range only, no index on it',
      indexes: ['user_idx (user_id)'], atoms: ['created_at > ?'], expect: 'unserved -> events_created_at_idx (created_at)' },
    { name: 'only the leading equality column covered: partly, the proposal extends that index',
      indexes: ['user_idx (user_id)'], atoms: ['user_id = ?', 'status = ?'], expect: 'partly by user_idx (user_id) -> events_user_id_status_idx (user_id, status)' },
    { name: 'the covered prefix comes first in the proposal, whatever the query order',
      indexes: ['status_idx (status)'], atoms: ['user_id = ?', 'status = ?'], expect: 'partly by status_idx (status) -> events_status_user_id_idx (status, user_id)' },
    { name: 'a composite index that does not lead with the column',
      indexes: ['status_user_idx (status, user_id)'], atoms: ['user_id = ?'], expect: 'unserved -> events_user_id_idx (user_id)' },
    { name: 'an index led by the range column, with an equality it does not lead with',
      indexes: ['ev_created_idx (created_at)'], atoms: ['user_id = ?', 'created_at > ?'],
      expect: 'partly by ev_created_idx (created_at range) -> events_user_id_created_at_idx (user_id, created_at)' },
    { name: 'between two partly-serving indexes, the one whose next column is the range column',
      indexes: ['user_idx (user_id)', 'user_created_idx (user_id, created_at, kind)'], atoms: ['user_id = ?', 'status = ?', 'created_at > ?'],
      expect: 'partly by user_created_idx (user_id, created_at range) -> events_user_id_status_created_at_idx (user_id, status, created_at)' },
    { name: 'a partial index whose predicate the filter does not imply',
      indexes: ["active_user_idx (user_id) where status = 'active'"], atoms: ['user_id = ?', "status = 'done'"], expect: 'unserved -> events_user_id_status_idx (user_id, status)' },
    { name: 'a partial IS NOT NULL index, for an IS NULL filter',
      indexes: ['job_idx (job_id) where job_id IS NOT NULL'], atoms: ['job_id is null'], expect: 'unserved -> events_job_id_idx (job_id)' },
    { name: 'a unique index on other leading columns',
      indexes: ['unique user_kind_key (user_id, kind)'], atoms: ['kind = ?'], expect: 'unserved -> events_kind_idx (kind)' },
    { name: 'a unique index not fixed by IS NULL (NULLs are distinct): partly, by the prefix rule',
      indexes: ['unique job_user_key (job_id, user_id)'], atoms: ['job_id is null', 'status = ?'], expect: 'partly by job_user_key (job_id) -> events_job_id_status_idx (job_id, status)' },
    { name: 'a hash index on the second equality column only',
      indexes: ['hash status_hash (status)'], atoms: ['user_id = ?', 'status = ?'], expect: 'partly by status_hash (status) -> events_status_user_id_idx (status, user_id)' },
    { name: 'a hash index never serves a range',
      indexes: ['hash created_hash (created_at)'], atoms: ['created_at > ?'], expect: 'unserved -> events_created_at_idx (created_at)' },
    { name: 'a GIN index is no B-tree',
      indexes: ['gin status_gin (status)'], atoms: ['status = ?'], expect: 'unserved -> events_status_idx (status)' },
    { name: 'a boolean alone is still reported when nothing serves it',
      indexes: ['user_idx (user_id)'], atoms: ['active = true'], expect: 'unserved -> events_active_idx (active)' },
    { name: 'ORDER BY extends the proposal when there is no range',
      atoms: ['user_id = ?'], orderBy: ['created_at'], expect: 'unserved -> events_user_id_created_at_idx (user_id, created_at)' },
    { name: 'a range column wins over ORDER BY for the last place',
      atoms: ['user_id = ?', 'created_at > ?'], orderBy: ['status'], expect: 'unserved -> events_user_id_created_at_idx (user_id, created_at)' },
    { name: 'a nullable reference compared by equality: the index skips NULLs',
      atoms: ['job_id = ?'], expect: 'unserved -> events_job_id_idx (job_id) WHERE "job_id" IS NOT NULL' },
    { name: 'another nullable column compared by equality: a plain index',
      atoms: ['kind = ?'], expect: 'unserved -> events_kind_idx (kind)' },
    { name: 'a proposal name already taken gets a number',
      indexes: ['events_user_id_idx (status)'], atoms: ['user_id = ?'], expect: 'unserved -> events_user_id_2_idx (user_id)' },
  ],
});

// The seed's table (bench:seed, PostgreSQL 15, 1M rows: user+status 1.6x faster for a heavy user, job id lookup 297x).
// prettier-ignore
ruleTable('runs (the seed): what PostgreSQL can still do, and so the severity', {
  name: 'runs',
  columns: ['id uuid pk', 'user_id uuid', 'pre_qualification_id uuid', 'status varchar', 'bullmq_job_id text null', 'created_at timestamp', 'deleted_at timestamp null', 'archived_at timestamp null', 'enabled boolean', 'note text null'],
  indexes: ['pre_qualification_idx (pre_qualification_id)', 'user_idx (user_id)', 'status_idx (status)', 'created_at_idx (created_at)'],
}, {
  valid: [
    { name: 'unique prefix: one row at most', atoms: ['id = ?', 'user_id = ?', 'status = ?'], expect: 'served by runs_pkey (id)' },
    { name: 'soft-delete leftover is silent', atoms: ['user_id = ?', 'deleted_at is null'], expect: 'served by user_idx (user_id)', reason: /soft-delete/ },
    { name: 'two soft-delete leftovers are silent', atoms: ['user_id = ?', 'deleted_at is null', 'archived_at is null'], expect: 'served by user_idx (user_id)' },
    { name: 'a soft-delete test alone needs no index', atoms: ['deleted_at is null'], expect: 'not-applicable' },
    { name: 'a range left after the full equality prefix is fine', atoms: ['user_id = ?', 'created_at > ?'], expect: 'served by user_idx (user_id)' },
    { name: 'a range alone is served by an index leading with it', atoms: ['created_at > ?'], expect: 'served by created_at_idx (created_at range)' },
    { name: 'not indexable only', atoms: ['note like ?'], expect: 'not-applicable' },
  ],
  invalid: [
    { name: 'seed: user_idx covers user_id, status left over (BitmapAnd) stays visible', atoms: ['user_id = ?', 'status = ?'], expect: 'partly by user_idx (user_id) -> runs_user_id_status_idx (user_id, status)', bitmapAnd: ['status_idx'] },
    { name: 'seed: pre-qualification + status IN', atoms: ['pre_qualification_id = ?', 'status in (?)'], expect: 'partly by pre_qualification_idx (pre_qualification_id) -> runs_pre_qualification_id_status_idx (pre_qualification_id, status)' },
    { name: 'seed: job id lookup with no index is a scan', atoms: ['bullmq_job_id = ?'], expect: 'unserved -> runs_bullmq_job_id_idx (bullmq_job_id) WHERE "bullmq_job_id" IS NOT NULL', skipScan: null },
    { name: 'a boolean leftover stays visible', atoms: ['user_id = ?', 'enabled = true'], expect: 'partly by user_idx (user_id) -> runs_user_id_enabled_idx (user_id, enabled)', bitmapAnd: [] },
    { name: 'IS NULL on a column that is not soft-delete-like is an equality', atoms: ['user_id = ?', 'note is null'], expect: 'partly by user_idx (user_id) -> runs_user_id_note_idx (user_id, note)' },
    { name: 'deleted_at compared by a range is not a soft-delete test', atoms: ['user_id = ?', 'deleted_at is null', 'deleted_at > ?'], expect: 'partly by user_idx (user_id) -> runs_user_id_deleted_at_idx (user_id, deleted_at)' },
  ],
});

// prettier-ignore
ruleTable('members: the best index is the longest equality prefix, then range bound, unique, id/FK-like', {
  name: 'members',
  columns: ['id uuid pk', 'org_id uuid', 'team_id uuid', 'user_id uuid', 'role memberRole', 'active boolean', 'joined_at timestamp', 'email text'],
  indexes: ['role_idx (role)', 'active_idx (active)', 'org_idx (org_id)', 'org_team_idx (org_id, team_id)', 'unique org_user_key (org_id, user_id)', 'org_joined_idx (org_id, joined_at)', 'tenant_email_idx (org_id, email)'],
}, {
  valid: [
    { name: 'exact prefix plus bounded range is served', atoms: ['org_id = ?', 'joined_at > ?'], expect: 'served by org_joined_idx (org_id, joined_at range)' },
  ],
  invalid: [
    { name: 'only an enum index covers: still partly, named', atoms: ['user_id = ?', 'role = ?'], expect: 'partly by role_idx (role) -> members_role_user_id_idx (role, user_id)' },
    { name: 'FK-led indexes over enum and boolean indexes declared first', atoms: ['role = ?', 'active = true', 'org_id = ?', 'id > ?'], expect: 'partly by org_user_key (org_id) -> members_org_id_role_active_id_idx (org_id, role, active, id)', bitmapAnd: ['role_idx', 'active_idx'] },
    { name: 'unique over non-unique on a tie', atoms: ['org_id = ?', 'role = ?'], expect: 'partly by org_user_key (org_id) -> members_org_id_role_idx (org_id, role)', bitmapAnd: ['role_idx'] },
    { name: 'the longest prefix wins', atoms: ['org_id = ?', 'team_id = ?', 'role = ?'], expect: 'partly by org_team_idx (org_id, team_id) -> members_org_id_team_id_role_idx (org_id, team_id, role)' },
    { name: 'an index that also bounds the range wins, and says so', atoms: ['org_id = ?', 'role = ?', 'joined_at > ?'], expect: 'partly by org_joined_idx (org_id, joined_at range) -> members_org_id_role_joined_at_idx (org_id, role, joined_at)', reason: /bounds the range on joined_at/ },
    { name: 'a later index column: PostgreSQL 18 skip scan', atoms: ['email = ?'], expect: 'unserved -> members_email_idx (email)', skipScan: 'tenant_email_idx', reason: /skip-scan/ },
  ],
});

// prettier-ignore
ruleTable('an enum index declared first', { name: 'm', columns: ['id uuid pk', 'status statusEnum', 'org_id uuid', 'x text'], indexes: ['status_idx (status)', 'org_idx (org_id)'] }, {
  valid: [],
  invalid: [
    { name: 'is not named over an FK index', atoms: ['status = ?', 'org_id = ?', 'x = ?'], expect: 'partly by org_idx (org_id) -> m_org_id_x_status_idx (org_id, x, status)' },
  ],
});

// prettier-ignore
ruleTable('jobs: partial indexes implied, contradicted, undecidable', {
  name: 'jobs',
  columns: ['id integer pk', 'status text', 'kind text', 'queue text', 'priority integer', 'internal boolean', 'payload text null', 'region text null', 'workspace_id uuid null', 'slug text', 'next_run_at timestamp'],
  indexes: [
    "due_idx (next_run_at) where status = 'active'",
    "public_idx (priority) where internal = false AND status <> 'excluded'",
    "live_kind_idx (kind) where \"jobs\".\"status\" IN ('queued', 'running')",
    "open_queue_idx (queue) where status NOT IN ('done', 'failed')",
    'unique ws_slug_key (workspace_id, slug) where workspace_id IS NOT NULL',
    "region_idx (region) where region ~ '^eu'",
    'payload_idx (payload) where payload IS NOT NULL AND internal',
  ],
}, {
  valid: [
    { name: 'literal predicate implied', atoms: ["status = 'active'", 'next_run_at < ?'], expect: 'served by due_idx (status, next_run_at range)' },
    { name: '<> implied by <> on the same literal (AND)', atoms: ['internal = false', "status <> 'excluded'", 'priority = ?'], expect: 'served by public_idx (internal, priority)' },
    { name: 'NOT IN implied by NOT IN', atoms: ['queue = ?', "status not in ('done', 'failed')"], expect: 'served by open_queue_idx (queue)' },
    { name: 'col = ? implies col IS NOT NULL (unique partial)', atoms: ['workspace_id = ?', 'slug = ?'], expect: 'served by ws_slug_key (workspace_id, slug)' },
    { name: 'undecidable predicate: possibly served, no finding', atoms: ['region = ?'], expect: 'served by region_idx (region)', reason: /Possibly served/ },
    // Drizzle sends values as parameters and PostgreSQL plans with their values (custom plans): `status = $1` uses
    // `WHERE status = 'active'` when $1 is 'active' (checked with EXPLAIN EXECUTE on PostgreSQL 15).
    { name: 'a parameter may equal the literal: possibly served', atoms: ['status = ?', 'next_run_at < ?'], expect: 'served by due_idx (status, next_run_at range)', reason: /Possibly served/ },
    { name: 'NOT IN against a parameter: possibly served by the index covering most', atoms: ['queue = ?', 'status = ?'], expect: 'served by open_queue_idx (queue)', reason: /Possibly served/ },
  ],
  invalid: [
    { name: '<> implied by = another literal', atoms: ['internal = false', "status = 'queued'", 'priority = ?'], expect: `partly by public_idx (internal, priority) -> jobs_priority_status_not_internal_idx (priority, status) WHERE "internal" = false AND "status" <> 'excluded'` },
    { name: 'one conjunct not implied: not usable', atoms: ["status <> 'excluded'", 'priority = ?'], expect: 'unserved -> jobs_priority_idx (priority)', reason: /not usable/, unusablePartial: 'public_idx' },
    { name: 'IN list inside the predicate list', atoms: ['kind = ?', "status in ('queued')"], expect: `partly by live_kind_idx (kind) -> jobs_kind_status_idx (kind, status) WHERE "status" IN ('queued', 'running')` },
    { name: 'contradiction: never the best index, named as holding none of the rows', atoms: ['kind = ?', "status = 'completed'"], expect: 'unserved -> jobs_kind_status_idx (kind, status)', reason: /"live_kind_idx" holds none of these rows/, unusablePartial: null, excludingPartial: 'live_kind_idx' },
    { name: 'a contradicted IS NOT NULL: unserved, named as holding none of the rows', atoms: ['workspace_id is null', 'slug = ?'], expect: 'unserved -> jobs_slug_workspace_id_idx (slug, workspace_id)', unusablePartial: null, excludingPartial: 'ws_slug_key' },
    { name: 'a contradicted partial index leading with the range column is named', atoms: ["status = 'completed'", 'next_run_at < ?'], expect: 'unserved -> jobs_status_next_run_at_idx (status, next_run_at)', excludingPartial: 'due_idx' },
    { name: 'a contradicted partial index leading with an unfiltered column is not named', atoms: ["status = 'completed'", 'slug = ?'], expect: 'unserved -> jobs_slug_status_idx (slug, status)', excludingPartial: null },
    { name: 'NOT IN implied by = a literal outside the list', atoms: ['queue = ?', "status = 'pending'"], expect: `partly by open_queue_idx (queue) -> jobs_queue_status_idx (queue, status) WHERE "status" NOT IN ('done', 'failed')` },
    { name: 'undecidable AND a decided part not implied: not usable', atoms: ['payload = ?'], expect: 'unserved -> jobs_payload_idx (payload)' },
  ],
});

// prettier-ignore
ruleTable('accounts: with OR, the factored AND first, then every branch needs an index', {
  name: 'accounts',
  columns: ['id uuid pk', 'shop_id uuid', 'tag_id uuid null', 'active boolean', 'kind text', 'last_at timestamp null', 'cur text', 'base_cur text'],
}, {
  valid: [
    { name: 'and(active, or(last_at IS NULL, and(kind, last_at <))) served by (active, last_at)',
      indexes: ['active_last_idx (active, last_at)'], or: [['active = true', 'last_at is null'], ['active = true', "kind = 'x'", 'last_at < ?']], expect: 'served by active_last_idx (active)', filter: ['active'] },
    { name: 'the factored AND served: branches do not matter',
      indexes: ['shop_idx (shop_id)'], or: [['shop_id = ?', 'tag_id is null'], ['shop_id = ?']], expect: 'served by shop_idx (shop_id)', filter: ['shop_id'] },
    { name: 'every branch indexed: BitmapOr',
      indexes: ['cur_idx (cur)', 'base_idx (base_cur)'], or: [['cur = ?'], ['base_cur = ?']], expect: 'served', filter: [] },
    { name: 'a branch with no indexable condition: no index can serve the OR',
      or: [['cur = ?'], ['kind like ?']], expect: 'not-applicable', filter: [] },
    { name: 'an unknown branch may be the indexed one: silent',
      or: [['cur = ?'], 'unknown'], expect: 'silent' },
    { name: 'an unknown part in every branch: silent',
      or: ['unknown', 'unknown'], expect: 'silent' },
  ],
  invalid: [
    { name: 'the factored AND unserved: shop_id alone is judged, whatever the branches add',
      or: [['shop_id = ?', 'tag_id is null'], ['shop_id = ?']], expect: 'unserved -> accounts_shop_id_idx (shop_id)', filter: ['shop_id'] },
    { name: 'a branch without an index is reported as a branch of the OR',
      indexes: ['cur_idx (cur)'], or: [['cur = ?'], ['base_cur = ?']], expect: 'OR branch: unserved -> accounts_base_cur_idx (base_cur)', filter: ['base_cur'] },
  ],
});
