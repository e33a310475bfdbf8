// A query in a function nothing calls is Information in the editor too, and a call written in another file makes
// it a Warning without touching the query's file (and back when the call goes).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';

describe('findings in functions nothing calls', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-uncalled-lsp-'));
    fs.writeFileSync(
      path.join(root, 'schema.ts'),
      "import { integer, pgTable, text } from 'drizzle-orm/pg-core';\nexport const links = pgTable('links', { id: integer('id').primaryKey(), code: text('code').notNull(), owner: text('owner').notNull() });\n",
    );
    fs.writeFileSync(
      path.join(root, 'repo.ts'),
      "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { links } from './schema';\n" +
        'export const byCode = (c: string) => db.select().from(links).where(eq(links.code, c));\n' +
        'export const byOwner = (o: string) => db.select().from(links).where(eq(links.owner, o));\n',
    );
    fs.writeFileSync(
      path.join(root, 'db.ts'),
      "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
    );
    fs.writeFileSync(path.join(root, 'api.ts'), "import { byOwner } from './repo';\nexport const GET = (o: string) => byOwner(o);\n");
    client = await startServer(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const repo = () => fileUri(path.join(root, 'repo.ts'));
  const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
  const about = (d: Diagnostic[], column: string): Diagnostic | undefined => d.find((x) => text(x).includes(`(${column})`));
  const severityOf = (d: Diagnostic[], column: string) => about(d, column)?.severity;
  const messageOf = (d: Diagnostic[], column: string) => {
    const found = about(d, column);
    return found ? text(found) : '';
  };

  it('after the scan: Information for the uncalled function, with the reason; Warning for the called one', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const d = await client
      .waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Information, 10_000)
      .catch(() => client.diagnostics.get(repo()) ?? []);
    assert.equal(severityOf(d, 'code'), DiagnosticSeverity.Information, JSON.stringify(d));
    assert.match(messageOf(d, 'code'), /nothing in the workspace calls byCode\(\)$/);
    assert.equal(severityOf(d, 'owner'), DiagnosticSeverity.Warning);
  });

  it('the hover says nothing calls the function, and which setting shows it', async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: 3, character: 60 },
    });
    assert.match(hover?.contents.value ?? '', /Nothing in the workspace calls `byCode\(\)`: shown as set by `indexInsight\.severity\.uncalled`/);
    const called = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: 4, character: 60 },
    });
    assert.ok(called && !/Nothing in the workspace calls/.test(called.contents.value), called?.contents.value);
  });

  it('a call typed in another file turns it into a Warning, and removing the call turns it back', async () => {
    const api = fileUri(path.join(root, 'api.ts'));
    const text = fs.readFileSync(path.join(root, 'api.ts'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: api, languageId: 'typescript', version: 1, text } });
    const withCall = `${text.replace('import { byOwner }', 'import { byCode, byOwner }')}export const POST = (c: string) => byCode(c);\n`;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 2 },
      contentChanges: [{ text: withCall }],
    });
    const called = await client.waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Warning, 10_000);
    assert.doesNotMatch(messageOf(called, 'code'), /nothing in the workspace calls/);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: api, version: 3 }, contentChanges: [{ text }] });
    await client.waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Information, 10_000);
  });
});

describe('findings in functions called only from another folder of a multi-root workspace', () => {
  let parent: string;
  let client: LspTestClient;
  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-uncalled-roots-'));
    const db = path.join(parent, 'db');
    const web = path.join(parent, 'web');
    fs.mkdirSync(db);
    fs.mkdirSync(web);
    fs.writeFileSync(
      path.join(db, 'schema.ts'),
      "import { integer, pgTable, text } from 'drizzle-orm/pg-core';\nexport const links = pgTable('links', { id: integer('id').primaryKey(), code: text('code').notNull(), owner: text('owner').notNull() });\n",
    );
    fs.writeFileSync(
      path.join(db, 'client.ts'),
      "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
    );
    fs.writeFileSync(
      path.join(db, 'repo.ts'),
      "import { eq } from 'drizzle-orm';\nimport { db } from './client';\nimport { links } from './schema';\n" +
        'export const linkByCode = (c: string) => db.select().from(links).where(eq(links.code, c));\n' +
        'export const linksByOwner = (o: string) => db.select().from(links).where(eq(links.owner, o));\n',
    );
    // Only the other folder calls linkByCode.
    fs.writeFileSync(path.join(web, 'page.ts'), "import { linkByCode } from '@acme/db/repo';\nexport const GET = (c: string) => linkByCode(c);\n");
    client = await startServer(db, { workspaceFolders: [db, web].map((f) => ({ uri: fileUri(f), name: path.basename(f) })) });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('a call from the other folder counts; the function called nowhere is Information', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const repo = fileUri(path.join(parent, 'db', 'repo.ts'));
    const d = await client.waitForDiagnostics(repo, (list) => list.some((x) => x.severity === DiagnosticSeverity.Information), 10_000);
    const byMessage = (needle: string) => d.find((x) => (typeof x.message === 'string' ? x.message : x.message.value).includes(needle));
    assert.equal(byMessage('(code)')?.severity, DiagnosticSeverity.Warning, JSON.stringify(d));
    assert.equal(byMessage('(owner)')?.severity, DiagnosticSeverity.Information, JSON.stringify(d));
  });
});
