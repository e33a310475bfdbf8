// The database beside the code, on a real PostgreSQL with pg_stat_statements: the seed workspace's tables filled
// with 100K skewed runs, a workload run through the fixture's own drizzle-orm queries (driver pg), then the
// statistics reader, the site-to-statement mapping, the estimates against EXPLAIN (ANALYZE), `check
// --database-url`, and the language server (weighed diagnostics, CodeLens, the unused-index fix round trip, and
// no connection at all in an untrusted workspace).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { Client } from 'pg';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { StatementIndex } from '../../server/src/analysis/weigh/matchStatements';
import type { DatabaseStatistics } from '../../server/src/analysis/weigh/statistics';
import { Project } from '../../server/src/analysis/workspace/project';
import { main } from '../../server/src/cli/main';
import { readStatistics } from '../../server/src/database/readStatistics';
import { weighProjectFindings } from '../../server/src/database/weighProject';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { DEEP_SCAN, runDeepScanWorkload, runMigration, seedDeepScan } from '../helpers/deepScanDatabase';
import { applyWorkspaceEdit } from '../helpers/applyWorkspaceEdit';
import { type LspTestClient, fileUri, messageText, startServer } from '../helpers/lspClient';
import { createDatabase } from '../helpers/postgres';
import { copyFixture } from '../helpers/tempWorkspace';

const ROWS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

/** Rows a scan node read: those it returned plus those its filter threw away, over all loops. */
const rowsRead = (n: PlanNode) => (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops'];

/** A diagnostic's message as text (LSP 3.18 also allows markup). */

const within = (estimate: number, actual: number, factor: number) => estimate <= actual * factor && estimate >= actual / factor;

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('database statistics on a real PostgreSQL with pg_stat_statements', () => {
  let db: { url: string; drop: () => Promise<void> };
  let stats: DatabaseStatistics;
  const project = new Project(DEEP_SCAN, new NodeFileHost());
  const sqlAt = (rel: string, line: number) => {
    const found = project.siteAt(path.join(DEEP_SCAN, rel), line - 1);
    assert.ok(found?.sql.ok, `no SQL at ${rel}:${line}`);
    return found.sql.sql;
  };
  const query = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  const explain = async (sql: string, params: unknown[], setup: string[] = []) => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query('BEGIN');
      for (const s of setup) await c.query(s);
      const r = await c.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
      return nodes(r.rows[0]['QUERY PLAN'][0].Plan);
    } finally {
      await c.query('ROLLBACK');
      await c.end();
    }
  };

  before(async () => {
    db = await createDatabase();
    await seedDeepScan(db.url, ROWS);
    await runDeepScanWorkload(db.url);
    const read = await readStatistics({ url: db.url });
    assert.ok(read.ok, read.ok ? '' : read.message);
    stats = read.stats;
  });
  after(async () => {
    await db?.drop();
  });

  it('reads the tables, the columns and the indexes with their scans, and the workload', () => {
    const runs = stats.tables.get('public.deep_scan_v2_runs');
    assert.ok(runs);
    assert.ok(runs.rows !== null && within(runs.rows, ROWS, 1.1), `reltuples ${runs.rows}`);
    assert.ok(runs.columns.get('status')?.mostCommon.some((m) => m.value === 'completed' && m.freq > 0.8));
    assert.deepEqual(runs.indexes.map((i) => i.name).sort(), [
      'created_at_idx',
      'deep_scan_v2_runs_pkey',
      'pre_qualification_idx',
      'status_idx',
      'user_idx',
    ]);
    assert.ok((runs.indexes.find((i) => i.name === 'user_idx')?.scans ?? 0) > 0);
    assert.equal(runs.indexes.find((i) => i.name === 'created_at_idx')?.scans, 0);
    assert.ok(runs.indexes.find((i) => i.name === 'deep_scan_v2_runs_pkey')?.constraint);
    assert.equal(stats.statementsProblem, null);
    assert.ok(stats.statements && stats.statements.length > 0);
    assert.ok(!stats.statements.some((s) => s.query.includes('pg_stats')), 'the reader left its own statements out');
  });

  it('maps each query site to the statements drizzle ran for it', () => {
    const idx = new StatementIndex(stats.statements!);
    const cases: [string, number, number, number][] = [
      // site, calls, pg_stat_statements rows
      ['lib/deep-scan/list-runs.ts', 12, 60, 1],
      ['lib/deep-scan/list-runs.ts', 20, 60, 2], // IN-lists of one and two states
      ['lib/deep-scan/worker.ts', 9, 5, 1], // update
      ['lib/deep-scan/worker.ts', 14, 20, 1], // relational findFirst (aliased table)
      ['lib/deep-scan/list-runs.ts', 25, 5, 1],
    ];
    for (const [file, line, calls, statements] of cases) {
      const w = idx.workload(sqlAt(file, line));
      assert.ok(w, `no statement for ${file}:${line}`);
      assert.equal(w.calls, calls, `${file}:${line}`);
      assert.equal(w.statements, statements, `${file}:${line}`);
    }
  });

  it('estimates the rows read within an order of magnitude of EXPLAIN (ANALYZE), now and with the proposal', async () => {
    const findings = project.analyzeAll().flatMap((a) => a.findings);
    const weighed = weighProjectFindings(project, findings, stats);
    const byProposal = (name: string) => weighed.find((w) => w.finding.proposal.name === name)!;
    const heavyUser = (
      await query<{ u: string }>(
        `SELECT most_common_vals::text::uuid[] AS u FROM pg_stats WHERE tablename = 'deep_scan_v2_runs' AND attname = 'user_id'`,
      )
    )[0].u[0];

    const userStatus = byProposal('deep_scan_v2_runs_user_id_status_idx');
    assert.equal(userStatus.decision.kind, 'warning');
    const sql = sqlAt('lib/deep-scan/list-runs.ts', 12);
    const before = (await explain(sql, [heavyUser, 'failed'])).find((n) => n['Index Name'] === 'user_idx');
    assert.ok(before, 'the plan reads user_idx');
    assert.ok(
      within(userStatus.estimate!.rowsReadNow, rowsRead(before), 3),
      `now: estimated ${userStatus.estimate!.rowsReadNow}, read ${rowsRead(before)}`,
    );
    const afterNode = (
      await explain(
        sql,
        [heavyUser, 'failed'],
        ['CREATE INDEX deep_scan_v2_runs_user_id_status_idx ON deep_scan_v2_runs (user_id, status)', 'ANALYZE deep_scan_v2_runs'],
      )
    ).find((n) => n['Index Name'] === 'deep_scan_v2_runs_user_id_status_idx');
    assert.ok(afterNode, 'the plan reads the proposed index');
    assert.ok(
      within(userStatus.estimate!.rowsReadWithProposal, rowsRead(afterNode), 3),
      `with: estimated ${userStatus.estimate!.rowsReadWithProposal}, read ${rowsRead(afterNode)}`,
    );

    const job = byProposal('deep_scan_v2_runs_bullmq_job_id_idx');
    const jobId = (await query<{ j: string }>('SELECT bullmq_job_id AS j FROM deep_scan_v2_runs WHERE bullmq_job_id IS NOT NULL LIMIT 1'))[0].j;
    const scan = (await explain(sqlAt('lib/deep-scan/worker.ts', 9), ['completed', '{}', new Date(), jobId])).filter(
      (n) => n['Node Type'] === 'Seq Scan',
    );
    const read = scan.reduce((a, n) => a + rowsRead(n), 0);
    assert.ok(within(job.estimate!.rowsReadNow, read, 1.5), `job: estimated ${job.estimate!.rowsReadNow}, read ${read}`);

    const parent = byProposal('deep_scan_v2_runs_pre_qualification_id_status_idx');
    assert.equal(parent.decision.kind, 'silent');
    const pq = (await query<{ p: string }>(`SELECT pre_qualification_id AS p FROM deep_scan_v2_runs GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))[0].p;
    const pqNode = (await explain(sqlAt('lib/deep-scan/list-runs.ts', 20), [pq, 'running'])).find((n) => n['Index Name'] === 'pre_qualification_idx');
    assert.ok(pqNode);
    assert.ok(
      within(parent.estimate!.rowsReadNow, rowsRead(pqNode), 10),
      `parent: estimated ${parent.estimate!.rowsReadNow}, read ${rowsRead(pqNode)}`,
    );
  });

  it('check --database-url: workload and estimate per finding, ordered by total time, the selective parent silenced', async () => {
    let out = '';
    const code = await main(
      ['check', '--root', DEEP_SCAN, '--database-url', db.url, '--format', 'json'],
      (s) => (out += s),
      () => undefined,
    );
    assert.equal(code, 1);
    const json = JSON.parse(out) as {
      findings: { proposal: { name: string }; severity: string; workload?: { totalMs: number; calls: number }; estimate?: { rowsReadNow: number } }[];
      silenced: { proposal: { name: string }; estimate?: { rowsReadNow: number } }[];
    };
    const totals = json.findings.map((f) => f.workload?.totalMs ?? -1);
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => b - a),
    );
    const userStatus = json.findings.find((f) => f.proposal.name === 'deep_scan_v2_runs_user_id_status_idx');
    assert.equal(userStatus?.severity, 'warning');
    assert.equal(userStatus?.workload?.calls, 60);
    assert.ok(userStatus?.estimate && userStatus.estimate.rowsReadNow > 1000);
    assert.deepEqual(
      json.silenced.map((f) => f.proposal.name),
      ['deep_scan_v2_runs_pre_qualification_id_status_idx'],
    );
    let sarif = '';
    await main(
      ['check', '--root', DEEP_SCAN, '--database-url', db.url, '--format', 'sarif'],
      (s) => (sarif += s),
      () => undefined,
    );
    const results = (JSON.parse(sarif) as { runs: { results: { properties: { workload?: unknown; estimate?: unknown } }[] }[] }).runs[0].results;
    assert.ok(results.every((r) => r.properties.workload && r.properties.estimate));
  });

  it('check --database-url on a database that is down: exit 2, a clear message, no password', async () => {
    let err = '';
    const code = await main(
      ['check', '--root', DEEP_SCAN, '--database-url', 'postgres://app:hunter2@127.0.0.1:1/app'],
      () => undefined,
      (s) => (err += s),
    );
    assert.equal(code, 2);
    assert.match(err, /Cannot connect to the database/);
    assert.ok(!err.includes('hunter2'));
    const read = await readStatistics({ url: 'postgres://app:hunter2@127.0.0.1:1/app', connectTimeoutMs: 1000 });
    assert.ok(!read.ok && read.code === 'cannot-connect' && !read.message.includes('hunter2'), JSON.stringify(read));
  });

  describe('over the protocol', () => {
    let root: string;
    let client: LspTestClient;
    const schemaUri = () => fileUri(path.join(root, 'lib/db/schema.ts'));
    before(async () => {
      root = copyFixture(DEEP_SCAN);
      client = await startServer(root, {
        capabilities: {
          textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } },
          workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
        },
      });
      await client.connection.sendNotification('indexInsight/database', { url: db.url, trusted: true });
    });
    after(async () => {
      await client?.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('weighs the diagnostics: the heavy-user composite a Warning with its estimate, the selective parent silent', async () => {
      const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
      const ds = await client.waitForDiagnostics(uri, (d) => d.some((x) => messageText(x).includes('reads about')), 30_000);
      assert.equal(ds.length, 1);
      assert.match(messageText(ds[0]), /"user_idx" reads about [\d,]+ rows for the most common user_id/);
      assert.match(messageText(ds[0]), /Workload: 60 calls/);
      assert.equal(ds[0].severity, 2);
    });

    it('hover: the statements of the query and the estimate', async () => {
      const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
      const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 11, character: 20 },
      });
      const value = hover?.contents.value ?? '';
      assert.match(
        value,
        /\*\*Workload\*\* \(pg_stat_statements\): 60 calls, [\d.]+ ms mean, [\d.,]+ ms total \(\d+(\.\d)?% of the database's time\), [\d,]+ rows\./,
      );
      assert.match(value, /\*\*Estimate\*\*: "user_idx" reads about/);
      // ANALYZE samples the table, so the gain moves a little between runs (about 20x on these data).
      const gain = Number(/Reported: the proposal reads about (\d+)x fewer rows\./.exec(value)?.[1]);
      assert.ok(gain >= 10 && gain <= 40, value);
    });

    it('CodeLens: the queries each index serves, and its scans and size', async () => {
      const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: schemaUri() } });
      const titles = lenses.map((l) => l.command?.title ?? '');
      const line = (needle: string) =>
        fs
          .readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8')
          .split('\n')
          .findIndex((l) => l.includes(needle));
      const on = (needle: string) => lenses.filter((l) => l.range.start.line === line(needle)).map((l) => l.command?.title);
      assert.equal(on("index('user_idx')")[0], 'serves 3 queries');
      assert.match(on("index('user_idx')")[1] ?? '', /^[1-9][\d,]* scans since .* · \d+ kB$/);
      assert.equal(on("index('created_at_idx')")[0], 'serves no workspace query');
      assert.match(on("index('created_at_idx')")[1] ?? '', /^0 scans/);
      const users = lenses.find((l) => l.range.start.line === line("index('user_idx')"))?.command?.arguments?.[0] as { locations: { uri: string }[] };
      assert.equal(users.locations.length, 3);
      assert.equal(titles.length, 8);
    });

    it('an index no query uses with 0 scans: a Hint whose fix removes it, and the migration round-trips on the database', async () => {
      const ds = await client.waitForDiagnostics(schemaUri(), (d) => d.some((x) => x.code === 'unused-index'), 30_000);
      const unused = ds.filter((d) => d.code === 'unused-index');
      const scans = await query<{ name: string; scans: string }>(`SELECT indexrelname AS name, idx_scan::text AS scans FROM pg_stat_user_indexes`);
      for (const d of unused) {
        const name = /"([^"]+)"/.exec(messageText(d))![1];
        assert.equal(scans.find((s) => s.name === name)?.scans, '0', name);
      }
      const d = unused.find((x: Diagnostic) => messageText(x).includes('"created_at_idx"'));
      assert.ok(d, 'created_at_idx is reported unused');
      assert.equal(d.severity, 4);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: schemaUri() },
        range: d.range,
        context: { diagnostics: [d] },
      });
      const remove = actions.find((a) => a.title.startsWith('Remove unused index created_at_idx'));
      assert.ok(remove, actions.map((a) => a.title).join(' | '));
      const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', remove);
      assert.ok(resolved.edit);
      assert.equal(applyWorkspaceEdit(resolved.edit).applied, true);
      assert.ok(!fs.readFileSync(path.join(root, 'lib/db/schema.ts'), 'utf8').includes('created_at_idx'));
      const migration = fs
        .readdirSync(path.join(root, 'drizzle'))
        .find((f) => f.startsWith('0001_') && f.endsWith('.sql') && !f.endsWith('.down.sql'));
      assert.ok(migration);
      const up = path.join(root, 'drizzle', migration);
      const down = up.replace(/\.sql$/, '.down.sql');
      assert.match(fs.readFileSync(up, 'utf8'), /DROP INDEX .*"created_at_idx"/);
      assert.match(fs.readFileSync(down, 'utf8'), /CREATE INDEX .*"created_at_idx".*\("created_at"\)/);
      const has = async () => (await query(`SELECT 1 FROM pg_indexes WHERE indexname = 'created_at_idx'`)).length === 1;
      await runMigration(db.url, up);
      assert.equal(await has(), false);
      await runMigration(db.url, down);
      assert.equal(await has(), true);
    });
  });

  describe('untrusted workspace', () => {
    it('never connects: not with the client connection, not with DATABASE_URL from .env', async () => {
      let connections = 0;
      const probe = net.createServer((s) => {
        connections++;
        s.destroy();
      });
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
      const port = (probe.address() as net.AddressInfo).port;
      const url = `postgres://app:secret@127.0.0.1:${port}/app`;
      const root = copyFixture(DEEP_SCAN);
      fs.writeFileSync(path.join(root, '.env'), `DATABASE_URL=${url}\n`);
      const client = await startServer(root);
      try {
        await client.connection.sendNotification('indexInsight/database', { url, trusted: false });
        const uri = fileUri(path.join(root, 'lib/deep-scan/list-runs.ts'));
        await client.waitForDiagnostics(uri, (d) => d.length === 2);
        await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: fileUri(path.join(root, 'lib/db/schema.ts')) } });
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 20 } });
        await client.connection.sendRequest('workspace/executeCommand', { command: 'indexInsight.server.refreshStatistics', arguments: [] });
        await new Promise((r) => setTimeout(r, 500));
        assert.equal(connections, 0);
        // The probe does count: trusted, the same URL is tried.
        await client.connection.sendNotification('indexInsight/database', { url, trusted: true });
        await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: fileUri(path.join(root, 'lib/db/schema.ts')) } });
        for (let i = 0; i < 50 && connections === 0; i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(connections > 0);
      } finally {
        await client.stop();
        probe.close();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
