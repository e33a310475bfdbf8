// A FixPlan as an LSP WorkspaceEdit: new files are created (never overwriting), existing ones edited in place.
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { FixPlan } from '../analysis/fix/edits';
import { LineIndex } from '../analysis/text/lineIndex';
import { pathToUri } from './session';

/**
 * `readFile` gives the text the plan's offsets refer to; `readFresh` the current text on disk (a replaced file's
 * range must cover all of it).
 *
 * Every file creation comes first, then every text edit (the new files' contents, the journal, the schema last):
 * VS Code makes one undo element of each run of operations of one kind, so the whole fix is two elements of
 * one undo group (the creations, the text), which one Undo takes back together.
 */
export function toWorkspaceEdit(
  plan: FixPlan,
  readFile: (p: string) => string | undefined,
  versionOf: (uri: string) => number | null,
  readFresh: (p: string) => string | undefined = readFile,
): WorkspaceEdit {
  const creates: CreateFile[] = [];
  const texts: TextDocumentEdit[] = [];
  const order = (kind: string) => (kind === 'create' ? 0 : kind === 'replace' ? 1 : 2);
  for (const c of [...plan.changes].sort((a, b) => order(a.kind) - order(b.kind))) {
    const uri = pathToUri(c.path);
    if (c.kind === 'create') {
      creates.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
      texts.push({
        textDocument: { uri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: c.text }],
      });
    } else if (c.kind === 'replace') {
      const current = readFresh(c.path) ?? '';
      texts.push({
        textDocument: { uri, version: versionOf(uri) },
        edits: [{ range: new LineIndex(current).range({ start: 0, end: current.length }), newText: c.text }],
      });
    } else {
      const lines = new LineIndex(readFile(c.path) ?? '');
      texts.push({
        textDocument: { uri, version: versionOf(uri) },
        edits: c.edits.map((e) => ({ range: lines.range({ start: e.start, end: e.end }), newText: e.newText })),
      });
    }
  }
  return { documentChanges: [...creates, ...texts] };
}
