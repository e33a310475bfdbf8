// A framing error on stdin (a bad Content-Length, bytes that are no message, a body that is not JSON): the
// server logs it on stderr and exits with status 1, so that the client restarts it, instead of staying up mute.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SERVER } from '../helpers/lspClient';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INITIALIZE = frame(
  JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
);

/** Writes the chunks; `after`: first the initialize request, the chunks once it is answered. */
function send(chunks: (string | Buffer)[], after = false): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const timer = setTimeout(() => child.kill(), 30_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
    if (!after) for (const c of chunks) child.stdin.write(c);
    else {
      child.stdin.write(INITIALIZE);
      child.stdout.on('data', () => {
        if (!after || !stdout.includes('"id":1')) return;
        after = false;
        for (const c of chunks) child.stdin.write(c);
      });
    }
  });
}

const CASES: [string, (string | Buffer)[], RegExp][] = [
  ['a negative Content-Length', ['Content-Length: -5\r\n\r\n{}'], /Content-Length is not a whole number: "-5"/],
  ['an absurd Content-Length', ['Content-Length: 99999999999\r\n\r\n{}'], /Content-Length 99999999999 is beyond the 67108864-byte limit/],
  ['no Content-Length', ['Content-Type: application/json\r\n\r\n{}'], /header without Content-Length/],
  ['random bytes', [randomBytes(20_000).toString('base64')], /no end of header within 8192 bytes/],
  ['a body that is not JSON, after a good message', [frame('{"jsonrpc": "2.0", "id": 2, "meth')], /a message body is not JSON/],
];

describe('framing errors: the server logs and exits', () => {
  it('each case exits with status 1 and names the error on stderr', async () => {
    const results = await Promise.all(CASES.map(([, chunks], i) => send(chunks, i === 4)));
    for (const [i, [name, , expected]] of CASES.entries()) {
      const r = results[i];
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /^Index Insight language server: framing error on stdin: .* Exiting so that the client can restart it\.$/m, name);
      assert.match(r.stderr, expected, name);
    }
    // The good message before the garbage was answered.
    assert.match(results[4].stdout, /"id":1,"result":\{"capabilities"/);
  });
});
