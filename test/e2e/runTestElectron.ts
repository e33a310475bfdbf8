// The same e2e suite through @vscode/test-electron, for machines that can download VS Code (not this one: see
// README). Usage: npx tsx test/e2e/runTestElectron.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './codeServer';

async function main() {
  const repo = path.join(__dirname, '..', '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-electron-'));
  const suite = path.join(tmp, 'suite', 'index.js');
  buildSuite(suite);
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'deep-scan'), workspace, { recursive: true });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: repo,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(tmp, 'user-data')}`, '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
