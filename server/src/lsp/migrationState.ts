// Whether a fix on a schema file can write a migration, for the lightbulb: the config's `out` (resolved from the
// server's environment), and the folder's consistency, read in full only when its journal or listing changed.
import path from 'node:path';
import { type MigrationTargetFailureCode, migrationTarget } from '../analysis/fix/migrationTarget';
import { type Result, failure } from '../analysis/model/result';
import { readMigrationFolder } from '../analysis/schema/migrations/readMigrationsFolder';
import type { Project } from '../analysis/workspace/project';

/** What a fix on the file writes: a migration, or the schema edit alone (push workflow); a failure: no migration can be written. */
export type MigrationState = Result<{ writes: 'migration' | 'schema-only' }, MigrationTargetFailureCode | 'migrations-folder-inconsistent'>;

export const serverEnv = (name: string): string | undefined => process.env[name];

const verdicts = new Map<string, { signature: string; state: MigrationState }>();

export function migrationState(project: Project, schemaFile: string): MigrationState {
  const target = migrationTarget(project, project.configOf(schemaFile), serverEnv);
  if (!target.ok) return target;
  if (target.kind === 'push') return { ok: true, writes: 'schema-only' };
  const reader = { readDirectory: (d: string) => project.readDirectory(d), readFile: (p: string) => project.readFileFresh(p) };
  const listing = (d: string) =>
    reader
      .readDirectory(d)
      .map((e) => e.name)
      .sort()
      .join('/');
  const signature = [
    reader.readFile(path.join(target.out, 'meta', '_journal.json')) ?? '',
    listing(target.out),
    listing(path.join(target.out, 'meta')),
  ].join('\0');
  let verdict = verdicts.get(target.out);
  if (verdict?.signature !== signature) {
    const folder = readMigrationFolder(target.out, reader);
    const state: MigrationState = !folder.ok
      ? failure('migrations-folder-inconsistent', `the migrations folder is inconsistent: ${folder.message}`)
      : { ok: true, writes: folder.kind === 'none' ? 'schema-only' : 'migration' };
    verdict = { signature, state };
    verdicts.set(target.out, verdict);
  }
  return verdict.state;
}
