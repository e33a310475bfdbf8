// How often names are written in the workspace's files. A function whose name is written once (where it is
// declared) is called by nothing in the workspace. Counts are made for the names asked about, in one pass over the
// files for all names not counted yet, and kept per file: a changed, created, renamed or deleted file is counted again
// from its current text alone.
import { wordsPattern } from '../read/textHints';

export class NameReferences {
  /** Every name counted, with its total. */
  private readonly totals = new Map<string, number>();
  /** Per file, the counted names it writes (files writing none are left out). */
  private readonly perFile = new Map<string, Map<string, number>>();
  private pattern: RegExp | null = null;

  constructor(
    private readonly files: () => readonly string[],
    private readonly read: (file: string) => string | undefined,
  ) {}

  /**
   * The names written at most once in the workspace. `computeMissing: false` answers from what is counted already
   * (a name not counted yet is taken as called), so that a caller analysing many files can count them in one pass.
   */
  writtenOnce(names: Iterable<string>, computeMissing = true): Set<string> {
    return new Set(this.asked(names, computeMissing).filter((n) => this.totals.has(n) && this.totals.get(n)! <= 1));
  }

  /**
   * The names written anywhere here (at least once), counting the ones not counted yet when `computeMissing`; files
   * for which `skip` is true are left out (another folder that counts them itself).
   */
  writtenAtAll(names: Iterable<string>, computeMissing = true, skip?: (file: string) => boolean): Set<string> {
    const asked = this.asked(names, computeMissing);
    const skipped = new Map<string, number>();
    if (skip) {
      for (const [file, counts] of this.perFile) {
        // The asked names are few: test them before asking `skip` about the file.
        if (!asked.some((n) => counts.has(n)) || !skip(file)) continue;
        for (const n of asked) skipped.set(n, (skipped.get(n) ?? 0) + (counts.get(n) ?? 0));
      }
    }
    return new Set(asked.filter((n) => (this.totals.get(n) ?? 0) - (skipped.get(n) ?? 0) >= 1));
  }

  /** A file changed, appeared or disappeared: its text now (undefined: absent or unread). */
  fileChanged(file: string, text: string | undefined): void {
    if (this.totals.size === 0) return;
    this.apply(this.perFile.get(file), -1);
    this.perFile.delete(file);
    if (text === undefined) return;
    const found = this.matches(text, this.compiled());
    if (found.size === 0) return;
    this.perFile.set(file, found);
    this.apply(found, 1);
  }

  /** Forget the names nobody asks about any more (the counts of a name typed and renamed on the way). */
  retainOnly(names: Iterable<string>): void {
    const keep = new Set(names);
    const drop = [...this.totals.keys()].filter((n) => !keep.has(n));
    if (drop.length === 0) return;
    for (const n of drop) this.totals.delete(n);
    for (const [file, counts] of this.perFile) {
      for (const n of drop) counts.delete(n);
      if (counts.size === 0) this.perFile.delete(file);
    }
    this.pattern = null;
  }

  /** How many names are counted (for deciding when to retainOnly). */
  get size(): number {
    return this.totals.size;
  }

  reset(): void {
    this.totals.clear();
    this.perFile.clear();
    this.pattern = null;
  }

  /** The distinct names asked about, the ones not counted yet counted first (when `computeMissing`). */
  private asked(names: Iterable<string>, computeMissing: boolean): string[] {
    const asked = [...new Set(names)];
    const fresh = computeMissing ? asked.filter((n) => !this.totals.has(n)) : [];
    if (fresh.length > 0) this.count(fresh);
    return asked;
  }

  private count(fresh: string[]): void {
    for (const n of fresh) this.totals.set(n, 0);
    this.pattern = null;
    const pattern = wordsPattern(fresh, 'g');
    for (const file of this.files()) {
      const text = this.read(file);
      if (!text) continue;
      const found = this.matches(text, pattern);
      if (found.size === 0) continue;
      const counts = this.perFile.get(file) ?? new Map<string, number>();
      for (const [n, k] of found) counts.set(n, k);
      this.perFile.set(file, counts);
      for (const [n, k] of found) this.totals.set(n, this.totals.get(n)! + k);
    }
  }

  private apply(counts: Map<string, number> | undefined, sign: 1 | -1): void {
    if (!counts) return;
    for (const [n, k] of counts) if (this.totals.has(n)) this.totals.set(n, this.totals.get(n)! + sign * k);
  }

  private compiled(): RegExp {
    this.pattern ??= wordsPattern([...this.totals.keys()], 'g');
    return this.pattern;
  }

  private matches(text: string, pattern: RegExp): Map<string, number> {
    const found = new Map<string, number>();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
    return found;
  }
}
