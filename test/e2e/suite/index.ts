// Test entry for the extension host: the same `run()` that @vscode/test-electron expects.
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'index-insight-e2e', mocha);
  // Registered after the tdd globals exist (the bundle evaluates these modules lazily). The runner opens a
  // workspace without Drizzle, or the Drizzle one trusted or not; each launch runs the suite written for it.
  const folder = vscode.workspace.workspaceFolders?.[0].uri.path ?? '';
  if (folder.endsWith('/no-drizzle')) await import('./noDrizzle.test.js');
  else if (vscode.workspace.isTrusted) {
    await import('./extension.test.js');
    await import('./undo.test.js');
  } else await import('./untrusted.test.js');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const total = mocha.suite.total();
  console.log(`${total - failures} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
