// Custom requests and commands shared by the client and the server (types only on the client side).
import type { PlanFailureCode } from '../analysis/fix/planFailure';
import type { Result } from '../analysis/model/result';
import type { ProofFailureCode } from '../prove/proofError';

export const GENERATE_MIGRATION_COMMAND = 'indexInsight.server.generateMigration';
export const REANALYZE_COMMAND = 'indexInsight.server.reanalyze';
export const PROVE_COMMAND = 'indexInsight.server.prove';
/** Reads the database's statistics again (they are otherwise kept for indexInsight.database.statisticsTtlMinutes). */
export const REFRESH_STATISTICS_COMMAND = 'indexInsight.server.refreshStatistics';
/** Client command run by an index's CodeLens: lists the queries it serves (arguments: IndexUsersArgs). */
export const SHOW_INDEX_USERS_COMMAND = 'indexInsight.showIndexUsers';

export interface IndexUsersArgs {
  uri: string;
  position: { line: number; character: number };
  locations: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}
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
  /**
   * Set when every query it serves is one the analysis weighs as not needing an index (in code nothing calls, in
   * deprecated code, or a write no read needs it for): why, and the picker leaves it unchecked.
   */
  notNeeded?: string;
}

export interface GenerateMigrationArgs {
  /** Index names to include (default: all proposals). */
  include?: string[];
  name?: string;
}

/**
 * `no-findings`: nothing to add; `edit-not-applied`: the editor refused the edit; `folders-failed`: in a multi-root
 * workspace, some folder's migration failed (its message names each); a plan's own code for one folder.
 */
export type GenerateMigrationFailureCode = 'no-findings' | 'edit-not-applied' | 'folders-failed' | PlanFailureCode;

export type GenerateMigrationResult = Result<
  {
    title: string;
    notes: string[];
    /** The migration SQL file, when one was written. */
    migrationUri?: string;
    files: string[];
  },
  GenerateMigrationFailureCode
>;

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

/** `needs-consent`: the index can only be built (and rolled back), which the user must agree to; `internal-error`: a bug. */
export type ProveFailureCode = ProofFailureCode | 'not-in-workspace' | 'internal-error';

export type ProveResult = Result<{ database: 'embedded' | 'live'; ratio: number | null; view: ProofView }, ProveFailureCode>;

/** One node of a plan as the proof view draws it. */
export interface PlanTreeNode {
  type: string;
  relation: string | null;
  index: string | null;
  /** The planner's estimate. */
  rows: number | null;
  /** EXPLAIN ANALYZE only. */
  actualRows: number | null;
  cost: number | null;
  /** Actual total time of the node, ms (EXPLAIN ANALYZE only). */
  ms: number | null;
  /** Present in this plan and not in the other one (`added`: in the plan with the index; `removed`: in the plan now). */
  change: 'added' | 'removed' | null;
  children: PlanTreeNode[];
}

export interface PlanView {
  root: PlanTreeNode;
  /** Execution time (embedded) or null (live: estimates only). */
  ms: number | null;
  cost: number;
}

/** Everything the proof view shows: plain data, escaped by the view. */
export interface ProofView {
  /** `proof`: before and after the proposed index; `served`: the plan of a query an index already serves. */
  kind: 'proof' | 'served';
  sql: string;
  database: 'embedded' | 'live';
  index: { name: string; table: string; columns: string[]; where: string | null } | null;
  servedBy: string | null;
  before: PlanView;
  after: PlanView | null;
  /** before / after: execution time on the embedded database, estimated cost on a live one. */
  ratio: number | null;
  notes: string[];
}
