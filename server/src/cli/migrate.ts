// `index-insight migrate`: every finding's proposal, folded per table, as schema edits plus one migration.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { applyEdits } from '../analysis/fix/edits';
import { collectProposals } from '../analysis/workspace/collectProposals';
import { planFix } from '../analysis/fix/planFix';
import { tableLabel } from '../analysis/sqlText/identifiers';
import { Project, type ProjectOptions } from '../analysis/workspace/project';
import { NodeFileHost } from '../node/nodeHost';
import { makeExclude } from '../analysis/workspace/excludeFiles';
import { applyPlanToDisk } from '../node/applyPlan';

export interface MigrateOptions extends ProjectOptions {
  name?: string;
  dryRun?: boolean;
  now?: Date;
  /** Globs of files whose queries are not reported; undefined: the defaults. */
  exclude?: string[];
}

/** Returns the report to print and the exit code. */
export function runMigrate(root: string, options: MigrateOptions): { out: string; code: number } {
  const project = new Project(root, new NodeFileHost(), options);
  const folded = collectProposals(project, makeExclude(project.root, options.exclude));
  const unread = project.skipped().filter((s) => s.schema);
  if (unread.length > 0) {
    const list = unread.map((s) => `  ${path.relative(project.root, s.file) || '.'}: ${s.reason}`).join('\n');
    return { out: `index-insight: the schema could not be read completely, so nothing was written:\n${list}\n`, code: 2 };
  }
  if (folded.length === 0) return { out: 'No findings: no index to add.\n', code: 0 };
  const result = planFix(project, { add: folded.map((f) => ({ table: f.table, proposal: f.proposal })), name: options.name, now: options.now ?? new Date(), newId: randomUUID });
  if (!result.ok) return { out: `index-insight: ${result.error}\n`, code: 2 };
  const rel = (p: string) => path.relative(project.root, p).split(path.sep).join('/');
  const lines = [`${result.plan.title}:`];
  for (const f of folded) {
    lines.push(`  ${f.proposal.name} on ${tableLabel(f.table)} (${f.proposal.columns.join(', ')})${f.proposal.where ? ` WHERE ${f.proposal.where}` : ''}`);
    for (const finding of f.findings) lines.push(`    serves ${rel(finding.file)}:${finding.range.start.line + 1}`);
  }
  for (const n of result.plan.notes) lines.push(n);
  if (options.dryRun) {
    lines.push('', 'Dry run: these files would be written:');
    for (const c of result.plan.changes) {
      const text = c.kind === 'edit' ? applyEdits(project.readFile(c.path) ?? '', c.edits) : c.text;
      lines.push(`--- ${rel(c.path)} (${c.kind === 'create' ? 'new' : 'edited'})`, text.endsWith('\n') ? text.slice(0, -1) : text);
    }
    return { out: `${lines.join('\n')}\n`, code: 0 };
  }
  const written = applyPlanToDisk(result.plan);
  lines.push(...written.map((p) => `wrote ${rel(p)}`));
  return { out: `${lines.join('\n')}\n`, code: 0 };
}
