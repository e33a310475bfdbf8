import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { configFor, placeConfig, readDrizzleConfig } from '../../server/src/analysis/read/drizzleConfig';
import { drizzleKitRuns } from '../../server/src/analysis/read/packageScripts';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { MAX_IDENTIFIER_BYTES, columnSqlName, fitIdentifier, toSnakeCase } from '../../server/src/analysis/schema/naming';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

describe('naming', () => {
  it('snake_case as drizzle derives it', () => {
    assert.equal(toSnakeCase('teamId'), 'team_id');
    assert.equal(toSnakeCase('bullmqJobId'), 'bullmq_job_id');
    assert.equal(toSnakeCase('HTMLBody'), 'html_body');
    assert.equal(columnSqlName('createdAt', null), 'createdAt');
    assert.equal(columnSqlName('created_at', 'camelCase'), 'createdAt');
  });

  it('keeps generated names within 63 bytes, stable and distinct', () => {
    const long = 'organization_membership_invitation_audit_entries_organization_identifier_invitation_lifecycle_state';
    const a = fitIdentifier(long, '_idx');
    assert.ok(Buffer.byteLength(a) <= MAX_IDENTIFIER_BYTES);
    assert.ok(a.endsWith('_idx'));
    assert.equal(a, fitIdentifier(long, '_idx'));
    assert.notEqual(a, fitIdentifier(`${long}_x`, '_idx'));
    assert.equal(fitIdentifier('short', '_idx'), 'short_idx');
    assert.ok(Buffer.byteLength(fitIdentifier('ü'.repeat(40), '_idx')) <= MAX_IDENTIFIER_BYTES);
  });
});

describe('drizzle.config reading (never executed)', () => {
  it('reads defineConfig, through a const, with computed values ignored', () => {
    const c = readDrizzleConfig(
      '/p/drizzle.config.ts',
      "import { defineConfig } from 'drizzle-kit';\nconst config = defineConfig({ dialect: 'postgresql', schema: ['./src/db/*.ts'], out: './db/migrations', casing: 'snake_case', migrations: { prefix: 'timestamp' }, dbCredentials: { url: process.env.DATABASE_URL! } });\nexport default config;",
    );
    assert.deepEqual(c, {
      file: '/p/drizzle.config.ts',
      dir: '/p',
      baseDir: '/p',
      dialect: 'postgresql',
      schema: ['./src/db/*.ts'],
      outSpec: './db/migrations',
      out: '/p/db/migrations',
      outWritten: true,
      casing: 'snake_case',
      prefix: 'timestamp',
      problems: [],
      notes: [],
    });
  });

  it('module.exports and JSON; unreadable input falls back to defaults with a problem', () => {
    assert.equal(readDrizzleConfig('/p/drizzle.config.js', "module.exports = { schema: './s.ts', out: 'mig' };").out, '/p/mig');
    assert.equal(readDrizzleConfig('/p/drizzle.config.json', '{"out":"x"}').out, '/p/x');
    const bad = readDrizzleConfig('/p/drizzle.config.json', '{ nope');
    assert.equal(bad.out, '/p/drizzle');
    assert.match(bad.problems.join(), /invalid JSON/);
    const weird = readDrizzleConfig('/p/drizzle.config.ts', 'export default makeConfig();');
    assert.match(weird.problems.join(), /no configuration object/);
  });
});

describe('drizzle.config dialect', () => {
  it("a MySQL config's migrations never count as indexes of the PostgreSQL tables", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-dialect-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    try {
      write('pg/drizzle.config.ts', "export default { dialect: 'postgresql', schema: './schema.ts', out: './drizzle' };");
      write(
        'pg/schema.ts',
        "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const runs = pgTable('runs', { id: text('id').primaryKey(), owner: text('owner') });",
      );
      write('pg/drizzle/0000_init.sql', 'CREATE TABLE "runs" ("id" text PRIMARY KEY, "owner" text);');
      write(
        'pg/queries.ts',
        "import { eq } from 'drizzle-orm';\nimport { runs } from './schema';\nexport const q = (db: any, o: string) => db.select().from(runs).where(eq(runs.owner, o));",
      );
      // Another database of the monorepo happens to have a table of the same name, indexed on that column.
      write('legacy/drizzle.config.ts', "export default { dialect: 'mysql', schema: './schema.ts', out: './drizzle' };");
      write('legacy/drizzle/0000_init.sql', 'CREATE INDEX runs_owner_idx ON runs (owner);');
      const project = new Project(root, new NodeFileHost());
      assert.deepEqual(
        project.configs().map((c) => path.relative(root, c.file)),
        ['pg/drizzle.config.ts'],
      );
      const findings = project.analyzeAll().flatMap((a) => a.findings);
      assert.deepEqual(
        findings.map((f) => [f.table, f.verdict]),
        [['runs', 'unserved']],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('where drizzle-kit runs a config', () => {
  const config = readDrizzleConfig('/r/server/db/drizzle.config.ts', "export default { schema: './db/schema.ts', out: 'drizzle' };");
  const existing = new Set(['/r/server/db/schema.ts', '/r/server/drizzle', '/r/server/db/drizzle-old']);
  const probe = { exists: (p: string) => existing.has(p), globMatches: () => false };

  it('reads scripts: --config and --config=, after a cd, only drizzle-kit commands', () => {
    const scripts = {
      generate: 'drizzle-kit generate --config db/drizzle.config.ts',
      migrate: 'dotenv -e .env -- drizzle-kit migrate --config="db/drizzle.config.ts"',
      studio: 'cd db && npx drizzle-kit studio --config ./drizzle.config.ts --port 4000',
      other: 'tsx scripts/x.ts --config other.ts',
      none: 'drizzle-kit push',
    };
    assert.deepEqual(drizzleKitRuns(scripts, '/r/server'), [
      { config: '/r/server/db/drizzle.config.ts', cwd: '/r/server' },
      { config: '/r/server/db/drizzle.config.ts', cwd: '/r/server' },
      { config: '/r/server/db/drizzle.config.ts', cwd: '/r/server/db' },
    ]);
    assert.deepEqual(drizzleKitRuns(undefined, '/r'), []);
  });

  it('reads schema and out from the folder the script runs in when they exist there', () => {
    const placed = placeConfig(config, ['/r/server'], probe);
    assert.equal(placed.baseDir, '/r/server');
    assert.equal(placed.out, '/r/server/drizzle');
    assert.deepEqual(placed.notes, []);
  });

  it("falls back to the config's folder, and says so when neither has them", () => {
    assert.equal(placeConfig(config, [], probe).out, '/r/server/db/drizzle');
    const missing = placeConfig(config, ['/r/elsewhere'], { exists: () => false, globMatches: () => false });
    assert.equal(missing.baseDir, '/r/elsewhere');
    assert.match(missing.notes.join('\n'), /schema '\.\/db\/schema\.ts' not found relative to '\.\.\/\.\.\/elsewhere' or '\.'/);
    assert.match(missing.notes.join('\n'), /migrations folder 'drizzle' not found/);
    const push = readDrizzleConfig('/p/drizzle.config.ts', "export default { schema: './s.ts' };");
    assert.deepEqual(placeConfig(push, [], { exists: (p) => p === '/p/s.ts', globMatches: () => false }).notes, []);
  });

  it('a schema file belongs to the config that names it, else to the deepest package running one', () => {
    const a = placeConfig(readDrizzleConfig('/r/packages/a/drizzle.config.ts', "export default { schema: './src/schema/index.ts' };"), [], probe);
    const b = placeConfig(readDrizzleConfig('/r/packages/b/drizzle.config.ts', "export default { schema: './src/schema/index.ts' };"), [], probe);
    const root = placeConfig(readDrizzleConfig('/r/drizzle.config.ts', "export default { schema: './db/*.ts' };"), [], probe);
    const all = [root, a, b];
    assert.equal(configFor(all, '/r/packages/b/src/schema/index.ts'), b);
    assert.equal(configFor(all, '/r/packages/a/src/schema/users.ts'), a);
    assert.equal(configFor(all, '/r/db/x.ts'), root);
    assert.equal(configFor([a, b], '/r/elsewhere/x.ts'), undefined);
  });
});
