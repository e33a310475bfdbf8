// `index-insight check --database-url URL`: the static findings weighed by the database's statistics, ordered by
// the time their statements took; findings whose gain is small are silenced (listed apart in JSON).
import type { Finding } from '../analysis/model';
import type { DatabaseStatistics } from '../analysis/weigh/statistics';
import { DEFAULT_WEIGH_SETTINGS, type WeighSettings, type WeighedFinding, weighedMessage } from '../analysis/weigh/weigh';
import { readStatistics } from '../database/readStatistics';
import { weighProjectFindings } from '../database/weighProject';
import { type CheckOptions, type CheckResult, runCheck } from './check';

export interface DatabaseCheck {
  /** Each reported finding (as in `findings`) with its estimate, workload and decision. */
  weighed: Map<Finding, WeighedFinding>;
  silenced: WeighedFinding[];
  statementsProblem: string | null;
  statsReset: string | null;
}

export async function runCheckWithDatabase(
  root: string,
  options: CheckOptions,
  url: string,
  settings: WeighSettings = DEFAULT_WEIGH_SETTINGS,
  read: (url: string) => Promise<DatabaseStatistics> = (u) => readStatistics({ url: u }),
): Promise<CheckResult & { database: DatabaseCheck }> {
  const base = runCheck(root, options);
  const stats = await read(url);
  const weighed = weighProjectFindings(base.project, base.findings, stats, settings);
  const byFinding = new Map<Finding, WeighedFinding>();
  const findings: Finding[] = [];
  for (const w of weighed) {
    if (w.decision.kind === 'silent') continue;
    const f = { ...w.finding, message: weighedMessage(w) };
    byFinding.set(f, w);
    findings.push(f);
  }
  const problems = [...base.problems];
  if (stats.statementsProblem) problems.push(`no workload: ${stats.statementsProblem}`);
  return {
    ...base,
    findings,
    problems,
    severityOf: (f) => {
      const configured = base.severityOf(f);
      // A large gain is a Warning whatever the static rule said, unless the user asked for errors or nothing.
      return byFinding.get(f)?.decision.kind === 'warning' && configured !== 'error' && configured !== 'off' ? 'warning' : configured;
    },
    database: {
      weighed: byFinding,
      silenced: weighed.filter((w) => w.decision.kind === 'silent'),
      statementsProblem: stats.statementsProblem,
      statsReset: stats.statsReset,
    },
  };
}
