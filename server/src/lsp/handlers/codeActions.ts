// Code actions on our diagnostics: the index fix (schema + migration + reverse, one undoable edit), the removal of a
// redundant index, Prove index, and suppression.
import { randomUUID } from 'node:crypto';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { FixPlan } from '../../analysis/fix/edits';
import { SAVE_FILES_COMMAND } from '../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixRequest } from '../../analysis/fix/fixContext';
import { planFix } from '../../analysis/fix/planFix';
import type { Project } from '../../analysis/workspace/project';
import { SUPPRESS_COMMENT } from '../../analysis/read/summarizeFile';
import { type DiagnosticData, type HintData, SOURCE } from '../convert';
import type { UnusedIndexData } from '../databaseSupport';
import { type Session, pathToUri, uriToPath } from '../session';
import { migrationNameFor } from '../settings';
import { toWorkspaceEdit } from '../workspaceEdit';

/** What a fix action carries until it is resolved (the edit is planned only when the user picks the action). */
interface FixActionData {
  uri: string;
  diagnostic: Diagnostic;
}

/**
 * `lazy`: the client resolves code actions, so the (costly) plan, which reads the migrations folder, is made
 * in codeAction/resolve, not on every lightbulb request.
 */
export function onCodeAction(session: Session, documents: TextDocuments<TextDocument>, params: CodeActionParams, lazy: boolean): CodeAction[] {
  const uri = params.textDocument.uri;
  const file = uriToPath(uri);
  const text = file && (documents.get(uri)?.getText() ?? session.projectFor(file)?.readFile(file));
  if (!file || text === undefined) return [];
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const fix = prepareFix(session, file, d);
    if (fix) {
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, diagnostics: [d] };
      const data: FixActionData = { uri, diagnostic: d };
      actions.push(lazy && fix.ok ? { ...action, data } : complete(action, fix, documents).action);
    }
    const kind = (d.data as HintData | UnusedIndexData | undefined)?.kind;
    if (kind === 'redundant' || kind === 'unused') continue;
    if (fix?.ok) {
      // Runs the client command, which adds the connection from secret storage and shows the result.
      actions.push({ title: 'Prove index: EXPLAIN before and after', kind: CodeActionKind.Empty, diagnostics: [d], command: { title: 'Prove index', command: 'indexInsight.proveIndex', arguments: [{ uri, line: d.range.start.line }] } });
    }
    actions.push(suppression(text, uri, d));
  }
  return actions;
}

/** Plans the edit of an action returned without one. A plan that cannot be made is said (`warn`), and nothing is written. */
export function onCodeActionResolve(session: Session, documents: TextDocuments<TextDocument>, action: CodeAction, warn: (m: string) => void): CodeAction {
  const data = action.data as FixActionData | undefined;
  const file = data && uriToPath(data.uri);
  const fix = file ? prepareFix(session, file, data.diagnostic) : undefined;
  if (!fix) return action;
  const { action: resolved, error } = complete(action, fix, documents);
  if (error) warn(`Index Insight: ${error}`);
  return resolved;
}

type PreparedFix =
  | { ok: true; title: string; preferred: boolean; project: Project; request: Omit<FixRequest, 'now' | 'newId'> }
  | { ok: false; title: string; preferred: boolean; reason: string };

/** The fix a diagnostic offers: add the proposed index, or (on a redundancy hint) remove the redundant one. */
function prepareFix(session: Session, file: string, d: Diagnostic): PreparedFix | undefined {
  const project = session.projectFor(file);
  const data = d.data as DiagnosticData | HintData | UnusedIndexData | undefined;
  if (!project || !data) return undefined;
  const table = project.schema().byId.get(data.tableId);
  if (data.kind === 'redundant' || data.kind === 'unused') {
    const index = table?.indexes.find((i) => i.name === data.index);
    if (!table || !index) return undefined;
    return { ok: true, title: `Remove ${data.kind} index ${index.name} (migration drops it; its reverse recreates it)`, preferred: false, project, request: { add: [], remove: [{ table, index }] } };
  }
  const title = `Add index ${data.proposal.name} on ${data.table} (${data.proposal.columns.join(', ')})`;
  if (!table) return { ok: false, title, preferred: true, reason: 'The table is no longer in the schema; save and try again.' };
  const suffix = writesMigration(project, table.file) ? ' + migration' : ' (schema only)';
  const name = migrationNameFor(session.settingsOf(project.root), [{ name: data.proposal.name, table: data.table }]);
  return { ok: true, title: `${title}${suffix}`, preferred: true, project, request: { add: [{ table, proposal: data.proposal }], name } };
}

/** Whether the fix will write a migration (a config and a non-empty migrations folder), without reading the folder's files. */
function writesMigration(project: Project, schemaFile: string): boolean {
  const config = project.configOf(schemaFile);
  return !!config && project.readDirectory(config.out).length > 0;
}

function complete(action: CodeAction, fix: PreparedFix, documents: TextDocuments<TextDocument>): { action: CodeAction; error?: string } {
  if (!fix.ok) return { action: { ...action, disabled: { reason: fix.reason } }, error: fix.reason };
  const { project } = fix;
  const result = planFix(project, { ...fix.request, now: new Date(), newId: randomUUID });
  if (!result.ok) return { action: { ...action, disabled: { reason: result.error } }, error: result.error };
  return {
    action: {
      ...action,
      data: undefined,
      edit: toWorkspaceEdit(result.plan, (p) => project.readFile(p), (uri) => documents.get(uri)?.version ?? null, (p) => project.readFileFresh(p)),
      command: saveCommand(result.plan),
    },
  };
}

/** Run by the editor after the edit: the migration's files are saved together, so none is left half-written. */
function saveCommand(plan: FixPlan): Command {
  return { title: 'Save the migration files', command: SAVE_FILES_COMMAND, arguments: [plan.changes.map((c) => pathToUri(c.path)), plan.title] };
}

function suppression(text: string, uri: string, d: Diagnostic): CodeAction {
  const line = d.range.start.line;
  const indent = /^[ \t]*/.exec(text.split('\n')[line] ?? '')?.[0] ?? '';
  return {
    title: `Ignore this query (${SUPPRESS_COMMENT})`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// ${SUPPRESS_COMMENT}\n` }] } },
  };
}
