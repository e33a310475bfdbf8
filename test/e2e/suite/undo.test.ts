// The quick fix is one undoable step in a real VS Code: after it, one Undo removes the migration's new files and
// restores the schema and the journal; the fix then applies again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const file = (rel: string) => vscode.Uri.joinPath(root(), rel);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'index-insight');
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

/** Every file of the migrations folder with its text, as on disk. */
async function migrationsOnDisk(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: vscode.Uri, prefix: string): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (type === vscode.FileType.Directory) await walk(vscode.Uri.joinPath(dir, name), `${prefix}${name}/`);
      else out[`${prefix}${name}`] = await read(vscode.Uri.joinPath(dir, name));
    }
  };
  await walk(file('drizzle'), '');
  return out;
}

const PROBE = `import { eq } from 'drizzle-orm';
import { db } from '@/lib/db';
import { deepScanV2Runs } from '@/lib/db/schema';

export const finishedAt = (at: Date) => db.select().from(deepScanV2Runs).where(eq(deepScanV2Runs.completedAt, at));
`;

/** As the user does: the cursor on the finding, the preferred quick fix (the editor resolves it, applies its edit, runs its command). */
async function applyFix(probe: vscode.Uri): Promise<void> {
  const [diag] = await waitFor(() => (ours(probe).length === 1 ? ours(probe) : undefined), 'the finding on the probe');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    probe,
    diag.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  assert.ok(
    actions.some(
      (a) => a.isPreferred && /^Add index deep_scan_v2_runs_completed_at_idx on deep_scan_v2_runs \(completed_at\) \+ migration$/.test(a.title),
    ),
    actions.map((a) => a.title).join(' | '),
  );
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
  editor.selection = new vscode.Selection(diag.range.start, diag.range.start);
  await vscode.commands.executeCommand('editor.action.codeAction', { kind: vscode.CodeActionKind.QuickFix.value, preferred: true, apply: 'first' });
  await waitFor(
    async () => ((await read(file('lib/db/schema.ts'))).includes("index('deep_scan_v2_runs_completed_at_idx')") ? true : undefined),
    'the fix saved',
  );
}

suite('Quick fix undo in a real VS Code', () => {
  test('one Undo removes the new files and restores the schema and journal; the fix applies again', async () => {
    const probe = file('lib/deep-scan/undo-probe.ts');
    await vscode.workspace.fs.writeFile(probe, new TextEncoder().encode(PROBE));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
    const schemaBefore = await read(file('lib/db/schema.ts'));
    const migrationsBefore = await migrationsOnDisk();

    await applyFix(probe);
    const after = await waitFor(async () => {
      const now = await migrationsOnDisk();
      return Object.keys(now).filter((f) => !(f in migrationsBefore) && now[f].length > 0).length === 3 &&
        now['meta/_journal.json'] !== migrationsBefore['meta/_journal.json']
        ? now
        : undefined;
    }, 'the migration files saved');
    const created = Object.keys(after).filter((f) => !(f in migrationsBefore));
    assert.equal(created.length, 3, `new files: ${created.join(', ')}`);
    assert.match(await read(file('lib/db/schema.ts')), /index\('deep_scan_v2_runs_completed_at_idx'\)/);

    // Undo once in the schema's editor (where the fix shows); save what the undo left dirty.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('lib/db/schema.ts')));
    await vscode.commands.executeCommand('undo');
    await vscode.workspace.saveAll(false);
    await waitFor(
      async () => (JSON.stringify(await migrationsOnDisk()) === JSON.stringify(migrationsBefore) ? true : undefined),
      'the migrations folder as before',
      15_000,
    ).catch(() => undefined);
    const left = await migrationsOnDisk();
    assert.deepEqual(
      {
        files: Object.keys(left).sort(),
        changed: Object.keys(left).filter((f) => f in migrationsBefore && left[f] !== migrationsBefore[f]),
        schemaRestored: (await read(file('lib/db/schema.ts'))) === schemaBefore,
      },
      { files: Object.keys(migrationsBefore).sort(), changed: [], schemaRestored: true },
    );
    assert.equal(await read(file('lib/db/schema.ts')), schemaBefore);

    // The finding is back, and the fix applies again (no "already exists").
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
    await applyFix(probe);
    await waitFor(
      async () => (JSON.stringify(Object.keys(await migrationsOnDisk()).sort()) === JSON.stringify(Object.keys(after).sort()) ? true : undefined),
      'the same files again',
    );
    assert.match(await read(file('lib/db/schema.ts')), /index\('deep_scan_v2_runs_completed_at_idx'\)/);
    await waitFor(() => (ours(probe).length === 0 ? true : undefined), 'the finding gone');
  });
});
