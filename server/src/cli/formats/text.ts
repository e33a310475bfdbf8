// `--format text`: one line per finding, compiler style (file:line:column), then a summary.
import path from 'node:path';
import type { CheckResult } from '../check';
import type { DatabaseCheck } from '../checkDatabase';

export function formatText(result: CheckResult & { database?: DatabaseCheck }): string {
  const lines = result.findings.map((f) => {
    const rel = path.relative(result.root, f.file).split(path.sep).join('/');
    return `${rel}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${result.severityOf(f)} ${f.code}: ${f.message}`;
  });
  for (const p of result.problems) lines.push(`note: ${p}`);
  for (const w of result.database?.silenced ?? []) {
    const rel = path.relative(result.root, w.finding.file).split(path.sep).join('/');
    lines.push(
      `note: silenced ${rel}:${w.finding.range.start.line + 1} (${w.finding.proposal.name}): ${w.decision.reason}.${w.estimate ? ` ${w.estimate.text}` : ''}`,
    );
  }
  for (const s of result.skipped) lines.push(`note: skipped ${s.file}: ${s.reason}`);
  if (result.incomplete)
    lines.push('note: the analysis is incomplete: a schema file, drizzle config or migrations folder could not be read (exit status 2)');
  const n = result.findings.length;
  lines.push(
    `${n} finding${n === 1 ? '' : 's'} in ${result.querySites} query site${result.querySites === 1 ? '' : 's'} over ${result.tables} table${result.tables === 1 ? '' : 's'}.`,
  );
  return `${lines.join('\n')}\n`;
}
