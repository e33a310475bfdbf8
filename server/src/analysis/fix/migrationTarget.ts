// Where a fix's migration goes: the config's `out`, resolved when it comes from an environment variable, or the
// reason no migration can be written there. Cheap: lists the folder, reads none of its files.
import path from 'node:path';
import { type DrizzleConfig } from '../read/drizzleConfig';

export type MigrationTarget =
  /** No drizzle.config, or no migrations folder: the project pushes its schema. */
  | { kind: 'push'; out: string | null }
  | { kind: 'folder'; out: string }
  /** A migration is expected but cannot be written. */
  | { kind: 'blocked'; reason: string };

export interface TargetReader {
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  directoryExists(dir: string): boolean;
}

export function migrationTarget(
  reader: TargetReader,
  config: DrizzleConfig | undefined,
  env?: (name: string) => string | undefined,
): MigrationTarget {
  if (!config) return { kind: 'push', out: null };
  const configName = path.basename(config.file);
  let out = config.out;
  const from = config.outFrom;
  if (from && 'expression' in from) {
    return {
      kind: 'blocked',
      reason: `\`out\` in ${configName} is computed (${from.expression}), so where the migrations go cannot be known without running it`,
    };
  }
  if (from) {
    const value = env?.(from.env);
    if (value) out = path.resolve(config.baseDir, value);
    else if (from.fallback === null)
      return { kind: 'blocked', reason: `\`out\` in ${configName} is read from the environment variable ${from.env}, which is not set here` };
  }
  if (reader.readDirectory(out).length > 0) return { kind: 'folder', out };
  if (reader.directoryExists(out)) {
    return {
      kind: 'blocked',
      reason: `the migrations folder ${path.relative(config.baseDir, out) || '.'} is empty or cannot be read: generate the first migration with drizzle-kit, or check its permissions`,
    };
  }
  return { kind: 'push', out };
}
