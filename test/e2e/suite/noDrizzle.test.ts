// A TypeScript workspace without Drizzle: the extension may activate (it has a package.json), but the language
// server does not start and no status item shows, until the workspace starts using drizzle-orm.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Api, activated } from './activation';
import { waitFor } from './waitFor';

suite('Index Insight in a workspace without Drizzle', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;
  let api: Api;

  test('activates on package.json, but neither the server nor the status item starts', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'src/users.ts')));
    api = await activated();
    await waitFor(() => api.notRunningReason()?.includes('drizzle-orm'), 'the reason it does not run');
    assert.equal(api.client(), undefined);
    assert.equal(api.statusBarText(), undefined);
    const result = await vscode.commands.executeCommand('indexInsight.reanalyze');
    assert.equal(result, undefined, 'a command needing the server says it does not run, and does nothing');
  });

  test('starts when the package.json gains drizzle-orm, and stops when switched off', async () => {
    const pkg = { name: 'no-drizzle', private: true, dependencies: { pg: '8.23.1', 'drizzle-orm': '0.45.4' } };
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'package.json'), new TextEncoder().encode(JSON.stringify(pkg, null, 2)));
    await waitFor(() => api.client()?.isRunning(), 'the language server to start');
    assert.equal(api.statusBarText(), '$(database) 0');
    const config = vscode.workspace.getConfiguration('indexInsight');
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.client() === undefined, 'the language server to stop');
      assert.equal(api.statusBarText(), undefined);
      assert.match(api.notRunningReason() ?? '', /indexInsight\.enable is off/);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => api.client()?.isRunning(), 'the language server to start again');
  });
});
