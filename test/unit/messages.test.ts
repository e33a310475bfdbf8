// The Problems line and the hover, as the user reads them: proposal first, short reason; hover verdict first.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { hoverMarkdown } from '../../server/src/analysis/findings/messages';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { writeWorkspace } from '../helpers/tempWorkspace';

const ANALYSIS = path.join(__dirname, '..', 'fixtures', 'analysis');

const SCHEMA = `import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
export const events = pgTable('events', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  createdAt: timestamp('created_at').notNull(),
}, (t) => [index('events_created_idx').on(t.createdAt), index('events_kind_idx').on(t.kind)]);
`;

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('finding messages', () => {
  it('every fixture finding reads "Add [partial ]index (<proposal>)[ WHERE <literal test>] on <table>: <reason>"', () => {
    let n = 0;
    for (const name of fs.readdirSync(ANALYSIS)) {
      if (!fs.statSync(path.join(ANALYSIS, name)).isDirectory()) continue;
      for (const a of new Project(path.join(ANALYSIS, name), new NodeFileHost()).analyzeAll()) {
        for (const f of a.findings) {
          n++;
          const literal = f.proposal.predicate && f.proposal.predicate.kind !== 'isNotNull' ? ` WHERE ${f.proposal.where}` : '';
          const head = `Add ${f.proposal.where ? 'partial ' : ''}index (${f.proposal.columns.join(', ')})${literal} on ${f.table}: `;
          assert.ok(f.message.startsWith(head), `${name}: ${f.message}`);
          const reason = f.message.slice(head.length);
          if (f.verdict === 'partly') assert.match(reason, new RegExp(`^"${f.bestIndex}" (covers only|leads with) `), `${name}: ${f.message}`);
          else assert.match(reason, /^no index starts with \S/, `${name}: ${f.message}`);
          assert.doesNotMatch(f.message, / =\)|\(\w+ =/, 'no cryptic "(col =)"');
        }
      }
    }
    assert.ok(n > 30, `${n} findings checked`);
  });

  it('a partial index leading with the column, whose WHERE the filter does not imply, is named', () => {
    const a = new Project(path.join(ANALYSIS, 'partial-index'), new NodeFileHost()).analyzeFile(path.join(ANALYSIS, 'partial-index', 'queries.ts'));
    const queue = a.findings.find((f) => f.table === 'jobs' && f.proposal.columns.join() === 'queue');
    assert.equal(
      queue?.message,
      `Add index (queue) on jobs: no index starts with queue the query can use (partial "jobs_queue_idx" does, WHERE status NOT IN ('done', 'failed'): stating that in the query lets it serve)`,
    );
    assert.equal(queue?.severityClass, 'partly', 'the query, not a new index, may be the fix: weighed like partly served');
  });

  it('an unserved filter that only tests a column for NULL is weighed like partly served, and says why', () => {
    const root = writeWorkspace({
      'schema.ts': `import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
export const users = pgTable('users', { id: uuid('id').primaryKey(), createdBy: uuid('created_by'), email: text('email').notNull(), createdAt: timestamp('created_at').notNull() },
  (t) => [index('users_invited_email_idx').on(t.email).where(sql\`created_by IS NOT NULL\`)]);
export const outbox = pgTable('outbox', { id: uuid('id').primaryKey(), sentAt: timestamp('sent_at'), createdAt: timestamp('created_at').notNull() });
`,
      'q.ts': `import { and, eq, isNull } from 'drizzle-orm';
import { db } from './db';
import { outbox, users } from './schema';
export const selfSignedUp = () => db.select().from(users).where(isNull(users.createdBy));
export const invitedBy = (u: string) => db.select().from(users).where(and(isNull(users.createdBy), eq(users.email, u)));
export const byEmail = (u: string) => db.select().from(users).where(eq(users.email, u));
export const unsent = () => db.select().from(outbox).where(isNull(outbox.sentAt)).orderBy(outbox.createdAt).limit(100);
`,
      'db.ts': `import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n`,
    });
    try {
      const a = new Project(root, new NodeFileHost()).analyzeFile(path.join(root, 'q.ts'));
      const [onlyNull, withEmail, byEmail, unsent] = a.findings;
      assert.equal(onlyNull?.severityClass, 'partly');
      assert.equal(
        onlyNull.message,
        'Add index (created_by) on users: no index starts with created_by; IS NULL splits the rows in two, so an index pays off only when few rows are NULL',
      );
      assert.equal(withEmail?.severityClass, 'unserved', 'an equality on email is selective: still a Warning');
      // The partial index holds only rows whose created_by IS NOT NULL: the query contradicts it, so it is not offered,
      // but it is named, so that "no index starts with email" does not read as an oversight.
      assert.equal(
        withEmail.message,
        'Add index (email, created_by) on users: no index starts with created_by or email that holds these rows (partial "users_invited_email_idx" starts with email but holds only rows WHERE created_by IS NOT NULL, which the filter excludes)',
      );
      // A partial index on a condition that is neither soft-delete nor few-valued is named, but not a fix to suggest
      // for the query: still a Warning.
      assert.match(byEmail?.message ?? '', /partial "users_invited_email_idx" does, WHERE created_by IS NOT NULL/);
      assert.equal(byEmail.severityClass, 'unserved');
      // A queue's `sent_at IS NULL` keeps the few rows not sent yet: a Warning.
      assert.equal(unsent?.table, 'outbox');
      assert.equal(unsent.severityClass, 'unserved');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an index that leads with the range column; a served query has no hover unless asked', () => {
    const root = writeWorkspace({
      'schema.ts': SCHEMA,
      'q.ts': `import { and, eq, gte } from 'drizzle-orm';
import { db } from './db';
import { events } from './schema';
export const recent = (u: string, d: Date) => db.select().from(events).where(and(eq(events.userId, u), gte(events.createdAt, d)));
export const byUser = (u: string, k: string) => db.select().from(events).where(and(eq(events.userId, u), eq(events.id, k)));
`,
    });
    try {
      const a = new Project(root, new NodeFileHost()).analyzeFile(path.join(root, 'q.ts'));
      assert.deepEqual(
        a.findings.map((f) => f.message),
        ['Add index (user_id, created_at) on events: "events_created_idx" leads with created_at, not with user_id'],
      );
      const hover = hoverMarkdown(a.sites[0].evaluations, { showServed: false });
      const lines = hover.split('\n\n');
      assert.equal(lines[0], '**Partly served** · add index `(user_id, created_at)` on `events`');
      assert.equal(lines.at(-1), 'Indexes on these columns: `events_created_idx` (created_at)', 'events_kind_idx shares no column');
      assert.equal(hoverMarkdown(a.sites[1].evaluations, { showServed: false }), '', 'served by the primary key: no hover');
      assert.match(hoverMarkdown(a.sites[1].evaluations, { showServed: true }), /^\*\*Served\*\* by `events_pkey` on `events`/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a condition carried through a join key says where it comes from in the hover', () => {
    const root = writeWorkspace({
      'schema.ts': `import { integer, pgTable, text } from 'drizzle-orm/pg-core';
export const posts = pgTable('posts', { id: integer('id').primaryKey(), title: text('title').notNull() });
export const votes = pgTable('votes', { id: integer('id').primaryKey(), postId: integer('post_id').notNull() });
`,
      'q.ts': `import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { posts, votes } from './schema';
const db = drizzle('');
export const votesOf = (p: number) => db.select().from(votes).innerJoin(posts, eq(votes.postId, posts.id)).where(eq(posts.id, p));
export const titled = (t: string) => db.select().from(votes).innerJoin(posts, eq(votes.postId, posts.id)).where(eq(posts.title, t));
`,
    });
    try {
      const a = new Project(root, new NodeFileHost()).analyzeFile(path.join(root, 'q.ts'));
      const hover = hoverMarkdown(a.sites[0].evaluations, { showServed: false });
      assert.match(hover, /^\*\*No index serves this filter\*\* · add index `\(post_id\)` on `votes`/);
      assert.match(hover, /The condition post_id = \? comes from posts\.id = \? through the join key: PostgreSQL infers it\./);
      assert.doesNotMatch(hoverMarkdown(a.sites[1].evaluations, { showServed: true }), /comes from/, 'nothing is carried from a title');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
