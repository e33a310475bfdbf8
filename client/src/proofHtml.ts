// The proof view's page: SQL, the plans as trees with the changed nodes marked, times and ratio, where the data came
// from. Static HTML: no script at all, one nonce'd style sheet, every value from the data escaped.
import type { PlanTreeNode, PlanView, ProofView } from '../../server/src/lsp/protocol';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (v: number) => `${fmt(v, v < 10 ? 3 : 1)} ms`;

export function proofTitle(v: ProofView): string {
  return v.index ? `Proof: ${v.index.name}` : `Plan: ${v.servedBy ?? 'query'}`;
}

export function proofHtml(v: ProofView, nonce: string): string {
  const e = escapeHtml;
  const csp = `default-src 'none'; style-src 'nonce-${e(nonce)}';`;
  const body: string[] = [];
  if (v.kind === 'proof' && v.index && v.after) {
    body.push(`<h1>Proof for <code>${e(v.index.name)}</code></h1>`);
    body.push(
      `<p class="subtitle">Index on <code>${e(v.index.table)}</code> (${v.index.columns.map(e).join(', ')})${v.index.where ? ` WHERE ${e(v.index.where)}` : ''}</p>`,
    );
    body.push(summary(v, v.after));
  } else {
    body.push(`<h1>${v.servedBy ? `Served by <code>${e(v.servedBy)}</code>` : 'Plan of the query'}</h1>`);
    body.push(`<p class="subtitle">An index already serves this query: there is nothing to add. This is its plan.</p>`);
  }
  body.push(
    `<p class="source"><strong>Data:</strong> ${v.database === 'embedded' ? 'an embedded PostgreSQL (PGlite) with synthetic rows — not your data; the timings are indicative.' : 'your database, read-only (estimates of the planner, no query was run).'}</p>`,
  );
  body.push('<h2>SQL</h2>', `<pre class="sql">${e(v.sql)}</pre>`);
  if (v.after) {
    body.push(
      '<div class="plans">',
      planSection('Plan now', v.before, v.database),
      planSection('Plan with the index', v.after, v.database),
      '</div>',
    );
    body.push('<p class="legend"><span class="node removed">gone with the index</span> <span class="node added">new with the index</span></p>');
  } else {
    body.push(planSection('Plan', v.before, v.database));
  }
  if (v.notes.length) body.push('<h2>Notes</h2>', `<ul class="notes">${v.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(proofTitle(v))}</title>
<style nonce="${e(nonce)}">${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>`;
}

function summary(v: ProofView, after: PlanView): string {
  const ratio =
    v.ratio !== null ? `<span class="ratio">${fmt(v.ratio, 1)}×</span> ${v.database === 'embedded' ? 'faster' : 'cheaper (estimated cost)'}` : '';
  const figures =
    v.database === 'embedded' && v.before.ms !== null && after.ms !== null
      ? `Execution time ${ms(v.before.ms)} → <strong>${ms(after.ms)}</strong>`
      : `Estimated cost ${fmt(v.before.cost, 2)} → <strong>${fmt(after.cost, 2)}</strong>`;
  return `<div class="summary"><div>${ratio}</div><div>${figures}</div></div>`;
}

function planSection(title: string, p: PlanView, database: ProofView['database']): string {
  const total = database === 'embedded' && p.ms !== null ? ` · ${ms(p.ms)}` : ` · cost ${fmt(p.cost, 2)}`;
  return `<section class="plan"><h2>${escapeHtml(title)}<span class="total">${total}</span></h2><ul class="tree">${node(p.root)}</ul></section>`;
}

function node(n: PlanTreeNode): string {
  const e = escapeHtml;
  const using = n.index ? ` using <code>${e(n.index)}</code>` : '';
  const on = n.relation ? ` on <code>${e(n.relation)}</code>` : '';
  const metrics = [
    n.actualRows !== null
      ? `${fmt(n.actualRows)} rows${n.rows !== null ? ` (est. ${fmt(n.rows)})` : ''}`
      : n.rows !== null
        ? `est. ${fmt(n.rows)} rows`
        : '',
    n.ms !== null ? ms(n.ms) : '',
    n.cost !== null ? `cost ${fmt(n.cost, 2)}` : '',
  ].filter(Boolean);
  const mark = n.change === 'added' ? '<span class="badge">new</span>' : n.change === 'removed' ? '<span class="badge">gone</span>' : '';
  const children = n.children.length ? `<ul>${n.children.map(node).join('')}</ul>` : '';
  return `<li><div class="node${n.change ? ` ${n.change}` : ''}">${mark}<span class="type">${e(n.type)}</span>${using}${on}<span class="metrics">${metrics.map(e).join(' · ')}</span></div>${children}</li>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 20px; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 2px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; }
code, pre { font-family: var(--vscode-editor-font-family); }
code { background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
.subtitle, .source, .legend, .total, .metrics { color: var(--vscode-descriptionForeground); }
.summary { display: flex; gap: 28px; align-items: baseline; margin: 12px 0; padding: 10px 14px; border-left: 3px solid var(--vscode-charts-green, #3fb950); background: var(--vscode-textBlockQuote-background); }
.ratio { font-size: 1.9em; font-weight: 700; color: var(--vscode-charts-green, #3fb950); }
pre.sql { white-space: pre-wrap; word-break: break-word; padding: 8px 10px; background: var(--vscode-textCodeBlock-background); border-radius: 4px; }
.plans { display: flex; flex-wrap: wrap; gap: 24px; }
.plan { flex: 1 1 280px; min-width: 0; }
.total { font-weight: normal; margin-left: 4px; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 18px; }
ul.tree { padding-left: 0; }
ul.tree ul { border-left: 1px solid var(--vscode-tree-indentGuidesStroke, #585858); margin-left: 8px; }
.node { margin: 4px 0; padding: 4px 8px; border: 1px solid var(--vscode-panel-border, #444); border-radius: 4px; }
.node .type { font-weight: 600; }
.node code { overflow-wrap: anywhere; }
.node .metrics { display: block; font-size: 0.92em; }
.node.added { border-color: var(--vscode-charts-green, #3fb950); background: color-mix(in srgb, var(--vscode-charts-green, #3fb950) 14%, transparent); }
.node.removed { border-color: var(--vscode-charts-red, #f85149); background: color-mix(in srgb, var(--vscode-charts-red, #f85149) 12%, transparent); }
.badge { font-size: 0.8em; font-weight: 600; text-transform: uppercase; margin-right: 6px; padding: 0 4px; border-radius: 3px; }
.added .badge { background: var(--vscode-charts-green, #3fb950); color: var(--vscode-editor-background, #000); }
.removed .badge { background: var(--vscode-charts-red, #f85149); color: var(--vscode-editor-background, #000); }
.legend .node { display: inline-block; margin-right: 10px; }
.notes li { margin: 2px 0; }
`;
