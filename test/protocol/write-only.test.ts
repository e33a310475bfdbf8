// An UPDATE/DELETE whose index no read needs is Information in the editor too, once the workspace scan has seen every
// read; a read typed in another file makes it a Warning without touching the write's file, and back when it goes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

describe('an index only writes would use', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = copyFixture(path.join(FIXTURES, 'write-only'));
    client = await startServer(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const repo = () => fileUri(path.join(root, 'repo.ts'));
  const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
  const onLine = (d: Diagnostic[], line: number) => d.find((x) => x.range.start.line === line);
  const DELETE_LINE = 3;
  const UPDATE_LINE = 4;

  it('after the scan: the DELETE nothing reads by is Information, with the reason; the UPDATE a read shares stays a Warning', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const d = await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
    assert.match(
      text(onLine(d, DELETE_LINE)!),
      /no read in a called function filters tokens on client_id: the index would serve only this DELETE and slow every insert$/,
    );
    assert.equal(onLine(d, UPDATE_LINE)?.severity, DiagnosticSeverity.Warning);
    const old = fileUri(path.join(root, 'deprecated', 'report.ts'));
    const deprecated = await client.waitForDiagnostics(old, (list) => list.length > 0, 10_000);
    assert.equal(deprecated[0].severity, DiagnosticSeverity.Information);
    assert.match(text(deprecated[0]), /it is in deprecated code \(deprecated\/\)$/);
  });

  it('the hover says why, and which setting shows it', async () => {
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: DELETE_LINE, character: 72 },
    });
    assert.match(
      hover?.contents.value ?? '',
      /No read in a called function filters `tokens` on `client_id`: .*\. Shown as set by `indexInsight\.severity\.writeOnly`/,
    );
  });

  it('a read typed in another file makes it a Warning, and removing the read makes it Information again', async () => {
    const api = fileUri(path.join(root, 'api.ts'));
    const original = fs.readFileSync(path.join(root, 'api.ts'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: api, languageId: 'typescript', version: 1, text: original },
    });
    const withRead = `import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { tokens } from './schema';\n${original}export const GET = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n`;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 2 },
      contentChanges: [{ text: withRead }],
    });
    const shared = await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning, 10_000);
    assert.doesNotMatch(text(onLine(shared, DELETE_LINE)!), /no read in a called function/);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 3 },
      contentChanges: [{ text: original }],
    });
    await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('a call typed to a read nothing called makes the write a Warning in the same pass; removing it, Information again', async () => {
    const api = fileUri(path.join(root, 'api.ts'));
    const original = fs.readFileSync(path.join(root, 'api.ts'), 'utf8');
    const withCall = `${original}import { unusedByClient } from './repo';\nexport const lookup = unusedByClient;\n`;
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 4 },
      contentChanges: [{ text: withCall }],
    });
    await client.waitForDiagnostics(
      repo(),
      (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning && onLine(list, 7)?.severity === DiagnosticSeverity.Warning,
      10_000,
    );
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 5 },
      contentChanges: [{ text: original }],
    });
    await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('a file with a read created on disk makes the write a Warning; deleting the file, Information again', async () => {
    const file = path.join(root, 'reads.ts');
    const uri = fileUri(file);
    fs.writeFileSync(
      file,
      "import { eq } from 'drizzle-orm';\nimport { db } from './db';\nimport { tokens } from './schema';\nexport const GET = (c: string) => db.select().from(tokens).where(eq(tokens.clientId, c));\n",
    );
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Warning, 10_000);
    fs.rmSync(file);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitForDiagnostics(repo(), (list) => onLine(list, DELETE_LINE)?.severity === DiagnosticSeverity.Information, 10_000);
  });

  it('Generate index migration leaves unchecked an index that serves only such queries, and says why', async () => {
    const proposals = await client.connection.sendRequest<{ name: string; sites: string[]; notNeeded?: string }[]>('indexInsight/proposals');
    const byName = new Map(proposals.map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['tokens_client_id_idx', 'tokens_user_id_idx']);
    assert.equal(
      byName.get('tokens_client_id_idx')?.notNeeded,
      'only writes no read needs it for; only queries in code nothing calls or in deprecated code',
    );
    assert.equal(byName.get('tokens_user_id_idx')?.notNeeded, undefined, 'a called read and an update it serves: needed');
  });
});
