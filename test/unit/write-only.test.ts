// Severity classes that depend on the rest of the workspace, through the CLI's check (runCheck) on small workspaces:
// an UPDATE/DELETE whose index no live read needs is `writeOnly`; a query in a deprecated folder is `uncalled`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { runCheck } from '../../server/src/cli/check';
import { deprecatedFolder } from '../../server/src/analysis/findings/uncalled';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { writeWorkspace } from '../helpers/tempWorkspace';

before(() => loadSqlParser());

const SCHEMA = `import { foreignKey, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
export const users = pgTable('users', { id: integer('id').primaryKey() });
export const tokens = pgTable(
  'tokens',
  {
    id: integer('id').primaryKey(),
    value: text('value').notNull(),
    clientId: text('client_id').notNull(),
    userId: text('user_id').notNull(),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    teamId: integer('team_id'),
  },
  (t) => [index('tokens_value_idx').on(t.value), foreignKey({ columns: [t.teamId], foreignColumns: [users.id] })],
);
`;
/** The imports and the client of a query file whose schema is at `schema` (a relative import). */
const head = (schema: string) =>
  `import { and, eq, isNull, or, sql } from 'drizzle-orm';\nimport { drizzle } from 'drizzle-orm/node-postgres';\nimport { tokens } from '${schema}';\nconst db = drizzle('');\n`;
const HEAD = head('./schema');
/** A read of `client_id` in a Next.js `(deprecated)` route group. */
const OLD_READ = `${head('../../schema')}export const oldRead = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n`;

interface Case {
  name: string;
  /** Statements after HEAD in queries.ts, each exported, each on one line. */
  queries: string[];
  /** Other files (path -> text); every exported function of queries.ts is called from `api.ts` unless `uncalled`. */
  files?: Record<string, string>;
  uncalled?: string[];
  /** The severity class of each finding, by the name of the const it is in, in source order. */
  expected: Record<string, string>;
}

const CASES: Case[] = [
  {
    name: 'a DELETE on a column no read filters on: writeOnly',
    queries: ['export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));'],
    expected: { revoke: 'writeOnly' },
  },
  {
    name: 'an UPDATE on a column a read filters on without an index: both unserved (the read wants the index anyway)',
    queries: [
      "export const pause = (u: string) => db.update(tokens).set({ value: '' }).where(eq(tokens.userId, u));",
      'export const list = (u: string) => db.select().from(tokens).where(eq(tokens.userId, u));',
    ],
    expected: { pause: 'unserved', list: 'unserved' },
  },
  {
    name: 'a read in another file keeps the write unserved',
    queries: ['export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));'],
    files: {
      'reads.ts': `${HEAD}export const GET = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n`,
    },
    expected: { revoke: 'unserved', GET: 'unserved' },
  },
  {
    name: 'a read that filters the column after another one still needs it',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export const mine = (u: string, c: string) => db.select().from(tokens).where(and(eq(tokens.userId, u), eq(tokens.clientId, c)));',
    ],
    expected: { revoke: 'unserved', mine: 'unserved' },
  },
  {
    name: 'a read served by an index asks for nothing: the write on another column is writeOnly',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export const byValue = (v: string) => db.select().from(tokens).where(eq(tokens.value, v));',
    ],
    expected: { revoke: 'writeOnly' },
  },
  {
    name: 'a read nothing calls needs nothing; the write in an uncalled function stays uncalled',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export function unusedRead(c: string) { return db.select().from(tokens).where(eq(tokens.clientId, c)); }',
      'export function unusedWrite(u: string) { return db.delete(tokens).where(eq(tokens.userId, u)); }',
    ],
    uncalled: ['unusedRead', 'unusedWrite'],
    expected: { revoke: 'writeOnly', unusedRead: 'uncalled', unusedWrite: 'uncalled' },
  },
  {
    name: 'a read in a deprecated folder nothing calls is Information and needs nothing',
    queries: ['export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));'],
    files: {
      'app/(deprecated)/old.ts': OLD_READ,
    },
    expected: { revoke: 'writeOnly', oldRead: 'uncalled' },
  },
  {
    name: 'a read in a deprecated folder is Information; when something calls it, it still counts as a read',
    queries: ['export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));'],
    files: {
      'app/(deprecated)/old.ts': OLD_READ,
      'routes.ts': "import { oldRead } from './app/(deprecated)/old';\nexport const GET = oldRead;\n",
    },
    expected: { revoke: 'unserved', oldRead: 'uncalled' },
  },
  {
    name: 'a read that names the column only on some paths (an optional condition) keeps the write',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export const list = (c?: string) => db.select().from(tokens).where(c ? eq(tokens.clientId, c) : undefined);',
    ],
    expected: { revoke: 'unserved' },
  },
  {
    name: 'a read that names the column in an `or` branch or a `sql` fragment keeps the write',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export const either = (c: string, v: string) => db.select().from(tokens).where(or(eq(tokens.clientId, c), eq(tokens.value, v)));',
      'export const raw = (c: string) => db.select().from(tokens).where(sql`${tokens.clientId} = ${c}`);',
    ],
    expected: { revoke: 'unserved', either: 'unserved' },
  },
  {
    name: 'a read whose filter we cannot see into (an unknown helper) could filter any column: the write stays',
    queries: [
      'export const revoke = (c: string) => db.delete(tokens).where(eq(tokens.clientId, c));',
      'export const custom = (filter: () => ReturnType<typeof eq>) => db.select().from(tokens).where(filter());',
    ],
    expected: { revoke: 'unserved' },
  },
  {
    name: 'any filtered column of the write counts, whatever the order of its conditions',
    queries: [
      'export const revoke = (u: string, c: string) => db.delete(tokens).where(and(eq(tokens.userId, u), eq(tokens.clientId, c)));',
      'export const revoke2 = (u: string, c: string) => db.delete(tokens).where(and(eq(tokens.clientId, c), eq(tokens.userId, u)));',
      'export const byClient = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));',
    ],
    expected: { revoke: 'unserved', revoke2: 'unserved', byClient: 'unserved' },
  },
  {
    name: 'a foreign-key column (`.references()` or `foreignKey({ columns })`) stays: a parent DELETE looks its rows up',
    queries: [
      'export const byOwner = (o: number) => db.delete(tokens).where(eq(tokens.ownerId, o));',
      "export const byTeam = (t: number) => db.update(tokens).set({ value: '' }).where(eq(tokens.teamId, t));",
    ],
    expected: { byOwner: 'unserved', byTeam: 'unserved' },
  },
  {
    name: 'only few-valued columns in the write: weighed as partly, not writeOnly',
    queries: ['export const purge = () => db.delete(tokens).where(isNull(tokens.userId));'],
    expected: { purge: 'partly' },
  },
];

function classesOf(c: Case): Record<string, string> {
  const names = c.queries.map((q) => /export (?:const|function) (\w+)/.exec(q)![1]);
  const called = names.filter((n) => !c.uncalled?.includes(n));
  const root = writeWorkspace(
    {
      'schema.ts': SCHEMA,
      'queries.ts': HEAD + c.queries.join('\n') + '\n',
      'api.ts': `import { ${called.join(', ')} } from './queries';\nexport const routes = { ${called.join(', ')} };\n`,
      ...c.files,
    },
    'write-only',
  );
  try {
    const out: Record<string, string> = {};
    for (const f of runCheck(root).findings) {
      const line = fs.readFileSync(f.file, 'utf8').split('\n')[f.range.start.line];
      out[/export (?:const|function) (\w+)/.exec(line)![1]] = f.severityClass;
    }
    return out;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('write-only and deprecated severity classes', () => {
  for (const c of CASES) it(c.name, () => assert.deepEqual(classesOf(c), c.expected));

  it('names the folder called deprecated, relative to the root, never a folder above the root', () => {
    const root = path.join('/work', 'deprecated', 'app');
    assert.equal(deprecatedFolder(root, path.join(root, 'src/(deprecated)/stage/q.ts')), 'src/(deprecated)');
    assert.equal(deprecatedFolder(root, path.join(root, 'src/Deprecated/q.ts')), 'src/Deprecated');
    assert.equal(deprecatedFolder(root, path.join(root, 'src/deprecated.ts')), null, 'a file name is not a folder');
    assert.equal(deprecatedFolder(root, path.join(root, 'src/legacy/q.ts')), null, 'legacy code may still serve');
    assert.equal(deprecatedFolder(root, path.join(root, 'src/q.ts')), null);
  });
});
