// drizzle-kit 1.0: `<YYYYMMDDHHMMSS>_<name>/migration.sql` and a `snapshot.json` of type "diff" whose deltas
// create (or drop) the index, chained to the last snapshot by `prevIds` (format "9", verified with 1.0.0-rc.5).
import path from 'node:path';
import type { DrizzleConfig } from '../read/drizzleConfig';
import type { MigrationFiles } from './edits';
import { type Result, failure } from '../model/result';
import type { MigrationWriteFailureCode } from './planFailure';
import { predicateText } from '../sqlText/predicateText';
import { type IndexSpec, migrationDownSql, migrationUpSql } from '../sqlText/indexDdl';
import type { MigrationFolder } from '../schema/migrations/readMigrationsFolder';
import { type FixContext, type FixRequest, migrationName } from './fixContext';

/** 1.0 writes a partial predicate unqualified: `"col" IS NOT NULL`. */
function style10(spec: IndexSpec): IndexSpec {
  return spec.predicate ? { ...spec, where: predicateText(spec.predicate) } : spec;
}

function folderStamp(now: Date, after: string | undefined): string {
  let t = now.getTime();
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  while (after !== undefined && stamp(t) <= after) t += 1000;
  return stamp(t);
}

function indexRow(spec: IndexSpec): Record<string, unknown> {
  return {
    schema: spec.table.schema ?? 'public',
    table: spec.table.name,
    name: spec.name,
    nameExplicit: true,
    columns: spec.columns.map((c) => ({ value: c, isExpression: false, asc: true, nullsFirst: false, opclass: null })),
    isUnique: false,
    where: spec.where,
    with: '',
    method: 'btree',
    concurrently: false,
    entityType: 'indexes',
  };
}

function footprint(spec: IndexSpec, op: 'create_index' | 'drop_index'): Record<string, unknown> {
  const schema = spec.table.schema ?? 'public';
  const id = `${schema}.${spec.name}`;
  // Reads of a create name the new state (n|), of a drop the existing one (e|), as drizzle-kit writes them.
  const r = op === 'create_index' ? 'n' : 'e';
  const base = {
    statementType: op,
    statementTarget: ['index', schema, spec.table.name, spec.name],
    writes: [`s|idx|${id}`, `n|idx|${id}`, `e|idx|${id}`, `n|rel|${id}`],
    reads: [`${r}|tbl|${schema}.${spec.table.name}`, `n|sch|${schema}`, ...spec.columns.map((c) => `${r}|col|${schema}.${spec.table.name}.${c}`)],
  };
  return op === 'drop_index' ? { ...base, sharedWrites: [] } : base;
}

export function folderMigration(
  ctx: FixContext,
  folder: Extract<MigrationFolder, { kind: 'folders' }>,
  config: DrizzleConfig,
  addsIn: IndexSpec[],
  removesIn: IndexSpec[],
  req: FixRequest,
): Result<MigrationFiles, MigrationWriteFailureCode> {
  const adds = addsIn.map(style10);
  const removes = removesIn;
  const lastFolder = folder.folders[folder.folders.length - 1];
  const lastText = ctx.readFileFresh(path.join(lastFolder, 'snapshot.json'));
  let last: { id?: unknown; version?: unknown };
  try {
    last = JSON.parse(lastText ?? '') as typeof last;
  } catch {
    return failure(
      'snapshot-unreadable',
      `${path.relative(config.baseDir, path.join(lastFolder, 'snapshot.json'))} is missing or not valid JSON, so nothing was written`,
    );
  }
  if (typeof last.id !== 'string') return failure('snapshot-unreadable', 'the last snapshot has no id, so nothing was written');
  if (last.version !== '9') {
    return failure(
      'snapshot-format-unsupported',
      `the last snapshot has format version ${String(last.version)}; Index Insight writes format 9 (drizzle-kit 1.0.0-rc.5 and later): run \`drizzle-kit up\`, or add the index and run \`drizzle-kit generate\``,
    );
  }
  const lastName = path.basename(lastFolder).slice(0, 14);
  const stamp = folderStamp(req.now, /^\d{14}$/.test(lastName) ? lastName : undefined);
  const dir = path.join(folder.out, `${stamp}_${migrationName(req.name, adds, removes)}`);
  const files = { sql: path.join(dir, 'migration.sql'), snapshot: path.join(dir, 'snapshot.json'), down: path.join(dir, 'down.sql') };
  for (const p of Object.values(files))
    if (ctx.fileExists(p))
      return failure('migration-file-exists', `${path.relative(config.baseDir, p)} already exists; a migration never overwrites a file`);
  const snapshot = {
    type: 'diff',
    version: '9',
    dialect: 'postgres',
    id: req.newId(),
    prevIds: [last.id],
    footprints: [...adds.map((s) => footprint(s, 'create_index')), ...removes.map((s) => footprint(s, 'drop_index'))],
    deltas: [
      ...adds.map((s) => ({ op: 'create', row: indexRow(s) })),
      ...removes.map((s) => ({ op: 'drop', key: `indexes\u0000${JSON.stringify([s.table.schema ?? 'public', s.name])}` })),
    ],
  };
  return {
    ok: true,
    changes: [
      { kind: 'create', path: files.sql, text: migrationUpSql(adds, removes, '1.0') },
      { kind: 'create', path: files.snapshot, text: JSON.stringify(snapshot, null, 2) },
      { kind: 'create', path: files.down, text: migrationDownSql(adds, removes, '1.0') },
    ],
    notes: [`Migration ${path.basename(dir)} with its reverse down.sql beside it (drizzle ignores it; run it by hand to roll back).`],
  };
}
