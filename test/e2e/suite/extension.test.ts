// The extension in a real VS Code: activation, diagnostics, hover, settings live, snippets, quick fix, commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated } from './activation';
import { waitFor } from './waitFor';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'index-insight');

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

suite('Index Insight in a real VS Code', () => {
  const list = file('lib/deep-scan/list-runs.ts');
  const worker = file('lib/deep-scan/worker.ts');

  test('VS Code activates it on the Drizzle workspace (drizzle.config.ts) and the server starts', async () => {
    const api = await activated();
    await waitFor(() => api.client()?.isRunning(), 'the language server to run');
    const commands = await vscode.commands.getCommands(true);
    for (const c of [
      'indexInsight.generateMigration',
      'indexInsight.proveIndex',
      'indexInsight.setDatabaseConnection',
      'indexInsight.reanalyze',
      'indexInsight.showOutput',
    ]) {
      assert.ok(commands.includes(c), c);
    }
  });

  test('reports the seed queries: message, range, code, severity', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(list));
    const diags = await waitFor(() => (ours(list).length === 2 ? ours(list) : undefined), 'diagnostics on list-runs.ts');
    const first = [...diags].sort((a, b) => a.range.start.line - b.range.start.line)[0];
    const api = await activated();
    // The background scan has reported the whole workspace: 2 findings here, 2 in worker.ts.
    await waitFor(() => api.findingsCount() === 4, 'the workspace count');
    assert.equal(api.statusBarText(), '$(database) 4');
    assert.equal(first.range.start.line, 11);
    assert.equal(first.range.start.character, 11);
    // Partly served: Information by default (an index narrows; PostgreSQL can BitmapAnd), never silent.
    assert.equal(first.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(typeof first.code === 'object' ? first.code.value : first.code, 'partly-served-filter');
    assert.equal(first.message, 'Add index (user_id, status) on deep_scan_v2_runs: "user_idx" covers only user_id');
  });

  test('hover: the verdict and the proposal first, then why', async () => {
    const hovers = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', list, new vscode.Position(11, 20));
      return h.length ? h : undefined;
    }, 'hover');
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Partly served\*\* · add index `\(user_id, status\)` on `deep_scan_v2_runs`/);
    assert.match(text, /BitmapAnd/);
    assert.match(text, /Indexes on these columns: `user_idx` \(user_id\) · `status_idx` \(status\)/);
  });

  test('a severity setting applies live', async () => {
    const config = vscode.workspace.getConfiguration('indexInsight');
    await config.update('severity.partly', 'error', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => ours(list).every((d) => d.severity === vscode.DiagnosticSeverity.Error) && ours(list).length === 2, 'Error severity');
      await config.update('severity.partly', 'off', vscode.ConfigurationTarget.Workspace);
      await waitFor(() => ours(list).length === 0, 'no diagnostics when off');
    } finally {
      await config.update('severity.partly', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(
      () => ours(list).length === 2 && ours(list).every((d) => d.severity === vscode.DiagnosticSeverity.Information),
      'Information again',
    );
  });

  test('contributes the Drizzle snippets', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'pgtab' });
    const items = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 5),
    );
    const snippet = items.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'pgtable');
    assert.ok(snippet, 'the pgtable snippet is offered');
  });

  test('the quick fix adds the index to the schema and writes the migration and its reverse', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(worker));
    const [diag] = await waitFor(() => (ours(worker).length === 2 ? ours(worker) : undefined), 'diagnostics on worker.ts');
    // The extension resolves its fix lazily: ask VS Code to resolve the actions it returns.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      worker,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
      10,
    );
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    // As the editor does: the edit, then the action's command (which saves the migration's files).
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.ok(fix.command);
    await vscode.commands.executeCommand(fix.command.command, ...((fix.command.arguments ?? []) as unknown[]));
    const schema = new TextDecoder().decode(await vscode.workspace.fs.readFile(file('lib/db/schema.ts')));
    assert.match(
      schema,
      /index\('deep_scan_v2_runs_bullmq_job_id_idx'\)\.on\(table\.bullmqJobId\)\.where\(sql`\$\{table\.bullmqJobId\} IS NOT NULL`\)/,
    );
    assert.ok(await exists(file('drizzle/0001_add_deep_scan_v2_runs_bullmq_job_id_idx.sql')));
    assert.ok(await exists(file('drizzle/0001_add_deep_scan_v2_runs_bullmq_job_id_idx.down.sql')));
    assert.ok(await exists(file('drizzle/meta/0001_snapshot.json')));
    await waitFor(() => ours(worker).length === 0, 'worker.ts findings gone');
  });

  test('"Generate index migration" with arguments writes one migration for the rest', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; migrationUri?: string; title?: string }>('indexInsight.generateMigration', {
      name: 'e2e_indexes',
    });
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.equal(result.title, 'Add 2 indexes');
    assert.ok(await exists(file('drizzle/0002_e2e_indexes.sql')));
    const journal = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file('drizzle/meta/_journal.json')))) as {
      entries: unknown[];
    };
    assert.equal(journal.entries.length, 3, 'the journal on disk lists all three migrations');
    await waitFor(() => ours(list).length === 0, 'list-runs.ts findings gone');
  });
});
