// Starts the bundled language server for this workspace: the LanguageClient, the database settings it needs, the
// status item. Stopping disposes all of it (no status item shows while the server is not running).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { createStatusBar } from './statusBar';
import { DATABASE_NOTIFICATION, type DatabaseSettings } from '../../server/src/lsp/protocol';

/** At most this many restarts of a server that stopped unexpectedly within the window. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;
const restarts: number[] = [];

/** "Restart language server" by hand starts the count again. */
export function resetRestartCount(): void {
  restarts.length = 0;
}

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
  const watcher = vscode.workspace.createFileSystemWatcher(
    '**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.sql,tsconfig*.json,drizzle.config.json,package.json,pnpm-workspace.yaml}',
  );
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
        // The server stopped unexpectedly (a crash, or a framing error it logged before exiting): restart it, a
        // bounded number of times, so that a server that cannot stay up does not restart forever.
        const now = Date.now();
        restarts.splice(0, restarts.length, ...restarts.filter((t) => now - t < RESTART_WINDOW_MS), now);
        if (restarts.length > MAX_RESTARTS) {
          void vscode.window.showErrorMessage(
            `Index Insight: the language server stopped ${restarts.length} times in ${RESTART_WINDOW_MS / 60_000} minutes and was not restarted again. See "Index Insight: Show output"; "Index Insight: Restart language server" starts it.`,
          );
          return { action: CloseAction.DoNotRestart };
        }
        void vscode.window.showWarningMessage(
          `Index Insight: the language server stopped unexpectedly and is restarting (${restarts.length} of ${MAX_RESTARTS}). See "Index Insight: Show output".`,
        );
        return { action: CloseAction.Restart };
      },
    },
  };
  const client = new LanguageClient('indexInsight', 'Index Insight', serverOptions, clientOptions);
  await client.start();
  const sendDatabase = async () => {
    const trusted = vscode.workspace.isTrusted;
    const settings: DatabaseSettings = { trusted, url: trusted ? ((await context.secrets.get(SECRET_KEY)) ?? undefined) : undefined };
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
