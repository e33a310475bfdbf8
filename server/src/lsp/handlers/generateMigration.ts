// "Generate index migration": every finding of the workspace, folded per table, as one edit and one migration.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectProposals } from '../../analysis/workspace/collectProposals';
import { planFix } from '../../analysis/fix/planFix';
import type { GenerateMigrationArgs, GenerateMigrationResult, ProposalItem } from '../protocol';
import { pathToUri, type Session } from '../session';
import { migrationNameFor } from '../settings';
import { serverEnv } from '../migrationState';
import { toWorkspaceEdit } from '../workspaceEdit';

export function listProposals(session: Session): ProposalItem[] {
  return session.allProjects().flatMap((project) =>
    collectProposals(project).map((f) => ({
      name: f.proposal.name,
      table: f.table.name,
      columns: f.proposal.columns,
      where: f.proposal.where,
      sites: f.findings.map((x) => `${path.relative(project.root, x.file).split(path.sep).join('/')}:${x.range.start.line + 1}`),
    })),
  );
}

export async function generateMigration(session: Session, connection: Connection, documents: TextDocuments<TextDocument>, args: GenerateMigrationArgs = {}): Promise<GenerateMigrationResult> {
  for (const project of session.allProjects()) {
    const folded = collectProposals(project).filter((f) => !args.include || args.include.includes(f.proposal.name));
    if (folded.length === 0) continue;
    const name = args.name ?? migrationNameFor(session.settings, folded.map((f) => ({ name: f.proposal.name, table: f.table.name })));
    const result = planFix(project, { add: folded.map((f) => ({ table: f.table, proposal: f.proposal })), name, now: new Date(), newId: randomUUID, env: serverEnv });
    if (!result.ok) return { applied: false, error: result.error };
    const edit = toWorkspaceEdit(result.plan, (p) => project.readFile(p), (uri) => documents.get(uri)?.version ?? null, (p) => project.readFileFresh(p));
    const applied = await connection.workspace.applyEdit({ label: result.plan.title, edit });
    const sql = result.plan.changes.find((c) => c.kind === 'create' && c.path.endsWith('.sql') && !c.path.endsWith('.down.sql'));
    return {
      applied: applied.applied,
      error: applied.applied ? undefined : applied.failureReason ?? 'the editor did not apply the edit',
      title: result.plan.title,
      notes: result.plan.notes,
      migrationUri: sql ? pathToUri(sql.path) : undefined,
      files: result.plan.changes.map((c) => pathToUri(c.path)),
    };
  }
  return { applied: false, error: 'No findings: there is no index to add.' };
}
