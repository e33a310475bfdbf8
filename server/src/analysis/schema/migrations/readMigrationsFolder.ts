// Reads a drizzle-kit migrations folder and checks that it is consistent before anything is added to it.
import path from 'node:path';
import { type Result, failure } from '../../model/result';

export interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}

export interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

export type Snapshot = Record<string, unknown> & { id: string; prevId: string; tables: Record<string, SnapshotTable> };
export type SnapshotTable = Record<string, unknown> & { name: string; schema: string; indexes: Record<string, unknown> };

export type MigrationFolder =
  /** No migrations folder: the project uses `drizzle-kit push`. */
  | { kind: 'none'; out: string }
  /** drizzle-kit 0.x: `NNNN_tag.sql`, `meta/_journal.json`, `meta/NNNN_snapshot.json`. */
  | { kind: 'journal'; out: string; journalPath: string; journal: Journal; lastSnapshot: Snapshot; lastSnapshotPath: string }
  /** drizzle-kit 1.0: `YYYYMMDDHHMMSS_tag/migration.sql` + `snapshot.json`. */
  | { kind: 'folders'; out: string; folders: string[] };

/** Why a migrations folder cannot take one more migration: drizzle-kit would refuse it, or skip a migration. */
export type MigrationFolderFailureCode =
  | 'journal-missing'
  | 'mixed-layouts'
  | 'journal-unreadable'
  | 'journal-entry-invalid'
  | 'migration-file-missing'
  | 'snapshot-count-mismatch'
  | 'journal-empty'
  | 'snapshot-unreadable'
  | 'snapshot-chain-broken';

export type MigrationFolderRead = Result<MigrationFolder, MigrationFolderFailureCode>;

export interface FolderReader {
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  readFile(p: string): string | undefined;
}

const ZERO_ID = '00000000-0000-0000-0000-000000000000';

export function readMigrationFolder(out: string, reader: FolderReader): MigrationFolderRead {
  const entries = reader.readDirectory(out);
  const journalPath = path.join(out, 'meta', '_journal.json');
  const journalText = reader.readFile(journalPath);
  const folders = entries
    .filter((e) => e.isDirectory && e.name !== 'meta' && reader.readFile(path.join(out, e.name, 'migration.sql')) !== undefined)
    .map((e) => path.join(out, e.name))
    .sort();
  if (journalText === undefined) {
    if (folders.length > 0) return { ok: true, kind: 'folders', out, folders };
    if (entries.some((e) => !e.isDirectory && e.name.endsWith('.sql') && !e.name.endsWith('.down.sql'))) {
      return failure('journal-missing', `${rel(out, journalPath)} is missing although the folder holds SQL migrations`);
    }
    return { ok: true, kind: 'none', out };
  }
  if (folders.length > 0)
    return failure('mixed-layouts', 'the folder mixes the 0.x journal layout with 1.0 migration folders (run `drizzle-kit up`)');
  let journal: Journal;
  try {
    journal = JSON.parse(journalText) as Journal;
  } catch (e) {
    return failure('journal-unreadable', `${rel(out, journalPath)} is not valid JSON (${(e as Error).message})`);
  }
  if (!journal || !Array.isArray(journal.entries)) return failure('journal-unreadable', `${rel(out, journalPath)} has no "entries" list`);
  const tags = new Set<string>();
  for (const [i, e] of journal.entries.entries()) {
    if (typeof e?.idx !== 'number' || typeof e.when !== 'number' || typeof e.tag !== 'string')
      return failure('journal-entry-invalid', `journal entry ${i} lacks idx, when or tag`);
    if (e.idx !== i) return failure('journal-entry-invalid', `journal entry ${i} has idx ${e.idx}: the entries are not numbered in order`);
    if (tags.has(e.tag)) return failure('journal-entry-invalid', `journal tag ${e.tag} appears twice`);
    tags.add(e.tag);
    const prev = journal.entries[i - 1];
    if (prev && e.when <= prev.when) {
      return failure(
        'journal-entry-invalid',
        `journal entry ${e.tag} has "when" ${e.when}, not after ${prev.tag} (${prev.when}): drizzle would skip it`,
      );
    }
    if (reader.readFile(path.join(out, `${e.tag}.sql`)) === undefined)
      return failure('migration-file-missing', `${e.tag}.sql is listed in the journal but missing`);
  }
  const snapshotPaths = reader
    .readDirectory(path.join(out, 'meta'))
    .filter((e) => !e.isDirectory && e.name.endsWith('_snapshot.json') && !e.name.startsWith('_'))
    .map((e) => path.join(out, 'meta', e.name))
    .sort();
  if (snapshotPaths.length !== journal.entries.length) {
    return failure(
      'snapshot-count-mismatch',
      `the journal lists ${journal.entries.length} migrations but meta/ holds ${snapshotPaths.length} snapshots`,
    );
  }
  if (snapshotPaths.length === 0) return failure('journal-empty', 'the journal is empty: generate the first migration with drizzle-kit first');
  const snapshots: Snapshot[] = [];
  for (const p of snapshotPaths) {
    try {
      snapshots.push(JSON.parse(reader.readFile(p) ?? '') as Snapshot);
    } catch (e) {
      return failure('snapshot-unreadable', `${rel(out, p)} is not valid JSON (${(e as Error).message})`);
    }
  }
  const prevIds = new Map<string, string>();
  for (const [i, s] of snapshots.entries()) {
    const name = rel(out, snapshotPaths[i]);
    if (typeof s.id !== 'string' || typeof s.prevId !== 'string' || !s.tables)
      return failure('snapshot-unreadable', `${name} lacks id, prevId or tables`);
    const other = prevIds.get(s.prevId);
    if (other) return failure('snapshot-chain-broken', `${name} and ${other} both follow snapshot ${s.prevId} (a collision drizzle-kit refuses)`);
    prevIds.set(s.prevId, name);
    const expected = i === 0 ? ZERO_ID : snapshots[i - 1].id;
    if (s.prevId !== expected)
      return failure('snapshot-chain-broken', `${name} follows ${s.prevId}, not the snapshot before it (${expected}): the chain is broken`);
  }
  return {
    ok: true,
    kind: 'journal',
    out,
    journalPath,
    journal,
    lastSnapshot: snapshots[snapshots.length - 1],
    lastSnapshotPath: snapshotPaths[snapshotPaths.length - 1],
  };
}

function rel(out: string, p: string): string {
  return path.relative(path.dirname(out), p).split(path.sep).join('/');
}

/**
 * The migration SQL files in the order drizzle applies them: the journal's order (0.x), folder names (1.0);
 * without either, file names. Reads only the journal, not the snapshots. Reverse files (`*.down.sql`,
 * `down.sql`) are never listed.
 */
export function migrationSqlFiles(out: string, reader: FolderReader): string[] {
  const journalText = reader.readFile(path.join(out, 'meta', '_journal.json'));
  if (journalText !== undefined) {
    try {
      const journal = JSON.parse(journalText) as Partial<Journal>;
      if (Array.isArray(journal.entries)) return journal.entries.filter((e) => typeof e?.tag === 'string').map((e) => path.join(out, `${e.tag}.sql`));
    } catch {
      /* unreadable journal: fall back to the file names */
    }
  }
  const entries = reader.readDirectory(out);
  const folders = entries.filter((e) => e.isDirectory && e.name !== 'meta').map((e) => path.join(out, e.name, 'migration.sql'));
  const files = entries.filter((e) => !e.isDirectory && e.name.endsWith('.sql') && !e.name.endsWith('.down.sql')).map((e) => path.join(out, e.name));
  return [...files, ...folders].filter((f) => reader.readFile(f) !== undefined).sort();
}
