// Checks the framing of the messages a client sends over stdio (`Content-Length: N\r\n\r\n` + N bytes of JSON).
// vscode-jsonrpc waits forever on a negative or absurd length, or on bytes that never end a header: the server
// would stay up, mute. The guard sees the same bytes and names the first framing error, for the server to log
// and exit on (the client then restarts it).
import { type Result, failure } from '../analysis/model/result';

/** Larger than any message a client sends (a didOpen of the largest file read is 4 MB). */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

export class FramingGuard {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current body still to come; -1 while reading a header. */
  private bodyLeft = -1;
  private body: Buffer[] = [];

  /** Feeds received bytes; returns the framing error they complete, if any. */
  push(chunk: Buffer): string | undefined {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.bodyLeft < 0) {
        const end = this.pending.indexOf(HEADER_END);
        if (end < 0)
          return this.pending.length > MAX_HEADER_BYTES ? `no end of header within ${MAX_HEADER_BYTES} bytes (${preview(this.pending)})` : undefined;
        const header = this.pending.subarray(0, end).toString('ascii');
        this.pending = this.pending.subarray(end + HEADER_END.length);
        const length = contentLength(header);
        if (!length.ok) return length.message;
        this.bodyLeft = length.length;
        this.body = [];
      }
      const take = Math.min(this.bodyLeft, this.pending.length);
      this.body.push(this.pending.subarray(0, take));
      this.pending = this.pending.subarray(take);
      this.bodyLeft -= take;
      if (this.bodyLeft > 0) return undefined;
      this.bodyLeft = -1;
      const text = Buffer.concat(this.body).toString('utf8');
      this.body = [];
      try {
        const message = JSON.parse(text) as unknown;
        if (!message || typeof message !== 'object') return `a message body is not a JSON object (${preview(Buffer.from(text))})`;
      } catch (e) {
        return `a message body is not JSON: ${(e as Error).message} (${preview(Buffer.from(text))})`;
      }
      if (this.pending.length === 0) return undefined;
    }
  }
}

/** The Content-Length of a header, or what is wrong with it. */
function contentLength(header: string): Result<{ length: number }, 'bad-header'> {
  let length: Result<{ length: number }, 'bad-header'> = failure(
    'bad-header',
    `header without Content-Length (${JSON.stringify(header.slice(0, 200))})`,
  );
  for (const line of header.split('\r\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (!m) return failure('bad-header', `malformed header line ${JSON.stringify(line.slice(0, 200))}`);
    if (m[1].toLowerCase() !== 'content-length') continue;
    const value = m[2].trim();
    if (!/^\d{1,12}$/.test(value)) return failure('bad-header', `Content-Length is not a whole number: ${JSON.stringify(value.slice(0, 40))}`);
    const n = Number(value);
    if (n > MAX_CONTENT_LENGTH) return failure('bad-header', `Content-Length ${n} is beyond the ${MAX_CONTENT_LENGTH}-byte limit`);
    length = { ok: true, length: n };
  }
  return length;
}

function preview(bytes: Buffer): string {
  const s = bytes
    .subarray(0, 60)
    .toString('utf8')
    .replace(/[^\x20-\x7e]/g, '?');
  return `starting ${JSON.stringify(s)}`;
}
