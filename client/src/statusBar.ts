// A status bar item with the number of Index Insight findings in the workspace; a click opens the Problems view.
import * as vscode from 'vscode';

const SOURCE = 'index-insight';

export function findingsCount(): number {
  let n = 0;
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    n += diags.filter((d) => d.source === SOURCE && d.severity !== vscode.DiagnosticSeverity.Hint).length;
  }
  return n;
}

/** Shown only while the language server runs: disposing it removes the item. */
export function createStatusBar(): vscode.Disposable & { item: vscode.StatusBarItem } {
  const item = vscode.window.createStatusBarItem('indexInsight.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Index Insight';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const n = findingsCount();
    item.text = `$(database) ${n}`;
    item.tooltip =
      n === 0
        ? 'Index Insight: every analyzed query has an index'
        : `Index Insight: ${n} quer${n === 1 ? 'y lacks' : 'ies lack'} an index — click for the Problems view`;
  };
  update();
  item.show();
  const sub = vscode.languages.onDidChangeDiagnostics(update);
  return { item, dispose: () => (sub.dispose(), item.dispose()) };
}
