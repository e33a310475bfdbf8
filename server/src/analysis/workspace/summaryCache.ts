// Per-file summaries, kept while the file's text is unchanged.
import { isSourceFile } from '../host/fileHost';
import type { FileSummary } from '../model';
import { summarizeFile } from '../read/summarizeFile';
import { LineIndex } from '../text/lineIndex';

export interface SummaryEntry {
  text: string;
  summary: FileSummary;
  lines(): LineIndex;
  /** Other files whose summaries said which imports are drizzle's operators: an edit there makes this one stale. */
  readsFrom?: ReadonlySet<string>;
}

/**
 * Which of a file's `operatorImports` are drizzle-orm functions re-exported by the project (local -> drizzle name),
 * and the files read to tell.
 */
export type OperatorResolver = (file: string, summary: FileSummary) => { aliases: ReadonlyMap<string, string>; files: ReadonlySet<string> };

export class SummaryCache {
  private readonly entries = new Map<string, SummaryEntry>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly readFile: (file: string) => string | undefined,
    private readonly operators?: OperatorResolver,
  ) {}

  get(file: string): SummaryEntry | undefined {
    const hit = this.entries.get(file);
    if (!hit && !isSourceFile(file)) return undefined;
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    if (hit && hit.text === text) return hit;
    let lines: LineIndex | undefined;
    const { summary, readsFrom } = this.summarize(file, text);
    const entry: SummaryEntry = { text, summary, lines: () => (lines ??= new LineIndex(text)) };
    if (readsFrom) entry.readsFrom = readsFrom;
    this.entries.set(file, entry);
    return entry;
  }

  /** A file that imports drizzle's operators through a project module is read again once they are known. */
  private summarize(file: string, text: string): { summary: FileSummary; readsFrom?: ReadonlySet<string> } {
    const summary = summarizeFile(file, text);
    if (summary.operatorImports.length === 0 || !this.operators || this.inProgress.has(file)) return { summary };
    this.inProgress.add(file);
    try {
      const { aliases, files } = this.operators(file, summary);
      return { summary: aliases.size > 0 ? summarizeFile(file, text, aliases) : summary, readsFrom: files };
    } finally {
      this.inProgress.delete(file);
    }
  }

  /** `file` changed: forget the summaries that read it to resolve their operator imports. */
  forgetReadersOf(file: string): void {
    for (const [f, entry] of this.entries) if (entry.readsFrom?.has(file)) this.entries.delete(f);
  }

  /** Forget the summaries that depended on resolving imported operators (how modules resolve changed). */
  forgetOperatorImporters(): void {
    for (const [file, entry] of this.entries) if (entry.summary.operatorImports.length > 0) this.entries.delete(file);
  }

  /** The summary last computed for a file, whatever its text is now. */
  previous(file: string): FileSummary | undefined {
    return this.entries.get(file)?.summary;
  }

  get size(): number {
    return this.entries.size;
  }
}
