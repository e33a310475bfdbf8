// How often names are written in the workspace's source files. A function whose name is written once (where it is
// declared) is called by nothing in the workspace. Counts are made for the names asked about, in one pass over the
// texts for all names not counted yet, then kept current as files change (only the changed text is read again).
import { wordsPattern } from '../read/textHints';

export class NameReferences {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly files: () => readonly string[],
    private readonly read: (file: string) => string | undefined,
  ) {}

  /**
   * The names written at most once in the workspace. `computeMissing: false` answers from what is counted already
   * (a name not counted yet is taken as called), so that a caller analysing many files can count them in one pass.
   */
  writtenOnce(names: Iterable<string>, computeMissing = true): Set<string> {
    const asked = [...new Set(names)];
    const fresh = computeMissing ? asked.filter((n) => !this.counts.has(n)) : [];
    if (fresh.length > 0) {
      for (const n of fresh) this.counts.set(n, 0);
      const pattern = wordsPattern(fresh, 'g');
      for (const f of this.files()) this.add(this.read(f), pattern, 1);
    }
    return new Set(asked.filter((n) => this.counts.has(n) && this.counts.get(n)! <= 1));
  }

  /** A file's text went from `before` to `after` (undefined: the file is absent or unread). */
  changed(before: string | undefined, after: string | undefined): void {
    if (this.counts.size === 0 || before === after) return;
    const pattern = wordsPattern([...this.counts.keys()], 'g');
    this.add(before, pattern, -1);
    this.add(after, pattern, 1);
  }

  reset(): void {
    this.counts.clear();
  }

  private add(text: string | undefined, pattern: RegExp, sign: 1 | -1): void {
    if (!text) return;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) this.counts.set(m[0], (this.counts.get(m[0]) ?? 0) + sign);
  }
}
