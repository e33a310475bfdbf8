// Applies an LSP WorkspaceEdit to disk the way an editor would (test client side).
import fs from 'node:fs';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

function offsetOf(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let l = 0; l < pos.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + pos.character;
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(out, e.range.start)) + e.newText + out.slice(offsetOf(out, e.range.end));
  return out;
}

export function applyWorkspaceEdit(edit: WorkspaceEdit): { applied: boolean; failureReason?: string } {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') return { applied: false, failureReason: `unsupported ${change.kind}` };
      const file = URI.parse(change.uri).fsPath;
      if (fs.existsSync(file) && !change.options?.overwrite) return { applied: false, failureReason: `${file} exists` };
      fs.writeFileSync(file, '');
    } else {
      const e = change;
      const file = URI.parse(e.textDocument.uri).fsPath;
      fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), e.edits as TextEdit[]));
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = URI.parse(uri).fsPath;
    fs.writeFileSync(file, applyTextEdits(fs.readFileSync(file, 'utf8'), edits));
  }
  return { applied: true };
}
