// Writes a FixPlan to disk (the CLI's `migrate`), all or nothing: under a lock in the migrations folder, it checks
// that every file the plan read is unchanged, writes each new text to a temporary file beside its target, then
// renames them into place (new files, the journal, the schema last). A failure puts back every file already
// renamed; a run killed mid-way leaves its record in the lock, and the next run puts the files back.
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../analysis/fix/contentHash';
import { type FixPlan, applyEdits } from '../analysis/fix/edits';
import { LockError, type WriteRecord, acquireLock, isProcessAlive, recoverInterruptedWrite, releaseLock, rollBack, writeRecord } from './writeLock';
import { type WriterFs, nodeWriterFs } from './writerFs';

export { LockError };

/** A file the plan read has changed since: its offsets may no longer fit. Nothing was written. */
export class StalePlanError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed after it was analysed, so nothing was written`);
  }
}

/** The write failed and every file is as it was before. */
export class WriteError extends Error {}

export interface WriteOptions {
  fs?: WriterFs;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  lockWaitMs?: number;
  /** The caller holds the lock of the plan's folder already (see `holdWriteLocks`). */
  lockHeld?: boolean;
}

function lockOptionsOf(o: WriteOptions) {
  return { fs: o.fs ?? nodeWriterFs, pid: o.pid ?? process.pid, isAlive: o.isAlive ?? isProcessAlive, waitMs: o.lockWaitMs ?? 10_000 };
}

/**
 * Takes the locks of `dirs` (in a fixed order, so two runs never wait on each other) for the caller to plan and
 * write under: the folder then cannot change between the plan's reads and the write. Returns the release.
 */
export function holdWriteLocks(dirs: string[], o: WriteOptions = {}): () => void {
  const lo = lockOptionsOf(o);
  const held: string[] = [];
  const release = () => {
    for (const d of held.splice(0).reverse()) releaseLock(d, lo.fs);
  };
  try {
    for (const d of [...new Set(dirs)].sort()) {
      acquireLock(d, lo);
      held.push(d);
    }
  } catch (e) {
    release();
    throw e;
  }
  return release;
}

/** Returns the paths written, in the plan's order. */
export function applyPlanToDisk(plan: FixPlan, o: WriteOptions = {}): string[] {
  const lockOptions = lockOptionsOf(o);
  const { fs, pid } = lockOptions;
  const lockDir = plan.migrationsDir ?? path.dirname(plan.changes[0].path);
  try {
    if (!o.lockHeld) acquireLock(lockDir, lockOptions);
  } catch (e) {
    if (e instanceof LockError) throw e;
    throw new WriteError(`cannot take the lock in ${lockDir} (${(e as Error).message}); nothing was written`);
  }
  const record: WriteRecord = { pid, host: os.hostname(), dirs: [], files: [] };
  try {
    checkUnchanged(plan, fs);
    const files = plan.changes.map((c, i) => {
      const st = c.kind === 'create' ? undefined : fs.stat(c.path);
      const target = st?.realpath ?? c.path;
      const before = c.kind === 'create' ? null : fs.readFile(target)!;
      const text = c.kind === 'edit' ? applyEdits(before!, c.edits) : c.text;
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.index-insight-${pid}-${i}.tmp`);
      return { target, temp, before, text, afterHash: contentHash(text)!, mode: st?.mode, order: c.kind === 'create' ? 0 : c.kind === 'replace' ? 1 : 2 };
    });
    const ordered = [...files].sort((a, b) => a.order - b.order);
    record.dirs = missingDirs(ordered.map((f) => path.dirname(f.target)), fs);
    record.files = ordered.map(({ target, temp, before, afterHash, mode }) => ({ target, temp, before, afterHash, mode }));
    writeRecord(lockDir, record, fs);
    for (const d of record.dirs) fs.mkdir(d);
    for (const f of ordered) fs.createFile(f.temp, f.text, f.mode);
    for (const f of ordered) {
      if (f.before === null) {
        fs.link(f.temp, f.target);
        fs.unlink(f.temp);
      } else {
        fs.rename(f.temp, f.target);
      }
    }
    // A held lock keeps the record until its holder releases it: a kill before then undoes the write (idempotent).
    if (!o.lockHeld) releaseLock(lockDir, fs);
    return files.map((f) => f.target);
  } catch (e) {
    try {
      rollBack(record, fs);
      if (!o.lockHeld) releaseLock(lockDir, fs);
    } catch (again) {
      throw new WriteError(`${(e as Error).message}; putting the files back failed too (${(again as Error).message}): the next index-insight migrate finishes it (${path.join(lockDir, '.index-insight.lock')} holds what to undo)`);
    }
    if (e instanceof StalePlanError) throw e;
    throw new WriteError(`${(e as Error).message}; nothing was written`);
  }
}

/** Before `index-insight migrate` analyses: undoes the write of a run killed mid-way, so the analysis never sees half of it. */
export function recoverInterruptedWrites(dirs: string[], o: WriteOptions = {}): string[] {
  const fs = o.fs ?? nodeWriterFs;
  return dirs.filter((d) => recoverInterruptedWrite(d, { fs, isAlive: o.isAlive ?? isProcessAlive }));
}

function checkUnchanged(plan: FixPlan, fs: WriterFs): void {
  for (const r of plan.reads) if (contentHash(fs.readFile(r.path)) !== r.hash) throw new StalePlanError(r.path);
  for (const c of plan.changes) {
    if (c.kind === 'create' && fs.exists(c.path)) throw new StalePlanError(c.path);
    if (c.kind !== 'create' && fs.readFile(c.path) === undefined) throw new StalePlanError(c.path);
  }
}

/** The folders to create for `dirs` to exist, outermost first. */
function missingDirs(dirs: string[], fs: WriterFs): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    const chain: string[] = [];
    for (let d = dir; !fs.exists(d) && !out.includes(d); d = path.dirname(d)) chain.unshift(d);
    for (const d of chain) if (!out.includes(d)) out.push(d);
  }
  return out;
}
