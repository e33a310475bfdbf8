// The VS Code extension: starts the bundled language server and forwards settings and file changes to it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
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
  };
  client = new LanguageClient('indexInsight', 'Index Insight', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('indexInsight.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('indexInsight.showOutput', () => output.show(true)),
    output,
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
