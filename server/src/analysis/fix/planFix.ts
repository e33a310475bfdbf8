// Turns proposals into one undoable change: the index in the schema file(s), a migration drizzle-kit accepts
// (SQL + snapshot + journal entry), and its reverse beside it. Pure: reads through FixContext, writes nothing.
import path from 'node:path';
import { type DrizzleConfig, configFor } from '../config/drizzleConfig';
import type { IndexDef, Proposal, SchemaModel, Table } from '../model';
import type { FileChange, PlanResult, TextEdit } from './edits';

import { ensureImports, quoteStyle } from './imports';
import { type IndexSpec, notNullPredicate } from './indexSql';
import { folderMigration } from './folderMigration';
import { journalMigration } from './journalMigration';
import { readMigrationFolder } from './migrationFolder';
import { insertIndexes, removeElement } from './schemaEdit';

export interface FixContext {
  /** The text the schema model was built from. */
  readFile(p: string): string | undefined;
  /** The current text on disk (for the migrations folder, which changes behind the analysis' back). */
  readFileFresh(p: string): string | undefined;
  fileExists(p: string): boolean;
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  configs(): DrizzleConfig[];
  schema(): SchemaModel;
}

export interface FixRequest {
  add: { table: Table; proposal: Proposal }[];
  /** Redundant indexes to remove (opt-in); the reverse migration recreates them. */
  remove?: { table: Table; index: IndexDef }[];
  /** Migration name; defaults from the first index. */
  name?: string;
  now: Date;
  newId: () => string;
}

export function specOf(table: Table, p: Proposal): IndexSpec {
  const predicateColumn = p.where ? p.columns[0] : null;
  return { table, name: p.name, columns: p.columns, where: predicateColumn ? notNullPredicate(table, predicateColumn) : null, predicateColumn };
}

function specOfExisting(table: Table, index: IndexDef): IndexSpec {
  return { table, name: index.name, columns: index.columns.filter((c): c is string => c !== null), where: index.whereText, predicateColumn: null };
}

export function planFix(ctx: FixContext, req: FixRequest): PlanResult {
  if (req.add.length === 0 && !req.remove?.length) return { ok: false, error: 'nothing to do' };
  const adds = req.add.map((a) => specOf(a.table, a.proposal));
  const removes = (req.remove ?? []).map((r) => specOfExisting(r.table, r.index));
  const clash = nameClash(ctx.schema(), adds);
  if (clash) return { ok: false, error: clash };

  const schemaChanges = schemaEdits(ctx, adds, req.remove ?? []);
  if ('error' in schemaChanges) return { ok: false, error: schemaChanges.error };
  const changes: FileChange[] = [...schemaChanges.changes];
  const notes: string[] = [];
  const title = planTitle(adds, removes);

  const tables = [...adds, ...removes].map((s) => s.table);
  const config = configFor(ctx.configs(), tables[0].file);
  if (!config) {
    notes.push('No drizzle.config found: the schema was edited; no migration was written.');
    return { ok: true, plan: { title, changes, notes } };
  }
  const folder = readMigrationFolder(config.out, { readDirectory: (d) => ctx.readDirectory(d), readFile: (p) => ctx.readFileFresh(p) });
  if (folder.kind === 'none') {
    notes.push(`No migrations folder at ${path.relative(config.dir, config.out) || '.'} (push workflow): the schema was edited; apply it with drizzle-kit push.`);
    return { ok: true, plan: { title, changes, notes } };
  }
  if (folder.kind === 'broken') return { ok: false, error: `The migrations folder is inconsistent, so nothing was written: ${folder.reason}.` };
  const migration = folder.kind === 'folders' ? folderMigration(ctx, folder, config, adds, removes, req) : journalMigration(ctx, folder, config, adds, removes, req);
  if ('error' in migration) return { ok: false, error: migration.error };
  changes.push(...migration.changes);
  notes.push(...migration.notes);
  return { ok: true, plan: { title, changes, notes } };
}

function planTitle(adds: IndexSpec[], removes: IndexSpec[]): string {
  if (adds.length === 1 && removes.length === 0) {
    return `Add index ${adds[0].name} on ${adds[0].table.name} (${adds[0].columns.join(', ')})${adds[0].where ? ' WHERE … IS NOT NULL' : ''}`;
  }
  if (adds.length === 0 && removes.length === 1) return `Remove redundant index ${removes[0].name} on ${removes[0].table.name}`;
  const parts = [adds.length ? `Add ${adds.length} index${adds.length === 1 ? '' : 'es'}` : '', removes.length ? `remove ${removes.length}` : ''].filter(Boolean);
  return parts.join(', ').replace(/^r/, 'R');
}

function nameClash(schema: SchemaModel, adds: IndexSpec[]): string | undefined {
  const seen = new Set<string>();
  for (const a of adds) {
    const key = `${a.table.schema ?? 'public'}.${a.name}`;
    if (seen.has(key)) return `two new indexes are both named ${a.name}`;
    seen.add(key);
    const existing = schema.tables.find((t) => (t.schema ?? 'public') === (a.table.schema ?? 'public') && t.indexes.some((i) => i.name === a.name));
    if (existing) return `an index named ${a.name} already exists on ${existing.name} (index names are unique per PostgreSQL schema)`;
  }
  return undefined;
}

function schemaEdits(ctx: FixContext, adds: IndexSpec[], removes: { table: Table; index: IndexDef }[]): { changes: FileChange[] } | { error: string } {
  const byFile = new Map<string, TextEdit[]>();
  const push = (file: string, e: TextEdit) => byFile.set(file, [...(byFile.get(file) ?? []), e]);
  const files = new Set([...adds.map((a) => a.table.file), ...removes.map((r) => r.table.file)]);
  for (const file of files) {
    const text = ctx.readFile(file);
    if (text === undefined) return { error: `cannot read ${file}` };
    const fileAdds = adds.filter((a) => a.table.file === file);
    const quote = quoteStyle(text);
    const needs = [{ module: 'drizzle-orm/pg-core', name: 'index' }];
    if (fileAdds.some((a) => a.predicateColumn)) needs.push({ module: 'drizzle-orm', name: 'sql' });
    const { names, edits } = fileAdds.length ? ensureImports(file, text, needs, quote) : { names: new Map<string, string>(), edits: [] };
    for (const e of edits) push(file, e);
    const byTable = new Map<string, IndexSpec[]>();
    for (const a of fileAdds) byTable.set(a.table.id, [...(byTable.get(a.table.id) ?? []), a]);
    for (const specs of byTable.values()) {
      const sourceNames = { index: names.get('drizzle-orm/pg-core\0index') ?? 'index', sql: names.get('drizzle-orm\0sql') ?? 'sql', quote };
      push(file, insertIndexes(specs[0].table, text, specs, sourceNames));
    }
    for (const r of removes.filter((x) => x.table.file === file)) {
      if (!r.index.span) return { error: `index ${r.index.name} is not declared in the schema source` };
      push(file, removeElement(text, r.index.span));
    }
  }
  return { changes: [...byFile].map(([p, edits]) => ({ kind: 'edit' as const, path: p, edits })) };
}

export function migrationName(name: string | undefined, adds: IndexSpec[], removes: IndexSpec[] = []): string {
  const raw = name ?? (adds.length === 1 ? `add_${adds[0].name}` : adds.length > 1 ? `add_${adds.length}_indexes` : removes.length === 1 ? `drop_${removes[0].name}` : `drop_${removes.length}_indexes`);
  return raw.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'add_indexes';
}

