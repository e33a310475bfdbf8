// The built server over stdio, driven by a real JSON-RPC LSP client connection. Tests that only read share one
// server; each test that edits starts its own on its own copy of the seed fixture, so any test can run alone and
// in any order.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/applyWorkspaceEdit';
import { type LspTestClient, fileUri, messageText, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

interface Seed {
  root: string;
  client: LspTestClient;
  listUri: string;
  workerUri: string;
  schemaPath: string;
}

async function startSeed(): Promise<Seed> {
  const root = copyFixture(path.join(FIXTURES, 'deep-scan'));
  const client = await startServer(root);
  return {
    root,
    client,
    listUri: fileUri(path.join(root, 'lib/deep-scan/list-runs.ts')),
    workerUri: fileUri(path.join(root, 'lib/deep-scan/worker.ts')),
    schemaPath: path.join(root, 'lib/db/schema.ts'),
  };
}

async function stopSeed(seed: Seed): Promise<void> {
  await seed.client.stop();
  fs.rmSync(seed.root, { recursive: true, force: true });
}

async function withSeedServer(run: (seed: Seed) => Promise<void>): Promise<void> {
  const seed = await startSeed();
  try {
    await run(seed);
  } finally {
    await stopSeed(seed);
  }
}

async function hoverText(client: LspTestClient, uri: string, line: number, character: number): Promise<string> {
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  assert.ok(hover, `no hover at ${line}:${character}`);
  return (hover.contents as MarkupContent).value;
}

async function open(client: LspTestClient, file: string, text = fs.readFileSync(file, 'utf8')): Promise<string> {
  const uri = fileUri(file);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  return uri;
}

const WITH_USER_STATUS_INDEX = (schema: string) => {
  const edited = schema.replace(
    "index('user_idx').on(table.userId),",
    "index('user_idx').on(table.userId),\n    index('user_status_idx').on(table.userId, table.status),",
  );
  assert.notEqual(edited, schema);
  return edited;
};

describe('language server over stdio: requests that change nothing (one shared server)', () => {
  let seed: Seed;
  before(async () => {
    seed = await startSeed();
  });
  after(() => stopSeed(seed));

  it('publishes the seed findings from the background workspace scan', async () => {
    const { client, listUri, workerUri } = seed;
    const list = await client.waitForDiagnostics(listUri, (d) => d.length === 2);
    const byLine = [...list].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      byLine.map((d) => ({ line: d.range.start.line, char: d.range.start.character, code: d.code, source: d.source, severity: d.severity })),
      [
        // Partly served (an index narrows, PostgreSQL can BitmapAnd): Information by default, never silent.
        { line: 11, char: 11, code: 'partly-served-filter', source: 'index-insight', severity: 3 },
        { line: 19, char: 11, code: 'partly-served-filter', source: 'index-insight', severity: 3 },
      ],
    );
    assert.equal(messageText(byLine[0]), 'Add index (user_id, status) on deep_scan_v2_runs: "user_idx" covers only user_id');
    assert.equal(
      messageText(byLine[1]),
      'Add index (pre_qualification_id, status) on deep_scan_v2_runs: "pre_qualification_idx" covers only pre_qualification_id',
    );
    for (const d of list)
      assert.match(String(d.codeDescription?.href), /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/HEAD\/docs\/rules\/partly-served-filter\.md$/);
    const worker = await client.waitForDiagnostics(workerUri, (d) => d.length === 2);
    assert.deepEqual(
      worker.map((d) => [d.range.start.line, d.code, d.severity]),
      [
        [8, 'unserved-filter', 2],
        [13, 'unserved-filter', 2],
      ],
    );
    for (const d of worker) {
      assert.ok(d.codeDescription?.href.endsWith('/docs/rules/unserved-filter.md'));
      assert.equal(messageText(d), 'Add partial index (bullmq_job_id) on deep_scan_v2_runs: no index starts with bullmq_job_id');
    }
  });

  it('logs its version, the workspace folder, the config and a scan summary for the Output channel', async () => {
    const { root, client } = seed;
    for (let i = 0; i < 150 && !client.logs.some((l) => l.startsWith('Workspace scan')); i++) await new Promise((r) => setTimeout(r, 100));
    const logs = client.logs.join('\n');
    assert.match(logs, /Index Insight language server \d+\.\d+\.\d+ \(Node v\d+/);
    assert.ok(logs.includes(`workspace folders: ${root}`), logs);
    assert.match(logs, /Config drizzle\.config\.ts: dialect postgresql, schema [^,]*schema\.ts, migrations drizzle/);
    assert.match(logs, /Workspace scan: \d+ files, \d+ query sites, \d+ tables, 4 findings in \d+\.\d\d s/);
  });

  it('hover names the other queries the same index would serve', async () => {
    const { client, workerUri } = seed;
    await client.waitForDiagnostics(workerUri, (d) => d.length === 2);
    assert.match(await hoverText(client, workerUri, 8, 20), /The same index would also serve: `lib\/deep-scan\/worker\.ts:14`\./);
  });

  it('hover: verdict and proposal first, then why, and only the indexes that share a column with the filter', async () => {
    const { root, client } = seed;
    const listUri = await open(client, path.join(root, 'lib/deep-scan/list-runs.ts'));
    const value = await hoverText(client, listUri, 11, 20);
    const lines = value.split('\n\n');
    assert.equal(lines[0], '**Partly served** · add index `(user_id, status)` on `deep_scan_v2_runs`');
    assert.match(lines[1], /^"user_idx" \(user_id\) covers user_id; status is checked on every row it returns/);
    assert.match(value, /BitmapAnd/);
    assert.equal(
      lines.at(-1),
      'Indexes on these columns: `user_idx` (user_id) · `status_idx` (status)',
      'listed once; created_at_idx and the others do not share a column',
    );
    assert.equal(value.match(/`user_idx`/g)?.length, 1);
  });

  it('hover: nothing on a served query unless indexInsight.hover.showServed is on', async () => {
    const { root, client } = seed;
    const listUri = await open(client, path.join(root, 'lib/deep-scan/list-runs.ts'));
    const at = { textDocument: { uri: listUri }, position: { line: 24, character: 40 } };
    assert.equal(await client.connection.sendRequest('textDocument/hover', at), null, 'served by the primary key');
    assert.equal(
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: listUri }, position: { line: 0, character: 2 } }),
      null,
      'not a query',
    );
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { indexInsight: { hover: { showServed: true } } } });
    try {
      const value = await hoverText(client, listUri, 24, 40);
      assert.match(value, /^\*\*Served\*\* by `deep_scan_v2_runs_pkey` on `deep_scan_v2_runs`/);
      assert.match(value, /Indexes on these columns: `deep_scan_v2_runs_pkey` \(id\) unique$/);
    } finally {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { indexInsight: {} } });
    }
  });

  it('keeps working on a half-typed file and reports what it can read', async () => {
    const { root, client } = seed;
    const text =
      "import { and, eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../db';\nexport const x = db.select().from(r).where(eq(r.bullmqJobId, 'a'));\nexport const y = db.select().from(r).where(and(eq(r.userId, ";
    const uri = await open(client, path.join(root, 'lib/deep-scan/draft.ts'), text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 1);
    // The complete query on line 3 is reported and explained; the unfinished one on line 4 is not read.
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.code]),
      [[2, 'unserved-filter']],
    );
    assert.match(await hoverText(client, uri, 2, 50), /bullmq_job_id/);
    assert.equal(client.process.exitCode, null, 'server is still running');
  });
});

describe('language server over stdio: edits (a server per test)', () => {
  it('re-evaluates queries in other files when the schema is edited', () =>
    withSeedServer(async ({ client, listUri, schemaPath }) => {
      await client.waitForDiagnostics(listUri, (d) => d.length === 2);
      const text = fs.readFileSync(schemaPath, 'utf8');
      const schemaUri = await open(client, schemaPath, text);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: schemaUri, version: 2 },
        contentChanges: [{ text: WITH_USER_STATUS_INDEX(text) }],
      });
      const list = await client.waitForDiagnostics(listUri, (d) => d.length === 1);
      assert.equal(list[0].range.start.line, 19);
      assert.match(messageText(list[0]), /pre_qualification_id/);
    }));

  it('a table added to the schema is picked up by a query that could not resolve it before', () =>
    withSeedServer(async ({ root, client, listUri, schemaPath }) => {
      await client.waitForDiagnostics(listUri, (d) => d.length === 2);
      const queryPath = path.join(root, 'lib/deep-scan/audit.ts');
      fs.writeFileSync(
        queryPath,
        "import { eq } from 'drizzle-orm';\nimport { db } from '../db';\nimport { auditEvents } from '../db/schema';\nexport const byActor = (a: string) => db.select().from(auditEvents).where(eq(auditEvents.actor, a));\n",
      );
      const queryUri = fileUri(queryPath);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: queryUri, type: 1 }] });
      const text = fs.readFileSync(schemaPath, 'utf8');
      const schemaUri = await open(client, schemaPath, text);
      const withTable = `${text}\nexport const auditEvents = pgTable('audit_events', { id: uuid('id').primaryKey(), actor: text('actor').notNull() });\n`;
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: schemaUri, version: 2 },
        contentChanges: [{ text: withTable }],
      });
      const diags = await client.waitForDiagnostics(queryUri, (d) => d.length === 1);
      assert.equal(messageText(diags[0]), 'Add index (actor) on audit_events: no index starts with actor');
    }));

  it('the suppression quick fix, once applied, silences that diagnostic and only that one', () =>
    withSeedServer(async ({ root, client, listUri }) => {
      const listPath = path.join(root, 'lib/deep-scan/list-runs.ts');
      const initial = await client.waitForDiagnostics(listUri, (d) => d.length === 2);
      const diag = initial.find((d) => d.range.start.line === 11);
      assert.ok(diag, JSON.stringify(initial));
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: listUri },
        range: diag.range,
        context: { diagnostics: [diag] },
      });
      const ignore = actions.find((a) => a.title.includes('index-insight-ignore-next-line'));
      assert.ok(ignore?.edit, JSON.stringify(actions));
      const edit: WorkspaceEdit = ignore.edit;
      const [change] = edit.changes?.[listUri] ?? [];
      assert.equal(change?.newText, '    // index-insight-ignore-next-line\n');
      assert.equal(change.range.start.line, 11);

      await open(client, listPath);
      assert.deepEqual(applyWorkspaceEdit(edit), { applied: true });
      const edited = fs.readFileSync(listPath, 'utf8');
      assert.equal(edited.split('\n')[11], '    // index-insight-ignore-next-line');
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: listUri, version: 2 },
        contentChanges: [{ text: edited }],
      });
      const after = await client.waitForDiagnostics(listUri, (d) => d.length === 1);
      // The other query, one line further down now, is still reported.
      assert.equal(after[0].range.start.line, 20);
      assert.match(messageText(after[0]), /pre_qualification_id/);
    }));
});
