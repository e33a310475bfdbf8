// Edits as plain data: what a fix writes, for the LSP layer (WorkspaceEdit) and the CLI (files on disk) to apply.
import type { Result } from '../model/result';
import type { PlanFailureCode } from './planFailure';

export interface TextEdit {
  /** Offsets in the file's current text; start === end inserts. */
  start: number;
  end: number;
  newText: string;
}

export type FileChange =
  | { kind: 'create'; path: string; text: string }
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  /** The whole existing file gets new text (the migrations journal). */
  | { kind: 'replace'; path: string; text: string };

/** A file the plan read, with the hash of the text it saw (null: the file did not exist). */
export interface FileRead {
  path: string;
  hash: string | null;
}

export interface FixPlan {
  title: string;
  changes: FileChange[];
  /** Said to the user beside the edit (e.g. "push workflow: schema only"). */
  notes: string[];
  /** Every file the plan's offsets and contents depend on: a writer checks each is unchanged before writing. */
  reads: FileRead[];
  /** The migrations folder the plan writes into (where a writer takes its lock); absent: schema only. */
  migrationsDir?: string;
}

/** A failure's code says whether the schema edit alone could still be made (`isMigrationFailure`). */
export type PlanResult = Result<{ plan: FixPlan }, PlanFailureCode>;

/** What a migration writer adds to the migrations folder. */
export interface MigrationFiles {
  changes: FileChange[];
  notes: string[];
}

/** Applies non-overlapping edits to a text (used by the CLI and by tests). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
