// Builds the .vsix with @vscode/vsce and prints its size and file list. The Marketplace page is README.md without
// its "Development" section (the contributors' commands stay in the repository's README, not in the .vsix).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;

export function marketplaceReadme(readme) {
  return readme.replace(/\n## Development\n[\s\S]*?(?=\n## |$)/, '\n').replace(/\n+$/, '\n');
}

// vsce takes the readme from the extension folder: a transient file there (git-ignored), removed afterwards.
const readme = 'README.marketplace.md';
try {
  writeFileSync(readme, marketplaceReadme(readFileSync('README.md', 'utf8')));
  execFileSync(
    process.execPath,
    ['node_modules/@vscode/vsce/vsce', 'package', '--out', out, '--readme-path', readme, '--allow-missing-repository', '--skip-license'],
    { stdio: 'inherit' },
  );
} finally {
  rmSync(readme, { force: true });
}
const files = execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--tree'], { encoding: 'utf8' });
console.log(`\n${out}: ${(statSync(out).size / 2 ** 20).toFixed(1)} MiB\n${files}`);
