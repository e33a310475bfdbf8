// "Prove index" from the editor: the plan before and after the proposed index, as markdown for a view beside the code.
import { planText } from '../../prove/plan';
import { type ProofReport, prove } from '../../prove/prove';
import { databaseUrlFromEnvFiles } from '../../prove/dotenv';
import { redactMessage } from '../../prove/redact';
import type { ProveArgs, ProveResult } from '../protocol';
import { type Session, uriToPath } from '../session';

export async function proveCommand(session: Session, args: ProveArgs, log: (m: string) => void): Promise<ProveResult> {
  const file = uriToPath(args.uri);
  const project = file && session.projectFor(file);
  if (!file || !project) return { ok: false, error: 'The file is not in a workspace folder.' };
  // Untrusted workspaces: static analysis only, no database and no .env.
  const url = args.trusted ? args.databaseUrl ?? databaseUrlFromEnvFiles(project.root) : undefined;
  try {
    const outcome = await prove(project, { file, line: args.line, databaseUrl: url, rows: args.rows, allowBuild: args.allowBuild });
    if (!outcome.ok) return { ok: false, error: redactMessage(outcome.message, url), needsConfirmation: outcome.code === 'needs-consent' };
    const { report } = outcome;
    return { ok: true, markdown: proofMarkdown(report), database: report.database, ratio: report.ratio };
  } catch (e) {
    // A bug, not an expected failure: log it with its stack, tell the user without the password.
    const message = redactMessage((e as Error).message, url);
    log(`Prove index failed: ${redactMessage((e as Error).stack ?? message, url)}`);
    return { ok: false, error: message };
  }
}

export function proofMarkdown(r: ProofReport): string {
  const fence = (s: string) => `\`\`\`\n${s}\n\`\`\``;
  const measure = r.database === 'embedded'
    ? `Execution time **${r.before.ms?.toFixed(3)} ms → ${r.after.ms?.toFixed(3)} ms** (${r.ratio.toFixed(1)}× faster)`
    : `Estimated cost **${r.before.totalCost} → ${r.after.totalCost}** (${r.ratio.toFixed(1)}×)`;
  return [
    `# Index Insight: proof for \`${r.index.name}\``,
    '',
    measure,
    '',
    '## SQL',
    fence(r.sql),
    '## Plan now',
    fence(planText(r.before)),
    `## Plan with \`${r.index.name}\` (${r.index.columns.join(', ')})${r.index.where ? ` WHERE ${r.index.where}` : ''}`,
    fence(planText(r.after)),
    ...r.notes.map((n) => `> ${n}`),
    '',
  ].join('\n');
}
