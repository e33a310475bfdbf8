// How the core reads the workspace. The language server overlays open documents; the CLI reads the disk.

export interface FileHost {
  /** Text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  /** Absolute paths of the workspace's source and migration files (node_modules and build output excluded). */
  listFiles(root: string): string[];
  /** Entries of one folder (empty when it does not exist). */
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  /** Follows symbolic links (workspace packages linked into node_modules). */
  realpath(path: string): string;
}

export const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export function isSourceFile(path: string): boolean {
  return SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path);
}
