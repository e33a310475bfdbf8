// Bad input never throws: half-typed code, garbage, huge files.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Project } from '../../server/src/analysis/workspace/project';
import { summarizeFile } from '../../server/src/analysis/read/summarizeFile';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { MemoryHost } from '../helpers/memoryHost';

// Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
before(() => loadSqlParser());

const SCHEMA =
  "import { pgTable, integer, text, index } from 'drizzle-orm/pg-core';\nexport const t = pgTable('t', { id: integer('id').primaryKey(), a: text('a').notNull(), b: text('b') }, (x) => [index('t_a').on(x.a)]);\n";

describe('robustness', () => {
  const garbage = [
    '',
    'db.select().from(',
    'db.select().from(t).where(and(eq(t.a, 1), eq(t.b',
    "import { t } from './schema'; db.query.t.findMany({ where: (",
    'pgTable(',
    "export const t = pgTable('t', { a: text(",
    'const x = [;;;;}}}}{{{{',
    '\u0000\u0001\uFFFF',
    "export const t = pgTable('t', {}, (x) => { return; });",
    'db.update(t).set({}).where(...[])',
    'db.select().from(t).where(and(...(undefined as any)))',
  ];
  for (const text of garbage) {
    it(`summarises ${JSON.stringify(text.slice(0, 40))} without throwing`, () => {
      assert.doesNotThrow(() => summarizeFile('/w/q.ts', text));
      const project = new Project(
        '/w',
        new MemoryHost(
          new Map([
            ['/w/schema.ts', SCHEMA],
            ['/w/q.ts', `import { and, eq } from 'drizzle-orm';\nimport { t } from './schema';\n${text}`],
          ]),
        ),
      );
      assert.doesNotThrow(() => project.analyzeAll());
    });
  }

  it('a huge generated file is analysed without stack overflow', () => {
    const nest = (n: number) =>
      `import { and, eq } from 'drizzle-orm';\nimport { t } from './schema';\nexport const q = db.select().from(t).where(${'and('.repeat(n)}eq(t.b, 1)${')'.repeat(n)});\n`;
    const deep = nest(5000);
    const many = Array.from({ length: 20000 }, (_, i) => `export const q${i} = db.select().from(t).where(eq(t.a, ${i}));`).join('\n');
    const project = new Project(
      '/w',
      new MemoryHost(
        new Map([
          ['/w/schema.ts', SCHEMA],
          ['/w/deep.ts', deep],
          ['/w/nested.ts', nest(20)],
          ['/w/many.ts', `import { eq } from 'drizzle-orm';\nimport { t } from './schema';\n${many}`],
        ]),
      ),
    );
    const results = project.analyzeAll();
    assert.equal(results.find((r) => r.file === '/w/many.ts')?.sites.length, 20000);
    assert.match(results.find((r) => r.file === '/w/deep.ts')?.problems.join() ?? '', /nested too deeply/);
    assert.equal(results.find((r) => r.file === '/w/nested.ts')?.findings[0]?.proposal.columns.join(), 'b');
  });

  it('an overlay replaces the disk text and a schema edit changes the verdict', () => {
    const files = new Map([
      ['/w/schema.ts', SCHEMA],
      ['/w/q.ts', "import { eq } from 'drizzle-orm';\nimport { t } from './schema';\nexport const q = db.select().from(t).where(eq(t.b, 'x'));\n"],
    ]);
    const project = new Project('/w', new MemoryHost(files));
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 1);
    const changed = project.setOverlay('/w/schema.ts', SCHEMA.replace("index('t_a').on(x.a)", "index('t_a').on(x.a), index('t_b').on(x.b)"));
    assert.equal(changed, true);
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 0);
    assert.equal(
      project.setOverlay('/w/q.ts', "import { eq } from 'drizzle-orm';\nimport { t } from './schema';\nexport const q = 1;\n"),
      false,
      'a query-only edit is not a schema change',
    );
  });

  it('operators imported through a project module follow that module: an edit there re-reads the importer', () => {
    const files = new Map([
      ['/w/schema.ts', SCHEMA],
      ['/w/ops.ts', 'export const eq = (a: unknown, b: unknown) => [a, b];\n'],
      ['/w/q.ts', "import { eq } from './ops';\nimport { t } from './schema';\nexport const q = db.select().from(t).where(eq(t.b, 'x'));\n"],
    ]);
    const project = new Project('/w', new MemoryHost(files));
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 0, 'a project function named eq is not drizzle');
    project.setOverlay('/w/ops.ts', "export * from 'drizzle-orm';\n");
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 1, 'now it re-exports drizzle-orm');
    project.setOverlay('/w/ops.ts', 'export const eq = 1;\n');
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 0);
  });

  it('ordinary helpers (a function returning a call, an object of functions, a mapper returning an object of calls) are not schema: editing them is no schema change', () => {
    const files = new Map([
      ['/w/schema.ts', SCHEMA],
      [
        '/w/util.ts',
        "import { readFileSync } from 'node:fs';\nimport { eq } from 'drizzle-orm';\nimport { t } from './schema';\n" +
          "export function load(p: string) { return readFileSync(p, 'utf8'); }\nexport const routes = { load };\n" +
          'export function toDto(row: { id: string; at: Date }) { return { id: row.id, at: format(row.at) }; }\n' +
          "export const q = db.select().from(t).where(eq(t.b, 'x'));\n",
      ],
    ]);
    const project = new Project('/w', new MemoryHost(files));
    assert.equal(project.analyzeFile('/w/util.ts').findings.length, 1, 'a query file: its summary is read');
    assert.equal(project.setOverlay('/w/util.ts', `${files.get('/w/util.ts')}// edited\n`), false);
    assert.equal(project.setOverlay('/w/util.ts', `${files.get('/w/util.ts')}// edited again\n`), false);
  });

  it('an edit of the constant a table creator reads renames its tables', () => {
    const files = new Map([
      ['/w/settings.ts', "export const PREFIX = 'shop';\n"],
      [
        '/w/schema.ts',
        "import { pgTableCreator, integer, text } from 'drizzle-orm/pg-core';\nimport { PREFIX } from './settings';\nconst table = pgTableCreator((n) => `${PREFIX}_${n}`);\nexport const t = table('t', { id: integer('id').primaryKey(), b: text('b') });\n",
      ],
      ['/w/q.ts', "import { eq } from 'drizzle-orm';\nimport { t } from './schema';\nexport const q = db.select().from(t).where(eq(t.b, 'x'));\n"],
    ]);
    const project = new Project('/w', new MemoryHost(files));
    assert.deepEqual(
      project.analyzeFile('/w/q.ts').findings.map((f) => f.table),
      ['shop_t'],
    );
    assert.equal(project.setOverlay('/w/settings.ts', "export const PREFIX = 'mall';\n"), true, 'the constant is part of the schema');
    assert.deepEqual(
      project.analyzeFile('/w/q.ts').findings.map((f) => f.table),
      ['mall_t'],
    );
    assert.equal(project.setOverlay('/w/settings.ts', 'export const PREFIX = process.env.PREFIX!;\n'), true);
    assert.deepEqual(
      project.analyzeFile('/w/q.ts').findings.map((f) => f.table),
      ['{PREFIX}_t'],
    );
    assert.equal(project.setOverlay('/w/settings.ts', "export const PREFIX = 'shop';\n"), true, 'a constant that could not be read is still watched');
    assert.deepEqual(
      project.analyzeFile('/w/q.ts').findings.map((f) => f.table),
      ['shop_t'],
    );
  });

  it('a barrel edit changes how queries reach their tables', () => {
    const files = new Map([
      ['/w/schema.ts', SCHEMA],
      ['/w/index.ts', "export * from './schema';\n"],
      ['/w/q.ts', "import { eq } from 'drizzle-orm';\nimport { t } from './index';\nexport const q = db.select().from(t).where(eq(t.b, 'x'));\n"],
    ]);
    const project = new Project('/w', new MemoryHost(files));
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 1);
    assert.equal(project.setOverlay('/w/index.ts', '// nothing exported any more\n'), true);
    assert.equal(project.analyzeFile('/w/q.ts').findings.length, 0);
  });
});
