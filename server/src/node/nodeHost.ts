// FileHost over the real file system (used by the CLI and, beneath open documents, by the language server).
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { FileHost } from '../analysis/host/fileHost';

export const IGNORED_DIRS = ['node_modules', '.git', 'dist', 'build', '.next', '.turbo', '.svelte-kit', 'coverage', '.vscode-test', '.cache'];

/** Files larger than this are not read: generated bundles, not hand-written schema or queries. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export class NodeFileHost implements FileHost {
  readFile(file: string): string | undefined {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  fileExists(file: string): boolean {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  directoryExists(dir: string): boolean {
    try {
      return fs.statSync(dir).isDirectory();
    } catch {
      return false;
    }
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
    } catch {
      return [];
    }
  }

  realpath(file: string): string {
    try {
      return fs.realpathSync(file);
    } catch {
      return file;
    }
  }

  listFiles(root: string): string[] {
    return fg
      .sync(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,sql}', '**/drizzle.config.json', '**/tsconfig.json'], {
        cwd: root,
        absolute: true,
        dot: false,
        followSymbolicLinks: false,
        suppressErrors: true,
        ignore: IGNORED_DIRS.map((d) => `**/${d}/**`),
      })
      .map((f) => path.resolve(f))
      .sort();
  }
}
