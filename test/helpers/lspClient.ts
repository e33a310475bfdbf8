// A real LSP client over stdio against the built server (dist/server.js), for protocol tests and benchmarks.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeParams, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from './applyWorkspaceEdit';
import { URI } from 'vscode-uri';

export const SERVER = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** A diagnostic's message as text (a string, or Markdown content). */
export const messageText = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

export interface LspTestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Latest diagnostics per uri. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `until`. */
  waitForDiagnostics(uri: string, until: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  waitForNotification<T>(method: string, timeoutMs?: number): Promise<T>;
  logs: string[];
  /** window/showMessage texts. */
  shown: string[];
  stop(): Promise<void>;
}

export function fileUri(p: string): string {
  return URI.file(p).toString();
}

/** The `workspaceFolders` of an initialize request for these folders (a multi-root editor when several). */
export function workspaceFolders(...dirs: string[]): { uri: string; name: string }[] {
  return dirs.map((d) => ({ uri: fileUri(d), name: path.basename(d) }));
}

export interface ClientOptions {
  /** Answers `workspace/configuration` per item (default: null, i.e. the server's defaults). */
  configuration?: (item: { scopeUri?: string; section?: string }) => unknown;
}

export async function startServer(
  root: string,
  init: Partial<InitializeParams> = {},
  nodeArgs: string[] = [],
  options: ClientOptions = {},
): Promise<LspTestClient> {
  const child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: { uri: string; until: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  const notificationWaiters = new Map<string, ((v: unknown) => void)[]>();
  const logs: string[] = [];
  const shown: string[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.until(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onNotification('window/showMessage', (p: { message: string }) => {
    shown.push(p.message);
  });
  connection.onNotification((method: string, params: unknown) => {
    const list = notificationWaiters.get(method);
    if (list) {
      notificationWaiters.delete(method);
      for (const r of list) r(params);
    }
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
    p.items.map((item) => options.configuration?.(item) ?? null),
  );
  connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => applyWorkspaceEdit(p.edit));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: fileUri(root),
    workspaceFolders: workspaceFolders(root),
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    },
    ...init,
  });
  await connection.sendNotification('initialized', {});
  const deadline = <T>(p: Promise<T>, ms: number, what: string) =>
    Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms).unref())]);
  return {
    connection,
    process: child,
    diagnostics,
    logs,
    shown,
    waitForDiagnostics(uri, until, timeoutMs = 15000) {
      const current = diagnostics.get(uri);
      if (current && until(current)) return Promise.resolve(current);
      return deadline(new Promise((resolve) => waiters.push({ uri, until, resolve })), timeoutMs, `diagnostics of ${uri}`);
    },
    waitForNotification<T>(method: string, timeoutMs = 15000) {
      return deadline(
        new Promise<T>((resolve) => {
          const list = notificationWaiters.get(method) ?? [];
          list.push(resolve as (v: unknown) => void);
          notificationWaiters.set(method, list);
        }),
        timeoutMs,
        method,
      );
    },
    async stop() {
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      try {
        await Promise.race([connection.sendRequest('shutdown'), sleep(2000)]);
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, sleep(3000)]);
      connection.dispose();
      child.kill();
    },
  };
}
