// Files whose queries are never reported: tests, fixtures and one-off scripts by default. Their tables still count.
import path from 'node:path';
import picomatch from 'picomatch';

/** Test, fixture and one-off script code: a table scan there is not worth a warning. */
export const DEFAULT_EXCLUDE: readonly string[] = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/fixtures/**',
  '**/scripts/**',
  '**/migration-scripts/**',
  '**/seed/**',
  '**/seeds/**',
  '**/*.seed.*',
  '**/seed.*',
  '**/backfill*',
  '**/backfills/**',
];

/**
 * Whether a file is excluded, matched on its path relative to the workspace root (forward slashes).
 * `globs` undefined: the defaults; an empty list: nothing is excluded.
 */
export function makeExclude(root: string, globs: readonly string[] | undefined): (file: string) => boolean {
  const list = globs ?? DEFAULT_EXCLUDE;
  if (list.length === 0) return () => false;
  const match = picomatch([...list], { dot: true });
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('../') && match(rel);
  };
}
