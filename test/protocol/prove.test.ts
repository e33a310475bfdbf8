// Prove index over the protocol: embedded by default; an untrusted workspace never reaches a database.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/tempWorkspace';

describe('prove over the protocol', () => {
  const root = path.join(FIXTURES, 'deep-scan');
  const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
  let client: LspTestClient;
  before(async () => {
    client = await startServer(root);
  });
  after(() => client.stop());

  it('a finding offers "Prove index", which runs the client command with the query\'s position', async () => {
    const [d] = (await client.waitForDiagnostics(uri, (x) => x.length === 2));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const proveAction = actions.find((a) => a.title.startsWith('Prove index'));
    assert.deepEqual(proveAction?.command?.arguments, [{ uri, line: d.range.start.line }]);
  });

  it('untrusted: the embedded database, even when a connection is passed', async () => {
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'indexInsight.server.prove',
      arguments: [{ uri, line: 11, rows: 5000, trusted: false, databaseUrl: 'postgres://app:hunter2@127.0.0.1:1/app' }],
    })) as { ok: boolean; markdown: string; database: string };
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.database, 'embedded');
    assert.match(result.markdown, /## Plan now/);
    assert.match(result.markdown, /Index Scan using deep_scan_v2_runs_user_id_status_idx/);
    assert.ok(!client.logs.join('\n').includes('hunter2'));
  });

  it('trusted with a database that is down: a clear message, no password anywhere', async () => {
    const result = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'indexInsight.server.prove',
      arguments: [{ uri, line: 11, trusted: true, databaseUrl: 'postgres://app:hunter2@127.0.0.1:1/app' }],
    })) as { ok: boolean; error: string };
    assert.equal(result.ok, false);
    assert.match(result.error, /Cannot connect to the database/);
    assert.ok(!result.error.includes('hunter2'));
    assert.ok(!client.logs.join('\n').includes('hunter2'));
  });
});
