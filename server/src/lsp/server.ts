// Language server entry: wires LSP requests to the session. No analysis logic here.
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NodeFileHost } from '../node/nodeHost';
import { FramingGuard } from './framingGuard';
import { onCodeAction, onCodeActionResolve } from './handlers/codeActions';
import { generateMigration, listProposals } from './handlers/generateMigration';
import { onHover } from './handlers/hover';
import { onCodeLens } from './handlers/codeLens';
import {
  DATABASE_NOTIFICATION,
  type DatabaseSettings,
  GENERATE_MIGRATION_COMMAND,
  type GenerateMigrationArgs,
  PROPOSALS_REQUEST,
  PROVE_COMMAND,
  type ProveArgs,
  REANALYZE_COMMAND,
  REFRESH_STATISTICS_COMMAND,
} from './protocol';
import { proveCommand } from './handlers/prove';
import { Session, pathToUri, uriToPath } from './session';
import { normalizeSettings } from './settings';
import { WorkspaceScan } from './workspaceScan';
import { loadSqlParser } from '../analysis/schema/migrations/sqlParser';
import { startLine } from './logLines';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (msg: string) => connection.console.log(msg);
const info = (msg: string) => connection.console.info(msg);
const session = new Session(connection, new NodeFileHost(), log);
let canPullConfig = false;
let canProgress = false;
let canWatchFolders = false;
let canResolveEdits = false;
let canRefreshLenses = false;
const scan = new WorkspaceScan(connection, session, () => canProgress, info);

connection.onInitialize(async (params) => {
  // Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
  await loadSqlParser().catch((e: unknown) => log(`Could not load the SQL parser: ${(e as Error).message}`));
  canPullConfig = !!params.capabilities.workspace?.configuration;
  canProgress = !!params.capabilities.window?.workDoneProgress;
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  canResolveEdits = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
  const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  const rootPath = params.rootUri ? uriToPath(params.rootUri) : undefined;
  if (folders.length === 0 && rootPath) folders.push(rootPath);
  session.setFolders(folders);
  info(startLine(folders));
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) session.updateSettings(normalizeSettings(init.settings));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: true },
      executeCommandProvider: { commands: [GENERATE_MIGRATION_COMMAND, REANALYZE_COMMAND, PROVE_COMMAND, REFRESH_STATISTICS_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'index-insight' },
  };
});

/** Reads `indexInsight.*` for each workspace folder (the settings are resource-scoped). */
async function pullSettings(): Promise<void> {
  if (!canPullConfig) return;
  const roots = session.allProjects().map((p) => p.root);
  try {
    const values: unknown[] = await connection.workspace.getConfiguration(
      roots.map((root) => ({ scopeUri: pathToUri(root), section: 'indexInsight' })),
    );
    roots.forEach((root, i) => session.updateSettings(normalizeSettings(values[i]), root));
  } catch (e) {
    log(`Could not read settings, using defaults: ${(e as Error).message}`);
  }
}

function reanalyzeAll(files?: string[]): void {
  for (const doc of documents.all()) session.schedule(doc.uri);
  void scan.run(files);
}

function watchWorkspaceFolders(): void {
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const current = session.allProjects().map((p) => p.root);
    const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
    const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    session.setFolders([...current.filter((r) => !removed.has(r)), ...added]);
    void pullSettings().then(() => reanalyzeAll());
  });
}

connection.onInitialized(async () => {
  if (canWatchFolders) watchWorkspaceFolders();
  if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'indexInsight' });
  await pullSettings();
  session.onSchemaChanged = (files) => {
    reanalyzeAll(files);
    // Lenses show what the queries and the statistics say: ask the editor for them again.
    if (canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };
  void scan.run();
});

connection.onDidChangeConfiguration(async (change) => {
  // A client that can be asked is asked per folder; one that cannot pushes one value for all folders.
  const pushed = (change.settings as { indexInsight?: unknown } | undefined)?.indexInsight;
  if (canPullConfig) await pullSettings();
  else if (pushed) session.updateSettings(normalizeSettings(pushed));
  reanalyzeAll();
});

documents.onDidOpen((e) => session.documentChanged(e.document.uri, e.document.getText()));
documents.onDidChangeContent((e) => session.documentChanged(e.document.uri, e.document.getText()));
documents.onDidClose((e) => session.documentChanged(e.document.uri, undefined));

connection.onDidChangeWatchedFiles((params) => {
  const kind = (t: FileChangeType) => (t === FileChangeType.Created ? 'created' : t === FileChangeType.Deleted ? 'deleted' : 'changed');
  session.filesChanged(params.changes.map((c) => ({ uri: c.uri, kind: kind(c.type) })));
});

connection.onHover((params) => onHover(session, params));
connection.onCodeLens((params) => onCodeLens(session, params));
connection.onNotification(DATABASE_NOTIFICATION, (d: DatabaseSettings) => session.setDatabase({ url: d.url || undefined, trusted: !!d.trusted }));
connection.onCodeAction((params) => onCodeAction(session, documents, params, canResolveEdits));
connection.onCodeActionResolve((action) =>
  onCodeActionResolve(
    session,
    documents,
    action,
    (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  ),
);
connection.onRequest(PROPOSALS_REQUEST, () => listProposals(session));
connection.onExecuteCommand(async (params) => {
  if (params.command === GENERATE_MIGRATION_COMMAND) {
    const result = await generateMigration(session, connection, documents, (params.arguments?.[0] ?? {}) as GenerateMigrationArgs);
    if (result.ok) info(`Fix written: ${result.title} (${result.files.map((u) => uriToPath(u) ?? u).join(', ')})`);
    return result;
  }
  if (params.command === PROVE_COMMAND) {
    return proveCommand(session, (params.arguments?.[0] ?? {}) as ProveArgs, log);
  }
  if (params.command === REFRESH_STATISTICS_COMMAND) {
    await session.statistics.refresh();
    return { connections: session.statistics.connectionsRead };
  }
  if (params.command === REANALYZE_COMMAND) {
    for (const p of session.allProjects()) p.reset();
    return scan.run();
  }
  return undefined;
});

process.on('uncaughtException', (e) => log(`Unexpected error (the server keeps running): ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => log(`Unexpected rejection (the server keeps running): ${(e as Error)?.stack ?? String(e)}`));

// Over stdio, a framing error (a bad Content-Length, bytes that are no message) leaves the stream unreadable:
// say so and exit, so that the client restarts the server rather than talk to a mute one.
if (process.argv.includes('--stdio')) {
  const guard = new FramingGuard();
  process.stdin.on('data', (chunk: Buffer) => {
    const error = guard.push(chunk);
    if (error === undefined) return;
    process.stderr.write(`Index Insight language server: framing error on stdin: ${error}. Exiting so that the client can restart it.\n`);
    process.exit(1);
  });
}

documents.listen(connection);
connection.listen();
