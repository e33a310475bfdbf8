// The read-only proof view beside the code: one webview panel, reused, with no scripts and no local resources.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ProofView } from '../../server/src/lsp/protocol';
import { proofHtml, proofTitle } from './proofHtml';

let panel: vscode.WebviewPanel | undefined;

export function showProof(view: ProofView): vscode.WebviewPanel {
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      'indexInsight.proof',
      proofTitle(view),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: false,
        localResourceRoots: [],
      },
    );
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = proofTitle(view);
  panel.webview.html = proofHtml(view, randomBytes(16).toString('base64'));
  panel.reveal(vscode.ViewColumn.Beside, true);
  return panel;
}
