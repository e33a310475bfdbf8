// Finds what makes this workspace a Drizzle workspace, so that the language server starts only there.
import * as vscode from 'vscode';
import { DRIZZLE_CONFIG_GLOB, EXCLUDE_GLOB, PACKAGE_JSON_GLOB, dependsOnDrizzle } from './drizzleDetect';

const MAX_PACKAGE_FILES = 500;

/** The workspace-relative path of a drizzle config or of a package.json depending on drizzle-orm; undefined if none. */
export async function findDrizzle(): Promise<string | undefined> {
  const [config] = await vscode.workspace.findFiles(DRIZZLE_CONFIG_GLOB, EXCLUDE_GLOB, 1);
  if (config) return vscode.workspace.asRelativePath(config);
  for (const uri of await vscode.workspace.findFiles(PACKAGE_JSON_GLOB, EXCLUDE_GLOB, MAX_PACKAGE_FILES)) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (dependsOnDrizzle(text)) return vscode.workspace.asRelativePath(uri);
    } catch {
      // Unreadable: not a reason to start.
    }
  }
  return undefined;
}

/** Fires when a file that can change the answer of findDrizzle is created or changed. */
export function watchDrizzleMarkers(onChange: () => void): vscode.Disposable {
  const watchers = [DRIZZLE_CONFIG_GLOB, PACKAGE_JSON_GLOB].map((glob) => vscode.workspace.createFileSystemWatcher(glob, false, false, true));
  const subs = watchers.flatMap((w) => [w.onDidCreate(onChange), w.onDidChange(onChange)]);
  return vscode.Disposable.from(...watchers, ...subs);
}
