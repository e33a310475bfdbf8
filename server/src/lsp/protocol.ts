// Custom requests and commands shared by the client and the server (types only on the client side).

export const GENERATE_MIGRATION_COMMAND = 'indexInsight.server.generateMigration';
export const REANALYZE_COMMAND = 'indexInsight.server.reanalyze';
export const PROVE_COMMAND = 'indexInsight.server.prove';
/** Client command: saves the files a fix wrote (they are left dirty by a WorkspaceEdit). */
export const SAVE_FILES_COMMAND = 'indexInsight.saveFiles';
/** Client command: puts a migration's SQL on the clipboard (arguments: `CopySqlArgs`). */
export const COPY_SQL_COMMAND = 'indexInsight.copyMigrationSql';
export const PROPOSALS_REQUEST = 'indexInsight/proposals';
export const SCAN_FINISHED_NOTIFICATION = 'indexInsight/scanFinished';
export const DATABASE_NOTIFICATION = 'indexInsight/database';

export interface CopySqlArgs {
  sql: string;
  /** Why no migration file could be written (said with the copy). */
  reason: string;
}

/** Sent by the client at start and when the connection or the workspace trust changes. */
export interface DatabaseSettings {
  url?: string;
  trusted: boolean;
}

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

export interface ProveArgs {
  uri: string;
  /** 0-based line of the query. */
  line: number;
  /** From the client's secret storage; never logged. */
  databaseUrl?: string;
  /** The workspace is trusted: a database and the workspace's .env may be used. */
  trusted?: boolean;
  rows?: number;
  /** The user confirmed building the index (rolled back) where HypoPG is missing. */
  allowBuild?: boolean;
}

export type ProveResult = { ok: true; markdown: string; database: 'embedded' | 'live'; ratio: number } | { ok: false; error: string; needsConfirmation?: boolean };
