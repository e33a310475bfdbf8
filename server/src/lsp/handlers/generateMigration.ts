// "Generate index migration": every finding of the workspace, folded per table, as one edit and one migration
// per workspace folder (each folder has its own schema and migrations folder).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectProposals } from '../../analysis/workspace/collectProposals';
import type { Project } from '../../analysis/workspace/project';
import type { Finding } from '../../analysis/model';
import { planFix } from '../../analysis/fix/planFix';
import { failure } from '../../analysis/model/result';
import type { GenerateMigrationArgs, GenerateMigrationResult, ProposalItem } from '../protocol';
import { pathToUri, type Session } from '../session';
import { migrationNameFor } from '../settings';
import { serverEnv } from '../migrationState';
import { toWorkspaceEdit } from '../workspaceEdit';

export function listProposals(session: Session): ProposalItem[] {
  return session.allProjects().flatMap((project) =>
    collectProposals(project, (file) => project.isExcluded(file)).map((f) => {
      const weighed = f.findings.map((x) => session.publishedFinding(x) ?? x);
      const notNeeded = weighed.every((x) => x.severityClass === 'uncalled' || x.severityClass === 'writeOnly')
        ? [...new Set(weighed.map((x) => NOT_NEEDED[x.severityClass]))].join('; ')
        : undefined;
      return {
        name: f.proposal.name,
        table: f.table.name,
        columns: f.proposal.columns,
        where: f.proposal.where,
        sites: f.findings.map((x) => `${path.relative(project.root, x.file).split(path.sep).join('/')}:${x.range.start.line + 1}`),
        ...(notNeeded ? { notNeeded } : {}),
      };
    }),
  );
}

const NOT_NEEDED: Partial<Record<Finding['severityClass'], string>> = {
  uncalled: 'only queries in code nothing calls or in deprecated code',
  writeOnly: 'only writes no read needs it for',
};

export async function generateMigration(
  session: Session,
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  args: GenerateMigrationArgs = {},
): Promise<GenerateMigrationResult> {
  const results: GenerateMigrationResult[] = [];
  for (const project of session.allProjects()) {
    const result = await generateInFolder(session, project, connection, documents, args);
    if (result) results.push(result);
  }
  if (results.length === 0) return failure('no-findings', 'No findings: there is no index to add.');
  if (results.length === 1) return results[0];
  const failed = results.flatMap((r) => (r.ok ? [] : [r.message]));
  if (failed.length > 0) return failure('folders-failed', failed.join('; '));
  const done = results.flatMap((r) => (r.ok ? [r] : []));
  return {
    ok: true,
    title: done.map((r) => r.title).join('; '),
    notes: done.flatMap((r) => r.notes),
    migrationUri: done.find((r) => r.migrationUri)?.migrationUri,
    files: done.flatMap((r) => r.files),
  };
}

/** One folder's migration; undefined when that folder has nothing to add. */
async function generateInFolder(
  session: Session,
  project: Project,
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  args: GenerateMigrationArgs,
): Promise<GenerateMigrationResult | undefined> {
  const folded = collectProposals(project, (file) => project.isExcluded(file)).filter((f) => !args.include || args.include.includes(f.proposal.name));
  if (folded.length === 0) return undefined;
  const folder = path.basename(project.root);
  const name =
    args.name ??
    migrationNameFor(
      session.settingsOf(project.root),
      folded.map((f) => ({ name: f.proposal.name, table: f.table.name })),
    );
  const result = planFix(project, {
    add: folded.map((f) => ({ table: f.table, proposal: f.proposal })),
    name,
    now: new Date(),
    newId: randomUUID,
    env: serverEnv,
  });
  if (!result.ok) return failure(result.code, `${folder}: ${result.message}`);
  const edit = toWorkspaceEdit(
    result.plan,
    (p) => project.readFile(p),
    (uri) => documents.get(uri)?.version ?? null,
    (p) => project.readFileFresh(p),
  );
  const applied = await connection.workspace.applyEdit({ label: result.plan.title, edit });
  const sql = result.plan.changes.find((c) => c.kind === 'create' && c.path.endsWith('.sql') && !c.path.endsWith('.down.sql'));
  if (!applied.applied) return failure('edit-not-applied', applied.failureReason ?? 'the editor did not apply the edit');
  return {
    ok: true,
    title: result.plan.title,
    notes: result.plan.notes,
    migrationUri: sql ? pathToUri(sql.path) : undefined,
    files: result.plan.changes.map((c) => pathToUri(c.path)),
  };
}
