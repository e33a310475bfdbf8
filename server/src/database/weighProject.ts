// Joins a project's findings with the database's statistics: the SQL each finding's query site renders, its
// table, then the weigh stage.
import type { Finding } from '../analysis/model';
import type { DatabaseStatistics } from '../analysis/weigh/statistics';
import { type WeighSettings, type WeighedFinding, weighFindings } from '../analysis/weigh/weigh';
import type { Project } from '../analysis/workspace/project';

/** The SQL of the query site a finding is on, when every part of it is statically known. */
export function findingSql(project: Project, f: Finding): string | undefined {
  const found = project.siteAt(f.file, f.range.start.line);
  if (!found?.sql.ok) return undefined;
  const { span } = found.site;
  return span.start <= f.span.start && f.span.end <= span.end ? found.sql.sql : undefined;
}

export function weighProjectFindings(project: Project, findings: Finding[], stats: DatabaseStatistics, settings?: WeighSettings): WeighedFinding[] {
  const schema = project.schema();
  return weighFindings(
    findings.map((finding) => ({ finding, table: schema.byId.get(finding.tableId), sql: findingSql(project, finding) })),
    stats,
    settings,
  );
}
