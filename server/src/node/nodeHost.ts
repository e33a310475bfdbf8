// FileHost over the real file system (used by the CLI and, beneath open documents, by the language server).
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { DEFAULT_MAX_FILE_BYTES, type FileHost, describeBytes } from '../analysis/host/fileHost';

export const IGNORED_DIRS = ['node_modules', '.git', 'dist', 'build', '.next', '.turbo', '.svelte-kit', 'coverage', '.vscode-test', '.cache'];

export class NodeFileHost implements FileHost {
  /** path -> why it could not be read (it exists). */
  private readonly failures = new Map<string, string>();

  readFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string | undefined {
    this.failures.delete(file);
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) return undefined;
      if (stat.size > maxBytes) {
        this.failures.set(file, `${describeBytes(stat.size)}, over the ${describeBytes(maxBytes)} limit`);
        return undefined;
      }
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      this.fail(file, e);
      return undefined;
    }
  }

  readFailure(file: string): string | undefined {
    return this.failures.get(file);
  }

  private fail(file: string, e: unknown): void {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    this.failures.set(file, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `could not be read (${code ?? (e as Error).message})`);
  }

  // A missing path is the usual answer (module resolution probes extensions and folders): no exception is made for it.
  fileExists(file: string): boolean {
    try {
      return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  }

  directoryExists(dir: string): boolean {
    try {
      return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    this.failures.delete(dir);
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
    } catch (e) {
      this.fail(dir, e);
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
      .sync(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,sql,svelte,vue,astro,mdx,graphql,gql,yml,yaml}', '**/drizzle.config.json', '**/tsconfig.json'], {
        cwd: root,
        absolute: true,
        dot: false,
        followSymbolicLinks: false,
        suppressErrors: true,
        // A lockfile names packages, never functions (and pnpm's is YAML of several MB).
        ignore: [...IGNORED_DIRS.map((d) => `**/${d}/**`), '**/pnpm-lock.yaml'],
      })
      .map((f) => path.resolve(f))
      .sort();
  }
}
