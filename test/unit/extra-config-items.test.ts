// Bare `sql` items in a table's extraConfig: drizzle-kit writes nothing for them, so they add no index, unless their
// text speaks of something an index backs; and a function returning only `sql` statements is no extraConfig helper.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeFile } from '../../server/src/analysis/read/summarizeFile';

const HEAD = "import { sql } from 'drizzle-orm';\nimport { integer, pgTable } from 'drizzle-orm/pg-core';\n";
const tableWith = (item: string) =>
  `${HEAD}export const t = pgTable('t', { a: integer('a'), b: integer('b') }, (t) => ({ extra: sql\`${item}\` }));\n`;
const itemKind = (text: string) => summarizeFile('/w/schema.ts', text).tables[0]?.extra?.items[0]?.kind;

describe('bare sql items in extraConfig', () => {
  for (const [item, kind] of [
    ['CONSTRAINT t_one CHECK ((${t.a} IS NULL) <> (${t.b} IS NULL))', 'ignored'],
    ['CONSTRAINT t_ab_key UNIQUE (${t.a}, ${t.b})', 'unknown'],
    ['CONSTRAINT t_pk PRIMARY KEY (${t.a})', 'unknown'],
    ['CREATE INDEX t_a_idx ON t (a)', 'unknown'],
    ['CONSTRAINT t_excl EXCLUDE USING gist (${t.a} WITH =)', 'unknown'],
  ] as const) {
    it(`${item.split(' ').slice(0, 3).join(' ')}...: ${kind}`, () => assert.equal(itemKind(tableWith(item)), kind));
  }

  it('a function returning only sql statements is not an extraConfig helper', () => {
    const s = summarizeFile(
      '/w/rls.ts',
      `${HEAD}export const setup = (role: string) => [sql\`SET LOCAL ROLE \${role}\`, sql\`SET LOCAL statement_timeout = 5000\`];\n`,
    );
    assert.notEqual(s.bindings.get('setup')?.kind, 'extraHelper');
  });
});
