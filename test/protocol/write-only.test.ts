// An UPDATE/DELETE whose index no read needs is Information in the editor too, once the workspace scan has seen every
// read; a read typed in another file makes it a Warning without touching the write's file, and back when it goes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, messageText, startServer, workspaceFolders } from '../helpers/lspClient';
import { serverOnCopy } from '../helpers/serverOnCopy';
import { FIXTURES, copyFixture, writeWorkspace } from '../helpers/tempWorkspace';

describe('an index only writes would use', () => {
  const server = serverOnCopy(path.join(FIXTURES, 'write-only'));

  const repo = () => fileUri(path.join(server.root(), 'repo.ts'));
  const onLine = (d: Diagnostic[], line: number) => d.find((x) => x.range.start.line === line);
  const DELETE_LINE = 3;
  const UPDATE_LINE = 4;

  it('after the scan: the DELETE nothing reads by is Information, with the reason; the UPDATE a read shares stays a Warning', async () => {
    await server.client().waitForNotification('indexInsight/scanFinished', 60_000);
    const d = await server
      .client()
      .waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
    assert.match(
      messageText(onLine(d, DELETE_LINE)!),
      /no read in a called function filters tokens on client_id: the index would serve only this DELETE and slow every insert$/,
    );
    assert.equal(onLine(d, UPDATE_LINE)?.severity, DiagnosticSeverity.Warning);
    const old = fileUri(path.join(server.root(), 'deprecated', 'report.ts'));
    const deprecated = await server.client().waitForDiagnostics(old, (list) => list.length > 0, 10_000);
    assert.equal(deprecated[0].severity, DiagnosticSeverity.Information);
    assert.match(messageText(deprecated[0]), /it is in deprecated code \(deprecated\/\)$/);
  });

  it('the hover says why, and which setting shows it', async () => {
    const hover = await server.client().connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: DELETE_LINE, character: 72 },
    });
    assert.match(
      hover?.contents.value ?? '',
      /No read in a called function filters `tokens` on `client_id`: .*\. Shown as set by `indexInsight\.severity\.writeOnly`/,
    );
  });

  it('a read typed in another file makes it a Warning, and removing the read makes it Information again', async () => {
    const api = fileUri(path.join(server.root(), 'api.ts'));
    const original = fs.readFileSync(path.join(server.root(), 'api.ts'), 'utf8');
    await server.client().connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: api, languageId: 'typescript', version: 1, text: original },
    });
    const withRead = `import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { tokens } from './schema';\n${original}export const GET = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n`;
    await server.client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 2 },
      contentChanges: [{ text: withRead }],
    });
    const shared = await server
      .client()
      .waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning, 10_000);
    assert.doesNotMatch(messageText(onLine(shared, DELETE_LINE)!), /no read in a called function/);
    await server.client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 3 },
      contentChanges: [{ text: original }],
    });
    await server.client().waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('a call typed to a read nothing called makes the write a Warning in the same pass; removing it, Information again', async () => {
    const api = fileUri(path.join(server.root(), 'api.ts'));
    const original = fs.readFileSync(path.join(server.root(), 'api.ts'), 'utf8');
    const withCall = `${original}import { unusedByClient } from './repo';\nexport const lookup = unusedByClient;\n`;
    await server.client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 4 },
      contentChanges: [{ text: withCall }],
    });
    await server
      .client()
      .waitForDiagnostics(
        repo(),
        (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning && onLine(list, 7)?.severity === DiagnosticSeverity.Warning,
        10_000,
      );
    await server.client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 5 },
      contentChanges: [{ text: original }],
    });
    await server.client().waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('a file with a read created on disk makes the write a Warning; deleting the file, Information again', async () => {
    const file = path.join(server.root(), 'reads.ts');
    const uri = fileUri(file);
    fs.writeFileSync(
      file,
      "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { tokens } from './schema';\nexport const GET = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n",
    );
    await server.client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await server.client().waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning, 10_000);
    fs.rmSync(file);
    await server.client().connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await server.client().waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('Generate index migration leaves unchecked an index that serves only such queries, and says why', async () => {
    const proposals = await server.client().connection.sendRequest<{ name: string; sites: string[]; notNeeded?: string }[]>('indexInsight/proposals');
    const byName = new Map(proposals.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['tokens_client_id_idx', 'tokens_user_id_idx']);
    assert.equal(
      byName.get('tokens_client_id_idx')?.notNeeded,
      'only writes no read needs it for; only queries in code nothing calls or in deprecated code',
    );
    assert.equal(byName.get('tokens_user_id_idx')?.notNeeded, undefined, 'a called read and an update it serves: needed');
  });
});

describe('reads in another folder of a multi-root workspace', () => {
  // Two folders, one inside the other (a repository and its db package): db's files are analysed by the db folder,
  // which does not hold web/page.ts; the repository's folder does, and its read of db's tokens counts for db's DELETE.
  const READ = (column: string) =>
    `import { eq } from 'drizzle-orm';\nimport { db } from '../db/db';\nimport { tokens } from '../db/schema';\nexport const GET = (x: string) => db.select().from(tokens).where(eq(tokens.${column}, x));\n`;
  let parent: string;
  let client: LspTestClient;
  before(async () => {
    parent = writeWorkspace({ 'web/page.ts': READ('value') }, 'write-only-roots');
    const db = copyFixture(path.join(FIXTURES, 'write-only'), { into: path.join(parent, 'db') });
    client = await startServer(db, { workspaceFolders: workspaceFolders(parent, db) });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('a read of client_id typed in the other folder makes the write a Warning; reading another column, Information again', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const repo = fileUri(path.join(parent, 'db', 'repo.ts'));
    const deleteLine = (list: Diagnostic[]) => list.find((x) => x.range.start.line === 3);
    const severity = (s: DiagnosticSeverity) => (list: Diagnostic[]) => deleteLine(list)?.severity === s;
    const alone = await client.waitForDiagnostics(repo, severity(DiagnosticSeverity.Information), 10_000);
    assert.match(messageText(deleteLine(alone)!), /no read in a called function filters tokens on client_id/);
    const page = fileUri(path.join(parent, 'web', 'page.ts'));
    const edit = (version: number, column: string) =>
      client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: page, version },
        contentChanges: [{ text: READ(column) }],
      });
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: page, languageId: 'typescript', version: 1, text: READ('value') },
    });
    await edit(2, 'clientId');
    const shared = await client.waitForDiagnostics(repo, severity(DiagnosticSeverity.Warning), 10_000);
    assert.doesNotMatch(messageText(deleteLine(shared)!), /no read in a called function/);
    await edit(3, 'value');
    await client.waitForDiagnostics(repo, severity(DiagnosticSeverity.Information), 10_000);
  });
});
