// `npm run fuzz [-- --inputs N]` (or FUZZ_INPUTS=N): mutates the fixture files (truncation, token deletion,
// random Unicode, huge literals) and drives the built language server over stdio with each: didOpen, hover,
// didChange, hover, codeAction, didClose. Fails (exit 1) on a crash, an error answer, an analysis that threw, or
// a request slower than 2 s; prints the figures. A seed (--seed S) replays a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/tempWorkspace';
import { seededRandom } from '../helpers/seededRandom';

const { values } = parseArgs({ options: { inputs: { type: 'string' }, seed: { type: 'string' } } });
const INPUTS = Number(values.inputs ?? process.env.FUZZ_INPUTS ?? 10_000);
const SEED = Number(values.seed ?? Date.now() % 1_000_000);
const SLOW_MS = 2000;

const random = seededRandom(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: T[]): T => xs[int(xs.length)];

const UNICODE = [
  '\u0000',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '\uD800',
  '\uDFFF',
  '😀',
  '𝔘',
  'ü',
  'ß',
  '\r',
  '\r\n',
  '\u2028',
  '`',
  '${',
  '*/',
  '/*',
  '"',
  "'",
  '\\',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '.',
];

const MUTATIONS: Record<string, (t: string) => string> = {
  truncate: (t) => t.slice(0, int(t.length + 1)),
  deleteTokens: (t) => {
    const tokens = t.split(/(\b|\s+)/);
    for (let k = 1 + int(5); k > 0 && tokens.length > 0; k--) tokens.splice(int(tokens.length), 1 + int(3));
    return tokens.join('');
  },
  randomUnicode: (t) => {
    let out = t;
    for (let k = 1 + int(10); k > 0; k--) {
      const at = int(out.length + 1);
      // Any code point, lone surrogates included.
      const s = random() < 0.5 ? pick(UNICODE) : String.fromCodePoint(int(0x110000));
      out = out.slice(0, at) + s + out.slice(at);
    }
    return out;
  },
  hugeLiteral: (t) => {
    const at = int(t.length + 1);
    const n = 10_000 + int(90_000);
    const literal = pick([
      `'${'x'.repeat(n)}'`,
      '9'.repeat(n),
      `\`${'${a}'.repeat(n / 10)}\``,
      `[${'1,'.repeat(n / 2)}]`,
      `${'('.repeat(n / 20)}`,
      `eq(t.a, ${'and('.repeat(n / 100)})`,
    ]);
    return t.slice(0, at) + literal + t.slice(at);
  },
  swapLines: (t) => {
    const lines = t.split('\n');
    const a = int(lines.length);
    const b = int(lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
};

function mutate(text: string): { text: string; kinds: string[] } {
  const kinds: string[] = [];
  let out = text;
  for (let k = 1 + int(3); k > 0; k--) {
    const kind = pick(Object.keys(MUTATIONS));
    kinds.push(kind);
    out = MUTATIONS[kind](out);
  }
  return { text: out, kinds };
}

function positionIn(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = int(lines.length);
  return { line, character: int(lines[line].length + 1) };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
}

async function main(): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-fuzz-'));
  fs.cpSync(path.join(FIXTURES, 'deep-scan'), root, { recursive: true });
  const sources = (fs.readdirSync(FIXTURES, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
  const schemaFile = path.join(root, 'lib/db/schema.ts');
  const client = await startServer(root, { capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
  let crashed: string | undefined;
  let stopping = false;
  client.process.on('exit', (code, signal) => {
    if (!stopping) crashed = `the server exited (${code ?? signal})`;
  });
  const latencies: Record<string, number[]> = { hover: [], codeAction: [] };
  const slow: string[] = [];
  const errors: string[] = [];
  const started = Date.now();
  let what = '';
  const timed = async <T>(kind: 'hover' | 'codeAction', input: number, request: () => Promise<T>): Promise<T | undefined> => {
    const t0 = performance.now();
    try {
      return await Promise.race([
        request(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 30 s')), 30_000).unref()),
      ]);
    } catch (e) {
      errors.push(`input ${input}: ${kind}: ${(e as Error).message}`);
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      latencies[kind].push(ms);
      if (ms > SLOW_MS) slow.push(`input ${input}: ${kind} took ${ms.toFixed(0)} ms (${what})`);
    }
  };
  try {
    for (let i = 0; i < INPUTS && !crashed; i++) {
      // Mostly a new query file; one in ten the schema itself (every open file is analysed again).
      const onSchema = random() < 0.1;
      const file = onSchema ? schemaFile : path.join(root, 'lib', `fuzz-${i % 50}.ts`);
      const uri = fileUri(file);
      const first = mutate(onSchema ? fs.readFileSync(schemaFile, 'utf8') : pick(sources));
      what = `${onSchema ? 'schema' : 'query file'}, ${first.kinds.join('+')}, ${first.text.length} chars`;
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text: first.text },
      });
      await timed('hover', i, () =>
        client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(first.text) }),
      );
      const second = mutate(first.text);
      what += `; then ${second.kinds.join('+')}, ${second.text.length} chars`;
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: second.text }],
      });
      await timed('hover', i, () =>
        client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionIn(second.text) }),
      );
      const diagnostics: Diagnostic[] = client.diagnostics.get(uri) ?? [];
      const range = diagnostics[0]?.range ?? { start: positionIn(second.text), end: positionIn(second.text) };
      await timed('codeAction', i, () =>
        client.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }),
      );
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      if ((i + 1) % 500 === 0) process.stderr.write(`fuzz: ${i + 1}/${INPUTS} inputs\n`);
    }
  } finally {
    stopping = true;
    await client.stop().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  }
  const analysisErrors = client.logs.filter((l) => /failed|Unexpected/.test(l));
  const seconds = (Date.now() - started) / 1000;
  const all = [...latencies.hover, ...latencies.codeAction];
  const lines = [
    `fuzz: seed ${SEED}, ${INPUTS} inputs (${Object.keys(MUTATIONS).join(', ')}), ${all.length} requests in ${seconds.toFixed(1)} s`,
    `  hover       p50 ${percentile(latencies.hover, 50).toFixed(1)} ms, p95 ${percentile(latencies.hover, 95).toFixed(1)} ms, max ${Math.max(0, ...latencies.hover).toFixed(1)} ms`,
    `  codeAction  p50 ${percentile(latencies.codeAction, 50).toFixed(1)} ms, p95 ${percentile(latencies.codeAction, 95).toFixed(1)} ms, max ${Math.max(0, ...latencies.codeAction).toFixed(1)} ms`,
    `  crashes ${crashed ? 1 : 0}, error answers ${errors.length}, analyses that threw ${analysisErrors.length}, requests over ${SLOW_MS} ms ${slow.length}`,
    ...[crashed, ...errors, ...analysisErrors, ...slow]
      .filter((x): x is string => !!x)
      .slice(0, 20)
      .map((x) => `  ${x.split('\n').slice(0, 6).join('\n    ')}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return crashed || errors.length || analysisErrors.length || slow.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
