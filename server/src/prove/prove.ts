// "Prove index": the plan of a query site now and with its proposed index, on the user's database or embedded.
import path from 'node:path';
import { type IndexSpec, specOf } from '../analysis/sqlText/indexDdl';
import { migrationSqlFiles } from '../analysis/schema/migrations/readMigrationsFolder';
import type { Project } from '../analysis/workspace/project';
import { explainEmbedded, proveEmbedded } from './embedded';
import type { Evaluation, Result } from '../analysis/model';
import type { RenderedSql } from '../analysis/sqlText/renderQuery';
import { failure } from '../analysis/model/result';
import { type LiveOptions, explainLive, proveLive } from './live';
import { ProofError, type ProofFailureCode } from './proofError';
import type { PlanSummary } from './plan';

export interface ProofRequest {
  file: string;
  /** 0-based line of the query or its filter. */
  line: number;
  databaseUrl?: string;
  rows?: number;
  /** Without HypoPG on a live database: the user agreed that the index be built (and rolled back). */
  allowBuild?: boolean;
  /** Told what the proof is doing while it boots a database, seeds it, explains. */
  progress?: (message: string) => void;
}

export interface ProofReport {
  sql: string;
  params: unknown[];
  database: 'embedded' | 'live';
  index: IndexSpec;
  before: PlanSummary;
  after: PlanSummary;
  /** before / after: execution time on the embedded database, estimated cost on a live one. */
  ratio: number;
  notes: string[];
}

export const DEFAULT_PROOF_ROWS = 100_000;

export type ProofOutcome = Result<{ report: ProofReport }, ProofFailureCode>;

export async function prove(project: Project, req: ProofRequest): Promise<ProofOutcome> {
  try {
    return { ok: true, report: await proveOrThrow(project, req) };
  } catch (e) {
    if (e instanceof ProofError) return failure(e.code, e.message);
    throw e;
  }
}

/** A query an index already serves: its plan as it is, nothing to add. */
export interface ServedReport {
  sql: string;
  database: 'embedded' | 'live';
  /** The index the analysis expects PostgreSQL to use. */
  servedBy: string | null;
  plan: PlanSummary;
  notes: string[];
}

export type EditorProofOutcome = Result<{ kind: 'proof'; report: ProofReport } | { kind: 'served'; report: ServedReport }, ProofFailureCode>;

/** For the editor: the proof where an index is proposed; elsewhere the plan the query already has. */
export async function proveOrExplain(project: Project, req: ProofRequest): Promise<EditorProofOutcome> {
  const found = project.siteAt(req.file, req.line);
  if (!found || !found.sql.ok || found.evaluations.some((e) => e.proposal && found.sql.ok && e.table.id === found.sql.table.id)) {
    const outcome = await prove(project, req);
    return outcome.ok ? { ok: true, kind: 'proof', report: outcome.report } : outcome;
  }
  try {
    return { ok: true, kind: 'served', report: await explainServed(project, req, found.sql, found.evaluations) };
  } catch (e) {
    if (e instanceof ProofError) return failure(e.code, e.message);
    throw e;
  }
}

async function explainServed(
  project: Project,
  req: ProofRequest,
  rendered: RenderedSql & { ok: true },
  evaluations: Evaluation[],
): Promise<ServedReport> {
  const servedBy = evaluations.find((e) => e.table.id === rendered.table.id)?.bestIndex?.name ?? null;
  const notes: string[] = [];
  if (rendered.approximate) notes.push('Relational query: explained as the equivalent plain SELECT.');
  if (req.databaseUrl) {
    const plan = await explainLive({ url: req.databaseUrl }, rendered);
    notes.push('Generic plan (no parameter values): estimated costs, not timings.');
    return { sql: rendered.sql, database: 'live', servedBy, plan, notes };
  }
  const rows = req.rows ?? DEFAULT_PROOF_ROWS;
  const r = await explainEmbedded({ migrations: migrationsOf(project, rendered.table.file), schema: project.schema() }, rendered, rows);
  notes.push(
    `Embedded PostgreSQL (PGlite) built from the ${r.built}, with ${rows} synthetic rows in ${rendered.table.name}: the data are synthetic, the timings indicative.`,
  );
  return { sql: rendered.sql, database: 'embedded', servedBy, plan: r.before, notes };
}

async function proveOrThrow(project: Project, req: ProofRequest): Promise<ProofReport> {
  const found = project.siteAt(req.file, req.line);
  if (!found) throw new ProofError('no-query', `No query on ${path.relative(project.root, req.file)}:${req.line + 1}.`);
  if (!found.sql.ok)
    throw new ProofError(
      'not-static',
      `The query on line ${req.line + 1} is not fully known statically (${found.sql.message}); it cannot be explained.`,
    );
  const evaluation = found.evaluations.find((e) => e.proposal && e.table.id === (found.sql.ok ? found.sql.table.id : ''));
  if (!evaluation?.proposal) {
    const served = found.evaluations.find((e) => e.bestIndex);
    throw new ProofError(
      'no-proposal',
      `No index is proposed for the query on line ${req.line + 1}${served?.bestIndex ? `: "${served.bestIndex.name}" serves it` : ''}.`,
    );
  }
  const spec = specOf(evaluation.table, evaluation.proposal);
  const notes: string[] = [];
  if (found.sql.approximate) notes.push('Relational query: explained as the equivalent plain SELECT.');
  if (req.databaseUrl) {
    req.progress?.('Connecting to the database…');
    const live: LiveOptions = { url: req.databaseUrl };
    const r = await proveLive(live, found.sql, spec, req.allowBuild ?? false);
    notes.push(
      r.method === 'hypopg'
        ? 'After: a hypothetical index (HypoPG); nothing was built.'
        : 'After: the index was built inside a transaction that was rolled back.',
    );
    notes.push('Generic plans (no parameter values): estimated costs, not timings.');
    return {
      sql: found.sql.sql,
      params: [],
      database: 'live',
      index: spec,
      before: r.before,
      after: r.after,
      ratio: r.before.totalCost / Math.max(r.after.totalCost, 0.001),
      notes,
    };
  }
  const rows = req.rows ?? DEFAULT_PROOF_ROWS;
  const r = await proveEmbedded(
    { migrations: migrationsOf(project, evaluation.table.file), schema: project.schema() },
    found.sql,
    spec,
    rows,
    req.progress,
  );
  notes.push(
    `Embedded PostgreSQL (PGlite) built from the ${r.built}, with ${rows} synthetic rows in ${spec.table.name}: the data are synthetic, the timings indicative.`,
  );
  return {
    sql: found.sql.sql,
    params: r.params,
    database: 'embedded',
    index: spec,
    before: r.before,
    after: r.after,
    ratio: (r.before.ms ?? 0) / Math.max(r.after.ms ?? 0, 0.001),
    notes,
  };
}

/** The project's migrations in the order drizzle applies them; none for push projects. */
export function migrationsOf(project: Project, schemaFile: string): { file: string; text: string }[] {
  const config = project.configOf(schemaFile);
  if (!config) return [];
  return migrationSqlFiles(config.out, { readDirectory: (d) => project.readDirectory(d), readFile: (p) => project.readFileFresh(p) }).flatMap(
    (file) => {
      const text = project.readFileFresh(file);
      return text === undefined ? [] : [{ file, text }];
    },
  );
}
