// Test entry for the extension host: the same `run()` that @vscode/test-electron expects.
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'index-insight-e2e', mocha);
  // Registered after the tdd globals exist (the bundle evaluates these modules lazily). The runner opens the
  // workspace trusted or not; each launch runs the suite written for it.
  if (vscode.workspace.isTrusted) {
    require('./extension.test');
    require('./undo.test');
  }
  else require('./untrusted.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const total = mocha.suite.total();
  console.log(`${total - failures} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
