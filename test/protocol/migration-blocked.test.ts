// When no migration can be written (a journal entry whose file is missing, `out` from an unset environment
// variable), the quick fix still offers the schema edit alone, with the reason in its title, and the SQL to copy.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from '../helpers/applyWorkspaceEdit';
import { fileUri, startServer } from '../helpers/lspClient';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

const RESOLVING = {
  capabilities: {
    textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
    workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } },
  },
};

async function quickFixes(root: string, prepare: (root: string) => void, reason: RegExp) {
  prepare(root);
  const client = await startServer(root, RESOLVING);
  try {
    const uri = fileUri(path.join(root, 'lib/deep-scan/worker.ts'));
    const [diag] = await client.waitForDiagnostics(uri, (d) => d.length === 2);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    });
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /^Add index deep_scan_v2_runs_bullmq_job_id_idx on deep_scan_v2_runs \(bullmq_job_id\) \(schema only: no migration, /);
    assert.match(fix.title, reason);
    const copy = actions.find((a) => a.command?.command === 'indexInsight.copyMigrationSql');
    assert.equal(copy?.title, 'Copy migration SQL for deep_scan_v2_runs_bullmq_job_id_idx');
    const args = copy.command!.arguments![0] as { sql: string; reason: string };
    assert.match(
      args.sql,
      /^CREATE INDEX IF NOT EXISTS "deep_scan_v2_runs_bullmq_job_id_idx" ON "deep_scan_v2_runs" USING btree \("bullmq_job_id"\) WHERE "deep_scan_v2_runs"\."bullmq_job_id" IS NOT NULL;$/m,
    );
    assert.match(args.reason, reason);
    const drizzleBefore = fs.readdirSync(path.join(root, 'drizzle'), { recursive: true }).sort();
    const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', fix);
    const changes = resolved.edit?.documentChanges ?? [];
    assert.deepEqual(
      changes.map((c) => ('kind' in c ? c.kind : new URL(c.textDocument.uri).pathname.slice(root.length))),
      ['/lib/db/schema.ts'],
    );
    assert.deepEqual(applyWorkspaceEdit(resolved.edit!), { applied: true });
    assert.match(fs.readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8'), /index\('deep_scan_v2_runs_bullmq_job_id_idx'\)/);
    assert.deepEqual(fs.readdirSync(path.join(root, 'drizzle'), { recursive: true }).sort(), drizzleBefore);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('quick fix when no migration can be written', () => {
  it('a journal entry whose file is missing', () =>
    quickFixes(
      copyFixture(path.join(FIXTURES, 'deep-scan')),
      (root) => fs.rmSync(path.join(root, 'drizzle/0000_init.sql')),
      /the migrations folder is inconsistent: 0000_init\.sql is listed in the journal but missing/,
    ));

  it('`out` read from an environment variable that is not set', () => {
    assert.equal(process.env.INDEX_INSIGHT_TEST_OUT, undefined);
    return quickFixes(
      copyFixture(path.join(FIXTURES, 'deep-scan')),
      (root) => {
        const config = path.join(root, 'drizzle.config.ts');
        fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace("out: './drizzle'", 'out: process.env.INDEX_INSIGHT_TEST_OUT!'));
      },
      /`out` in drizzle\.config\.ts is read from the environment variable INDEX_INSIGHT_TEST_OUT, which is not set here/,
    );
  });
});
