// Offset <-> line/character conversion (0-based, UTF-16 code units like the editor).
import type { Position, Range, Span } from '../model';

export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  offset(pos: Position): number {
    const line = Math.min(Math.max(pos.line, 0), this.starts.length - 1);
    return this.starts[line] + pos.character;
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}
