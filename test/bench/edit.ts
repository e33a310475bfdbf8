// Benchmark (prints figures; not a test): the built server over stdio on a synthetic 10K-file workspace.
// Latency from a didChange on a query file to its publishDiagnostics, from a schema edit to the end of the
// re-evaluation it triggers, and the server's RSS after warm-up and after 1,000 edits.
// Usage: npm run bench:edit [-- FILES EDITS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileUri, startServer } from '../helpers/lspClient';
import { generateWorkspace, specFor } from './generateWorkspace';
import { processMemoryMb } from './processMemory';

const FILES = Number(process.argv[2] ?? 10000);
const EDITS = Number(process.argv[3] ?? 1000);
const SCHEMA_EDITS = 20;

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const root = path.join(os.tmpdir(), `index-insight-bench-${FILES}`);
  const gen = generateWorkspace(root, specFor(FILES));
  const t0 = performance.now();
  const client = await startServer(root, {}, ['--expose-gc']);
  const scanDone = client.waitForNotification('indexInsight/scanFinished', 600_000);
  // While the cold scan runs: hover on an open query file must still answer promptly.
  const hoverFile = gen.queryFiles[gen.queryFiles.length - 1];
  const hoverUri = fileUri(hoverFile);
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: hoverUri, languageId: 'typescript', version: 1, text: fs.readFileSync(hoverFile, 'utf8') },
  });
  let scanning = true;
  void scanDone.then(() => (scanning = false));
  const hoverLatencies: number[] = [];
  while (scanning) {
    const start = performance.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: hoverUri }, position: { line: 7, character: 30 } });
    hoverLatencies.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  await scanDone;
  const coldScanMs = performance.now() - t0;
  const pid = client.process.pid!;
  const rssWarm = processMemoryMb(pid).rss;

  // Query-file edits.
  const queryFile = gen.queryFiles[0];
  const uri = fileUri(queryFile);
  const original = fs.readFileSync(queryFile, 'utf8');
  let version = 1;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text: original } });
  await client.waitForDiagnostics(uri, (d) => d.length > 0);
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    // Typing inside the first query: a parameter name grows and shrinks.
    const text = original.replace('ownerId: string, status', `ownerId${i % 2 ? '' : 'x'}: string, status`);
    const published = new Promise<void>((resolve) => {
      const disposable = client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
        if (p.uri === uri) {
          disposable.dispose();
          resolve();
        }
      });
    });
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
    await published;
    latencies.push(performance.now() - start);
  }
  const rssAfterEdits = processMemoryMb(pid).rss;

  // Schema edits: add and remove an index; wait until every query file was re-evaluated.
  const schemaFile = gen.schemaFiles[0];
  const schemaUri = fileUri(schemaFile);
  const schemaText = fs.readFileSync(schemaFile, 'utf8');
  let schemaVersion = 1;
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: schemaUri, languageId: 'typescript', version: schemaVersion, text: schemaText },
  });
  const schemaLatencies: number[] = [];
  for (let i = 0; i < SCHEMA_EDITS; i++) {
    const text =
      i % 2 === 0
        ? schemaText.replace(
            "index('table0_owner_idx').on(t.ownerId),",
            "index('table0_owner_idx').on(t.ownerId), index('x_idx').on(t.ownerId, t.status),",
          )
        : schemaText;
    const done = client.waitForNotification('indexInsight/scanFinished', 120_000);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: schemaUri, version: ++schemaVersion },
      contentChanges: [{ text }],
    });
    await done;
    schemaLatencies.push(performance.now() - start);
  }
  const { rss: rssEnd, peak: rssPeak } = processMemoryMb(pid);
  await client.stop();

  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}; workspace: ${FILES} files, ${gen.queryFiles.length} query files`,
  );
  console.log('measure | p50 | p95 | max | n');
  console.log('---|---|---|---|---');
  console.log(
    `query-file edit -> publishDiagnostics (ms) | ${pct(latencies, 50).toFixed(1)} | ${pct(latencies, 95).toFixed(1)} | ${Math.max(...latencies).toFixed(1)} | ${latencies.length}`,
  );
  console.log(
    `hover during the cold workspace scan (ms) | ${pct(hoverLatencies, 50).toFixed(1)} | ${pct(hoverLatencies, 95).toFixed(1)} | ${Math.max(...hoverLatencies).toFixed(1)} | ${hoverLatencies.length}`,
  );
  console.log(
    `schema edit -> all diagnostics re-published (ms) | ${pct(schemaLatencies, 50).toFixed(0)} | ${pct(schemaLatencies, 95).toFixed(0)} | ${Math.max(...schemaLatencies).toFixed(0)} | ${schemaLatencies.length}`,
  );
  console.log('');
  console.log(`cold workspace scan in the server: ${coldScanMs.toFixed(0)} ms`);
  console.log(
    `server RSS: after warm-up ${rssWarm.toFixed(0)} MB, after ${EDITS} edits ${rssAfterEdits.toFixed(0)} MB, after ${SCHEMA_EDITS} schema edits ${rssEnd.toFixed(0)} MB`,
  );
  console.log(`server peak RSS (VmHWM): ${rssPeak.toFixed(0)} MB`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
