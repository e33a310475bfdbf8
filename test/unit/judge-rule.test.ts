// The matching rule as a table, typescript-eslint style: {indexes, filter atoms, ORDER BY} of one table ->
// {verdict, best index, covered prefix, proposal}. judge() and propose() are called directly, on a schema built
// by the small helpers below, so each case reads as one line or two.
import assert from 'node:assert/strict';
import { predicateText } from '../../server/src/analysis/sqlText/predicateText';
import { describe, it } from 'node:test';
import type { Column, IndexDef, Literal, Predicate, Table } from '../../server/src/analysis/model';
import type { ResolvedAtom } from '../../server/src/analysis/judge/branches';
import { judge } from '../../server/src/analysis/judge/judge';
import { propose } from '../../server/src/analysis/propose/propose';

// ---- schema builders ---------------------------------------------------------------------------------------

const SPAN = { start: 0, end: 0 };

function column(sqlName: string, dataType: string, nullable = false): Column {
  return { key: sqlName, sqlName, dataType, nullable, primaryKey: sqlName === 'id' };
}

/** The one table every case queries. `kind` and `job_id` are nullable; `active` is a boolean. */
const COLUMNS: Column[] = [
  column('id', 'uuid'),
  column('user_id', 'uuid'),
  column('status', 'text'),
  column('kind', 'text', true),
  column('job_id', 'text', true),
  column('active', 'boolean'),
  column('created_at', 'timestamp'),
];

function table(indexes: IndexDef[]): Table {
  return {
    id: 'schema.ts#events',
    name: 'events',
    schema: null,
    local: 'events',
    exported: true,
    file: 'schema.ts',
    span: SPAN,
    columns: COLUMNS,
    indexes,
    indexesKnown: true,
    extra: null,
    callSpan: SPAN,
    columnsSpan: SPAN,
  };
}

interface IndexOptions {
  unique?: boolean;
  method?: string;
  where?: Predicate;
}

function index(name: string, columns: string[], o: IndexOptions = {}): IndexDef {
  return {
    name,
    columns,
    unique: o.unique ?? false,
    method: o.method ?? 'btree',
    where: o.where ?? null,
    whereText: o.where ? predicateSql(o.where) : null,
    source: o.unique ? 'uniqueIndex' : 'index',
    file: 'schema.ts',
    span: null,
  };
}
const unique = (name: string, columns: string[]) => index(name, columns, { unique: true });
const hash = (name: string, columns: string[]) => index(name, columns, { method: 'hash' });
const gin = (name: string, columns: string[]) => index(name, columns, { method: 'gin' });
const partial = (name: string, columns: string[], where: Predicate) => index(name, columns, { where });

// Partial-index predicates.
const whereNotNull = (c: string): Predicate => ({ kind: 'isNotNull', column: c });
const whereEq = (c: string, value: Literal): Predicate => ({ kind: 'eq', column: c, value });

const predicateSql = predicateText;

// ---- filter atoms ------------------------------------------------------------------------------------------

/** The drizzle operator each atom kind stands for here. */
const OPERATOR_OF: Record<ResolvedAtom['kind'], string> = { eq: 'eq', in: 'inArray', isNull: 'isNull', isNotNull: 'isNotNull', range: 'gte', other: 'like' };

function col(name: string): Column {
  const c = COLUMNS.find((x) => x.sqlName === name);
  if (!c) throw new Error(`no column ${name} in the test table`);
  return c;
}

function atom(kind: ResolvedAtom['kind'], name: string, literal?: Literal): ResolvedAtom {
  // run() gives each atom the case's table (the same columns, that case's indexes).
  return {
    table: table([]),
    column: col(name),
    kind,
    op: OPERATOR_OF[kind],
    literal: literal === undefined ? undefined : { value: literal },
    span: SPAN,
  };
}
/** `eq(t.c, param)`; with a value, `eq(t.c, 'literal')`. */
const eq = (c: string, literal?: Literal) => atom('eq', c, literal);
const inArray = (c: string) => atom('in', c);
const isNull = (c: string) => atom('isNull', c);
const isNotNull = (c: string) => atom('isNotNull', c);
/** gt/gte/lt/lte/between. */
const range = (c: string) => atom('range', c);
/** like, ne, a function of the column: nothing a B-tree can seek. */
const other = (c: string) => atom('other', c);

// ---- the table of cases -------------------------------------------------------------------------------------

interface Case {
  name: string;
  indexes: IndexDef[];
  atoms: ResolvedAtom[];
  orderBy?: string[];
  /**
   * `<verdict>[ by <best index> (<covered prefix>)][ -> <proposal> (<columns>)[ WHERE <predicate>]]`, e.g.
   * `partly by user_idx (user_id) -> events_user_id_status_idx (user_id, status)`. Nothing is proposed when served.
   */
  expect: string;
}

// One case per line or two, so the table reads down its columns (Prettier would spread each case over nine lines).
// prettier-ignore
const valid: Case[] = [
  { name: 'range only, on an index that leads with that column',
    indexes: [index('ev_created_idx', ['created_at'])], atoms: [range('created_at')], expect: 'served by ev_created_idx (created_at range)' },
  { name: 'one equality on the leading column',
    indexes: [index('user_idx', ['user_id'])], atoms: [eq('user_id')], expect: 'served by user_idx (user_id)' },
  { name: 'two equalities, composite index in the same order',
    indexes: [index('user_status_idx', ['user_id', 'status'])], atoms: [eq('user_id'), eq('status')], expect: 'served by user_status_idx (user_id, status)' },
  { name: 'two equalities named in the other order than the index',
    indexes: [index('user_status_idx', ['user_id', 'status'])], atoms: [eq('status'), eq('user_id')], expect: 'served by user_status_idx (user_id, status)' },
  { name: 'a longer index whose leading columns are the equality columns',
    indexes: [index('wide_idx', ['user_id', 'status', 'created_at'])], atoms: [eq('user_id'), eq('status')], expect: 'served by wide_idx (user_id, status)' },
  { name: 'IN counts as equality',
    indexes: [index('user_status_idx', ['user_id', 'status'])], atoms: [eq('user_id'), inArray('status')], expect: 'served by user_status_idx (user_id, status)' },
  { name: 'IS NULL counts as equality',
    indexes: [index('job_idx', ['job_id'])], atoms: [isNull('job_id')], expect: 'served by job_idx (job_id)' },
  { name: 'equality then range on a composite index',
    indexes: [index('user_created_idx', ['user_id', 'created_at'])], atoms: [eq('user_id'), range('created_at')], expect: 'served by user_created_idx (user_id, created_at range)' },
  { name: 'the primary key',
    indexes: [unique('events_pkey', ['id'])], atoms: [eq('id')], expect: 'served by events_pkey (id)' },
  { name: 'a unique index fixed by equality serves even with more columns in the filter',
    indexes: [unique('user_kind_key', ['user_id', 'kind']), index('status_idx', ['status'])], atoms: [eq('status'), eq('user_id'), eq('kind')],
    expect: 'served by user_kind_key (user_id, kind)' },
  { name: 'a hash index on an equality column',
    indexes: [hash('job_hash', ['job_id'])], atoms: [eq('job_id')], expect: 'served by job_hash (job_id)' },
  { name: 'a partial index whose IS NOT NULL the equality implies',
    indexes: [partial('job_idx', ['job_id'], whereNotNull('job_id'))], atoms: [eq('job_id')], expect: 'served by job_idx (job_id)' },
  { name: "a partial index whose predicate fixes a column (WHERE status = 'active')",
    indexes: [partial('active_user_idx', ['user_id'], whereEq('status', 'active'))], atoms: [eq('user_id'), eq('status', 'active')],
    expect: 'served by active_user_idx (status, user_id)' },
  { name: 'no indexable condition: nothing to judge',
    indexes: [], atoms: [isNotNull('job_id'), other('status')], expect: 'not-applicable' },
];

// prettier-ignore
const invalid: Case[] = [
  // A boolean leftover stays visible (as Information, issue 11): whether it is worth a composite is a question of data.
  { name: 'a boolean equality left to a filter on the rows the selective index returns',
    indexes: [index('user_idx', ['user_id'])], atoms: [eq('user_id'), eq('active', true)],
    expect: 'partly by user_idx (user_id) -> events_user_id_active_idx (user_id) WHERE "active" = true' },
  { name: 'no index at all',
    indexes: [], atoms: [eq('user_id')], expect: 'unserved -> events_user_id_idx (user_id)' },
  { name: 'range only, no index on it',
    indexes: [index('user_idx', ['user_id'])], atoms: [range('created_at')], expect: 'unserved -> events_created_at_idx (created_at)' },
  { name: 'only the leading equality column covered: partly, the proposal extends that index',
    indexes: [index('user_idx', ['user_id'])], atoms: [eq('user_id'), eq('status')],
    expect: 'partly by user_idx (user_id) -> events_user_id_status_idx (user_id, status)' },
  { name: 'the covered prefix comes first in the proposal, whatever the query order',
    indexes: [index('status_idx', ['status'])], atoms: [eq('user_id'), eq('status')],
    expect: 'partly by status_idx (status) -> events_status_user_id_idx (status, user_id)' },
  { name: 'a composite index that does not lead with the column',
    indexes: [index('status_user_idx', ['status', 'user_id'])], atoms: [eq('user_id')], expect: 'unserved -> events_user_id_idx (user_id)' },
  { name: 'an index led by the range column, with an equality it does not lead with',
    indexes: [index('ev_created_idx', ['created_at'])], atoms: [eq('user_id'), range('created_at')],
    expect: 'partly by ev_created_idx (created_at range) -> events_user_id_created_at_idx (user_id, created_at)' },
  { name: 'between two partly-serving indexes, the one whose next column is the range column',
    indexes: [index('user_idx', ['user_id']), index('user_created_idx', ['user_id', 'created_at', 'kind'])], atoms: [eq('user_id'), eq('status'), range('created_at')],
    expect: 'partly by user_created_idx (user_id, created_at range) -> events_user_id_status_created_at_idx (user_id, status, created_at)' },
  { name: 'a partial index whose predicate the filter does not imply',
    indexes: [partial('active_user_idx', ['user_id'], whereEq('status', 'active'))], atoms: [eq('user_id'), eq('status', 'done')],
    expect: `unserved -> events_user_id_done_idx (user_id) WHERE "status" = 'done'` },
  { name: 'a partial IS NOT NULL index, for an IS NULL filter',
    indexes: [partial('job_idx', ['job_id'], whereNotNull('job_id'))], atoms: [isNull('job_id')], expect: 'unserved -> events_job_id_idx (job_id)' },
  { name: 'a unique index on other leading columns',
    indexes: [unique('user_kind_key', ['user_id', 'kind'])], atoms: [eq('kind')], expect: 'unserved -> events_kind_idx (kind)' },
  { name: 'a unique index not fixed by IS NULL (NULLs are distinct): partly, by the prefix rule',
    indexes: [unique('job_user_key', ['job_id', 'user_id'])], atoms: [isNull('job_id'), eq('status')],
    expect: 'partly by job_user_key (job_id) -> events_job_id_status_idx (job_id, status)' },
  { name: 'a hash index on the second equality column only',
    indexes: [hash('status_hash', ['status'])], atoms: [eq('user_id'), eq('status')], expect: 'partly by status_hash (status) -> events_status_user_id_idx (status, user_id)' },
  { name: 'a hash index never serves a range',
    indexes: [hash('created_hash', ['created_at'])], atoms: [range('created_at')], expect: 'unserved -> events_created_at_idx (created_at)' },
  { name: 'a GIN index is no B-tree',
    indexes: [gin('status_gin', ['status'])], atoms: [eq('status')], expect: 'unserved -> events_status_idx (status)' },
  { name: 'a boolean alone is still reported when nothing serves it',
    indexes: [index('user_idx', ['user_id'])], atoms: [eq('active', true)], expect: 'unserved -> events_active_idx (active)' },
  { name: 'ORDER BY extends the proposal when there is no range',
    indexes: [], atoms: [eq('user_id')], orderBy: ['created_at'], expect: 'unserved -> events_user_id_created_at_idx (user_id, created_at)' },
  { name: 'a range column wins over ORDER BY for the last place',
    indexes: [], atoms: [eq('user_id'), range('created_at')], orderBy: ['status'], expect: 'unserved -> events_user_id_created_at_idx (user_id, created_at)' },
  { name: 'a nullable reference compared by equality: the index skips NULLs',
    indexes: [], atoms: [eq('job_id')], expect: 'unserved -> events_job_id_idx (job_id) WHERE "job_id" IS NOT NULL' },
  { name: 'another nullable column compared by equality: a plain index',
    indexes: [], atoms: [eq('kind')], expect: 'unserved -> events_kind_idx (kind)' },
  { name: 'a proposal name already taken gets a number',
    indexes: [index('events_user_id_idx', ['status'])], atoms: [eq('user_id')], expect: 'unserved -> events_user_id_2_idx (user_id)' },
];

/** judge(), then propose() as evaluateSite calls it (only for a filter that is not served), in the form of `expect`. */
function run(c: Case): string {
  const t = table(c.indexes);
  const atoms = c.atoms.map((a) => ({ ...a, table: t }));
  const j = judge({ table: t, atoms });
  const p = j.verdict === 'partly' || j.verdict === 'unserved' ? propose(t, j, atoms, (c.orderBy ?? []).map(col)) : null;
  const covered = [...j.prefix, ...(j.rangeBound ? [`${j.rangeBound} range`] : [])];
  const best = j.bestIndex ? ` by ${j.bestIndex.name} (${covered.join(', ')})` : '';
  const proposal = p ? ` -> ${p.name} (${p.columns.join(', ')})${p.where ? ` WHERE ${p.where}` : ''}` : '';
  return `${j.verdict}${best}${proposal}`;
}

describe('the matching rule (judge + propose)', () => {
  for (const [group, cases] of [['valid: served or nothing to judge', valid] as const, ['invalid: partly served or unserved', invalid] as const]) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, () => {
          assert.equal(run(c), c.expect);
        });
      }
    });
  }

  it('every valid case expects served (or not applicable), every invalid one partly or unserved, with a proposal', () => {
    for (const c of valid) assert.match(c.expect, /^(served by \S+ \([^)]+\)|not-applicable)$/, c.name);
    for (const c of invalid) assert.match(c.expect, /^(partly|unserved)\b.* -> \S+ \(/, c.name);
  });
});
