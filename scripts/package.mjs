// Builds the .vsix with @vscode/vsce and prints its size and file list.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--out', out, '--allow-missing-repository', '--skip-license'], { stdio: 'inherit' });
const files = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--tree'], { encoding: 'utf8' });
console.log(`\n${out}: ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB\n${files}`);
