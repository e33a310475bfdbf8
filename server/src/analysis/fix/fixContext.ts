// What a fix plan reads (the analysis' view of the workspace) and what it is asked to do.
import type { DrizzleConfig } from '../read/drizzleConfig';
import type { IndexDef, Proposal, SchemaModel, Table } from '../model';
import type { IndexSpec } from '../sqlText/indexDdl';

export interface FixContext {
  /** The text the schema model was built from. */
  readFile(p: string): string | undefined;
  /** The current text on disk (for the migrations folder, which changes behind the analysis' back). */
  readFileFresh(p: string): string | undefined;
  fileExists(p: string): boolean;
  directoryExists(dir: string): boolean;
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  /** The config a schema file belongs to (its migrations folder). */
  configOf(file: string): DrizzleConfig | undefined;
  schema(): SchemaModel;
}

export interface FixRequest {
  add: { table: Table; proposal: Proposal }[];
  /** Redundant indexes to remove (opt-in); the reverse migration recreates them. */
  remove?: { table: Table; index: IndexDef }[];
  /** Migration name; defaults from the first index. */
  name?: string;
  now: Date;
  newId: () => string;
  /** Edit the schema only, with this reason said in the notes (no migration can be written). */
  schemaOnly?: string;
  /** Environment variables, for a drizzle.config whose `out` reads one (absent: none is known). */
  env?: (name: string) => string | undefined;
}

export function migrationName(name: string | undefined, adds: IndexSpec[], removes: IndexSpec[] = []): string {
  const raw =
    name ??
    (adds.length === 1
      ? `add_${adds[0].name}`
      : adds.length > 1
        ? `add_${adds.length}_indexes`
        : removes.length === 1
          ? `drop_${removes[0].name}`
          : `drop_${removes.length}_indexes`);
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 80) || 'add_indexes'
  );
}
