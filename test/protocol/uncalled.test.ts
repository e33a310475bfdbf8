// A query in a function nothing calls is Information in the editor too, and a call written in another file makes
// it a Warning without touching the query's file (and back when the call goes).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, messageText, startServer, workspaceFolders } from '../helpers/lspClient';
import { serverOnCopy } from '../helpers/serverOnCopy';
import { FIXTURES, copyFixture, writeWorkspace } from '../helpers/tempWorkspace';

const UNCALLED = path.join(FIXTURES, 'uncalled');

describe('findings in functions nothing calls', () => {
  const server = serverOnCopy(UNCALLED);

  const repo = () => fileUri(path.join(server.root(), 'repo.ts'));
  const about = (d: Diagnostic[], column: string): Diagnostic | undefined => d.find((x) => messageText(x).includes(`(${column})`));
  const severityOf = (d: Diagnostic[], column: string) => about(d, column)?.severity;
  const messageOf = (d: Diagnostic[], column: string) => {
    const found = about(d, column);
    return found ? messageText(found) : '';
  };

  it('after the scan: Information for the uncalled function, with the reason; Warning for the called one', async () => {
    await server.client().waitForNotification('indexInsight/scanFinished', 60_000);
    const d = await server
      .client()
      .waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Information, 10_000)
      .catch(() => server.client().diagnostics.get(repo()) ?? []);
    assert.equal(severityOf(d, 'code'), DiagnosticSeverity.Information, JSON.stringify(d));
    assert.match(messageOf(d, 'code'), /nothing in the workspace calls byCode\(\) outside tests and scripts$/);
    assert.equal(severityOf(d, 'owner'), DiagnosticSeverity.Warning);
  });

  it('the hover says nothing calls the function, and which setting shows it', async () => {
    const hover = await server.client().connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: 4, character: 66 },
    });
    assert.match(
      hover?.contents.value ?? '',
      /Nothing in the workspace calls `byCode\(\)` outside tests and scripts\. Shown as set by `indexInsight\.severity\.uncalled`/,
    );
    const called = await server.client().connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: repo() },
      position: { line: 6, character: 68 },
    });
    assert.ok(called && !/Nothing in the workspace calls/.test(called.contents.value), called?.contents.value);
  });

  it('a call typed in another file turns it into a Warning, and removing the call turns it back', async () => {
    const api = fileUri(path.join(server.root(), 'api.ts'));
    const text = fs.readFileSync(path.join(server.root(), 'api.ts'), 'utf8');
    await server
      .client()
      .connection.sendNotification('textDocument/didOpen', { textDocument: { uri: api, languageId: 'typescript', version: 1, text } });
    const withCall = `${text.replace('import { byOwner }', 'import { LinkRepo, byOwner }')}export const POST = (c: string) => LinkRepo.byCode(c);\n`;
    await server.client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: api, version: 2 },
      contentChanges: [{ text: withCall }],
    });
    const called = await server.client().waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Warning, 10_000);
    assert.doesNotMatch(messageOf(called, 'code'), /nothing in the workspace calls/);
    await server
      .client()
      .connection.sendNotification('textDocument/didChange', { textDocument: { uri: api, version: 3 }, contentChanges: [{ text }] });
    await server.client().waitForDiagnostics(repo(), (list) => severityOf(list, 'code') === DiagnosticSeverity.Information, 10_000);
  });
});

describe('findings in functions called only from another folder of a multi-root workspace', () => {
  let parent: string;
  let client: LspTestClient;
  before(async () => {
    // Only the other folder calls LinkRepo.byCode.
    parent = writeWorkspace(
      { 'web/page.ts': "import { LinkRepo } from '@acme/db/repo';\nexport const GET = (c: string) => LinkRepo.byCode(c);\n" },
      'uncalled-roots',
    );
    const db = copyFixture(UNCALLED, { into: path.join(parent, 'db'), without: ['api.ts'] });
    const web = path.join(parent, 'web');
    client = await startServer(db, { workspaceFolders: workspaceFolders(db, web) });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('a call from the other folder counts; the function called nowhere is Information', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const repo = fileUri(path.join(parent, 'db', 'repo.ts'));
    const d = await client.waitForDiagnostics(repo, (list) => list.some((x) => x.severity === DiagnosticSeverity.Information), 10_000);
    const byMessage = (needle: string) => d.find((x) => messageText(x).includes(needle));
    assert.equal(byMessage('(code)')?.severity, DiagnosticSeverity.Warning, JSON.stringify(d));
    assert.equal(byMessage('(owner)')?.severity, DiagnosticSeverity.Information, JSON.stringify(d));
  });
});

describe('calls written only in excluded files', () => {
  const CALL_IN_TEST = "import { LinkRepo } from './repo';\nexport const check = () => LinkRepo.byCode('x');\n";

  for (const { name, init, expected } of [
    { name: 'by default a call in a test file does not count', init: {}, expected: DiagnosticSeverity.Information },
    { name: 'with `indexInsight.exclude: []` it does', init: { initializationOptions: { exclude: [] } }, expected: DiagnosticSeverity.Warning },
  ]) {
    it(name, async () => {
      const root = copyFixture(UNCALLED);
      fs.writeFileSync(path.join(root, 'links.test.ts'), CALL_IN_TEST);
      const client = await startServer(root, init);
      try {
        await client.waitForNotification('indexInsight/scanFinished', 60_000);
        const repo = fileUri(path.join(root, 'repo.ts'));
        const d = await client.waitForDiagnostics(repo, (list) => list.some((x) => x.severity === expected && x.range.start.line === 4), 10_000);
        assert.equal(d.find((x) => x.range.start.line === 4)?.severity, expected, JSON.stringify(d));
      } finally {
        await client.stop();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
