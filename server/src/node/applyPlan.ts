// Writes a FixPlan to disk (the CLI's `migrate`), all or nothing: under a lock in the migrations folder, it checks
// that every file the plan read is unchanged, writes each new text to a temporary file beside its target, then
// renames them into place (new files, the journal, the schema last). A failure puts back every file already
// renamed; a run killed mid-way leaves its record in the lock, and the next run puts the files back.
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../analysis/fix/contentHash';
import { type FixPlan, applyEdits } from '../analysis/fix/edits';
import { type Failure, type Result, failure } from '../analysis/model/result';
import {
  type LockFailureCode,
  type WriteRecord,
  acquireLock,
  quietly,
  isProcessAlive,
  recoverInterruptedWrite,
  releaseLock,
  rollBack,
  writeRecord,
} from './writeLock';
import { type WriterFs, nodeWriterFs } from './writerFs';

/**
 * `write-failed`: an I/O error, every file is as it was before; `rollback-failed`: putting the files back failed
 * too, the next run finishes it.
 */
export type WriteFailureCode = LockFailureCode | 'write-failed' | 'rollback-failed';

/** A file the plan read has changed since: its offsets may no longer fit. Nothing was written. */
export type StalePlan = Failure<'stale-plan'> & { file: string };

export type WriteResult = Result<{ written: string[] }, WriteFailureCode> | StalePlan;

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
 * write under: the folder then cannot change between the plan's reads and the write. Gives the release.
 */
export function holdWriteLocks(dirs: string[], o: WriteOptions = {}): Result<{ release: () => void }, LockFailureCode | 'write-failed'> {
  const lo = lockOptionsOf(o);
  const held: string[] = [];
  const release = () => {
    for (const d of held.splice(0).reverse()) releaseLock(d, lo.fs);
  };
  for (const d of [...new Set(dirs)].sort()) {
    const taken = acquireLock(d, lo);
    if (!taken.ok) {
      release();
      return taken;
    }
    held.push(d);
  }
  return { ok: true, release };
}

/** Writes the plan; on success, the paths written, in the plan's order. */
export function applyPlanToDisk(plan: FixPlan, o: WriteOptions = {}): WriteResult {
  const lockOptions = lockOptionsOf(o);
  const { fs, pid } = lockOptions;
  const lockDir = plan.migrationsDir ?? path.dirname(plan.changes[0].path);
  if (!o.lockHeld) {
    const taken = acquireLock(lockDir, lockOptions);
    if (!taken.ok) return taken;
  }
  const record: WriteRecord = { pid, host: os.hostname(), dirs: [], files: [] };
  const undo = (cause: string): Failure<'rollback-failed'> | undefined => {
    try {
      rollBack(record, fs);
      if (!o.lockHeld) releaseLock(lockDir, fs);
      return undefined;
    } catch (again) {
      return failure(
        'rollback-failed',
        `${cause}; putting the files back failed too (${(again as Error).message}): the next index-insight migrate finishes it (${path.join(lockDir, '.index-insight.lock')} holds what to undo)`,
      );
    }
  };
  try {
    const stale = changedSinceRead(plan, fs);
    if (stale !== undefined) {
      // Nothing was written: a lock left behind (its release failed) holds an empty record a later run removes.
      if (!o.lockHeld) quietly(() => releaseLock(lockDir, fs));
      return { ...failure('stale-plan', `${stale} changed after it was analysed, so nothing was written`), file: stale } satisfies StalePlan;
    }
    const written = writeFiles(plan, record, lockDir, fs, pid);
    // A held lock keeps the record until its holder releases it: a kill before then undoes the write (idempotent).
    if (!o.lockHeld) releaseLock(lockDir, fs);
    return { ok: true, written };
  } catch (e) {
    const message = (e as Error).message;
    return undo(message) ?? failure('write-failed', `${message}; nothing was written`);
  }
}

/** Writes each new text beside its target, then renames them into place; returns the targets in the plan's order. */
function writeFiles(plan: FixPlan, record: WriteRecord, lockDir: string, fs: WriterFs, pid: number): string[] {
  const files = plan.changes.map((c, i) => {
    const st = c.kind === 'create' ? undefined : fs.stat(c.path);
    const target = st?.realpath ?? c.path;
    const before = c.kind === 'create' ? null : fs.readFile(target)!;
    const text = c.kind === 'edit' ? applyEdits(before!, c.edits) : c.text;
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.index-insight-${pid}-${i}.tmp`);
    return {
      target,
      temp,
      before,
      text,
      afterHash: contentHash(text)!,
      mode: st?.mode,
      order: c.kind === 'create' ? 0 : c.kind === 'replace' ? 1 : 2,
    };
  });
  const ordered = [...files].sort((a, b) => a.order - b.order);
  record.dirs = missingDirs(
    ordered.map((f) => path.dirname(f.target)),
    fs,
  );
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
  return files.map((f) => f.target);
}

/** Before `index-insight migrate` analyses: undoes the write of a run killed mid-way, so the analysis never sees half of it. */
export function recoverInterruptedWrites(dirs: string[], o: WriteOptions = {}): string[] {
  const fs = o.fs ?? nodeWriterFs;
  return dirs.filter((d) => recoverInterruptedWrite(d, { fs, isAlive: o.isAlive ?? isProcessAlive }));
}

/** The first file that is no longer as the plan read it (a file to create that exists, one to edit that is gone). */
function changedSinceRead(plan: FixPlan, fs: WriterFs): string | undefined {
  for (const r of plan.reads) if (contentHash(fs.readFile(r.path)) !== r.hash) return r.path;
  for (const c of plan.changes) {
    if (c.kind === 'create' && fs.exists(c.path)) return c.path;
    if (c.kind !== 'create' && fs.readFile(c.path) === undefined) return c.path;
  }
  return undefined;
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
