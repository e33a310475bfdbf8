// Prove index over the protocol: embedded by default; an untrusted workspace never reaches a database.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import type { PlanTreeNode, ProveResult } from '../../server/src/lsp/protocol';
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
    const [d] = await client.waitForDiagnostics(uri, (x) => x.length === 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const proveAction = actions.find((a) => a.title.startsWith('Prove index'));
    assert.deepEqual(proveAction?.command?.arguments, [{ uri, line: d.range.start.line }]);
  });

  it('untrusted: the embedded database, even when a connection is passed', async () => {
    const result = await client.connection.sendRequest<ProveResult>('workspace/executeCommand', {
      command: 'indexInsight.server.prove',
      arguments: [{ uri, line: 11, rows: 5000, trusted: false, databaseUrl: 'postgres://app:hunter2@127.0.0.1:1/app' }],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.database, 'embedded');
    const { view } = result;
    assert.equal(view.kind, 'proof');
    assert.deepEqual(view.index, {
      name: 'deep_scan_v2_runs_user_id_status_idx',
      table: 'deep_scan_v2_runs',
      columns: ['user_id', 'status'],
      where: null,
    });
    const nodes = (n: PlanTreeNode): PlanTreeNode[] => [n, ...n.children.flatMap(nodes)];
    const added = nodes(view.after!.root).filter((n) => n.change === 'added');
    assert.ok(
      added.some((n) => n.index === 'deep_scan_v2_runs_user_id_status_idx'),
      JSON.stringify(view.after),
    );
    assert.ok(nodes(view.before.root).every((n) => n.index !== 'deep_scan_v2_runs_user_id_status_idx'));
    assert.ok(view.before.ms !== null && view.after!.ms !== null && view.ratio !== null && view.ratio > 0);
    assert.match(view.notes.join(' '), /synthetic/);
    assert.ok(!client.logs.join('\n').includes('hunter2'));
  });

  it('a query an index already serves: its plan, not an error', async () => {
    const result = await client.connection.sendRequest<ProveResult>('workspace/executeCommand', {
      command: 'indexInsight.server.prove',
      arguments: [{ uri, line: 24, rows: 5000, trusted: false }],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.view.kind, 'served');
    assert.equal(result.view.servedBy, 'deep_scan_v2_runs_pkey');
    assert.equal(result.view.after, null);
    assert.equal(result.ratio, null);
    assert.match(result.view.before.root.type, /Index|Bitmap/);
  });

  it('trusted with a database that is down: a clear message, no password anywhere', async () => {
    const result = await client.connection.sendRequest<ProveResult>('workspace/executeCommand', {
      command: 'indexInsight.server.prove',
      arguments: [{ uri, line: 11, trusted: true, databaseUrl: 'postgres://app:hunter2@127.0.0.1:1/app' }],
    });
    assert.ok(!result.ok && result.code === 'cannot-connect', JSON.stringify(result));
    assert.match(result.message, /Cannot connect to the database/);
    assert.ok(!result.message.includes('hunter2'));
    assert.ok(!client.logs.join('\n').includes('hunter2'));
  });
});
