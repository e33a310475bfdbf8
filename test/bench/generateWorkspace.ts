// Generates a synthetic Drizzle workspace: schema files (array and object extraConfig), a barrel, a client,
// and mostly ordinary application code with a realistic share of query files (aliases, namespaces, barrels).
import fs from 'node:fs';
import path from 'node:path';

export interface WorkspaceSpec {
  files: number;
  tables: number;
  schemaFiles: number;
  /** Share of application files that run queries. */
  queryShare: number;
}

/** BENCH_QUERY_SHARE (0..1, default 0.2) sets the share of application files that run queries. */
export function specFor(files: number): WorkspaceSpec {
  const share = Number(process.env.BENCH_QUERY_SHARE ?? 0.2);
  return { files, tables: Math.min(300, Math.max(100, Math.round(files / 40))), schemaFiles: 8, queryShare: share > 0 && share <= 1 ? share : 0.2 };
}

/** Deterministic pseudo-random numbers, so every run measures the same workspace. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COLUMNS = ['ownerId', 'teamId', 'status', 'kind', 'createdAt', 'updatedAt', 'externalId', 'priority', 'region', 'slug'];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function generateWorkspace(root: string, spec: WorkspaceSpec): { queryFiles: string[]; schemaFiles: string[] } {
  const rand = rng(42);
  fs.rmSync(root, { recursive: true, force: true });
  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  };
  write(
    'tsconfig.json',
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          baseUrl: '.',
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  write(
    'drizzle.config.ts',
    "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/db/schema/*.ts', out: './drizzle' });\n",
  );
  const tableNames: string[] = [];
  const schemaFiles: string[] = [];
  const perFile = Math.ceil(spec.tables / spec.schemaFiles);
  for (let s = 0; s < spec.schemaFiles; s++) {
    const lines = ["import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';", ''];
    for (let t = s * perFile; t < Math.min(spec.tables, (s + 1) * perFile); t++) {
      const name = `table${t}`;
      tableNames.push(name);
      const cols = COLUMNS.map(
        (c) =>
          `    ${c}: ${c.endsWith('At') ? 'timestamp' : c === 'priority' ? 'integer' : 'text'}('${snake(c)}')${c === 'ownerId' || c === 'status' ? '.notNull()' : ''},`,
      );
      const idx = [
        `index('${name}_owner_idx').on(t.ownerId)`,
        `index('${name}_status_idx').on(t.status)`,
        `uniqueIndex('${name}_slug_key').on(t.slug)`,
      ];
      const extra =
        t % 3 === 0
          ? `(t) => ({\n    ownerIdx: ${idx[0]},\n    statusIdx: ${idx[1]},\n    slugKey: ${idx[2]},\n  })`
          : `(t) => [\n    ${idx.join(',\n    ')},\n  ]`;
      lines.push(
        `export const ${name} = pgTable(\n  '${snake(name)}',\n  {\n    id: integer('id').primaryKey(),\n${cols.join('\n')}\n  },\n  ${extra},\n);\n`,
      );
    }
    const rel = `src/db/schema/part${s}.ts`;
    schemaFiles.push(path.join(root, rel));
    write(rel, lines.join('\n'));
  }
  write('src/db/schema/index.ts', Array.from({ length: spec.schemaFiles }, (_, s) => `export * from './part${s}';`).join('\n') + '\n');
  write(
    'src/db/client.ts',
    "import { drizzle } from 'drizzle-orm/node-postgres';\nimport * as schema from './schema';\nexport const db = drizzle(process.env.DATABASE_URL!, { schema });\n",
  );

  const queryFiles: string[] = [];
  const appFiles = spec.files - spec.schemaFiles - 2;
  for (let i = 0; i < appFiles; i++) {
    const rel = `src/features/f${Math.floor(i / 50)}/m${i}.ts`;
    const isQuery = rand() < spec.queryShare;
    const text = isQuery ? queryFile(i, tableNames, rand) : ordinaryFile(i, rand);
    if (isQuery) queryFiles.push(path.join(root, rel));
    write(rel, text);
  }
  return { queryFiles, schemaFiles };
}

function pick<T>(list: T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)];
}

function queryFile(i: number, tables: string[], rand: () => number): string {
  const t = pick(tables, rand);
  const u = pick(tables, rand);
  const style = i % 3;
  const header =
    style === 0
      ? `import { and, desc, eq, gte, inArray } from 'drizzle-orm';\nimport { db } from '@/db/client';\nimport { ${t}, ${u === t ? '' : `${u} as other`} } from '@/db/schema';\n`
      : style === 1
        ? `import { and, desc, eq, gte, inArray } from 'drizzle-orm';\nimport { db } from '../../db/client';\nimport * as schema from '../../db/schema';\nconst ${t} = schema.${t};\nconst other = schema.${u};\n`
        : `import { and, desc, eq, gte, inArray } from 'drizzle-orm';\nimport { db } from '@/db/client';\nimport { ${t} } from '@/db/schema/part${Math.floor(tables.indexOf(t) / Math.ceil(tables.length / 8))}';\nimport { ${u} as other } from '@/db/schema';\n`;
  const fixedHeader = header.replace(`, ${''} }`, ' }');
  const body = `
export async function list${i}(ownerId: string, status: string) {
  return db.select().from(${t}).where(and(eq(${t}.ownerId, ownerId), eq(${t}.status, status))).orderBy(desc(${t}.createdAt)).limit(20);
}

export async function byTeam${i}(teamId: string, since: Date) {
  return db.select().from(other).where(and(eq(other.teamId, teamId), gte(other.createdAt, since)));
}

export async function get${i}(id: number) {
  const [row] = await db.select().from(${t}).where(eq(${t}.id, id));
  return row;
}

export async function kinds${i}(ownerId: string, kinds: string[]) {
  return db.query.${t}.findMany({ where: (r, { and, eq, inArray }) => and(eq(r.ownerId, ownerId), inArray(r.kind, kinds)) });
}

export async function touch${i}(externalId: string) {
  await db.update(${t}).set({ updatedAt: new Date() }).where(eq(${t}.externalId, externalId));
}

${ordinaryBody(i, 6)}
`;
  return (
    (style === 0 && u === t ? fixedHeader.replace(`{ ${t},  }`, `{ ${t} }`).replace(`import { ${t},  } from`, `import { ${t} } from`) : header) +
    body.replace(/\bother\b/g, u === t && style === 0 ? t : 'other')
  );
}

function ordinaryFile(i: number, rand: () => number): string {
  // Half the ordinary files import a sibling module, as application code does.
  const imports = rand() < 0.5 && i > 0 ? `import type { Item${i - 1} } from './m${i - 1}';\nexport type Previous${i} = Item${i - 1};\n` : '';
  return `${imports}${ordinaryBody(i, 12)}`;
}

function ordinaryBody(i: number, functions: number): string {
  const out: string[] = [`export interface Item${i} { id: number; name: string; tags: string[]; createdAt: Date }`, ''];
  for (let f = 0; f < functions; f++) {
    out.push(`export function helper${i}_${f}(items: Item${i}[], cache: Map<string, number>): Item${i}[] {
  const seen = new Set<number>();
  const result = Array.from(items).filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    cache.delete(item.name);
    return item.tags.some((t) => t.startsWith('${f}'));
  });
  return result.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
`);
  }
  out.push(`export class Service${i} {
  private readonly store = new Map<number, Item${i}>();
  constructor(private readonly name: string) {}
  add(item: Item${i}): void {
    this.store.set(item.id, item);
  }
  remove(id: number): boolean {
    return this.store.delete(id);
  }
  get size(): number {
    return this.store.size;
  }
}
`);
  return out.join('\n');
}
