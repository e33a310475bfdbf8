// A FixPlan as an LSP WorkspaceEdit: new files are created (never overwriting), existing ones edited in place.
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FixPlan } from '../analysis/fix/edits';
import { LineIndex } from '../analysis/text/lineIndex';
import { pathToUri } from './session';

/**
 * `readFile` gives the text the plan's offsets refer to; `readFresh` the current text on disk (a replaced file's
 * range must cover all of it).
 */
export function toWorkspaceEdit(plan: FixPlan, readFile: (p: string) => string | undefined, versionOf: (uri: string) => number | null, readFresh: (p: string) => string | undefined = readFile): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of plan.changes) {
    const uri = pathToUri(c.path);
    if (c.kind === 'create') {
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }] });
    } else if (c.kind === 'replace') {
      const current = readFresh(c.path) ?? '';
      documentChanges.push({ textDocument: { uri, version: versionOf(uri) }, edits: [{ range: new LineIndex(current).range({ start: 0, end: current.length }), newText: c.text }] });
    } else {
      const lines = new LineIndex(readFile(c.path) ?? '');
      documentChanges.push({
        textDocument: { uri, version: versionOf(uri) },
        edits: c.edits.map((e) => ({ range: lines.range({ start: e.start, end: e.end }), newText: e.newText })),
      });
    }
  }
  return { documentChanges };
}
