// The file-system operations the fix writer uses, behind an interface so that a test can fail or "kill" it at
// any step. Every method but the first four changes the disk.
import fs from 'node:fs';

export interface WriterFs {
  /** UTF-8 text, or undefined when the file does not exist. */
  readFile(p: string): string | undefined;
  exists(p: string): boolean;
  listDir(dir: string): string[];
  /** Permission bits of an existing file, and its real path (a symbolic link is written through). */
  stat(p: string): { mode: number; realpath: string } | undefined;
  /** Creates `p` (failing if it exists) with `data`, flushed to disk. */
  createFile(p: string, data: string, mode?: number): void;
  /** Gives the file `from` the second name `to`, failing if `to` exists: a create that never overwrites. */
  link(from: string, to: string): void;
  /** Replaces `to` by `from` in one step. */
  rename(from: string, to: string): void;
  unlink(p: string): void;
  mkdir(p: string): void;
  rmdir(p: string): void;
}

export const nodeWriterFs: WriterFs = {
  readFile(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
  exists: (p) => fs.existsSync(p),
  listDir(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
  stat(p) {
    try {
      const realpath = fs.realpathSync(p);
      return { mode: fs.statSync(realpath).mode & 0o7777, realpath };
    } catch {
      return undefined;
    }
  },
  createFile(p, data, mode) {
    const fd = fs.openSync(p, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(p, { force: true });
      throw e;
    }
    fs.closeSync(fd);
    // openSync's mode is narrowed by the umask; a replacement keeps the permissions of the file it replaces.
    if (mode !== undefined) fs.chmodSync(p, mode);
  },
  link: (from, to) => fs.linkSync(from, to),
  rename: (from, to) => fs.renameSync(from, to),
  unlink: (p) => fs.unlinkSync(p),
  mkdir: (p) => fs.mkdirSync(p),
  rmdir: (p) => fs.rmdirSync(p),
};
