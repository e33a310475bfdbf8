// The VS Code extension: starts the bundled language server where Drizzle is, and adds the commands around it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { findDrizzle, watchDrizzleMarkers } from './drizzleWorkspace';
import { type RunningServer, SECRET_KEY, resetRestartCount, startLanguageServer } from './languageServer';
import { showProof } from './proofPanel';
import { findingsCount } from './statusBar';
import {
  GENERATE_MIGRATION_COMMAND,
  type GenerateMigrationArgs,
  type GenerateMigrationResult,
  PROPOSALS_REQUEST,
  PROVE_COMMAND,
  type ProposalItem,
  type ProveArgs,
  type ProveResult,
  REANALYZE_COMMAND,
  REFRESH_STATISTICS_COMMAND,
  SAVE_FILES_COMMAND,
  SHOW_INDEX_USERS_COMMAND,
  type IndexUsersArgs,
  COPY_SQL_COMMAND,
  type CopySqlArgs,
} from '../../server/src/lsp/protocol';

/** What the extension exports (used by the tests and by other extensions). */
export interface IndexInsightApi {
  /** The language client while the server runs (Drizzle found and `indexInsight.enable` on). */
  client(): LanguageClient | undefined;
  findingsCount(): number;
  /** The status item's text; undefined while the server does not run (no item shows then). */
  statusBarText(): string | undefined;
  /** Why the server does not run, or undefined while it runs. */
  notRunningReason(): string | undefined;
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<IndexInsightApi> {
  const output = vscode.window.createOutputChannel('Index Insight', { log: true });
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'dev';
  output.info(`Index Insight ${version} in VS Code ${vscode.version}`);
  const ctl = new ServerController(context, output);
  controller = ctl;
  const withClient =
    <A extends unknown[], R>(fn: (lc: LanguageClient, ...a: A) => Promise<R>) =>
    async (...a: A): Promise<R | undefined> => {
      const lc = ctl.client();
      if (lc) return fn(lc, ...a);
      void vscode.window.showInformationMessage(`Index Insight is not running in this workspace: ${ctl.notRunningReason()}.`);
      return undefined;
    };
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('indexInsight.restartServer', () => {
      resetRestartCount();
      return ctl.restart();
    }),
    vscode.commands.registerCommand('indexInsight.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(
      'indexInsight.reanalyze',
      withClient(async () => vscode.commands.executeCommand(REANALYZE_COMMAND)),
    ),
    vscode.commands.registerCommand(
      'indexInsight.generateMigration',
      withClient((lc, args?: GenerateMigrationArgs) => generateMigration(lc, args)),
    ),
    vscode.commands.registerCommand(
      'indexInsight.proveIndex',
      withClient((_lc, args?: Partial<ProveArgs>) => proveIndex(context, args)),
    ),
    vscode.commands.registerCommand('indexInsight.setDatabaseConnection', (url?: string) => setDatabaseConnection(context, url)),
    // Run by the editor after a quick fix's edit (the server's generate command logs its own fixes).
    vscode.commands.registerCommand(SAVE_FILES_COMMAND, async (uris: string[], title?: string) => {
      await saveFiles(uris);
      output.info(`Fix written${title ? `: ${title}` : ''} (${uris.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u))).join(', ')})`);
    }),
    watchDrizzleMarkers(() => ctl.markersChanged()),
    vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('indexInsight.enable') ? void ctl.update() : undefined)),
    vscode.commands.registerCommand('indexInsight.refreshStatistics', () => vscode.commands.executeCommand(REFRESH_STATISTICS_COMMAND)),
    vscode.commands.registerCommand(SHOW_INDEX_USERS_COMMAND, showIndexUsers),
    vscode.commands.registerCommand(COPY_SQL_COMMAND, copyMigrationSql),
  );
  await ctl.update();
  return { client: () => ctl.client(), findingsCount, statusBarText: () => ctl.statusText(), notRunningReason: () => ctl.notRunningReason() };
}

/** Runs the language server exactly while `indexInsight.enable` is on and the workspace uses Drizzle. */
class ServerController {
  private server: RunningServer | undefined;
  private reason = 'not started yet';
  private queue: Promise<void> = Promise.resolve();
  private recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  client(): LanguageClient | undefined {
    return this.server?.client;
  }

  statusText(): string | undefined {
    return this.server?.status.text;
  }

  notRunningReason(): string | undefined {
    return this.server ? undefined : this.reason;
  }

  /** Serialised: a settings change and a new package.json at once start one server. */
  update(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch((e: Error) => this.output.error(`Could not start the language server: ${e.stack ?? e}`));
    return this.queue;
  }

  /** A drizzle config or package.json appeared or changed: look again (debounced) if the server is not running. */
  markersChanged(): void {
    if (this.server) return;
    clearTimeout(this.recheck);
    this.recheck = setTimeout(() => void this.update(), 500);
  }

  async restart(): Promise<void> {
    if (this.server) await this.server.client.restart();
    else await this.update();
  }

  async stop(): Promise<void> {
    clearTimeout(this.recheck);
    const s = this.server;
    this.server = undefined;
    await s?.stop();
  }

  private async apply(): Promise<void> {
    if (!vscode.workspace.getConfiguration('indexInsight').get<boolean>('enable', true)) {
      if (this.server) this.output.info('indexInsight.enable is off: stopping the language server.');
      this.reason = 'the setting indexInsight.enable is off';
      await this.stop();
      return;
    }
    if (this.server) return;
    const found = await findDrizzle();
    if (!found) {
      const reason = 'no drizzle.config.* and no package.json that depends on drizzle-orm';
      if (this.reason !== reason) this.output.info(`No Drizzle ORM in this workspace (${reason}): the language server is not started.`);
      this.reason = reason;
      return;
    }
    this.output.info(`Drizzle ORM found (${found}): starting the language server.`);
    this.server = await startLanguageServer(this.context, this.output);
  }
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
        detail: `Serves ${p.sites.join(', ')}${p.notNeeded ? ` (${p.notNeeded}: left unchecked)` : ''}`,
        picked: !p.notNeeded,
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
  const result = await vscode.commands.executeCommand<GenerateMigrationResult>(GENERATE_MIGRATION_COMMAND, request);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Index Insight: ${result.message}`);
    return result;
  }
  await saveFiles(result.files);
  if (result.migrationUri) await vscode.window.showTextDocument(vscode.Uri.parse(result.migrationUri));
  void vscode.window.showInformationMessage(`Index Insight: ${result.title}. ${result.notes.join(' ')}`);
  return result;
}

/** An index's CodeLens: the queries it serves, in the references view. */
async function showIndexUsers(args: IndexUsersArgs): Promise<void> {
  const pos = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
  const locations = args.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(pos(l.range.start), pos(l.range.end))));
  if (locations.length === 0) {
    void vscode.window.showInformationMessage('Index Insight: no query in the workspace uses this index.');
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(args.uri), pos(args.position), locations);
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

/** Plans before and after the proposed index for the query at the cursor (or given), in the proof view beside the code. */
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
    databaseUrl: trusted ? ((await context.secrets.get(SECRET_KEY)) ?? undefined) : undefined,
    rows: vscode.workspace.getConfiguration('indexInsight', vscode.Uri.parse(uri)).get<number>('proof.rows'),
    allowBuild: args?.allowBuild,
  };
  let result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Index Insight: explaining…' }, () =>
    vscode.commands.executeCommand<ProveResult>(PROVE_COMMAND, request),
  );
  if (!result.ok && result.code === 'needs-consent' && args?.allowBuild === undefined) {
    const build = 'Build and roll back';
    const choice = await vscode.window.showWarningMessage(result.message, { modal: true }, build);
    if (choice !== build) return result;
    result = await vscode.commands.executeCommand<ProveResult>(PROVE_COMMAND, { ...request, allowBuild: true });
  }
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Index Insight: ${result.message}`);
    return result;
  }
  showProof(result.view);
  return result;
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
