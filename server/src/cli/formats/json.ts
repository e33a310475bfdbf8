// `--format json`: one object with every finding (positions 1-based, paths relative to the root).
import path from 'node:path';
import type { Finding } from '../../analysis/model';
import type { CheckResult } from '../check';
import type { DatabaseCheck } from '../checkDatabase';
import type { WeighedFinding } from '../../analysis/weigh/weigh';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  table: string;
  filter: Finding['filter'];
  verdict: Finding['verdict'];
  bestIndex: string | null;
  proposal: Pick<Finding['proposal'], 'name' | 'columns' | 'where'>;
  message: string;
  /** With --database-url: the statements this query ran (pg_stat_statements), absent when unknown. */
  workload?: { calls: number; totalMs: number; meanMs: number; rows: number };
  /** With --database-url: rows read now and with the proposal, from the planner's statistics, absent when unknown. */
  estimate?: { tableRows: number; rowsReadNow: number; rowsReadWithProposal: number };
  /** With --database-url: why the finding is reported or silenced. */
  decision?: string;
}

export function toJsonFinding(root: string, f: Finding, severity: string, w?: WeighedFinding): JsonFinding {
  const out: JsonFinding = {
    file: relative(root, f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity,
    code: f.code,
    table: f.table,
    filter: f.filter,
    verdict: f.verdict,
    bestIndex: f.bestIndex,
    proposal: { name: f.proposal.name, columns: f.proposal.columns, where: f.proposal.where },
    message: f.message,
  };
  if (w?.workload)
    out.workload = { calls: w.workload.calls, totalMs: round(w.workload.totalMs), meanMs: round(w.workload.meanMs), rows: w.workload.rows };
  if (w?.estimate)
    out.estimate = { tableRows: w.estimate.tableRows, rowsReadNow: w.estimate.rowsReadNow, rowsReadWithProposal: w.estimate.rowsReadWithProposal };
  if (w) out.decision = w.decision.reason;
  return out;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function formatJson(result: CheckResult & { database?: DatabaseCheck }): string {
  const db = result.database;
  return `${JSON.stringify(
    {
      findings: result.findings.map((f) => toJsonFinding(result.root, f, result.severityOf(f), db?.weighed.get(f))),
      ...(db ? { silenced: db.silenced.map((w) => toJsonFinding(result.root, w.finding, 'off', w)), statsReset: db.statsReset } : {}),
      tables: result.tables,
      querySites: result.querySites,
      sites: result.sites.map((s) => ({ ...s, file: relative(result.root, s.file), line: s.line + 1 })),
      notes: result.problems,
      skipped: result.skipped,
      incomplete: result.incomplete,
    },
    null,
    2,
  )}\n`;
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
