// An untrusted workspace: the static analysis runs; Prove index never reaches a database nor reads .env.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated } from './activation';
import { waitFor } from './waitFor';

suite('Index Insight in an untrusted workspace', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  const list = () => vscode.Uri.joinPath(root(), 'lib/deep-scan/list-runs.ts');

  test('the workspace is not trusted, and the extension runs in limited mode', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = await activated();
    await waitFor(() => api.client()?.isRunning(), 'the language server to run');
  });

  test('static analysis still reports the findings', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(list()));
    await waitFor(() => vscode.languages.getDiagnostics(list()).filter((d) => d.source === 'index-insight').length === 2, 'diagnostics');
  });

  test('Prove index uses the embedded database, not the stored connection nor .env', async () => {
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(root(), '.env'),
      new TextEncoder().encode('DATABASE_URL=postgres://env:envpass@127.0.0.1:1/env\n'),
    );
    await vscode.commands.executeCommand('indexInsight.setDatabaseConnection', 'postgres://app:secretpass@127.0.0.1:1/app');
    const result = await vscode.commands.executeCommand<{ ok: boolean; database?: string; view?: { notes: string[] }; message?: string }>(
      'indexInsight.proveIndex',
      { uri: list().toString(), line: 11 },
    );
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.equal(result.database, 'embedded');
    assert.match(result.view?.notes.join(' ') ?? '', /synthetic/);
  });
});
