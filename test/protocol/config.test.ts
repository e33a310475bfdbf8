// An unreadable drizzle.config: a clear warning, defaults used, analysis still works.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

describe('an unreadable drizzle.config', () => {
  let root: string;
  let client: LspTestClient;
  before(async () => {
    root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    fs.writeFileSync(path.join(root, 'drizzle.config.ts'), 'export default makeConfig(process.env.X);\n');
    client = await startServer(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says so once, and the queries are still analysed', async () => {
    await client.waitForDiagnostics(fileUri(path.join(root, 'lib/deep-scan/list-runs.ts')), (d) => d.length === 2);
    const told = client.shown.filter((w) => /drizzle\.config\.ts: no configuration object found; using defaults/.test(w));
    assert.equal(told.length, 1, JSON.stringify(client.shown));
  });
});
