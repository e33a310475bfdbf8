// How the core reads the workspace. The language server overlays open documents; the CLI reads the disk.

export interface FileHost {
  /** Text of a file, or undefined when it does not exist, cannot be read, or is larger than `maxBytes`. */
  readFile(path: string, maxBytes?: number): string | undefined;
  /** Why the last read of an existing file or folder failed (too large, permission denied); undefined otherwise. */
  readFailure?(path: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  /**
   * Absolute paths of the workspace's source and migration files, and of the files that only name functions
   * (NAME_ONLY_FILE), node_modules and build output excluded.
   */
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

/**
 * Files read only to count the names they write (a page template calling a query function, a serverless.yml naming
 * a handler): never analysed, never reported when they cannot be read.
 */
export const NAME_ONLY_FILE = /\.(?:svelte|vue|astro|mdx|graphql|gql|ya?ml)$/;

/** Files whose text can call a function by name. */
export function mayNameFunctions(path: string): boolean {
  return isSourceFile(path) || NAME_ONLY_FILE.test(path);
}

/** Files larger than this are not read by default: generated bundles, not hand-written schema or queries. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
