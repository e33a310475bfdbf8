// The file layer: open documents over the disk, the disk's text cached until a change is reported.
import { Buffer } from 'node:buffer';
import { DEFAULT_MAX_FILE_BYTES, type FileHost, NAME_ONLY_FILE, describeBytes } from '../host/fileHost';

export type FileChangeKind = 'changed' | 'created' | 'deleted';

export class WorkspaceFiles implements FileHost {
  private readonly overlays = new Map<string, string>();
  private readonly texts = new Map<string, string | null>();
  private fileList: string[] | undefined;
  /** Files and folders that exist but could not be read, and why: every one is reported, never skipped silently. */
  private readonly skips = new Map<string, string>();
  private maxBytes = DEFAULT_MAX_FILE_BYTES;

  constructor(
    readonly root: string,
    private readonly host: FileHost,
  ) {}

  /** Files larger than this are not analysed (open documents included, so the editor and the CLI agree). */
  setMaxFileBytes(bytes: number): boolean {
    if (bytes === this.maxBytes) return false;
    this.maxBytes = bytes;
    this.reset();
    return true;
  }

  readFile(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return this.checkOverlay(file, overlay);
    if (!this.texts.has(file)) this.texts.set(file, this.readDisk(file) ?? null);
    return this.texts.get(file) ?? undefined;
  }

  /** Reads through to the disk every time (migration folders change behind our back). */
  readFileFresh(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    return overlay !== undefined ? this.checkOverlay(file, overlay) : this.readDisk(file);
  }

  /** Inputs that exist but were not read, with the reason, in path order. */
  skipped(): { file: string; reason: string }[] {
    return [...this.skips].map(([file, reason]) => ({ file, reason })).sort((a, b) => a.file.localeCompare(b.file));
  }

  private readDisk(file: string): string | undefined {
    const text = this.host.readFile(file, this.maxBytes);
    const failure = text === undefined && !NAME_ONLY_FILE.test(file) ? this.host.readFailure?.(file) : undefined;
    if (failure) this.skips.set(file, failure);
    else this.skips.delete(file);
    return text;
  }

  /** The same limit as on disk, in bytes (UTF-8), so that the editor and the CLI skip the same files. */
  private checkOverlay(file: string, text: string): string | undefined {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= this.maxBytes) return text;
    this.skips.set(file, `${describeBytes(bytes)}, over the ${describeBytes(this.maxBytes)} limit`);
    return undefined;
  }

  fileExists(file: string): boolean {
    return this.overlays.has(file) || this.host.fileExists(file);
  }

  directoryExists(dir: string): boolean {
    return this.host.directoryExists(dir);
  }

  realpath(file: string): string {
    return this.host.realpath(file);
  }

  readDirectory(dir: string): { name: string; isDirectory: boolean }[] {
    const entries = this.host.readDirectory(dir);
    const failure = entries.length === 0 ? this.host.readFailure?.(dir) : undefined;
    if (failure) this.skips.set(dir, failure);
    else this.skips.delete(dir);
    return entries;
  }

  /** Every source and migration file under the root (the host leaves node_modules and build output out). */
  listFiles(): string[] {
    this.fileList ??= this.host.listFiles(this.root);
    return this.fileList;
  }

  /** Sets (or, with undefined, removes) an open document's text. Returns the text seen before. */
  setOverlay(file: string, text: string | undefined): string | undefined {
    const before = this.readFile(file);
    this.skips.delete(file);
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    return before;
  }

  /** A file changed on disk. Returns the text seen before. */
  fileChanged(file: string, kind: FileChangeKind): string | undefined {
    const before = this.readFile(file);
    this.texts.delete(file);
    this.skips.delete(file);
    if (kind !== 'changed') this.fileList = undefined;
    return before;
  }

  /** Forget everything read from disk (open documents stay). */
  reset(): void {
    this.texts.clear();
    this.skips.clear();
    this.fileList = undefined;
  }
}
