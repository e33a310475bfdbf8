// Where a fix's migration goes: the config's `out`, resolved when it comes from an environment variable, or the
// reason no migration can be written there. Cheap: lists the folder, reads none of its files.
import path from 'node:path';
import { type DrizzleConfig } from '../read/drizzleConfig';
import { type Result, failure } from '../model/result';

export type MigrationTarget =
  /** No drizzle.config, or no migrations folder: the project pushes its schema. */
  { kind: 'push'; out: string | null } | { kind: 'folder'; out: string };

/** A migration is expected but cannot be written: where it goes is unknown here, or the folder lists nothing. */
export type MigrationTargetFailureCode = 'out-computed' | 'out-env-unset' | 'migrations-folder-empty';

export interface TargetReader {
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  directoryExists(dir: string): boolean;
}

export function migrationTarget(
  reader: TargetReader,
  config: DrizzleConfig | undefined,
  env?: (name: string) => string | undefined,
): Result<MigrationTarget, MigrationTargetFailureCode> {
  if (!config) return { ok: true, kind: 'push', out: null };
  const configName = path.basename(config.file);
  let out = config.out;
  const from = config.outFrom;
  if (from && 'expression' in from) {
    return failure(
      'out-computed',
      `\`out\` in ${configName} is computed (${from.expression}), so where the migrations go cannot be known without running it`,
    );
  }
  if (from) {
    const value = env?.(from.env);
    if (value) out = path.resolve(config.baseDir, value);
    else if (from.fallback === null)
      return failure('out-env-unset', `\`out\` in ${configName} is read from the environment variable ${from.env}, which is not set here`);
  }
  if (reader.readDirectory(out).length > 0) return { ok: true, kind: 'folder', out };
  if (reader.directoryExists(out)) {
    // An unreadable folder lists nothing either.
    return failure(
      'migrations-folder-empty',
      `the migrations folder ${path.relative(config.baseDir, out) || '.'} is empty or cannot be read: generate the first migration with drizzle-kit, or check its permissions`,
    );
  }
  return { ok: true, kind: 'push', out };
}
