// The ways planning a fix is expected to fail, each with a code its callers branch on (never on the message).

/** A migration writer (0.x journal, 1.0 folders) refused to add to the folder. */
export type MigrationWriteFailureCode = 'migration-file-exists' | 'snapshot-mismatch' | 'snapshot-unreadable' | 'snapshot-format-unsupported';

/** No migration can be written; the schema edit alone still can (plan again with `schemaOnly`). */
export type MigrationFailureCode =
  /** Where the migrations go is unknown here (`out` computed, or from an unset variable), or the folder lists nothing. */
  'migration-blocked' | 'migrations-folder-inconsistent' | MigrationWriteFailureCode;

export type PlanFailureCode =
  | 'nothing-to-do'
  /** A new index would take a name PostgreSQL already has in that schema. */
  | 'name-clash'
  | 'schema-unreadable'
  /** An index to remove has no declaration in the schema source to delete. */
  | 'index-not-in-source'
  /** The table's SQL name is built from a value we could not read: its index would be named and created blind. */
  | 'table-name-unknown'
  | MigrationFailureCode;

const MIGRATION_FAILURES: Record<MigrationFailureCode, true> = {
  'migration-blocked': true,
  'migrations-folder-inconsistent': true,
  'migration-file-exists': true,
  'snapshot-mismatch': true,
  'snapshot-unreadable': true,
  'snapshot-format-unsupported': true,
};

/** The failure is the migration's alone: the schema edit could still be made. */
export function isMigrationFailure(code: PlanFailureCode): code is MigrationFailureCode {
  return Object.hasOwn(MIGRATION_FAILURES, code);
}
