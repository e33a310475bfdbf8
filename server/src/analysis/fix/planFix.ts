// Turns proposals into one undoable change: the index in the schema file(s), a migration drizzle-kit accepts
// (SQL + snapshot + journal entry), and its reverse beside it. Pure: reads through FixContext, writes nothing.
import path from 'node:path';
import { contentHash } from './contentHash';
import { migrationTarget } from './migrationTarget';
import type { IndexDef, SchemaModel, Table } from '../model';
import type { FileChange, PlanResult, TextEdit } from './edits';
import { ensureImports, quoteStyle } from './imports';
import { type IndexSpec, specOf } from '../sqlText/indexDdl';
import { predicateText } from '../sqlText/predicateText';
import type { FixContext, FixRequest } from './fixContext';
import { folderMigration } from './folderWriter';
import { journalMigration } from './journalWriter';
import { readMigrationFolder } from '../schema/migrations/readMigrationsFolder';
import { insertIndexes, removeElement } from './schemaEdit';
import { type Result, failure } from '../model/result';

function specOfExisting(table: Table, index: IndexDef): IndexSpec {
  return { table, name: index.name, columns: index.columns.filter((c): c is string => c !== null), where: index.whereText, predicate: null };
}

export function planFix(ctxIn: FixContext, req: FixRequest): PlanResult {
  if (req.add.length === 0 && !req.remove?.length) return failure('nothing-to-do', 'nothing to do');
  const blind = req.add.find((a) => a.table.nameUnknown);
  if (blind) {
    const parts = blind.table.nameUnknown!.parts;
    const from = parts.length ? parts.join(', ') : 'a value';
    return failure(
      'table-name-unknown',
      `the SQL name of table ${blind.table.name} is built from ${from} that Index Insight could not read, so nothing was written: add the index by hand`,
    );
  }
  const { ctx, reads } = recordingReads(ctxIn);
  const adds = req.add.map((a) => specOf(a.table, a.proposal));
  const removes = (req.remove ?? []).map((r) => specOfExisting(r.table, r.index));
  const clash = nameClash(ctx.schema(), adds);
  if (clash) return failure('name-clash', clash);

  const schemaChanges = schemaEdits(ctx, adds, req.remove ?? []);
  if (!schemaChanges.ok) return schemaChanges;
  const changes: FileChange[] = [...schemaChanges.changes];
  const notes: string[] = [];
  const title = planTitle(adds, removes);
  const done = (migrationsDir?: string): PlanResult => ({
    ok: true,
    plan: { title, changes, notes, reads: [...reads].map(([p, hash]) => ({ path: p, hash })), migrationsDir },
  });

  if (req.schemaOnly) {
    notes.push(`Schema only: ${req.schemaOnly}.`);
    return done();
  }
  const tables = [...adds, ...removes].map((s) => s.table);
  const config = ctx.configOf(tables[0].file);
  const target = migrationTarget(ctx, config, req.env);
  if (!target.ok) return failure('migration-blocked', `No migration can be written, so nothing was written: ${target.message}.`);
  if (!config || target.kind === 'push') {
    notes.push(
      config && target.out
        ? `No migrations folder at ${path.relative(config.baseDir, target.out) || '.'} (push workflow): the schema was edited; apply it with drizzle-kit push.`
        : 'No drizzle.config found: the schema was edited; no migration was written.',
    );
    return done();
  }
  const folder = readMigrationFolder(target.out, { readDirectory: (d) => ctx.readDirectory(d), readFile: (p) => ctx.readFileFresh(p) });
  if (!folder.ok)
    return failure('migrations-folder-inconsistent', `The migrations folder is inconsistent, so nothing was written: ${folder.message}.`);
  if (folder.kind === 'none') {
    notes.push(
      `No migrations in ${path.relative(config.baseDir, target.out) || '.'} (push workflow): the schema was edited; apply it with drizzle-kit push.`,
    );
    return done();
  }
  const migration =
    folder.kind === 'folders' ? folderMigration(ctx, folder, config, adds, removes, req) : journalMigration(ctx, folder, config, adds, removes, req);
  if (!migration.ok) return migration;
  changes.push(...migration.changes);
  notes.push(...migration.notes);
  return done(folder.out);
}

/** The context, recording the hash of every file read through it (the first read of each path counts). */
function recordingReads(ctx: FixContext): { ctx: FixContext; reads: Map<string, string | null> } {
  const reads = new Map<string, string | null>();
  const note = (p: string, text: string | undefined) => {
    if (!reads.has(p)) reads.set(p, contentHash(text));
    return text;
  };
  return {
    reads,
    ctx: {
      readFile: (p) => note(p, ctx.readFile(p)),
      readFileFresh: (p) => note(p, ctx.readFileFresh(p)),
      fileExists: (p) => {
        const exists = ctx.fileExists(p);
        if (!exists) note(p, undefined);
        return exists;
      },
      directoryExists: (d) => ctx.directoryExists(d),
      readDirectory: (d) => ctx.readDirectory(d),
      configOf: (f) => ctx.configOf(f),
      schema: () => ctx.schema(),
    },
  };
}

function planTitle(adds: IndexSpec[], removes: IndexSpec[]): string {
  if (adds.length === 1 && removes.length === 0) {
    return `Add index ${adds[0].name} on ${adds[0].table.name} (${adds[0].columns.join(', ')})${adds[0].predicate ? ` WHERE ${predicateText(adds[0].predicate)}` : ''}`;
  }
  if (adds.length === 0 && removes.length === 1) return `Remove redundant index ${removes[0].name} on ${removes[0].table.name}`;
  const parts = [
    adds.length ? `Add ${adds.length} index${adds.length === 1 ? '' : 'es'}` : '',
    removes.length ? `remove ${removes.length}` : '',
  ].filter(Boolean);
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

function schemaEdits(
  ctx: FixContext,
  adds: IndexSpec[],
  removes: { table: Table; index: IndexDef }[],
): Result<{ changes: FileChange[] }, 'schema-unreadable' | 'index-not-in-source'> {
  const byFile = new Map<string, TextEdit[]>();
  const push = (file: string, e: TextEdit) => byFile.set(file, [...(byFile.get(file) ?? []), e]);
  const files = new Set([...adds.map((a) => a.table.file), ...removes.map((r) => r.table.file)]);
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = ctx.readFile(file);
    if (text === undefined) return failure('schema-unreadable', `cannot read ${file}`);
    texts.set(file, text);
    const fileAdds = adds.filter((a) => a.table.file === file);
    const quote = quoteStyle(text);
    const needs = [{ module: 'drizzle-orm/pg-core', name: 'index' }];
    if (fileAdds.some((a) => a.predicate)) needs.push({ module: 'drizzle-orm', name: 'sql' });
    const { names, edits } = fileAdds.length ? ensureImports(file, text, needs, quote) : { names: new Map<string, string>(), edits: [] };
    for (const e of edits) push(file, e);
    const byTable = new Map<string, IndexSpec[]>();
    for (const a of fileAdds) byTable.set(a.table.id, [...(byTable.get(a.table.id) ?? []), a]);
    for (const specs of byTable.values()) {
      const sourceNames = { index: names.get('drizzle-orm/pg-core\0index') ?? 'index', sql: names.get('drizzle-orm\0sql') ?? 'sql', quote };
      push(file, insertIndexes(specs[0].table, text, specs, sourceNames));
    }
    for (const r of removes.filter((x) => x.table.file === file)) {
      if (!r.index.span) return failure('index-not-in-source', `index ${r.index.name} is not declared in the schema source`);
      push(file, removeElement(text, r.index.span));
    }
  }
  return {
    ok: true,
    changes: [...byFile].map(([p, edits]) => ({ kind: 'edit' as const, path: p, edits: inFileStyle(texts.get(p)!, edits) })),
  };
}

/** Edits in the file's own line endings (CRLF when it uses them), never before its byte order mark. */
function inFileStyle(text: string, edits: TextEdit[]): TextEdit[] {
  const crlf = (text.match(/\r\n/g) ?? []).length > (text.match(/(?<!\r)\n/g) ?? []).length;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  return edits.map((e) => ({
    start: Math.max(e.start, bom),
    end: Math.max(e.end, bom),
    newText: crlf ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText,
  }));
}
