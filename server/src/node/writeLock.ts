// The lock a fix writer holds in the folder it writes (the migrations folder), which doubles as the record of
// what it is writing: a run killed mid-way leaves the record behind, and the next run puts every file back.
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../analysis/fix/contentHash';
import { type Result, failure } from '../analysis/model/result';
import type { WriterFs } from './writerFs';

export const LOCK_NAME = '.index-insight.lock';

export interface WriteRecord {
  pid: number;
  host: string;
  /** Folders the writer creates, outermost first. */
  dirs: string[];
  files: {
    target: string;
    /** Where the new text is written before it is renamed into place (beside the target). */
    temp: string;
    /** The text before (null: a new file), put back on rollback. */
    before: string | null;
    afterHash: string;
    mode?: number;
  }[];
}

/** `locked`: another live run kept the lock past the wait; `foreign-lock`: the lock's name holds something else. */
export type LockFailureCode = 'locked' | 'foreign-lock' | 'write-failed';

export interface LockOptions {
  fs: WriterFs;
  pid: number;
  isAlive: (pid: number) => boolean;
  /** How long to wait for another live run to finish. */
  waitMs: number;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockTemp = (dir: string, pid: number) => path.join(dir, `${LOCK_NAME}.${pid}.tmp`);

function parseRecord(text: string | undefined): WriteRecord | undefined {
  try {
    const r = JSON.parse(text ?? '') as WriteRecord;
    return typeof r.pid === 'number' && Array.isArray(r.files) && Array.isArray(r.dirs) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `dir`, first undoing the write of a run that died holding it; an I/O error is a `write-failed`. */
export function acquireLock(dir: string, o: LockOptions): Result<object, LockFailureCode> {
  try {
    return takeLock(dir, o);
  } catch (e) {
    return failure('write-failed', `cannot take the lock in ${dir} (${(e as Error).message}); nothing was written`);
  }
}

function takeLock(dir: string, o: LockOptions): Result<object, LockFailureCode> {
  const lock = path.join(dir, LOCK_NAME);
  removeDeadLockTemps(dir, o);
  const mine = lockTemp(dir, o.pid);
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    const record: WriteRecord = { pid: o.pid, host: os.hostname(), dirs: [], files: [] };
    o.fs.createFile(mine, JSON.stringify(record));
    let taken = false;
    try {
      o.fs.link(mine, lock);
      taken = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        quietly(() => o.fs.unlink(mine));
        throw e;
      }
    }
    try {
      o.fs.unlink(mine);
    } catch (e) {
      if (taken) quietly(() => o.fs.unlink(lock));
      // Once more; should it fail again, a later run removes it (its process is gone by then).
      quietly(() => o.fs.unlink(mine));
      throw e;
    }
    if (taken) return { ok: true };
    const text = o.fs.readFile(lock);
    if (text === undefined) continue; // released meanwhile
    const other = parseRecord(text);
    if (!other) return failure('foreign-lock', `${lock} exists but is not an Index Insight lock: remove it if no index-insight run is active`);
    if (other.host === os.hostname() && !o.isAlive(other.pid)) {
      rollBack(other, o.fs);
      o.fs.unlink(lock);
      continue;
    }
    if (Date.now() > deadline) {
      return failure(
        'locked',
        `another index-insight run (pid ${other.pid}) is writing to ${dir}; try again when it has finished (or remove ${lock} if it is not running)`,
      );
    }
    sleep(50);
  }
}

/** Replaces the lock's record in one step (the record must be on disk before any file it names). */
export function writeRecord(dir: string, record: WriteRecord, fs: WriterFs): void {
  const temp = lockTemp(dir, record.pid);
  fs.createFile(temp, JSON.stringify(record));
  try {
    fs.rename(temp, path.join(dir, LOCK_NAME));
  } catch (e) {
    quietly(() => fs.unlink(temp));
    throw e;
  }
}

export function releaseLock(dir: string, fs: WriterFs): void {
  fs.unlink(path.join(dir, LOCK_NAME));
}

/**
 * Puts the workspace back as it was before `record`'s write: removes its temporary files, deletes the files it
 * created and restores those it replaced, each only when it holds exactly what the write put there.
 */
export function rollBack(record: WriteRecord, fs: WriterFs): void {
  for (const f of [...record.files].reverse()) {
    if (fs.exists(f.temp)) fs.unlink(f.temp);
    if (contentHash(fs.readFile(f.target)) !== f.afterHash) continue;
    if (f.before === null) {
      fs.unlink(f.target);
    } else {
      fs.createFile(f.temp, f.before, f.mode);
      fs.rename(f.temp, f.target);
    }
  }
  for (const d of [...record.dirs].reverse()) if (fs.exists(d) && fs.listDir(d).length === 0) fs.rmdir(d);
}

/** Undoes the write of a run that died holding the lock of `dir` (nothing when there is none, or it is alive). */
export function recoverInterruptedWrite(dir: string, o: Omit<LockOptions, 'waitMs' | 'pid'>): boolean {
  removeDeadLockTemps(dir, o);
  const lock = path.join(dir, LOCK_NAME);
  const record = parseRecord(o.fs.readFile(lock));
  if (!record || record.host !== os.hostname() || o.isAlive(record.pid)) return false;
  rollBack(record, o.fs);
  o.fs.unlink(lock);
  return true;
}

/** A lock's temporary file left by a run killed while it took or updated the lock. */
function removeDeadLockTemps(dir: string, o: Pick<LockOptions, 'fs' | 'isAlive'>): void {
  for (const name of o.fs.listDir(dir)) {
    const m = /^\.index-insight\.lock\.(\d+)\.tmp$/.exec(name);
    if (m && !o.isAlive(Number(m[1]))) o.fs.unlink(path.join(dir, name));
  }
}

export function quietly(f: () => void): void {
  try {
    f();
  } catch {
    /* best effort: the error that led here is the one reported */
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
