// `index-insight prove --at FILE:LINE`: the plan before and after the proposed index.
import path from 'node:path';
import { Project } from '../analysis/workspace/project';
import { NodeFileHost } from '../node/nodeHost';
import { planText } from '../prove/plan';
import { type ProofReport, prove } from '../prove/prove';
import { redactMessage } from '../prove/redact';

export interface ProveOptions {
  at: string;
  databaseUrl?: string;
  rows?: number;
  format: 'text' | 'json';
  allowBuild?: boolean;
  /** Progress lines (stderr). */
  progress?: (message: string) => void;
}

export async function runProve(root: string, o: ProveOptions): Promise<{ out: string; code: number }> {
  const m = /^(.*):(\d+)$/.exec(o.at);
  if (!m) return { out: `index-insight: --at takes FILE:LINE (got "${o.at}")\n`, code: 2 };
  const project = new Project(root, new NodeFileHost());
  const file = path.resolve(root, m[1]);
  try {
    const outcome = await prove(project, {
      file,
      line: Number(m[2]) - 1,
      databaseUrl: o.databaseUrl,
      rows: o.rows,
      allowBuild: o.allowBuild,
      progress: o.progress,
    });
    if (!outcome.ok) {
      const consent = outcome.code === 'needs-consent' ? ' Run again with --build-index to build it.' : '';
      return { out: `index-insight: ${redactMessage(outcome.message, o.databaseUrl)}${consent}\n`, code: 2 };
    }
    const { report } = outcome;
    return { out: o.format === 'json' ? `${JSON.stringify(toJson(report), null, 2)}\n` : textReport(report), code: 0 };
  } catch (e) {
    // pg's own errors (an unparsable connection string): a message, never the stack (which may hold the URL).
    return { out: `index-insight: cannot prove: ${redactMessage((e as Error).message, o.databaseUrl)}\n`, code: 2 };
  }
}

function toJson(r: ProofReport) {
  const side = (p: ProofReport['before']) => ({
    plan: p.plan,
    nodes: p.nodes,
    indexes: p.indexes,
    estimatedRows: p.estimatedRows,
    cost: p.totalCost,
    ms: p.ms,
  });
  return {
    sql: r.sql,
    database: r.database,
    index: { name: r.index.name, columns: r.index.columns, where: r.index.where },
    before: side(r.before),
    after: side(r.after),
    ratio: r.ratio,
    notes: r.notes,
  };
}

function textReport(r: ProofReport): string {
  const indent = (s: string) =>
    s
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n');
  const measure =
    r.database === 'embedded'
      ? `execution ${r.before.ms?.toFixed(3)} ms -> ${r.after.ms?.toFixed(3)} ms`
      : `estimated cost ${r.before.totalCost} -> ${r.after.totalCost}`;
  return [
    `SQL: ${r.sql}`,
    `Database: ${r.database}`,
    'Before:',
    indent(planText(r.before)),
    `After, with "${r.index.name}" (${r.index.columns.join(', ')})${r.index.where ? ` WHERE ${r.index.where}` : ''}:`,
    indent(planText(r.after)),
    `${measure} (${r.ratio.toFixed(1)}x)`,
    ...r.notes,
    '',
  ].join('\n');
}
