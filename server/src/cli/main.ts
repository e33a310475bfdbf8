// index-insight CLI: `check` reports Drizzle queries that no index serves (exit 0 none, 1 findings, 2 error).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CheckResult, runCheck } from './check';
import { SEVERITIES, type Severity, isSeverity } from '../analysis/findings/severity';
import type { Finding } from '../analysis/model';
import { runCheckWithDatabase } from './checkDatabase';
import { type Result, failure } from '../analysis/model/result';
import { DEFAULT_WEIGH_SETTINGS, type WeighSettings } from '../analysis/weigh/weigh';
import { redactMessage } from '../prove/redact';
import { runMigrate } from './migrate';
import { runProve } from './prove';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { loadSqlParser } from '../analysis/schema/migrations/sqlParser';

/** The severity classes a flag sets (`--partly LEVEL`, ...). */
const SEVERITY_FLAGS = { partly: 'partly', uncalled: 'uncalled', writeOnly: 'write-only' } as const;

declare const INDEX_INSIGHT_VERSION: string;
const VERSION = typeof INDEX_INSIGHT_VERSION === 'string' ? INDEX_INSIGHT_VERSION : '0.0.0-dev';

const USAGE = `Usage:
  index-insight check   [--root DIR] [--format text|json|sarif] [--ignore-table GLOB]... [--partly LEVEL] [--uncalled LEVEL]
                        [--write-only LEVEL]
                        [--exclude GLOB]... [--no-exclude] [--max-file-size MB] [--database-url URL] [--min-gain X] [--min-rows-read N] [--min-table-rows N]
  index-insight migrate [--root DIR] [--name NAME] [--dry-run] [--ignore-table GLOB]... [--exclude GLOB]... [--no-exclude]
  index-insight prove   [--root DIR] --at FILE:LINE [--database-url URL] [--rows N] [--format text|json] [--build-index]
                        (without --database-url: DATABASE_URL from the environment, if set)

check    reports Drizzle ORM queries on PostgreSQL that no index serves (warning) or serves
         only on a prefix (--partly LEVEL, default information; error|warning|information|hint|off);
         a query in a function nothing in the workspace calls (calls in excluded files do not
         count), or in a deprecated folder, takes --uncalled LEVEL; an UPDATE or DELETE on columns
         no read of a called function names takes --write-only LEVEL (both default information)
         (exit status: 0 no warning or error, 1 warnings or errors, 2 error). Queries in tests,
         specs, fixtures, scripts and seeds are not reported: --exclude GLOB replaces that list,
         --no-exclude reports every file. With --database-url (read-only) each finding is weighed
         by the planner's statistics and ordered by its statements' total time (pg_stat_statements);
         a gain under --min-gain (10x) or --min-rows-read (1000) rows read, or a table under
         --min-table-rows (10000), is silenced; a large gain is a warning. Files larger than
         --max-file-size (default 4 MB) are skipped and listed; exit 2 when a schema file, drizzle
         config or migrations folder could not be read (the analysis is incomplete).
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
        partly: { type: 'string' },
        uncalled: { type: 'string' },
        'write-only': { type: 'string' },
        exclude: { type: 'string', multiple: true },
        'no-exclude': { type: 'boolean' },
        name: { type: 'string' },
        'dry-run': { type: 'boolean' },
        at: { type: 'string' },
        'database-url': { type: 'string' },
        rows: { type: 'string' },
        'build-index': { type: 'boolean' },
        'min-gain': { type: 'string' },
        'min-rows-read': { type: 'string' },
        'min-table-rows': { type: 'string' },
        'max-file-size': { type: 'string' },
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
  try {
    await loadSqlParser();
  } catch (e) {
    err(`index-insight: could not load the SQL parser: ${(e as Error).message}\n`);
    return 2;
  }
  const exclude = values['no-exclude'] ? [] : values.exclude;
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
      err(
        `index-insight: ${fromFlag ? '--database-url' : 'DATABASE_URL'} is not a PostgreSQL connection URL (postgres://user:password@host:5432/database)\n`,
      );
      return 2;
    }
    const r = await runProve(root, {
      at: values.at,
      databaseUrl,
      rows,
      format,
      allowBuild: values['build-index'],
      progress: (m) => err(`index-insight: ${m}\n`),
    });
    (r.code === 0 ? out : err)(r.out);
    return r.code;
  }
  if (command === 'migrate') {
    try {
      const r = runMigrate(root, { ignoreTables: values['ignore-table'], name: values.name, dryRun: values['dry-run'], exclude });
      err(r.notes);
      (r.code === 0 ? out : err)(r.out);
      return r.code;
    } catch (e) {
      err(`index-insight: ${(e as Error).message}\n`);
      return 2;
    }
  }
  // Unset classes keep DEFAULT_SEVERITY (runCheck's severityOf).
  const severity: Partial<Record<Finding['severityClass'], Severity>> = {};
  for (const [severityClass, flag] of Object.entries(SEVERITY_FLAGS) as [
    keyof typeof SEVERITY_FLAGS,
    (typeof SEVERITY_FLAGS)[keyof typeof SEVERITY_FLAGS],
  ][]) {
    const level = values[flag];
    if (level === undefined) continue;
    if (!isSeverity(level)) {
      err(`index-insight: --${flag} must be one of ${SEVERITIES.join(', ')} (got "${level}")\n`);
      return 2;
    }
    severity[severityClass] = level;
  }
  const maxMb = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxMb !== undefined && !(Number.isFinite(maxMb) && maxMb > 0 && maxMb <= 1024)) {
    err('index-insight: --max-file-size must be a number of megabytes from above 0 to 1024\n');
    return 2;
  }
  const maxFileBytes = maxMb === undefined ? undefined : Math.round(maxMb * 1024 * 1024);
  const checkOptions = { ignoreTables: values['ignore-table'], severity, exclude, maxFileBytes };
  /** Notes on stderr beside a machine-readable format; the exit status: 2 when incomplete, 1 with warnings or errors. */
  const finish = (result: CheckResult): number => {
    if (format !== 'text') {
      for (const p of result.problems) err(`index-insight: note: ${p}\n`);
      for (const s of result.skipped) err(`index-insight: note: skipped ${s.file}: ${s.reason}\n`);
    }
    if (result.incomplete) {
      err('index-insight: the analysis is incomplete: a schema file, drizzle config or migrations folder could not be read\n');
      return 2;
    }
    // Information and hints are reported but do not fail a CI run.
    return result.findings.some((f) => ['error', 'warning'].includes(result.severityOf(f))) ? 1 : 0;
  };
  if (values['database-url']) {
    const thresholds = weighSettings(values);
    if (!thresholds.ok) {
      err(`index-insight: ${thresholds.message}\n`);
      return 2;
    }
    try {
      const checked = await runCheckWithDatabase(root, checkOptions, values['database-url'], thresholds.settings);
      if (!checked.ok) {
        err(`index-insight: ${checked.message}\n`);
        return 2;
      }
      const result = checked.check;
      out(format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, VERSION) : formatText(result));
      return finish(result);
    } catch (e) {
      err(`index-insight: internal error: ${redactMessage((e as Error).stack ?? String(e), values['database-url'])}\n`);
      return 2;
    }
  }
  try {
    const result = runCheck(root, checkOptions);
    out(format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, VERSION) : formatText(result));
    return finish(result);
  } catch (e) {
    err(`index-insight: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

/** The thresholds of the database check, or what is wrong with them. */
function weighSettings(values: {
  'min-gain'?: string;
  'min-rows-read'?: string;
  'min-table-rows'?: string;
}): Result<{ settings: WeighSettings }, 'invalid-threshold'> {
  const settings = { ...DEFAULT_WEIGH_SETTINGS };
  const flags = [
    ['min-gain', values['min-gain'], (n: number) => (settings.minGain = n)],
    ['min-rows-read', values['min-rows-read'], (n: number) => (settings.minRowsRead = n)],
    ['min-table-rows', values['min-table-rows'], (n: number) => (settings.minTableRows = n)],
  ] as const;
  for (const [flag, v, set] of flags) {
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) return failure('invalid-threshold', `--${flag} must be a number of 0 or more (got "${v}")`);
    set(n);
  }
  return { ok: true, settings };
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
  void main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then((code) => {
    process.exitCode = code;
  });
}
