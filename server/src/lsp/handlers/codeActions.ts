// Code actions on our diagnostics: the index fix (schema + migration + reverse, one undoable edit), and suppression.
import { randomUUID } from 'node:crypto';
import { type CodeAction, CodeActionKind, type CodeActionParams, type Command, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { FixPlan } from '../../analysis/fix/edits';
import { SAVE_FILES_COMMAND } from '../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { planFix } from '../../analysis/fix/planFix';
import { SUPPRESS_COMMENT } from '../../analysis/summary/summarizeFile';
import { type DiagnosticData, type HintData, SOURCE } from '../convert';
import { type Session, pathToUri, uriToPath } from '../session';
import { migrationNameFor } from '../settings';
import { toWorkspaceEdit } from '../workspaceEdit';

export function onCodeAction(session: Session, documents: TextDocuments<TextDocument>, params: CodeActionParams): CodeAction[] {
  const file = uriToPath(params.textDocument.uri);
  const text = file && (documents.get(params.textDocument.uri)?.getText() ?? session.projectFor(file)?.readFile(file));
  if (!file || text === undefined) return [];
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const data = d.data as DiagnosticData | HintData | undefined;
    if (data?.kind === 'redundant') {
      const removal = removalFix(session, documents, file, d, data);
      if (removal) actions.push(removal);
      continue;
    }
    const fix = indexFix(session, documents, file, d);
    if (fix) actions.push(fix);
    if (fix && !fix.disabled) {
      // Runs the client command, which adds the connection from secret storage and shows the result.
      actions.push({ title: 'Prove index: EXPLAIN before and after', kind: CodeActionKind.Empty, diagnostics: [d], command: { title: 'Prove index', command: 'indexInsight.proveIndex', arguments: [{ uri: params.textDocument.uri, line: d.range.start.line }] } });
    }
    actions.push(suppression(text, params.textDocument.uri, d));
  }
  return actions;
}

function indexFix(session: Session, documents: TextDocuments<TextDocument>, file: string, d: Diagnostic): CodeAction | undefined {
  const data = d.data as DiagnosticData | undefined;
  const project = session.projectFor(file);
  if (!data?.proposal || !project) return undefined;
  const table = project.schema().byId.get(data.tableId);
  const title = `Add index ${data.proposal.name} on ${data.table} (${data.proposal.columns.join(', ')})`;
  if (!table) return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], disabled: { reason: 'The table is no longer in the schema; save and try again.' } };
  const name = migrationNameFor(session.settings, [{ name: data.proposal.name, table: data.table }]);
  const result = planFix(project, { add: [{ table, proposal: data.proposal }], name, now: new Date(), newId: randomUUID });
  if (!result.ok) return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], disabled: { reason: result.error } };
  const schemaOnly = result.plan.changes.every((c) => c.kind === 'edit' && c.path === table.file);
  return {
    title: `${title}${schemaOnly ? ' (schema only)' : ' + migration'}`,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [d],
    edit: toWorkspaceEdit(result.plan, (p) => project.readFile(p), (uri) => documents.get(uri)?.version ?? null, (p) => project.readFileFresh(p)),
    command: saveCommand(result.plan),
  };
}

/** Opt-in: removes the redundant index from the schema, with a migration that drops it and a reverse that recreates it. */
function removalFix(session: Session, documents: TextDocuments<TextDocument>, file: string, d: Diagnostic, data: HintData): CodeAction | undefined {
  const project = session.projectFor(file);
  const table = project?.schema().byId.get(data.tableId);
  const index = table?.indexes.find((i) => i.name === data.index);
  if (!project || !table || !index) return undefined;
  const title = `Remove redundant index ${index.name}`;
  const result = planFix(project, { add: [], remove: [{ table, index }], now: new Date(), newId: randomUUID });
  if (!result.ok) return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], disabled: { reason: result.error } };
  return {
    title: `${title} (migration drops it; its reverse recreates it)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: toWorkspaceEdit(result.plan, (p) => project.readFile(p), (uri) => documents.get(uri)?.version ?? null, (p) => project.readFileFresh(p)),
    command: saveCommand(result.plan),
  };
}

/** Run by the editor after the edit: the migration's files are saved together, so none is left half-written. */
function saveCommand(plan: FixPlan): Command {
  return { title: 'Save the migration files', command: SAVE_FILES_COMMAND, arguments: [plan.changes.map((c) => pathToUri(c.path))] };
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
