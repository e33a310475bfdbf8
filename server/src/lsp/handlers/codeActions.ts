// Code actions on our diagnostics: the index fix (schema + migration + reverse, one undoable edit), the removal of a
// redundant index, Prove index, and suppression.
import { randomUUID } from 'node:crypto';
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Command,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { FixPlan } from '../../analysis/fix/edits';
import { COPY_SQL_COMMAND, type CopySqlArgs, SAVE_FILES_COMMAND } from '../protocol';
import { type MigrationState, migrationState, serverEnv } from '../migrationState';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixRequest } from '../../analysis/fix/fixContext';
import { planFix } from '../../analysis/fix/planFix';
import { isMigrationFailure } from '../../analysis/fix/planFailure';
import { type Result, failure } from '../../analysis/model/result';
import { migrationUpSql, specOf } from '../../analysis/sqlText/indexDdl';
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
  /** The title promised the schema edit alone, for this reason (resolve keeps the promise). */
  schemaOnly?: string;
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
      const data: FixActionData = { uri, diagnostic: d, schemaOnly: fix.ok ? fix.request.schemaOnly : undefined };
      actions.push(lazy && fix.ok ? { ...action, data } : complete(action, fix, documents).action);
      if (fix.ok && fix.copySql)
        actions.push({
          title: `Copy migration SQL for ${fix.copySql.name}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: 'Copy migration SQL', command: COPY_SQL_COMMAND, arguments: [fix.copySql.args] },
        });
    }
    const kind = (d.data as HintData | UnusedIndexData | undefined)?.kind;
    if (kind === 'redundant' || kind === 'unused') continue;
    if (fix?.ok) {
      // Runs the client command, which adds the connection from secret storage and shows the result.
      actions.push({
        title: 'Prove index: EXPLAIN before and after',
        kind: CodeActionKind.Empty,
        diagnostics: [d],
        command: { title: 'Prove index', command: 'indexInsight.proveIndex', arguments: [{ uri, line: d.range.start.line }] },
      });
    }
    actions.push(suppression(text, uri, d));
  }
  return actions;
}

/** Plans the edit of an action returned without one. A plan that cannot be made is said (`warn`), and nothing is written. */
export function onCodeActionResolve(
  session: Session,
  documents: TextDocuments<TextDocument>,
  action: CodeAction,
  warn: (m: string) => void,
): CodeAction {
  const data = action.data as FixActionData | undefined;
  const file = data && uriToPath(data.uri);
  const fix = file ? prepareFix(session, file, data.diagnostic, data.schemaOnly ?? null) : undefined;
  if (!fix) return action;
  const { action: resolved, error } = complete(action, fix, documents);
  if (error) warn(`Index Insight: ${error}`);
  return resolved;
}

/** The action's title either way; a failure is offered disabled, with its message as the reason. */
type PreparedFix = { title: string; preferred: boolean } & Result<
  { project: Project; request: Omit<FixRequest, 'now' | 'newId'>; copySql?: { name: string; args: CopySqlArgs } },
  'table-not-in-schema'
>;

/** The fix a diagnostic offers: add the proposed index, or (on a redundancy hint) remove the redundant one. */
/** `promised`: at resolve, the schema-only reason the listed title gave (null: it promised a migration). */
function prepareFix(session: Session, file: string, d: Diagnostic, promised?: string | null): PreparedFix | undefined {
  const project = session.projectFor(file);
  const data = d.data as DiagnosticData | HintData | UnusedIndexData | undefined;
  if (!project || !data) return undefined;
  const table = project.schema().byId.get(data.tableId);
  if (data.kind === 'redundant' || data.kind === 'unused') {
    const index = table?.indexes.find((i) => i.name === data.index);
    if (!table || !index) return undefined;
    return {
      ok: true,
      title: `Remove ${data.kind} index ${index.name} (migration drops it; its reverse recreates it)`,
      preferred: false,
      project,
      request: { add: [], remove: [{ table, index }] },
    };
  }
  const title = `Add index ${data.proposal.name} on ${data.table} (${data.proposal.columns.join(', ')})`;
  if (!table) return { title, preferred: true, ...failure('table-not-in-schema', 'The table is no longer in the schema; save and try again.') };
  const name = migrationNameFor(session.settingsOf(project.root), [{ name: data.proposal.name, table: data.table }]);
  const request = { add: [{ table, proposal: data.proposal }], name, env: serverEnv };
  if (typeof promised === 'string') return { ok: true, title, preferred: true, project, request: { ...request, schemaOnly: promised } };
  const state: MigrationState = promised === null ? { ok: true, writes: 'migration' } : migrationState(project, table.file);
  if (!state.ok) {
    // No migration can be written: the schema edit alone, and the SQL to put in a migration by hand.
    const sql = migrationUpSql([specOf(table, data.proposal)]);
    return {
      ok: true,
      title: `${title} (schema only: no migration, ${state.message})`,
      preferred: true,
      project,
      request: { ...request, schemaOnly: `no migration was written, ${state.message}; "Copy migration SQL" gives its SQL` },
      copySql: { name: data.proposal.name, args: { sql, reason: state.message } },
    };
  }
  return { ok: true, title: `${title}${state.writes === 'migration' ? ' + migration' : ' (schema only)'}`, preferred: true, project, request };
}

function complete(action: CodeAction, fix: PreparedFix, documents: TextDocuments<TextDocument>): { action: CodeAction; error?: string } {
  if (!fix.ok) return { action: { ...action, disabled: { reason: fix.message } }, error: fix.message };
  const { project } = fix;
  const result = planFix(project, { ...fix.request, now: new Date(), newId: randomUUID });
  if (!result.ok) {
    const error = isMigrationFailure(result.code)
      ? `${result.message} Ask for the quick fix again: it now offers the schema edit alone and the migration's SQL.`
      : result.message;
    return { action: { ...action, disabled: { reason: result.message } }, error };
  }
  return {
    action: {
      ...action,
      data: undefined,
      edit: toWorkspaceEdit(
        result.plan,
        (p) => project.readFile(p),
        (uri) => documents.get(uri)?.version ?? null,
        (p) => project.readFileFresh(p),
      ),
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
    edit: {
      changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// ${SUPPRESS_COMMENT}\n` }] },
    },
  };
}
