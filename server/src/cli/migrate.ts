// `index-insight migrate`: every finding's proposal, folded per table, as schema edits plus one migration.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { applyEdits } from '../analysis/fix/edits';
import { planFix } from '../analysis/fix/planFix';
import { migrationTarget } from '../analysis/fix/migrationTarget';
import { type FoldedProposal, foldProposals } from '../analysis/propose/foldProposals';
import { tableLabel } from '../analysis/sqlText/identifiers';
import { Project, type ProjectOptions } from '../analysis/workspace/project';
import { NodeFileHost } from '../node/nodeHost';
import { applyPlanToDisk, holdWriteLocks, recoverInterruptedWrites } from '../node/applyPlan';
import { type Result, failure } from '../analysis/model/result';

export interface MigrateOptions extends ProjectOptions {
  name?: string;
  dryRun?: boolean;
  now?: Date;
  env?: (name: string) => string | undefined;
}

/** The report to print, notes for stderr (files read only in part, as `check` says them) and the exit code. */
export interface MigrateReport {
  out: string;
  notes: string;
  code: number;
}

/** `stale`: a file changed while it was analysed (the message names it); nothing was written. */
type Attempt = Result<{ report: MigrateReport }, 'stale'>;

export function runMigrate(root: string, options: MigrateOptions): MigrateReport {
  const env = options.env ?? ((name: string) => process.env[name]);
  const recovered = options.dryRun ? [] : recoverInterruptedWrites(migrationDirs(root, env));
  // A file saved while the analysis ran: analyse again once, then give up rather than write at stale offsets.
  for (let attempt = 1; ; attempt++) {
    const r = migrateOnce(root, options, env);
    if (r.ok) {
      const undone = recovered.map((d) => `Undid the unfinished write of an earlier run in ${path.relative(root, d) || '.'}.\n`).join('');
      return { ...r.report, out: `${undone}${r.report.out}` };
    }
    if (attempt === 2) return { out: `index-insight: ${r.message}; run it again when no one is saving it.\n`, notes: '', code: 2 };
  }
}

function migrationDirs(root: string, env: (name: string) => string | undefined): string[] {
  const project = new Project(root, new NodeFileHost());
  return project.configs().flatMap((c) => {
    const t = migrationTarget(project, c, env);
    return t.ok && t.kind === 'folder' ? [t.out] : [];
  });
}

function migrateOnce(root: string, options: MigrateOptions, env: (name: string) => string | undefined): Attempt {
  const project = new Project(root, new NodeFileHost(), options);
  const analyses = project.analyzeFiles(project.queryFiles().filter((f) => !project.isExcluded(f)));
  const problems = [
    ...project.configs().flatMap((c) => c.problems.map((p) => `${c.file}: ${p}`)),
    ...analyses.flatMap((a) => a.problems.map((p) => `${a.file}: ${p}`)),
  ];
  const notes = problems.map((p) => `index-insight: note: ${p}\n`).join('');
  const unread = project.skipped().filter((s) => s.schema);
  if (unread.length > 0) {
    const list = unread.map((s) => `  ${path.relative(project.root, s.file) || '.'}: ${s.reason}`).join('\n');
    return done({ out: `index-insight: the schema could not be read completely, so nothing was written:\n${list}\n`, notes, code: 2 });
  }
  const schema = project.schema();
  const folded = foldProposals(
    analyses.flatMap((a) => a.findings),
    (id) => schema.byId.get(id),
  );
  if (folded.length === 0) return done({ out: 'No findings: no index to add.\n', notes, code: 0 });
  // The migrations folders are read and written under their lock, so another run's write is never seen half done.
  const lockDirs = options.dryRun
    ? []
    : project.configs().flatMap((c) => {
        const t = migrationTarget(project, c, env);
        return t.ok && t.kind === 'folder' ? [t.out] : [];
      });
  const locks = holdWriteLocks(lockDirs);
  if (!locks.ok) return done({ out: `index-insight: ${locks.message}; nothing was written\n`, notes, code: 2 });
  try {
    return planAndWrite(project, folded, options, env, notes, new Set(lockDirs));
  } finally {
    locks.release();
  }
}

function planAndWrite(
  project: Project,
  folded: FoldedProposal[],
  options: MigrateOptions,
  env: (name: string) => string | undefined,
  notes: string,
  locked: Set<string>,
): Attempt {
  const result = planFix(project, {
    add: folded.map((f) => ({ table: f.table, proposal: f.proposal })),
    name: options.name,
    now: options.now ?? new Date(),
    newId: randomUUID,
    env,
  });
  if (!result.ok) {
    // The schema saved (by someone, or another run) since the analysis read it: the error may be that change's.
    const changed = [...new Set(folded.map((f) => f.table.file))].find((f) => project.readFileFresh(f) !== project.readFile(f));
    if (changed) return failure('stale', `${path.relative(project.root, changed)} changed while it was analysed, so nothing was written`);
    return done({ out: `index-insight: ${result.message}\n`, notes, code: 2 });
  }
  const rel = (p: string): string => path.relative(project.root, p).split(path.sep).join('/');
  const lines = [`${result.plan.title}:`];
  for (const f of folded) {
    lines.push(
      `  ${f.proposal.name} on ${tableLabel(f.table)} (${f.proposal.columns.join(', ')})${f.proposal.where ? ` WHERE ${f.proposal.where}` : ''}`,
    );
    for (const finding of f.findings) lines.push(`    serves ${rel(finding.file)}:${finding.range.start.line + 1}`);
  }
  for (const n of result.plan.notes) lines.push(n);
  if (options.dryRun) {
    lines.push('', 'Dry run: these files would be written:');
    for (const c of result.plan.changes) {
      const text = c.kind === 'edit' ? applyEdits(project.readFile(c.path) ?? '', c.edits) : c.text;
      lines.push(`--- ${rel(c.path)} (${c.kind === 'create' ? 'new' : 'edited'})`, text.endsWith('\n') ? text.slice(0, -1) : text);
    }
    return done({ out: `${lines.join('\n')}\n`, notes, code: 0 });
  }
  const w = applyPlanToDisk(result.plan, { lockHeld: result.plan.migrationsDir !== undefined && locked.has(result.plan.migrationsDir) });
  if (!w.ok) {
    if (w.code === 'stale-plan') return failure('stale', `${rel(w.file)} changed while it was analysed, so nothing was written`);
    return done({ out: `index-insight: ${w.message}\n`, notes, code: 2 });
  }
  lines.push(...w.written.map((p) => `wrote ${rel(p)}`));
  return done({ out: `${lines.join('\n')}\n`, notes, code: 0 });
}

function done(report: MigrateReport): Attempt {
  return { ok: true, report };
}
