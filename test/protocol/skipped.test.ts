// Unread input in the editor: a file over the size limit is named in a warning, open or not, as the CLI lists it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

describe('a file over the size limit', () => {
  let root: string;
  let client: LspTestClient;
  let big: string;
  before(async () => {
    root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    big = path.join(root, 'lib', 'generated.ts');
    // A query no index serves (a finding, were the file analysed) ahead of 5 MB of data.
    fs.writeFileSync(
      big,
      `import { eq } from 'drizzle-orm';\nimport { db, deepScanV2Runs as runs } from './db';\n` +
        `export const byJob = (j: string) => db.select().from(runs).where(eq(runs.bullmqJobId, j));\n` +
        `export const rows = [\n${'  { id: 1 },\n'.repeat(400_000)}];\n`,
    );
    client = await startServer(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is named in one warning after the scan, and opening it does not analyse it', async () => {
    await client.waitForNotification('indexInsight/scanFinished', 60_000);
    const told = client.shown.filter((m) => /not analysed: lib\/generated\.ts \(5\.0 MB, over the 4\.0 MB limit\)/.test(m));
    assert.equal(told.length, 1, JSON.stringify(client.shown));
    assert.ok(client.logs.some((l) => /skipped lib\/generated\.ts: 5\.0 MB, over the 4\.0 MB limit/.test(l)));
    const uri = fileUri(big);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: fs.readFileSync(big, 'utf8') },
    });
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true), []);
    // Told once: opening the file does not repeat the warning.
    assert.equal(client.shown.filter((m) => /generated\.ts/.test(m)).length, 1);
    // Control: the same query in a small file is a finding.
    const small = fileUri(path.join(root, 'lib', 'small.ts'));
    const text = fs.readFileSync(big, 'utf8').split('export const rows')[0];
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'typescript', version: 1, text } });
    assert.equal((await client.waitForDiagnostics(small, (d) => d.length > 0)).length, 1);
  });
});
