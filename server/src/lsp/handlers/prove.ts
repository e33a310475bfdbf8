// "Prove index" from the editor: the plans before and after the proposed index (or, on a query an index already
// serves, its plan), as plain data for the client's read-only proof view.
import { planView } from '../../prove/planTree';
import { type ProofReport, type ServedReport, proveOrExplain } from '../../prove/prove';
import { databaseUrlFromEnvFiles } from '../../prove/dotenv';
import { redactMessage } from '../../prove/redact';
import type { ProofView, ProveArgs, ProveResult } from '../protocol';
import { failure } from '../../analysis/model/result';
import { type Session, uriToPath } from '../session';

export async function proveCommand(session: Session, args: ProveArgs, log: (m: string) => void): Promise<ProveResult> {
  const file = uriToPath(args.uri);
  const project = file && session.projectFor(file);
  if (!file || !project) return failure('not-in-workspace', 'The file is not in a workspace folder.');
  // Untrusted workspaces: static analysis only, no database and no .env.
  const url = args.trusted ? (args.databaseUrl ?? databaseUrlFromEnvFiles(project.root)) : undefined;
  try {
    const outcome = await proveOrExplain(project, { file, line: args.line, databaseUrl: url, rows: args.rows, allowBuild: args.allowBuild });
    if (!outcome.ok) return failure(outcome.code, redactMessage(outcome.message, url));
    const view = outcome.kind === 'proof' ? proofView(outcome.report) : servedView(outcome.report);
    return { ok: true, database: view.database, ratio: view.ratio, view };
  } catch (e) {
    // A bug, not an expected failure: log it with its stack, tell the user without the password.
    const message = redactMessage((e as Error).message, url);
    log(`Prove index failed: ${redactMessage((e as Error).stack ?? message, url)}`);
    return failure('internal-error', message);
  }
}

export function proofView(r: ProofReport): ProofView {
  return {
    kind: 'proof',
    sql: r.sql,
    database: r.database,
    index: { name: r.index.name, table: r.index.table.name, columns: r.index.columns, where: r.index.where },
    servedBy: null,
    before: planView(r.before, r.after, 'removed'),
    after: planView(r.after, r.before, 'added'),
    ratio: r.ratio,
    notes: r.notes,
  };
}

export function servedView(r: ServedReport): ProofView {
  return {
    kind: 'served',
    sql: r.sql,
    database: r.database,
    index: null,
    servedBy: r.servedBy,
    before: planView(r.plan, null, 'removed'),
    after: null,
    ratio: null,
    notes: r.notes,
  };
}
