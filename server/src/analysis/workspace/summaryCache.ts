// Per-file summaries, kept while the file's text is unchanged.
import { isSourceFile } from '../host/fileHost';
import type { FileSummary } from '../model';
import { summarizeFile } from '../read/summarizeFile';
import { LineIndex } from '../text/lineIndex';

export interface SummaryEntry {
  text: string;
  summary: FileSummary;
  lines(): LineIndex;
}

/** Which of a file's `operatorImports` are drizzle-orm functions re-exported by the project (local -> drizzle name). */
export type OperatorResolver = (file: string, summary: FileSummary) => ReadonlyMap<string, string>;

export class SummaryCache {
  private readonly entries = new Map<string, SummaryEntry>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly readFile: (file: string) => string | undefined,
    private readonly operators?: OperatorResolver,
  ) {}

  get(file: string): SummaryEntry | undefined {
    if (!isSourceFile(file)) return undefined;
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    const hit = this.entries.get(file);
    if (hit && hit.text === text) return hit;
    let lines: LineIndex | undefined;
    const entry: SummaryEntry = { text, summary: this.summarize(file, text), lines: () => (lines ??= new LineIndex(text)) };
    this.entries.set(file, entry);
    return entry;
  }

  /** A file that imports drizzle's operators through a project module is read again once they are known. */
  private summarize(file: string, text: string): FileSummary {
    const summary = summarizeFile(file, text);
    if (summary.operatorImports.length === 0 || !this.operators || this.inProgress.has(file)) return summary;
    this.inProgress.add(file);
    try {
      const aliases = this.operators(file, summary);
      return aliases.size > 0 ? summarizeFile(file, text, aliases) : summary;
    } finally {
      this.inProgress.delete(file);
    }
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
