// `index-insight check --database-url URL`: the static findings weighed by the database's statistics, ordered by
// the time their statements took; findings whose gain is small are silenced (listed apart in JSON).
import type { Finding } from '../analysis/model';
import { DEFAULT_WEIGH_SETTINGS, type WeighSettings, type WeighedFinding, weighedMessage, weighedSeverity } from '../analysis/weigh/weigh';
import { type StatisticsFailureCode, type StatisticsRead, readStatistics } from '../database/readStatistics';
import type { Result } from '../analysis/model/result';
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
  read: (url: string) => Promise<StatisticsRead> = (u) => readStatistics({ url: u }),
): Promise<Result<{ check: CheckResult & { database: DatabaseCheck } }, StatisticsFailureCode>> {
  const base = runCheck(root, options);
  const statsRead = await read(url);
  if (!statsRead.ok) return statsRead;
  const { stats } = statsRead;
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
  const check: CheckResult & { database: DatabaseCheck } = {
    ...base,
    findings,
    problems,
    severityOf: (f) => weighedSeverity(base.severityOf(f), byFinding.get(f)?.decision),
    database: {
      weighed: byFinding,
      silenced: weighed.filter((w) => w.decision.kind === 'silent'),
      statementsProblem: stats.statementsProblem,
      statsReset: stats.statsReset,
    },
  };
  return { ok: true, check };
}
