// The database's part of a query's hover (trusted workspaces with statistics): the statements the query ran
// (calls, mean and total time, rows, share of the database's time) and, for its findings, the rows read now
// and with the proposal, and whether that is worth a Warning.
import type { SiteReport } from '../../analysis/model';
import { statementIndex } from '../../analysis/weigh/matchStatements';
import { describeWorkload } from '../../analysis/weigh/weigh';
import type { FileAnalysis } from '../../analysis/workspace/project';
import { weighProjectFindings } from '../../database/weighProject';
import type { Session } from '../session';

export function databaseHover(session: Session, file: string, analysis: FileAnalysis, site: SiteReport): string {
  const project = session.projectFor(file);
  const stats = project && session.statistics.statistics(session.databaseUrl(file));
  if (!project || !stats) return '';
  const lines: string[] = [];
  const found = project.siteAt(file, site.range.start.line);
  if (stats.statements && found?.sql.ok) {
    const w = statementIndex(stats.statements).workload(found.sql.sql);
    lines.push(w ? `**Workload** (pg_stat_statements): ${describeWorkload(w)}.` : '**Workload**: no statement of this query in pg_stat_statements.');
  } else if (stats.statementsProblem) lines.push(`Workload unknown: ${stats.statementsProblem}.`);
  const own = analysis.findings.filter((f) => f.span.start >= site.span.start && f.span.end <= site.span.end);
  for (const w of weighProjectFindings(project, own, stats, session.settingsOf(project.root).database)) {
    if (w.estimate) lines.push(`**Estimate**: ${w.estimate.text}`);
    lines.push(
      w.decision.kind === 'silent'
        ? `Not reported: ${w.decision.reason}.`
        : w.decision.kind === 'warning'
          ? `Reported: ${w.decision.reason}.`
          : `Not weighed: ${w.decision.reason}.`,
    );
  }
  return lines.join('\n\n');
}
