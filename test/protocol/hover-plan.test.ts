// Hover with a live plan: only in a trusted workspace with a database; a database that is down says so.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import type { Hover } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { createDatabase } from '../helpers/postgres';
import { FIXTURES } from '../helpers/tempWorkspace';

describe("hover with the planner's choice", () => {
  const root = path.join(FIXTURES, 'deep-scan');
  const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
  let client: LspTestClient;
  let db: { url: string; drop: () => Promise<void> };
  const hover = async () =>
    (await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 20 } })).contents as {
      value: string;
    };

  before(async () => {
    db = await createDatabase();
    const pool = new Pool({ connectionString: db.url });
    await migrate(drizzle(pool), { migrationsFolder: path.join(root, 'drizzle') });
    await pool.end();
    client = await startServer(root);
  });
  after(async () => {
    await client.stop();
    await db.drop();
  });

  it('untrusted: static explanation only, even with a connection', async () => {
    await client.connection.sendNotification('indexInsight/database', { url: db.url, trusted: false });
    const h = await hover();
    assert.match(h.value, /\*\*Partly served\*\*/);
    assert.doesNotMatch(h.value, /Planner now|Plan unavailable/);
  });

  it('trusted: the live generic plan of the query', async () => {
    await client.connection.sendNotification('indexInsight/database', { url: db.url, trusted: true });
    const h = await hover();
    // The planner's own answer on the migrated (empty) tables: its nodes, one of the two indexes on the filter
    // columns (which one is its choice on an empty table), its estimate.
    assert.match(
      h.value,
      /\*\*Planner now\*\* \(generic plan, live database\): [A-Z][\w →]+ using `(user_idx|status_idx)`[^;]*; estimated \d+ rows, cost [\d.]+\./,
    );
  });

  it('a database that is down: a clear line, no password', async () => {
    await client.connection.sendNotification('indexInsight/database', { url: 'postgres://app:pa55word@127.0.0.1:1/app', trusted: true });
    const h = await hover();
    assert.match(h.value, /Plan unavailable: Cannot connect to the database/);
    assert.ok(!h.value.includes('pa55word'));
    assert.match(h.value, /\*\*Partly served\*\*/, 'the static part still works');
  });
});
