// Whether a fix on a schema file can write a migration, for the lightbulb: the config's `out` (resolved from the
// server's environment), and the folder's consistency, read in full only when its journal or listing changed.
import path from 'node:path';
import { migrationTarget } from '../analysis/fix/migrationTarget';
import { readMigrationFolder } from '../analysis/schema/migrations/readMigrationsFolder';
import type { Project } from '../analysis/workspace/project';

export type MigrationState = { kind: 'migration' } | { kind: 'schemaOnly' } | { kind: 'blocked'; reason: string };

export const serverEnv = (name: string): string | undefined => process.env[name];

const verdicts = new Map<string, { signature: string; state: MigrationState }>();

export function migrationState(project: Project, schemaFile: string): MigrationState {
  const target = migrationTarget(project, project.configOf(schemaFile), serverEnv);
  if (target.kind === 'blocked') return target;
  if (target.kind === 'push') return { kind: 'schemaOnly' };
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
    const state: MigrationState =
      folder.kind === 'broken'
        ? { kind: 'blocked', reason: `the migrations folder is inconsistent: ${folder.reason}` }
        : folder.kind === 'none'
          ? { kind: 'schemaOnly' }
          : { kind: 'migration' };
    verdict = { signature, state };
    verdicts.set(target.out, verdict);
  }
  return verdict.state;
}
