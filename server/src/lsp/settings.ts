// The extension's settings as the server reads them (`indexInsight.*`).
import type { Finding } from '../analysis/model';
import type { ProjectOptions } from '../analysis/workspace/project';
import { DEFAULT_EXCLUDE } from '../analysis/workspace/excludeFiles';
import { DEFAULT_WEIGH_SETTINGS, type WeighSettings } from '../analysis/weigh/weigh';
import { DEFAULT_SEVERITY, type Severity, isSeverity } from '../analysis/findings/severity';

export type SeveritySetting = Severity;

export interface Settings {
  severity: Record<Finding['severityClass'], SeveritySetting>;
  ignoreTables: string[];
  dbObjectNames: string[];
  /** Globs of files whose queries are not reported (tests, scripts, seeds by default; empty: none). */
  exclude: string[];
  /** Migration name template: `{index}`, `{table}`, `{count}`; empty: `add_<index>` / `add_<n>_indexes`. */
  migrationName: string;
  /** With a database (trusted workspaces): when a finding is silent, and how long statistics are kept. */
  database: WeighSettings & { statisticsTtlMinutes: number };
  hover: { showServed: boolean };
  /** Files larger than this (MB) are not analysed; a warning names them. */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: Settings = {
  severity: { ...DEFAULT_SEVERITY },
  ignoreTables: [],
  dbObjectNames: [],
  exclude: [...DEFAULT_EXCLUDE],
  migrationName: '',
  database: { ...DEFAULT_WEIGH_SETTINGS, statisticsTtlMinutes: 10 },
  hover: { showServed: false },
  maxFileSizeMB: 4,
};

/** Accepts whatever the client sends; anything malformed falls back to the default, never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sev = (r.severity && typeof r.severity === 'object' ? r.severity : {}) as Record<string, unknown>;
  const pick = (v: unknown, d: SeveritySetting): SeveritySetting => (isSeverity(v) ? v : d);
  return {
    // One setting per severity class, each falling back to its default.
    severity: Object.fromEntries(
      Object.entries(DEFAULT_SETTINGS.severity).map(([severityClass, d]) => [severityClass, pick(sev[severityClass], d)]),
    ) as Settings['severity'],
    ignoreTables: strings(r.ignoreTables),
    dbObjectNames: strings(r.dbObjectNames),
    exclude: Array.isArray(r.exclude) ? strings(r.exclude) : [...DEFAULT_EXCLUDE],
    migrationName: typeof r.migrationName === 'string' ? r.migrationName : '',
    maxFileSizeMB:
      typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 && r.maxFileSizeMB <= 1024 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB,
    hover: { showServed: (r.hover as { showServed?: unknown } | undefined)?.showServed === true },
    database: databaseSettings(r.database),
  };
}

function databaseSettings(raw: unknown): Settings['database'] {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS.database;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  return {
    minGain: num(r.minGain, d.minGain),
    minRowsRead: num(r.minRowsRead, d.minRowsRead),
    minTableRows: num(r.minTableRows, d.minTableRows),
    statisticsTtlMinutes: num(r.statisticsTtlMinutes, d.statisticsTtlMinutes),
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export function projectOptions(s: Settings): ProjectOptions {
  return { ignoreTables: s.ignoreTables, dbNames: s.dbObjectNames, maxFileBytes: Math.round(s.maxFileSizeMB * 1024 * 1024), exclude: s.exclude };
}

/** The configured migration name for these indexes, or undefined for the automatic one. */
export function migrationNameFor(s: Settings, indexes: { name: string; table: string }[]): string | undefined {
  if (!s.migrationName.trim() || indexes.length === 0) return undefined;
  return s.migrationName
    .replace(/\{index\}/g, indexes[0].name)
    .replace(/\{table\}/g, indexes[0].table)
    .replace(/\{count\}/g, String(indexes.length));
}
