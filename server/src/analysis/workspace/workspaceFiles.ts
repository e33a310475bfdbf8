// The file layer: open documents over the disk, the disk's text cached until a change is reported.
import type { FileHost } from '../host/fileHost';

export type FileChangeKind = 'changed' | 'created' | 'deleted';

export class WorkspaceFiles implements FileHost {
  private readonly overlays = new Map<string, string>();
  private readonly texts = new Map<string, string | null>();
  private fileList: string[] | undefined;

  constructor(
    readonly root: string,
    private readonly host: FileHost,
  ) {}

  readFile(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (!this.texts.has(file)) this.texts.set(file, this.host.readFile(file) ?? null);
    return this.texts.get(file) ?? undefined;
  }

  /** Reads through to the disk every time (migration folders change behind our back). */
  readFileFresh(file: string): string | undefined {
    return this.overlays.get(file) ?? this.host.readFile(file);
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
    return this.host.readDirectory(dir);
  }

  /** Every source and migration file under the root (the host leaves node_modules and build output out). */
  listFiles(): string[] {
    this.fileList ??= this.host.listFiles(this.root);
    return this.fileList;
  }

  /** Sets (or, with undefined, removes) an open document's text. Returns the text seen before. */
  setOverlay(file: string, text: string | undefined): string | undefined {
    const before = this.readFile(file);
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    return before;
  }

  /** A file changed on disk. Returns the text seen before. */
  fileChanged(file: string, kind: FileChangeKind): string | undefined {
    const before = this.readFile(file);
    this.texts.delete(file);
    if (kind !== 'changed') this.fileList = undefined;
    return before;
  }

  /** Forget everything read from disk (open documents stay). */
  reset(): void {
    this.texts.clear();
    this.fileList = undefined;
  }
}
