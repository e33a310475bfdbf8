// A multi-root workspace: settings are read per folder, and "Generate index migration" covers every folder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GenerateMigrationResult } from '../../server/src/lsp/protocol';
import { type LspTestClient, fileUri, startServer, workspaceFolders } from '../helpers/lspClient';
import { FIXTURES } from '../helpers/tempWorkspace';

describe('a multi-root workspace', () => {
  let parent: string;
  let a: string;
  let b: string;
  let client: LspTestClient;
  const configured: (string | undefined)[] = [];

  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-multi-root-'));
    a = path.join(parent, 'app-a');
    b = path.join(parent, 'app-b');
    for (const dir of [a, b]) fs.cpSync(path.join(FIXTURES, 'deep-scan'), dir, { recursive: true });
    client = await startServer(
      a,
      {
        workspaceFolders: workspaceFolders(a, b),
        capabilities: {
          workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        },
      },
      [],
      {
        configuration: (item) => {
          configured.push(item.scopeUri);
          // Folder b turns the "partly served" findings off; folder a keeps the defaults.
          return item.scopeUri === fileUri(b) ? { severity: { partly: 'off' } } : {};
        },
      },
    );
  });
  after(async () => {
    await client.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('asks for the settings of each folder and applies each folder its own', async () => {
    const listA = await client.waitForDiagnostics(fileUri(path.join(a, 'lib/deep-scan/list-runs.ts')), (d) => d.length === 2);
    // Folder b's other findings arrive from the scan; its list file has none left, which an open document shows.
    await client.waitForDiagnostics(fileUri(path.join(b, 'lib/deep-scan/worker.ts')), (d) => d.length === 2);
    const uriB = fileUri(path.join(b, 'lib/deep-scan/list-runs.ts'));
    const text = fs.readFileSync(path.join(b, 'lib/deep-scan/list-runs.ts'), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriB, languageId: 'typescript', version: 1, text } });
    const listB = await client.waitForDiagnostics(uriB, () => true);
    assert.equal(listA.length, 2);
    assert.equal(listB.length, 0);
    assert.ok(configured.includes(fileUri(a)) && configured.includes(fileUri(b)), JSON.stringify(configured));
  });

  it('writes a migration in every folder that has findings', async () => {
    const result = await client.connection.sendRequest<GenerateMigrationResult>('workspace/executeCommand', {
      command: 'indexInsight.server.generateMigration',
      arguments: [{}],
    });
    assert.ok(result.ok, JSON.stringify(result));
    for (const root of [a, b]) {
      const sql = fs.readdirSync(path.join(root, 'drizzle')).filter((f) => /^0001_.*\.sql$/.test(f) && !f.endsWith('.down.sql'));
      assert.equal(sql.length, 1, `${root}: ${fs.readdirSync(path.join(root, 'drizzle')).join(', ')}`);
    }
  });
});
