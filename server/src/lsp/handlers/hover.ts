// Hover on a query: which index serves each table it filters, or why none does, and the proposal.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hoverMarkdown } from '../../analysis/rules/messages';
import { type Session, uriToPath } from '../session';

export function onHover(session: Session, params: HoverParams): Hover | null {
  const file = uriToPath(params.textDocument.uri);
  if (!file) return null;
  const analysis = session.analyze(file);
  if (!analysis) return null;
  const { line, character } = params.position;
  const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    (line > r.start.line || (line === r.start.line && character >= r.start.character)) && (line < r.end.line || (line === r.end.line && character <= r.end.character));
  // The innermost site under the cursor (a subquery inside a query).
  const sites = analysis.sites.filter((s) => inside(s.range)).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
  const site = sites[0];
  if (!site) return null;
  return { contents: { kind: 'markdown', value: hoverMarkdown(site.evaluations) }, range: site.range };
}
