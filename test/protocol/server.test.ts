// The built server over stdio, driven by a real JSON-RPC LSP client connection.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

describe('language server over stdio (deep-scan fixture)', () => {
  let root: string;
  let client: LspTestClient;
  let listUri: string;
  let workerUri: string;

  before(async () => {
    root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    client = await startServer(root);
    listUri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
    workerUri = fileUri(path.join(root, 'lib/deep-scan/worker.ts'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes the seed findings from the background workspace scan', async () => {
    const list = await client.waitForDiagnostics(listUri, (d) => d.length === 2);
    const byLine = [...list].sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      byLine.map((d) => ({ line: d.range.start.line, char: d.range.start.character, code: d.code, source: d.source, severity: d.severity })),
      [
        { line: 11, char: 11, code: 'partly-served-filter', source: 'index-insight', severity: 2 },
        { line: 19, char: 11, code: 'partly-served-filter', source: 'index-insight', severity: 2 },
      ],
    );
    assert.match(String(byLine[0].message), /deep_scan_v2_runs \(user_id =, status =\) is only partly served: "user_idx" covers only user_id/);
    assert.match(String(byLine[0].message), /"deep_scan_v2_runs_user_id_status_idx" on \(user_id, status\)/);
    const worker = await client.waitForDiagnostics(workerUri, (d) => d.length === 2);
    assert.ok(worker.every((d) => d.code === 'unserved-filter' && /WHERE "bullmq_job_id" IS NOT NULL/.test(String(d.message))));
  });

  it('hover names the other queries the same index would serve', async () => {
    const workerUri = fileUri(path.join(root, 'lib/deep-scan/worker.ts'));
    await client.waitForDiagnostics(workerUri, (d) => d.length === 2);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: workerUri }, position: { line: 8, character: 20 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /The same index would also serve: `lib\/deep-scan\/worker\.ts:14`\./);
  });

  it('answers hover on a query with the serving index or why none serves', async () => {
    const text = fs.readFileSync(path.join(root, 'lib/deep-scan/list-runs.ts'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: listUri, languageId: 'typescript', version: 1, text } });
    const partly = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: listUri }, position: { line: 11, character: 20 } })) as Hover;
    const value = (partly.contents as { value: string }).value;
    assert.match(value, /partly served/);
    assert.match(value, /BitmapAnd/);
    assert.match(value, /CREATE INDEX "deep_scan_v2_runs_user_id_status_idx" ON "deep_scan_v2_runs" \("user_id", "status"\)/);
    const served = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: listUri }, position: { line: 24, character: 40 } })) as Hover;
    assert.match((served.contents as { value: string }).value, /served by `deep_scan_v2_runs_pkey`/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: listUri }, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  it('re-evaluates queries in other files when the schema is edited', async () => {
    const schemaPath = path.join(root, 'lib/db/schema.ts');
    const schemaUri = fileUri(schemaPath);
    const text = fs.readFileSync(schemaPath, 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: schemaUri, languageId: 'typescript', version: 1, text } });
    const edited = text.replace("index('user_idx').on(table.userId),", "index('user_idx').on(table.userId),\n    index('user_status_idx').on(table.userId, table.status),");
    assert.notEqual(edited, text);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: schemaUri, version: 2 }, contentChanges: [{ text: edited }] });
    const list = await client.waitForDiagnostics(listUri, (d) => d.length === 1);
    assert.match(String(list[0].message), /pre_qualification_id/);
  });

  it('a table added to the schema is picked up by a query that could not resolve it before', async () => {
    const queryPath = path.join(root, 'lib/deep-scan/audit.ts');
    fs.writeFileSync(queryPath, "import { eq } from 'drizzle-orm';\nimport { db } from '../db';\nimport { auditEvents } from '../db/schema';\nexport const byActor = (a: string) => db.select().from(auditEvents).where(eq(auditEvents.actor, a));\n");
    const queryUri = fileUri(queryPath);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: queryUri, type: 1 }] });
    const schemaPath = path.join(root, 'lib/db/schema.ts');
    const schemaUri = fileUri(schemaPath);
    const current = fs.readFileSync(schemaPath, 'utf8').replace("index('user_idx').on(table.userId),", "index('user_idx').on(table.userId),\n    index('user_status_idx').on(table.userId, table.status),");
    const withTable = `${current}\nexport const auditEvents = pgTable('audit_events', { id: uuid('id').primaryKey(), actor: text('actor').notNull() });\n`;
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: schemaUri, version: 3 }, contentChanges: [{ text: withTable }] });
    const diags = await client.waitForDiagnostics(queryUri, (d) => d.length === 1);
    assert.match(String(diags[0].message), /audit_events \(actor =\)/);
  });

  it('offers a suppression quick fix for a diagnostic', async () => {
    const diag = (client.diagnostics.get(listUri) ?? [])[0];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: listUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as { title: string; edit: { changes: Record<string, { newText: string; range: { start: { line: number } } }[]> } }[];
    const ignore = actions.find((a) => a.title.includes('index-insight-ignore-next-line'));
    assert.ok(ignore);
    const [edit] = ignore.edit.changes[listUri];
    assert.equal(edit.newText, '    // index-insight-ignore-next-line\n');
    assert.equal(edit.range.start.line, diag.range.start.line);
  });

  it('keeps working on a half-typed file and reports what it can read', async () => {
    const uri = fileUri(path.join(root, 'lib/deep-scan/draft.ts'));
    const text = "import { and, eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as r } from '../db';\nexport const x = db.select().from(r).where(eq(r.bullmqJobId, 'a'));\nexport const y = db.select().from(r).where(and(eq(r.userId, ";
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 1);
    assert.equal(diags[0].code, 'unserved-filter');
    // The complete query on line 3 is still explained; the unfinished one on line 4 is not read.
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 50 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /bullmq_job_id/);
    assert.equal(client.process.exitCode, null, 'server is still running');
  });
});
