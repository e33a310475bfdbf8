// Verdicts, proposals and findings: what the judge and propose stages produce.
import type { AtomKind, SiteKind, Span } from './summary';
import type { IndexDef, Predicate, Table } from './schema';

export type Verdict = 'served' | 'partly' | 'unserved' | 'not-applicable';

export interface FilterColumn {
  column: string;
  kind: AtomKind;
}

export interface Proposal {
  name: string;
  columns: string[];
  /** The partial index's predicate as SQL (`"status" = 'pending'`), null for a plain index. */
  where: string | null;
  /** The same predicate as data, for the schema source and the migration (`where` is its text). */
  predicate: Predicate | null;
  /** The site's literal tests on few-valued columns and soft deletes, which a fold shared by all its sites makes the WHERE. */
  literalTests?: Predicate[];
  /** How many leading columns are compared by equality (their order is free); the rest is a range/ORDER BY column. */
  equalityCount?: number;
}

export interface Position {
  line: number; // 0-based
  character: number; // 0-based, UTF-16 units
}

export interface Range {
  start: Position;
  end: Position;
}

/** How one table of one query site fares against the table's indexes. */
export interface Evaluation {
  table: Table;
  verdict: Verdict;
  filter: FilterColumn[];
  bestIndex: IndexDef | null;
  /** Leading columns of bestIndex that the filter's equality columns cover. */
  prefix: string[];
  proposal: Proposal | null;
  /** The column after the prefix whose range bestIndex bounds. */
  rangeBound: string | null;
  /** Indexes PostgreSQL can combine with bestIndex in a BitmapAnd. */
  bitmapAnd: string[];
  /** Unserved: a multi-column index that PostgreSQL 18 can skip-scan for a filtered column in a later position. */
  skipScan: string | null;
  /** Unserved: a partial index leads with a filtered column; the filter neither implies nor contradicts its predicate (name, WHERE). */
  unusablePartial?: { name: string; where: string } | null;
  /** Unserved: a partial index leads with a filtered column, but its predicate excludes the rows the filter wants. */
  excludingPartial?: { name: string; column: string; where: string } | null;
  /** The finding is about one branch of an OR whose always-present conditions no index can use. */
  orBranch: { branch: number; branches: FilterColumn[][] } | null;
  /** Why this verdict, in words, for hover. */
  reasons: string[];
  span: Span;
  /** The table an UPDATE or DELETE writes (its filter finds the rows to change); absent for reads. */
  writes?: 'update' | 'delete';
}

export type FindingCode = 'unserved-filter' | 'partly-served-filter';

export interface Finding {
  file: string;
  span: Span;
  range: Range;
  code: FindingCode;
  verdict: 'unserved' | 'partly';
  /**
   * Which severity setting applies: the verdict's, except that an unserved filter on few-valued columns only
   * (booleans, enums, NULL tests), or one a partial index serves once the query states its predicate, is weighed
   * like a partly served one (findings/severityClass.ts); `uncalled`: the query is in a function nothing in the
   * workspace calls or in deprecated code (findings/uncalled.ts); `writeOnly`: an UPDATE or DELETE whose filtered
   * columns no read of a called function names (findings/writeOnly.ts). Each a setting of its own.
   */
  severityClass: 'unserved' | 'partly' | 'uncalled' | 'writeOnly';
  table: string;
  tableId: string;
  filter: FilterColumn[];
  bestIndex: string | null;
  proposal: Proposal;
  message: string;
  /** The named function the query is in (see QuerySiteSummary.caller), for the check that something calls it. */
  caller?: string | null;
  /**
   * Set when the finding is on the table an UPDATE or DELETE writes (see Evaluation.writes); `foreignKey`: a
   * filtered column is part of a declared foreign key.
   */
  writes?: { statement: 'update' | 'delete'; foreignKey: boolean };
  /** Why the severity class is `uncalled` or `writeOnly`, one sentence (hover). */
  severityWhy?: string;
}

/** A remark on the schema itself (not on a query), e.g. an index another one makes redundant. */
export interface SchemaHint {
  file: string;
  span: Span;
  range: Range;
  code: 'redundant-index';
  table: string;
  tableId: string;
  index: string;
  coveredBy: string;
  message: string;
}

export interface SiteReport {
  file: string;
  span: Span;
  range: Range;
  kind: SiteKind;
  evaluations: Evaluation[];
  suppressed: boolean;
  /** Each relation a relational query loads with its own `where` (nested too): a query site of its own. */
  loads: LoadReport[];
}

/** `with: { members: { where } }`: the related table, when the relation resolved; its evaluations are the site's at `whereSpan`. */
export interface LoadReport {
  name: string;
  whereSpan: Span;
  table: Table | null;
}
