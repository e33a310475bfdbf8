// index-insight CLI: `check` reports Drizzle queries that no index serves (exit 0 none, 1 findings, 2 error).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCheck } from './check';
import { runMigrate } from './migrate';
import { runProve } from './prove';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';

declare const INDEX_INSIGHT_VERSION: string;
const VERSION = typeof INDEX_INSIGHT_VERSION === 'string' ? INDEX_INSIGHT_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  index-insight check   [--root DIR] [--format text|json|sarif] [--ignore-table GLOB]...
  index-insight migrate [--root DIR] [--name NAME] [--dry-run] [--ignore-table GLOB]...
  index-insight prove   [--root DIR] --at FILE:LINE [--database-url URL] [--rows N] [--format text|json] [--build-index]
                        (without --database-url: DATABASE_URL from the environment, if set)

check    reports Drizzle ORM queries on PostgreSQL that no index serves
         (exit status: 0 no findings, 1 findings, 2 error).
migrate  adds the proposed indexes to the schema and writes one migration (drizzle-kit's
         journal, snapshot and SQL) with its reverse <tag>.down.sql; --dry-run prints the files.
prove    EXPLAINs the query at FILE:LINE before and after its proposed index: on --database-url
         (read-only; HypoPG, or with --build-index a build that is rolled back), else on an embedded
         PostgreSQL with N synthetic rows (default 100000). Exit 2 when the query is not fully known.`;

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string', default: '.' },
        format: { type: 'string', default: 'text' },
        'ignore-table': { type: 'string', multiple: true },
        name: { type: 'string' },
        'dry-run': { type: 'boolean' },
        at: { type: 'string' },
        'database-url': { type: 'string' },
        rows: { type: 'string' },
        'build-index': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`index-insight: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    out(`${VERSION}\n`);
    return 0;
  }
  const command = positionals[0] ?? 'check';
  if (command !== 'check' && command !== 'migrate' && command !== 'prove') {
    err(`index-insight: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    err(`index-insight: --format must be text, json or sarif (got "${format}")\n`);
    return 2;
  }
  const root = path.resolve(values.root ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    err(`index-insight: --root ${root} is not a directory\n`);
    return 2;
  }
  if (command === 'prove') {
    if (!values.at) {
      err('index-insight: prove needs --at FILE:LINE\n');
      return 2;
    }
    if (format === 'sarif') {
      err('index-insight: prove prints text or json\n');
      return 2;
    }
    const rows = values.rows === undefined ? undefined : Number(values.rows);
    if (rows !== undefined && !(Number.isInteger(rows) && rows > 0 && rows <= 10_000_000)) {
      err('index-insight: --rows must be a whole number from 1 to 10000000\n');
      return 2;
    }
    // The flag, else DATABASE_URL from the environment (as drizzle configs read it); never printed.
    const fromFlag = values['database-url'] !== undefined;
    const databaseUrl = values['database-url'] ?? (process.env.DATABASE_URL || undefined);
    if (databaseUrl !== undefined && !isPostgresUrl(databaseUrl)) {
      err(`index-insight: ${fromFlag ? '--database-url' : 'DATABASE_URL'} is not a PostgreSQL connection URL (postgres://user:password@host:5432/database)\n`);
      return 2;
    }
    const r = await runProve(root, { at: values.at, databaseUrl, rows, format, allowBuild: values['build-index'], progress: (m) => err(`index-insight: ${m}\n`) });
    (r.code === 0 ? out : err)(r.out);
    return r.code;
  }
  if (command === 'migrate') {
    try {
      const r = runMigrate(root, { ignoreTables: values['ignore-table'], name: values.name, dryRun: values['dry-run'] });
      err(r.notes);
      (r.code === 0 ? out : err)(r.out);
      return r.code;
    } catch (e) {
      err(`index-insight: ${(e as Error).message}\n`);
      return 2;
    }
  }
  try {
    const result = runCheck(root, { ignoreTables: values['ignore-table'] });
    out(format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, VERSION) : formatText(result));
    if (format !== 'text') for (const p of result.problems) err(`index-insight: note: ${p}\n`);
    return result.findings.length > 0 ? 1 : 0;
  } catch (e) {
    err(`index-insight: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

function isPostgresUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && (u.port === '' || Number(u.port) > 0);
  } catch {
    return false;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
    process.exitCode = code;
  });
}
