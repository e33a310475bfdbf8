// Custom requests and commands shared by the client and the server (types only on the client side).

export const GENERATE_MIGRATION_COMMAND = 'indexInsight.server.generateMigration';
export const REANALYZE_COMMAND = 'indexInsight.server.reanalyze';
export const PROPOSALS_REQUEST = 'indexInsight/proposals';
export const SCAN_FINISHED_NOTIFICATION = 'indexInsight/scanFinished';

export interface ProposalItem {
  name: string;
  table: string;
  columns: string[];
  where: string | null;
  /** `file:line` of each query the index serves, relative to the workspace folder. */
  sites: string[];
}

export interface GenerateMigrationArgs {
  /** Index names to include (default: all proposals). */
  include?: string[];
  name?: string;
}

export interface GenerateMigrationResult {
  applied: boolean;
  title?: string;
  notes?: string[];
  error?: string;
  /** The migration SQL file, when one was written. */
  migrationUri?: string;
  files?: string[];
}
