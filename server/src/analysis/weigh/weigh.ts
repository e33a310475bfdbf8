// The stage after findings: with the database's statistics, each finding gets an estimate of the rows it reads
// now and with its proposal, the workload of its statements, and a decision: a Warning when the gain is large,
// silent when it is small or the table is small, unknown (the static severity stands) without statistics.
import type { Finding, Table } from '../model';
import { type Estimate, about, estimateFinding } from './estimate';
import { statementIndex, type Workload } from './matchStatements';
import { type DatabaseStatistics, tableStatistics } from './statistics';

export interface WeighSettings {
  /** Below this ratio of rows read now to rows read with the proposal, a finding is silent. */
  minGain: number;
  /** A query reading fewer rows than this now is silent. */
  minRowsRead: number;
  /** Findings on tables with fewer rows than this are silent. */
  minTableRows: number;
}

export const DEFAULT_WEIGH_SETTINGS: WeighSettings = { minGain: 10, minRowsRead: 1000, minTableRows: 10_000 };

export type Decision = { kind: 'warning' | 'silent' | 'unknown'; reason: string };

/** A large gain is a Warning whatever the static rule said, unless the user asked for errors or nothing. */
export function weighedSeverity<S extends string>(configured: S, decision: Decision | undefined): S | 'warning' {
  return decision?.kind === 'warning' ? raisedSeverity(configured) : configured;
}

/** The configured severity raised to a Warning (errors and `off` stay as the user set them). */
export function raisedSeverity<S extends string>(configured: S): S | 'warning' {
  return configured !== 'error' && configured !== 'off' ? 'warning' : configured;
}

export interface WeighInput {
  finding: Finding;
  /** The finding's table in the schema. */
  table: Table | undefined;
  /** The SQL its query site renders, when every part of it is known. */
  sql: string | undefined;
}

export interface WeighedFinding {
  finding: Finding;
  estimate?: Estimate;
  workload?: Workload;
  decision: Decision;
}

export function weighFindings(inputs: WeighInput[], stats: DatabaseStatistics, settings: WeighSettings = DEFAULT_WEIGH_SETTINGS): WeighedFinding[] {
  const statements = stats.statements ? statementIndex(stats.statements) : undefined;
  const out = inputs.map(({ finding, table, sql }): WeighedFinding => {
    const workload = statements && sql !== undefined ? statements.workload(sql) : undefined;
    const ts = table && tableStatistics(stats, table);
    if (!table || !ts) return { finding, workload, decision: { kind: 'unknown', reason: `${finding.table} is not in the database` } };
    const estimate = estimateFinding(finding, table, ts);
    return { finding, workload, estimate, decision: decide(estimate, settings) };
  });
  // Ordered by the time the statements took; findings without a workload keep their order after them.
  return out
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (b.w.workload?.totalMs ?? -1) - (a.w.workload?.totalMs ?? -1) || a.i - b.i)
    .map((x) => x.w);
}

export function decide(e: Estimate | undefined, s: WeighSettings): Decision {
  if (!e) return { kind: 'unknown', reason: 'the table or its columns have no statistics (run ANALYZE)' };
  if (e.tableRows < s.minTableRows)
    return { kind: 'silent', reason: `the table has about ${about(e.tableRows)} rows (under ${about(s.minTableRows)})` };
  if (e.rowsReadNow < s.minRowsRead)
    return { kind: 'silent', reason: `the query reads about ${about(e.rowsReadNow)} rows now (under ${about(s.minRowsRead)})` };
  const gain = e.rowsReadNow / e.rowsReadWithProposal;
  if (gain < s.minGain) return { kind: 'silent', reason: `the proposal reads only ${gain.toFixed(1)}x fewer rows (under ${s.minGain}x)` };
  return { kind: 'warning', reason: `the proposal reads about ${about(gain)}x fewer rows` };
}

/** The workload in words: "120 calls, 8.2 ms mean, 984 ms total (31% of the database's time), 2,500 rows". */
export function describeWorkload(w: Workload): string {
  const ms = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 1 : 2));
  return `${w.calls.toLocaleString('en-US')} call${w.calls === 1 ? '' : 's'}, ${ms(w.meanMs)} ms mean, ${ms(w.totalMs)} ms total (${(w.share * 100).toFixed(w.share < 0.1 ? 1 : 0)}% of the database's time), ${w.rows.toLocaleString('en-US')} rows`;
}

/** The finding's message with what the database says. */
export function weighedMessage(w: WeighedFinding): string {
  const parts = [w.finding.message];
  if (w.estimate) parts.push(w.estimate.text);
  if (w.workload) parts.push(`Workload: ${describeWorkload(w.workload)}.`);
  return parts.join(' ');
}
