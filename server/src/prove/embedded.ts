// The embedded default: PostgreSQL in WebAssembly (PGlite), built from the project's migrations (or its schema
// model), filled with synthetic rows, EXPLAIN ANALYZE before and after the proposed index. The data are synthetic.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type IndexSpec, createIndexSql } from '../analysis/sqlText/indexDdl';
import { q, qualifiedTable } from '../analysis/sqlText/identifiers';
import type { RenderedSql } from '../analysis/sqlText/renderQuery';
import type { SchemaModel, Table } from '../analysis/model';
import { type PlanSummary, summarizePlan } from './plan';
import { type ColumnInfo, seedExpression } from './seed';
import { ProofError } from './proofError';

type Rendered = Extract<RenderedSql, { ok: true }>;

export interface EmbeddedSource {
  /** Migration SQL files in the order drizzle applies them (empty: build from the schema model). */
  migrations: { file: string; text: string }[];
  schema: SchemaModel;
}

export interface EmbeddedResult {
  before: PlanSummary;
  after: PlanSummary;
  rows: number;
  params: unknown[];
  built: 'migrations' | 'schema model';
}

const RUNS = 5;

export async function proveEmbedded(
  source: EmbeddedSource,
  rendered: Rendered,
  spec: IndexSpec,
  rows: number,
  progress: (message: string) => void = () => undefined,
): Promise<EmbeddedResult> {
  return withSeededTable(source, rendered, rows, progress, async (db, built, params) => {
    const before = await explainAnalyze(db, rendered, params);
    await db.exec(createIndexSql(spec));
    await db.exec(`ANALYZE ${qualifiedTable(rendered.table)}`);
    const after = await explainAnalyze(db, rendered, params);
    return { before, after, rows, params, built };
  });
}

/** The plan of a query an index already serves (nothing to add), on the same synthetic data. */
export async function explainEmbedded(
  source: EmbeddedSource,
  rendered: Rendered,
  rows: number,
  progress: (message: string) => void = () => undefined,
): Promise<Omit<EmbeddedResult, 'after'>> {
  return withSeededTable(source, rendered, rows, progress, async (db, built, params) => ({
    before: await explainAnalyze(db, rendered, params),
    rows,
    params,
    built,
  }));
}

async function withSeededTable<T>(
  source: EmbeddedSource,
  rendered: Rendered,
  rows: number,
  progress: (message: string) => void,
  fn: (db: PGlite, built: EmbeddedResult['built'], params: unknown[]) => Promise<T>,
): Promise<T> {
  progress('Starting the embedded PostgreSQL (PGlite)…');
  const db = new PGlite();
  try {
    await db.waitReady;
    progress(
      source.migrations.length
        ? `Creating the tables from ${source.migrations.length} migration${source.migrations.length === 1 ? '' : 's'}…`
        : 'Creating the tables from the schema…',
    );
    const built = await buildTables(db, source);
    const foreignKeys = await foreignKeyColumns(db, rendered.table);
    await dropForeignKeys(db);
    progress(`Inserting ${rows.toLocaleString('en-US')} synthetic rows into ${rendered.table.name}…`);
    await seedTable(db, rendered.table, rows, foreignKeys);
    progress('Explaining the query before and after the index…');
    await db.exec(`ANALYZE ${qualifiedTable(rendered.table)}`);
    return await fn(db, built, await sampleParams(db, rendered));
  } finally {
    await db.close();
  }
}

async function buildTables(db: PGlite, source: EmbeddedSource): Promise<EmbeddedResult['built']> {
  if (source.migrations.length > 0) {
    for (const m of source.migrations) {
      for (const stmt of m.text.split('--> statement-breakpoint')) {
        if (!stmt.trim()) continue;
        try {
          await db.exec(stmt);
        } catch (e) {
          throw new ProofError('embedded-failed', `The embedded database could not run ${path.basename(m.file)}: ${(e as Error).message}`);
        }
      }
    }
    return 'migrations';
  }
  for (const t of source.schema.tables) {
    if (t.schema) await db.exec(`CREATE SCHEMA IF NOT EXISTS "${t.schema}"`);
    const cols = t.columns.map((c) => `"${c.sqlName}" ${sqlType(c.dataType)}${c.nullable ? '' : ' NOT NULL'}`);
    await db.exec(`CREATE TABLE IF NOT EXISTS ${qualifiedTable(t)} (${cols.join(', ')})`);
    for (const i of t.indexes) {
      if (i.columns.some((c) => c === null) || i.method !== 'btree') continue;
      const ddl = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${q(i.name)} ON ${qualifiedTable(t)} (${i.columns.map((c) => q(c as string)).join(', ')})${i.whereText ? ` WHERE ${i.whereText}` : ''}`;
      try {
        await db.exec(ddl);
      } catch (e) {
        // A missing index would make the "before" plan wrong: say so rather than prove against the wrong schema.
        throw new ProofError(
          'embedded-failed',
          `The embedded database could not build the existing index ${i.name} (${ddl}): ${(e as Error).message}`,
        );
      }
    }
  }
  return 'schema model';
}

const TYPES: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  varchar: 'varchar',
  char: 'char',
  integer: 'integer',
  serial: 'integer',
  bigserial: 'bigint',
  smallint: 'smallint',
  bigint: 'bigint',
  boolean: 'boolean',
  timestamp: 'timestamp',
  date: 'date',
  jsonb: 'jsonb',
  json: 'json',
  numeric: 'numeric',
  real: 'real',
  doublePrecision: 'double precision',
  interval: 'interval',
  time: 'time',
};

function sqlType(builder: string): string {
  return TYPES[builder] ?? 'text';
}

async function foreignKeyColumns(db: PGlite, table: Table): Promise<Set<string>> {
  const r = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.conrelid = $1::regclass`,
    [qualifiedTable(table)],
  );
  const cols = new Set(r.rows.map((x) => x.name));
  // Built from the schema model (no constraints): the model knows no foreign keys either; use `*_id` names.
  if (cols.size === 0) for (const c of table.columns) if (/_id$/.test(c.sqlName) && !c.primaryKey) cols.add(c.sqlName);
  return cols;
}

async function dropForeignKeys(db: PGlite): Promise<void> {
  const fks = await db.query<{ rel: string; name: string }>(
    "SELECT conrelid::regclass::text AS rel, conname AS name FROM pg_constraint WHERE contype = 'f'",
  );
  for (const fk of fks.rows) await db.exec(`ALTER TABLE ${fk.rel} DROP CONSTRAINT "${fk.name}"`);
}

async function seedTable(db: PGlite, table: Table, rows: number, foreignKeys: Set<string>): Promise<void> {
  const info = await db.query<{
    name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
    is_generated: string;
    max_len: number | null;
  }>(
    `SELECT column_name AS name, data_type, is_nullable, column_default, is_identity, is_generated, character_maximum_length AS max_len
       FROM information_schema.columns WHERE table_name = $1 AND table_schema = $2 ORDER BY ordinal_position`,
    [table.name, table.schema ?? 'public'],
  );
  const uniqueCols = new Set(table.indexes.filter((i) => i.unique && i.columns.length === 1).map((i) => i.columns[0]));
  const cols: string[] = [];
  const exprs: string[] = [];
  for (const r of info.rows) {
    const c: ColumnInfo = {
      name: r.name,
      dataType: r.data_type,
      nullable: r.is_nullable === 'YES',
      hasDefault: r.column_default !== null,
      identity: r.is_identity === 'YES',
      generated: r.is_generated !== 'NEVER',
      maxLength: r.max_len,
    };
    const expr = seedExpression(c, rows, uniqueCols.has(r.name), foreignKeys.has(r.name));
    if (expr === null) continue;
    cols.push(`"${r.name}"`);
    exprs.push(expr);
  }
  await db.exec(`INSERT INTO ${qualifiedTable(table)} (${cols.join(', ')}) SELECT ${exprs.join(', ')} FROM generate_series(1, ${rows}) AS g`);
}

/** Values for the parameters, taken from one row of the table so that the query finds something. */
async function sampleParams(db: PGlite, rendered: Rendered): Promise<unknown[]> {
  const cols = [...new Set(rendered.params.flatMap((p) => (p.column && !p.set && p.table?.id === rendered.table.id ? [p.column.sqlName] : [])))];
  let row: Record<string, unknown> = {};
  if (cols.length) {
    const notNull = cols.map((c) => `"${c}" IS NOT NULL`).join(' AND ');
    const r = await db.query<Record<string, unknown>>(
      `SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${qualifiedTable(rendered.table)} WHERE ${notNull} OFFSET (SELECT count(*) / 3 FROM ${qualifiedTable(rendered.table)} WHERE ${notNull}) LIMIT 1`,
    );
    row = r.rows[0] ?? {};
  }
  const values: unknown[] = [];
  for (const p of rendered.params) {
    if (p.literal !== undefined) values.push(p.literal);
    else if (p.limit) values.push(50);
    else if (p.set && p.column) {
      // Any existing value of the column keeps NOT NULL and CHECK constraints satisfied.
      const r = await db.query<Record<string, unknown>>(
        `SELECT "${p.column.sqlName}" AS v FROM ${qualifiedTable(rendered.table)} WHERE "${p.column.sqlName}" IS NOT NULL LIMIT 1`,
      );
      values.push(r.rows[0]?.v ?? null);
    } else values.push(p.column ? (row[p.column.sqlName] ?? null) : null);
  }
  return values;
}

async function explainAnalyze(db: PGlite, rendered: Rendered, params: unknown[]): Promise<PlanSummary> {
  const runs: PlanSummary[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Writes (UPDATE/DELETE) run on synthetic data, and are rolled back so that every run sees the same rows.
    await db.exec('BEGIN');
    try {
      const r = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${rendered.sql}`, params);
      runs.push(summarizePlan(r.rows[0]['QUERY PLAN']));
    } finally {
      await db.exec('ROLLBACK');
    }
  }
  runs.sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0));
  return runs[Math.floor(runs.length / 2)];
}
