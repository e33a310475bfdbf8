// The extension as VS Code activates it through its activation events: the tests never call activate() themselves.
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

export const EXTENSION_ID = 'index-insight.index-insight';

export interface Api {
  client(): { isRunning(): boolean } | undefined;
  findingsCount(): number;
  statusBarText(): string | undefined;
  notRunningReason(): string | undefined;
}

export async function activated(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  await waitFor(() => ext.isActive, 'VS Code to activate the extension from its activation events');
  return ext.exports;
}
