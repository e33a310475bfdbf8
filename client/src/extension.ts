// The VS Code extension: starts the bundled language server and adds the commands around it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { createStatusBar, findingsCount } from './statusBar';
import {
  DATABASE_NOTIFICATION,
  type DatabaseSettings,
  GENERATE_MIGRATION_COMMAND,
  type GenerateMigrationArgs,
  type GenerateMigrationResult,
  PROPOSALS_REQUEST,
  PROVE_COMMAND,
  type ProposalItem,
  type ProveArgs,
  type ProveResult,
  REANALYZE_COMMAND,
  SAVE_FILES_COMMAND,
  COPY_SQL_COMMAND,
  type CopySqlArgs,
} from '../../server/src/lsp/protocol';

const SECRET_KEY = 'indexInsight.databaseUrl';

let client: LanguageClient | undefined;

/** At most this many restarts of a server that stopped unexpectedly within the window. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
const restarts: number[] = [];

/** What the extension exports (used by the tests and by other extensions). */
export interface IndexInsightApi {
  client: LanguageClient;
  findingsCount(): number;
  statusBarText(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<IndexInsightApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = vscode.window.createOutputChannel('Index Insight', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
    ],
    synchronize: {
      configurationSection: 'indexInsight',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.sql,tsconfig.json,drizzle.config.json}'),
    },
    outputChannel: output,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        // The server stopped unexpectedly (a crash, or a framing error it logged before exiting): restart it, a
        // bounded number of times, so that a server that cannot stay up does not restart forever.
        const now = Date.now();
        restarts.splice(0, restarts.length, ...restarts.filter((t) => now - t < RESTART_WINDOW_MS), now);
        if (restarts.length > MAX_RESTARTS) {
          void vscode.window.showErrorMessage(`Index Insight: the language server stopped ${restarts.length} times in ${RESTART_WINDOW_MS / 60_000} minutes and was not restarted again. See "Index Insight: Show output"; "Index Insight: Restart language server" starts it.`);
          return { action: CloseAction.DoNotRestart };
        }
        void vscode.window.showWarningMessage(`Index Insight: the language server stopped unexpectedly and is restarting (${restarts.length} of ${MAX_RESTARTS}). See "Index Insight: Show output".`);
        return { action: CloseAction.Restart };
      },
    },
  };
  const lc = new LanguageClient('indexInsight', 'Index Insight', serverOptions, clientOptions);
  client = lc;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('indexInsight.restartServer', () => {
      restarts.length = 0;
      return lc.restart();
    }),
    vscode.commands.registerCommand('indexInsight.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('indexInsight.reanalyze', () => vscode.commands.executeCommand(REANALYZE_COMMAND)),
    vscode.commands.registerCommand('indexInsight.generateMigration', (args?: GenerateMigrationArgs) => generateMigration(lc, args)),
    vscode.commands.registerCommand('indexInsight.proveIndex', (args?: Partial<ProveArgs>) => proveIndex(context, args)),
    vscode.commands.registerCommand('indexInsight.setDatabaseConnection', (url?: string) => setDatabaseConnection(context, url)),
    vscode.commands.registerCommand(SAVE_FILES_COMMAND, saveFiles),
    vscode.commands.registerCommand(COPY_SQL_COMMAND, copyMigrationSql),
  );
  await lc.start();
  const sendDatabase = async () => {
    const trusted = vscode.workspace.isTrusted;
    const settings: DatabaseSettings = { trusted, url: trusted ? (await context.secrets.get(SECRET_KEY)) ?? undefined : undefined };
    await lc.sendNotification(DATABASE_NOTIFICATION, settings);
  };
  context.subscriptions.push(
    context.secrets.onDidChange((e) => (e.key === SECRET_KEY ? void sendDatabase() : undefined)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void sendDatabase()),
  );
  await sendDatabase();
  const status = createStatusBar(context);
  return { client: lc, findingsCount, statusBarText: () => status.text };
}

/** Without arguments: pick the indexes and name the migration; with arguments (tests, keybindings): no prompts. */
async function generateMigration(lc: LanguageClient, args?: GenerateMigrationArgs): Promise<GenerateMigrationResult | undefined> {
  let request = args;
  if (!request) {
    const proposals = await lc.sendRequest<ProposalItem[]>(PROPOSALS_REQUEST);
    if (proposals.length === 0) {
      void vscode.window.showInformationMessage('Index Insight: no query lacks an index; there is nothing to migrate.');
      return undefined;
    }
    const picks = await vscode.window.showQuickPick(
      proposals.map((p) => ({
        label: p.name,
        description: `${p.table} (${p.columns.join(', ')})${p.where ? ` WHERE ${p.where}` : ''}`,
        detail: `Serves ${p.sites.join(', ')}`,
        picked: true,
      })),
      { canPickMany: true, title: 'Index Insight: indexes to add in one migration' },
    );
    if (!picks || picks.length === 0) return undefined;
    const name = await vscode.window.showInputBox({
      title: 'Index Insight: migration name',
      value: picks.length === 1 ? `add_${picks[0].label}` : `add_${picks.length}_indexes`,
      validateInput: (v) => (/^[A-Za-z0-9_]+$/.test(v) ? undefined : 'Letters, digits and _ only'),
    });
    if (name === undefined) return undefined;
    request = { include: picks.map((p) => p.label), name };
  }
  const result = (await vscode.commands.executeCommand(GENERATE_MIGRATION_COMMAND, request)) as GenerateMigrationResult;
  if (!result.applied) {
    void vscode.window.showErrorMessage(`Index Insight: ${result.error ?? 'the migration was not written'}`);
    return result;
  }
  await saveFiles(result.files ?? []);
  if (result.migrationUri) await vscode.window.showTextDocument(vscode.Uri.parse(result.migrationUri));
  void vscode.window.showInformationMessage(`Index Insight: ${result.title}. ${(result.notes ?? []).join(' ')}`);
  return result;
}

/** Saves the documents a fix edited or created, so that the migration is complete on disk. */
async function saveFiles(uris: string[]): Promise<void> {
  for (const u of uris) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === u);
    if (doc?.isDirty) await doc.save();
  }
}

/** The migration's SQL on the clipboard, when no migration file could be written (the reason is said). */
async function copyMigrationSql(args: CopySqlArgs): Promise<void> {
  await vscode.env.clipboard.writeText(args.sql);
  void vscode.window.showInformationMessage(`Index Insight: the migration SQL is on the clipboard. No migration file was written: ${args.reason}.`);
}

/** Stores the connection string in VS Code's secret storage (never in settings); empty clears it. */
async function setDatabaseConnection(context: vscode.ExtensionContext, url?: string): Promise<void> {
  const value =
    url ??
    (await vscode.window.showInputBox({
      title: 'Index Insight: PostgreSQL connection for Prove index',
      prompt: 'postgres://user:password@host:5432/db — kept in VS Code secret storage. Leave empty to use the embedded database.',
      password: true,
      ignoreFocusOut: true,
    }));
  if (value === undefined) return;
  if (value.trim() === '') await context.secrets.delete(SECRET_KEY);
  else await context.secrets.store(SECRET_KEY, value.trim());
}

/** Plans before and after the proposed index for the query at the cursor (or given), shown beside the code. */
async function proveIndex(context: vscode.ExtensionContext, args?: Partial<ProveArgs>): Promise<ProveResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = args?.uri ?? editor?.document.uri.toString();
  const line = args?.line ?? editor?.selection.active.line;
  if (!uri || line === undefined) return undefined;
  const trusted = vscode.workspace.isTrusted;
  const request: ProveArgs = {
    uri,
    line,
    trusted,
    databaseUrl: trusted ? (await context.secrets.get(SECRET_KEY)) ?? undefined : undefined,
    rows: vscode.workspace.getConfiguration('indexInsight', vscode.Uri.parse(uri)).get<number>('proof.rows'),
    allowBuild: args?.allowBuild,
  };
  let result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Index Insight: explaining…' }, () =>
    vscode.commands.executeCommand(PROVE_COMMAND, request) as Thenable<ProveResult>,
  );
  if (!result.ok && result.needsConfirmation && args?.allowBuild === undefined) {
    const build = 'Build and roll back';
    const choice = await vscode.window.showWarningMessage(result.error, { modal: true }, build);
    if (choice !== build) return result;
    result = (await vscode.commands.executeCommand(PROVE_COMMAND, { ...request, allowBuild: true })) as ProveResult;
  }
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Index Insight: ${result.error}`);
    return result;
  }
  // The report beside the code; rendered as a preview where the markdown extension can show untitled documents.
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  await Promise.resolve(vscode.commands.executeCommand('markdown.showPreview', doc.uri)).catch(() => undefined);
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
