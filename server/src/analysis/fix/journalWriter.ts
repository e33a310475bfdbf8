// drizzle-kit 0.x: `NNNN_<name>.sql`, `meta/NNNN_snapshot.json` (previous snapshot + the change) and the journal entry.
import path from 'node:path';
import type { DrizzleConfig } from '../read/drizzleConfig';
import type { MigrationFiles } from './edits';
import { type Result, failure } from '../model/result';
import type { MigrationWriteFailureCode } from './planFailure';
import { type IndexSpec, migrationDownSql, migrationUpSql } from '../sqlText/indexDdl';
import type { MigrationFolder } from '../schema/migrations/readMigrationsFolder';
import { type FixContext, type FixRequest, migrationName } from './fixContext';
import { nextSnapshot } from './snapshot';

function migrationPrefix(mode: string | null, idx: number, now: Date): string {
  if (mode === 'timestamp' || mode === 'supabase') return now.toISOString().replace('T', '').replace(/[-:]/g, '').slice(0, 14);
  if (mode === 'unix') return String(Math.floor(now.getTime() / 1000));
  if (mode === 'none') return '';
  return String(idx).padStart(4, '0');
}

export function journalMigration(
  ctx: FixContext,
  folder: Extract<MigrationFolder, { kind: 'journal' }>,
  config: DrizzleConfig,
  adds: IndexSpec[],
  removes: IndexSpec[],
  req: FixRequest,
): Result<MigrationFiles, MigrationWriteFailureCode> {
  const last = folder.journal.entries[folder.journal.entries.length - 1];
  const idx = last.idx + 1;
  const prefix = migrationPrefix(config.prefix, idx, req.now);
  const tag = `${prefix}_${migrationName(req.name, adds, removes)}`;
  const sqlPath = path.join(folder.out, `${tag}.sql`);
  const downPath = path.join(folder.out, `${tag}.down.sql`);
  const snapshotPath = path.join(folder.out, 'meta', `${prefix}_snapshot.json`);
  for (const p of [sqlPath, downPath, snapshotPath]) {
    if (ctx.fileExists(p))
      return failure('migration-file-exists', `${path.relative(config.baseDir, p)} already exists; a migration never overwrites a file`);
  }
  const next = nextSnapshot(folder.lastSnapshot, req.newId(), adds, removes);
  if (!next.ok) return failure('snapshot-mismatch', `The last snapshot does not match the schema, so nothing was written: ${next.message}.`);
  const journal = JSON.parse(JSON.stringify(folder.journal)) as typeof folder.journal;
  journal.entries.push({
    idx,
    version: last.version ?? '7',
    when: Math.max(req.now.getTime(), last.when + 1),
    tag,
    breakpoints: last.breakpoints ?? true,
  });
  return {
    ok: true,
    changes: [
      { kind: 'create', path: sqlPath, text: migrationUpSql(adds, removes) },
      { kind: 'create', path: downPath, text: migrationDownSql(adds, removes) },
      { kind: 'create', path: snapshotPath, text: JSON.stringify(next.snapshot, null, 2) },
      { kind: 'replace', path: folder.journalPath, text: JSON.stringify(journal, null, 2) },
    ],
    notes: [`Migration ${tag} with its reverse ${tag}.down.sql (drizzle ignores it; run it by hand to roll back).`],
  };
}
