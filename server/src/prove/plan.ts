// What we show of a PostgreSQL plan: node types, indexes used, estimated rows and cost, actual time.

export interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Plan Rows'?: number;
  'Actual Rows'?: number;
  'Total Cost'?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface PlanSummary {
  /** The plan as PostgreSQL returned it (EXPLAIN FORMAT JSON, first element). */
  plan: { Plan: PlanNode; 'Execution Time'?: number; 'Planning Time'?: number };
  /** Node types, depth first (e.g. ["Bitmap Heap Scan", "BitmapAnd", "Bitmap Index Scan", ...]). */
  nodes: string[];
  /** Indexes the plan uses. */
  indexes: string[];
  estimatedRows: number;
  totalCost: number;
  /** Execution time in ms (EXPLAIN ANALYZE only). */
  ms: number | null;
}

export function summarizePlan(json: unknown): PlanSummary {
  const root = (Array.isArray(json) ? json[0] : json) as PlanSummary['plan'];
  const nodes: string[] = [];
  const indexes: string[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n['Node Type']);
    if (n['Index Name'] && !indexes.includes(n['Index Name'])) indexes.push(n['Index Name']);
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(root.Plan);
  return {
    plan: root,
    nodes,
    indexes,
    estimatedRows: root.Plan['Plan Rows'] ?? 0,
    totalCost: root.Plan['Total Cost'] ?? 0,
    ms: typeof root['Execution Time'] === 'number' ? root['Execution Time'] : null,
  };
}

/** Indented one-line-per-node text, like EXPLAIN's text format, for terminals and hovers. */
export function planText(p: PlanSummary): string {
  const lines: string[] = [];
  const walk = (n: PlanNode, depth: number) => {
    const on = n['Index Name'] ? ` using ${n['Index Name']}` : '';
    const rel = n['Relation Name'] ? ` on ${n['Relation Name']}` : '';
    const actual = typeof n['Actual Rows'] === 'number' ? `, actual rows=${n['Actual Rows']}` : '';
    lines.push(`${'  '.repeat(depth)}${depth ? '-> ' : ''}${n['Node Type']}${on}${rel} (rows=${n['Plan Rows']}${actual}, cost=${n['Total Cost']})`);
    for (const c of n.Plans ?? []) walk(c, depth + 1);
  };
  walk(p.plan.Plan, 0);
  if (p.ms !== null) lines.push(`Execution Time: ${p.ms.toFixed(3)} ms`);
  return lines.join('\n');
}
