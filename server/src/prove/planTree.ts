// A PostgreSQL plan as a tree for the proof view, with the nodes that differ from the other plan marked.
import type { PlanNode, PlanSummary } from './plan';
import type { PlanTreeNode, PlanView } from '../lsp/protocol';

const signature = (n: PlanNode) => `${n['Node Type']}\0${n['Relation Name'] ?? ''}\0${n['Index Name'] ?? ''}`;

function signatures(n: PlanNode, out = new Set<string>()): Set<string> {
  out.add(signature(n));
  for (const c of n.Plans ?? []) signatures(c, out);
  return out;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * `other`: the plan to compare with; a node whose type, relation and index appear nowhere in it is marked
 * `change` (added in the plan with the index, removed from the plan now).
 */
export function planView(p: PlanSummary, other: PlanSummary | null, change: 'added' | 'removed'): PlanView {
  const theirs = other ? signatures(other.plan.Plan) : null;
  const walk = (n: PlanNode): PlanTreeNode => ({
    type: n['Node Type'],
    relation: n['Relation Name'] ?? null,
    index: n['Index Name'] ?? null,
    rows: num(n['Plan Rows']),
    actualRows: num(n['Actual Rows']),
    cost: num(n['Total Cost']),
    ms: num(n['Actual Total Time']),
    change: theirs && !theirs.has(signature(n)) ? change : null,
    children: (n.Plans ?? []).map(walk),
  });
  return { root: walk(p.plan.Plan), ms: p.ms, cost: p.totalCost };
}
