// Starts the bundled language server for this workspace: the LanguageClient, the database settings it needs, the
// status item. Stopping disposes all of it (no status item shows while the server is not running).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { createStatusBar } from './statusBar';
import { DATABASE_NOTIFICATION, type DatabaseSettings } from '../../server/src/lsp/protocol';

export const SECRET_KEY = 'indexInsight.databaseUrl';

export interface RunningServer {
  client: LanguageClient;
  status: vscode.StatusBarItem;
  stop(): Promise<void>;
}

export async function startLanguageServer(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<RunningServer> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.sql,tsconfig*.json,drizzle.config.json,package.json,pnpm-workspace.yaml}');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'typescript' },
      { scheme: 'file', language: 'typescriptreact' },
      { scheme: 'file', language: 'javascript' },
      { scheme: 'file', language: 'javascriptreact' },
    ],
    synchronize: { configurationSection: 'indexInsight', fileEvents: watcher },
    // The server's window/logMessage lines and, with indexInsight.trace.server, the protocol trace.
    outputChannel: output,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        // The server stopped unexpectedly: say so, and restart it (the client gives up after repeated crashes).
        void vscode.window.showWarningMessage('Index Insight: the language server stopped unexpectedly and is restarting. See "Index Insight: Show output".');
        return { action: CloseAction.Restart };
      },
    },
  };
  const client = new LanguageClient('indexInsight', 'Index Insight', serverOptions, clientOptions);
  await client.start();
  const sendDatabase = async () => {
    const trusted = vscode.workspace.isTrusted;
    const settings: DatabaseSettings = { trusted, url: trusted ? (await context.secrets.get(SECRET_KEY)) ?? undefined : undefined };
    await client.sendNotification(DATABASE_NOTIFICATION, settings);
  };
  const subscriptions: vscode.Disposable[] = [
    watcher,
    context.secrets.onDidChange((e) => (e.key === SECRET_KEY ? void sendDatabase() : undefined)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void sendDatabase()),
  ];
  await sendDatabase();
  const status = createStatusBar();
  subscriptions.push(status);
  return {
    client,
    status: status.item,
    async stop() {
      for (const s of subscriptions) s.dispose();
      await client.stop().catch(() => undefined);
      await client.dispose().catch(() => undefined);
    },
  };
}
