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

export class SummaryCache {
  private readonly entries = new Map<string, SummaryEntry>();

  constructor(private readonly readFile: (file: string) => string | undefined) {}

  get(file: string): SummaryEntry | undefined {
    if (!isSourceFile(file)) return undefined;
    const text = this.readFile(file);
    if (text === undefined) return undefined;
    const hit = this.entries.get(file);
    if (hit && hit.text === text) return hit;
    let lines: LineIndex | undefined;
    const entry: SummaryEntry = { text, summary: summarizeFile(file, text), lines: () => (lines ??= new LineIndex(text)) };
    this.entries.set(file, entry);
    return entry;
  }

  /** The summary last computed for a file, whatever its text is now. */
  previous(file: string): FileSummary | undefined {
    return this.entries.get(file)?.summary;
  }

  get size(): number {
    return this.entries.size;
  }
}
