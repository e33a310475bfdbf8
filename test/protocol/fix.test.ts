// The fix over the protocol: the quick fix's WorkspaceEdit, and the generate-migration command. Every test writes
// to its workspace, so each gets a fresh copy and its own server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import type { GenerateMigrationResult } from '../../server/src/lsp/protocol';
import { applyWorkspaceEdit } from '../helpers/applyWorkspaceEdit';
import { type LspTestClient, fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

describe('fix over the protocol', () => {
  let root: string;
  let client: LspTestClient;

  beforeEach(async () => {
    root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    client = await startServer(root);
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('offers the preferred quick fix: schema edit, migration, snapshot, journal and reverse in one edit', async () => {
    const workerUri = fileUri(path.join(root, 'lib/deep-scan/worker.ts'));
    const [diag] = await client.waitForDiagnostics(workerUri, (d) => d.length === 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: workerUri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, JSON.stringify(actions));
    assert.equal(fix.title, 'Add index deep_scan_v2_runs_bullmq_job_id_idx on deep_scan_v2_runs (bullmq_job_id) + migration');
    const changes = fix.edit.documentChanges ?? [];
    const created = changes
      .filter((c) => 'kind' in c && c.kind === 'create')
      .map((c) => path.relative(root, new URL((c as { uri: string }).uri).pathname));
    assert.deepEqual(created.sort(), [
      'drizzle/0001_add_deep_scan_v2_runs_bullmq_job_id_idx.down.sql',
      'drizzle/0001_add_deep_scan_v2_runs_bullmq_job_id_idx.sql',
      'drizzle/meta/0001_snapshot.json',
    ]);
    assert.ok(changes.every((c) => !('kind' in c) || (c.kind === 'create' && c.options?.overwrite === false)));
    assert.deepEqual(applyWorkspaceEdit(fix.edit), { applied: true });
    const schema = fs.readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8');
    assert.match(
      schema,
      /index\('deep_scan_v2_runs_bullmq_job_id_idx'\)\.on\(table\.bullmqJobId\)\.where\(sql`\$\{table\.bullmqJobId\} IS NOT NULL`\),\n {2}\],/,
    );
    assert.match(schema, /^import \{ sql \} from 'drizzle-orm';$/m);
    const journal = JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    assert.equal(journal.entries.length, 2);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(path.join(root, 'lib/db/schema.ts')), type: 2 }],
    });
    await client.waitForDiagnostics(workerUri, (d) => d.length === 0);
  });

  it('lists the folded proposals and generates one migration for all of them', async () => {
    await client.waitForDiagnostics(fileUri(path.join(root, 'lib/deep-scan/list-runs.ts')), (d) => d.length === 2);
    const proposals = await client.connection.sendRequest<{ name: string; sites: string[] }[]>('indexInsight/proposals');
    assert.deepEqual(
      proposals.map((p) => [p.name, p.sites]),
      [
        ['deep_scan_v2_runs_bullmq_job_id_idx', ['lib/deep-scan/worker.ts:9', 'lib/deep-scan/worker.ts:14']],
        ['deep_scan_v2_runs_pre_qualification_id_status_idx', ['lib/deep-scan/list-runs.ts:20']],
        ['deep_scan_v2_runs_user_id_status_idx', ['lib/deep-scan/list-runs.ts:12']],
      ],
    );
    const result = await client.connection.sendRequest<GenerateMigrationResult>('workspace/executeCommand', {
      command: 'indexInsight.server.generateMigration',
      arguments: [{ name: 'list indexes' }],
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.title, 'Add 3 indexes');
    assert.equal(path.basename(new URL(result.migrationUri!).pathname), '0001_list_indexes.sql');
    const sql = fs.readFileSync(path.join(root, 'drizzle/0001_list_indexes.sql'), 'utf8');
    const created = sql.split('\n').flatMap((l) => /^CREATE INDEX IF NOT EXISTS "(\w+)"/.exec(l)?.[1] ?? []);
    assert.deepEqual(created, [
      'deep_scan_v2_runs_bullmq_job_id_idx',
      'deep_scan_v2_runs_pre_qualification_id_status_idx',
      'deep_scan_v2_runs_user_id_status_idx',
    ]);
    const down = fs.readFileSync(path.join(root, 'drizzle/0001_list_indexes.down.sql'), 'utf8');
    assert.match(sql, /SET LOCAL lock_timeout/);
    for (const name of created) assert.match(down, new RegExp(`DROP INDEX (CONCURRENTLY )?IF EXISTS "${name}"`));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(path.join(root, 'lib/db/schema.ts')), type: 2 }],
    });
    await client.waitForDiagnostics(fileUri(path.join(root, 'lib/deep-scan/list-runs.ts')), (d) => d.length === 0);
    await client.waitForDiagnostics(fileUri(path.join(root, 'lib/deep-scan/worker.ts')), (d) => d.length === 0);
    const none = await client.connection.sendRequest<GenerateMigrationResult>('workspace/executeCommand', {
      command: 'indexInsight.server.generateMigration',
      arguments: [{}],
    });
    assert.deepEqual(none, { ok: false, code: 'no-findings', message: 'No findings: there is no index to add.' });
  });
});

describe('fix over the protocol, with a client that resolves code actions', () => {
  let root: string;
  let client: LspTestClient;
  beforeEach(async () => {
    root = copyFixture(path.join(FIXTURES, 'deep-scan'));
    client = await startServer(root, {
      capabilities: {
        textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
      },
    });
  });
  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the lightbulb request plans nothing; resolving the action plans the edit', async () => {
    const uri = fileUri(path.join(root, 'lib/deep-scan/worker.ts'));
    const [diag] = await client.waitForDiagnostics(uri, (d) => d.length === 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Add index deep_scan_v2_runs_bullmq_job_id_idx on deep_scan_v2_runs (bullmq_job_id) + migration');
    assert.equal(fix.edit, undefined);
    assert.ok(fix.data);
    const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', fix);
    assert.ok(resolved.edit?.documentChanges?.length);
    assert.equal(resolved.command?.command, 'indexInsight.saveFiles');
  });

  it('a migrations folder broken after the lightbulb: resolving writes nothing and says why', async () => {
    const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
    const [diag] = await client.waitForDiagnostics(uri, (d) => d.length === 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    fs.writeFileSync(path.join(root, 'drizzle/meta/_journal.json'), '{ not json');
    const resolved = await client.connection.sendRequest<CodeAction>(
      'codeAction/resolve',
      actions.find((a) => a.isPreferred),
    );
    assert.equal(resolved.edit, undefined);
    assert.match(resolved.disabled?.reason ?? '', /_journal\.json is not valid JSON/);
    assert.ok(
      client.shown.some((m) => /nothing was written: drizzle\/meta\/_journal\.json is not valid JSON/.test(m)),
      JSON.stringify(client.shown),
    );
  });
});
