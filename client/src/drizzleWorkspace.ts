// Finds what makes this workspace a Drizzle workspace, so that the language server starts only there.
import * as vscode from 'vscode';
import { DRIZZLE_CONFIG_GLOB, EXCLUDE_GLOB, PACKAGE_JSON_GLOB, dependsOnDrizzle } from './drizzleDetect';

const MAX_PACKAGE_FILES = 500;
const ROOT_CONFIGS = ['ts', 'js', 'mjs', 'cjs', 'mts', 'cts', 'json'].map((ext) => `drizzle.config.${ext}`);

/** The workspace-relative path of a drizzle config or of a package.json depending on drizzle-orm; undefined if none. */
export async function findDrizzle(): Promise<string | undefined> {
  // The usual places first, without a search (a workspace search is slow on a large or busy machine).
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const name of ROOT_CONFIGS)
      if (await exists(vscode.Uri.joinPath(folder.uri, name))) return vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, name));
    const pkg = vscode.Uri.joinPath(folder.uri, 'package.json');
    if (await usesDrizzle(pkg)) return vscode.workspace.asRelativePath(pkg);
  }
  const [config] = await vscode.workspace.findFiles(DRIZZLE_CONFIG_GLOB, EXCLUDE_GLOB, 1);
  if (config) return vscode.workspace.asRelativePath(config);
  for (const uri of await vscode.workspace.findFiles(PACKAGE_JSON_GLOB, EXCLUDE_GLOB, MAX_PACKAGE_FILES)) {
    if (await usesDrizzle(uri)) return vscode.workspace.asRelativePath(uri);
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function usesDrizzle(packageJson: vscode.Uri): Promise<boolean> {
  try {
    return dependsOnDrizzle(new TextDecoder().decode(await vscode.workspace.fs.readFile(packageJson)));
  } catch {
    return false; // missing or unreadable: not a reason to start
  }
}

/** Fires when a file that can change the answer of findDrizzle is created or changed. */
export function watchDrizzleMarkers(onChange: () => void): vscode.Disposable {
  const watchers = [DRIZZLE_CONFIG_GLOB, PACKAGE_JSON_GLOB].map((glob) => vscode.workspace.createFileSystemWatcher(glob, false, false, true));
  const subs = watchers.flatMap((w) => [w.onDidCreate(onChange), w.onDidChange(onChange)]);
  return vscode.Disposable.from(...watchers, ...subs);
}
