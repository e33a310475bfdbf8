// Hover on a query: which index serves each table it filters, or why none does, and the proposal; with a
// database configured (trusted workspaces), the planner's choice now, computed on first hover and cached.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hoverEvaluations, hoverMarkdown } from '../../analysis/findings/messages';
import { explainLive } from '../../prove/live';
import type { PlanSummary } from '../../prove/plan';
import { redactMessage } from '../../prove/redact';
import { type Session, uriToPath } from '../session';
import { databaseHover } from './databaseHover';

const planCache = new Map<string, Promise<string>>();
const MAX_CACHED_PLANS = 500;

export async function onHover(session: Session, params: HoverParams): Promise<Hover | null> {
  const file = uriToPath(params.textDocument.uri);
  if (!file) return null;
  const analysis = session.analyze(file);
  if (!analysis) return null;
  const { line, character } = params.position;
  const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    (line > r.start.line || (line === r.start.line && character >= r.start.character)) &&
    (line < r.end.line || (line === r.end.line && character <= r.end.character));
  // The innermost site under the cursor (a subquery inside a query).
  const sites = analysis.sites.filter((s) => inside(s.range)).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
  const site = sites[0];
  const showServed = session.settingsFor(file).hover.showServed;
  const shown = site ? hoverEvaluations(site.evaluations, showServed) : [];
  // A query every index serves says nothing, unless asked: the hover stays TypeScript's.
  if (!site || shown.length === 0) return null;
  const url = session.databaseUrl(file);
  const estimate = url ? await livePlan(session, file, site.range.start.line, url) : '';
  // This site's own finding starts on its filter's line.
  const siteFindings = analysis.findings.filter((f) => f.span.start >= site.span.start && f.span.end <= site.span.end);
  const ownLine = siteFindings[0]?.range.start.line ?? site.range.start.line;
  const fromDatabase = databaseHover(session, file, analysis, site);
  const lowered = siteFindings.find((f) => f.severityWhy);
  const uncalledLine = lowered
    ? `${lowered.severityWhy}. Shown as set by \`indexInsight.severity.${lowered.severityClass}\` (Information by default).`
    : '';
  const value = hoverMarkdown(site.evaluations, {
    showServed,
    extra: (e) => {
      const lines: string[] = [];
      if (e === shown[0]) lines.push(...[uncalledLine, fromDatabase, estimate].filter((x): x is string => !!x));
      const others = e.proposal ? session.sameProposalElsewhere(e.table.id, e.proposal.name, { file, line: ownLine }) : [];
      if (others.length)
        lines.push(
          `The same index would also serve: ${others
            .slice(0, 8)
            .map((x) => `\`${x}\``)
            .join(', ')}${others.length > 8 ? ` and ${others.length - 8} more` : ''}.`,
        );
      return lines;
    },
  });
  return { contents: { kind: 'markdown', value }, range: site.range };
}

async function livePlan(session: Session, file: string, line: number, url: string): Promise<string> {
  const project = session.projectFor(file);
  const found = project?.siteAt(file, line);
  if (!found) return '';
  if (!found.sql.ok) return `Plan: not explained (${found.sql.message}).`;
  const rendered = found.sql;
  const key = `${url}\0${rendered.sql}`;
  let cached = planCache.get(key);
  if (!cached) {
    if (planCache.size >= MAX_CACHED_PLANS) planCache.delete(planCache.keys().next().value as string);
    cached = explainLive({ url, statementTimeoutMs: 2000, lockTimeoutMs: 500, connectTimeoutMs: 2000 }, rendered).then(
      (p) => `**Planner now** (generic plan, live database): ${describe(p)}`,
      (e: Error) => {
        planCache.delete(key);
        return `Plan unavailable: ${redactMessage(e.message, url)}`;
      },
    );
    planCache.set(key, cached);
  }
  return cached;
}

function describe(p: PlanSummary): string {
  const nodes = [...new Set(p.nodes)].join(' → ');
  const using = p.indexes.length ? ` using ${p.indexes.map((i) => `\`${i}\``).join(', ')}` : ' (no index)';
  return `${nodes}${using}; estimated ${p.estimatedRows} rows, cost ${p.totalCost}.`;
}
