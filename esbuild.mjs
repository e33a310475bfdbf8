// Bundles the extension client, the language server and the CLI into dist/ (three separate bundles).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: {
    INDEX_INSIGHT_VERSION: JSON.stringify(pkg.version),
    INDEX_INSIGHT_REPOSITORY: JSON.stringify(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')),
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // PGlite loads its WebAssembly and data files from its own package folder: it stays a runtime dependency.
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', external: ['@electric-sql/pglite', 'pg-native'] },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['@electric-sql/pglite', 'pg-native'],
  },
];

// libpg-query is bundled; its WebAssembly is loaded from beside the bundle (`__dirname`), so it ships in dist/.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
