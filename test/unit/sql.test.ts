import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { emptyFacts, implies } from '../../server/src/analysis/judge/implies';
import { parsePredicate } from '../../server/src/analysis/schema/migrations/partialPredicate';
import { migrationSqlFiles } from '../../server/src/analysis/schema/migrations/readMigrationsFolder';
import { readMigrationSql } from '../../server/src/analysis/schema/migrations/migrationIndexes';
import { splitStatements } from '../../server/src/analysis/schema/migrations/sqlStatements';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { indexSource } from '../../server/src/analysis/fix/schemaEdit';
import type { IndexSpec } from '../../server/src/analysis/sqlText/indexDdl';
import { table } from '../helpers/ruleTables';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('partial index predicates', () => {
  const cases: [string, unknown][] = [
    ['"bullmq_job_id" IS NOT NULL', { kind: 'isNotNull', column: 'bullmq_job_id' }],
    ['"users"."deleted_at" is null', { kind: 'isNull', column: 'deleted_at' }],
    ["status = 'active'", { kind: 'eq', column: 'status', value: 'active' }],
    ['("crm"."leads"."status" = \'it\'\'s\')', { kind: 'eq', column: 'status', value: "it's" }],
    ['enabled = true', { kind: 'eq', column: 'enabled', value: true }],
    ['priority = 3', { kind: 'eq', column: 'priority', value: 3 }],
    ["region ~ '^eu'", { kind: 'unknown', text: "region ~ '^eu'" }],
  ];
  for (const [text, expected] of cases) it(text, () => assert.deepEqual(parsePredicate(text), expected));

  it('implication: equality implies NOT NULL, a constant must match, unknown stays undecided', () => {
    const facts = new Map([['a', { ...emptyFacts(), notNull: true, equals: ['x'] }]]);
    assert.equal(implies(facts, { kind: 'isNotNull', column: 'a' }), 'yes');
    assert.equal(implies(facts, { kind: 'eq', column: 'a', value: 'x' }), 'yes');
    assert.equal(implies(facts, { kind: 'eq', column: 'a', value: 'y' }), 'no');
    assert.equal(implies(facts, { kind: 'isNull', column: 'a' }), 'no');
    assert.equal(implies(facts, { kind: 'isNotNull', column: 'b' }), 'no');
    assert.equal(implies(facts, { kind: 'unknown', text: 'f(x)' }), 'unknown');
    assert.equal(implies(facts, null), 'yes');
  });
});

describe('migration SQL', () => {
  it('splits statements, ignoring comments, strings and dollar quotes', () => {
    const sql = "-- a; b\nCREATE TABLE x (a text default ';');--> statement-breakpoint\nDO $$ BEGIN; END $$;\n/* c; */ SELECT 1";
    assert.deepEqual(
      splitStatements(sql).map((s) => s.text),
      ["CREATE TABLE x (a text default ';')", 'DO $$ BEGIN; END $$', 'SELECT 1'],
    );
  });

  it('reads CREATE INDEX in the forms drizzle-kit and people write', () => {
    const events = readMigrationSql(
      'm.sql',
      [
        'CREATE INDEX "a_idx" ON "runs" USING btree ("user_id","status" DESC NULLS LAST);',
        'create unique index concurrently if not exists b_idx on only billing.invoices (lower(email), id) where deleted_at is null;',
        'CREATE INDEX ON runs (status);',
        'CREATE INDEX "g" ON "runs" USING gin ("tags");',
        'ALTER TABLE "runs" ADD CONSTRAINT "runs_x_unique" UNIQUE("x","y");',
        'DROP INDEX IF EXISTS "a_idx", public.g CASCADE;',
      ].join('\n'),
    );
    assert.deepEqual(
      events.map((e) =>
        e.kind === 'drop'
          ? e
          : {
              ...e.value,
              index: {
                name: e.value.index.name,
                columns: e.value.index.columns,
                unique: e.value.index.unique,
                method: e.value.index.method,
                where: e.value.index.where,
              },
            },
      ),
      [
        { schema: null, table: 'runs', index: { name: 'a_idx', columns: ['user_id', 'status'], unique: false, method: 'btree', where: null } },
        {
          schema: 'billing',
          table: 'invoices',
          index: { name: 'b_idx', columns: [null, 'id'], unique: true, method: 'btree', where: { kind: 'isNull', column: 'deleted_at' } },
        },
        { schema: null, table: 'runs', index: { name: 'runs_status_idx', columns: ['status'], unique: false, method: 'btree', where: null } },
        { schema: null, table: 'runs', index: { name: 'g', columns: ['tags'], unique: false, method: 'gin', where: null } },
        { schema: null, table: 'runs', index: { name: 'runs_x_unique', columns: ['x', 'y'], unique: true, method: 'btree', where: null } },
        { kind: 'drop', names: ['a_idx', 'g'] },
      ],
    );
  });
});

describe('migration order', () => {
  const reader = (files: Record<string, string>) => ({
    readFile: (p: string) => files[p],
    readDirectory: (d: string) =>
      [
        ...new Set(
          Object.keys(files)
            .filter((f) => f.startsWith(`${d}/`))
            .map((f) => f.slice(d.length + 1).split('/')[0]),
        ),
      ].map((name) => ({
        name,
        isDirectory: Object.keys(files).some((f) => f.startsWith(`${d}/${name}/`)),
      })),
  });

  it('follows the journal, not the file names (prefix mode "none")', () => {
    const files = {
      '/m/meta/_journal.json': JSON.stringify({ entries: [{ tag: '_zeta' }, { tag: '_alpha' }] }),
      '/m/_zeta.sql': 'CREATE INDEX a ON t (x);',
      '/m/_alpha.sql': 'DROP INDEX a;',
    };
    assert.deepEqual(migrationSqlFiles('/m', reader(files)), ['/m/_zeta.sql', '/m/_alpha.sql']);
  });

  it('1.0 folders and loose files by name, reverse files never', () => {
    const files = {
      '/m/20260102000000_b/migration.sql': '',
      '/m/20260101000000_a/migration.sql': '',
      '/m/20260101000000_a/down.sql': '',
      '/m/0001_x.down.sql': '',
    };
    assert.deepEqual(migrationSqlFiles('/m', reader(files)), ['/m/20260101000000_a/migration.sql', '/m/20260102000000_b/migration.sql']);
  });
});

describe('a partial index written into schema source', () => {
  it('columns become ${t.col}; every literal is escaped for the template, whatever it holds', () => {
    const t = table('jobs', ['id integer pk', 'status text', 'note text']);
    const spec: IndexSpec = {
      table: t,
      name: 'jobs_status_idx',
      columns: ['status'],
      where: null,
      predicate: {
        kind: 'and',
        items: [
          { kind: 'eq', column: 'status', value: 'a`b${c}\\d@@index-insight-ref-1@@' },
          { kind: 'ne', column: 'note', value: '@@index-insight-ref-0@@' },
        ],
      },
    };
    assert.equal(
      indexSource(t, spec, 't', { index: 'index', sql: 'sql', quote: "'" }),
      "index('jobs_status_idx').on(t.status).where(sql`${t.status} = 'a\\`b\\${c}\\\\d@@index-insight-ref-1@@' AND ${t.note} <> '@@index-insight-ref-0@@'`)",
    );
  });
});
