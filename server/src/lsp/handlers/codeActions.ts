// Code actions on our diagnostics: suppress the finding on that query.
import { type CodeAction, CodeActionKind, type CodeActionParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SUPPRESS_COMMENT } from '../../analysis/summary/summarizeFile';
import { SOURCE } from '../convert';

export function onCodeAction(documents: TextDocuments<TextDocument>, params: CodeActionParams): CodeAction[] {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const actions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE) continue;
    const line = d.range.start.line;
    const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    actions.push({
      title: `Ignore this query (${SUPPRESS_COMMENT})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        changes: {
          [params.textDocument.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}// ${SUPPRESS_COMMENT}\n` }],
        },
      },
    });
  }
  return actions;
}
