// The extension's settings as the server reads them (`indexInsight.*`).
import type { ProjectOptions } from '../analysis/workspace/project';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  severity: { unserved: SeveritySetting; partly: SeveritySetting };
  ignoreTables: string[];
  dbObjectNames: string[];
  /** Migration name template: `{index}`, `{table}`, `{count}`; empty: `add_<index>` / `add_<n>_indexes`. */
  migrationName: string;
  /** Files larger than this (MB) are not analysed; a warning names them. */
  maxFileSizeMB: number;
}

export const DEFAULT_SETTINGS: Settings = {
  severity: { unserved: 'warning', partly: 'warning' },
  ignoreTables: [],
  dbObjectNames: [],
  migrationName: '',
  maxFileSizeMB: 4,
};

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sends; anything malformed falls back to the default, never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sev = (r.severity && typeof r.severity === 'object' ? r.severity : {}) as Record<string, unknown>;
  const pick = (v: unknown, d: SeveritySetting): SeveritySetting => (typeof v === 'string' && SEVERITIES.has(v as SeveritySetting) ? (v as SeveritySetting) : d);
  return {
    severity: {
      unserved: pick(sev.unserved, DEFAULT_SETTINGS.severity.unserved),
      partly: pick(sev.partly, DEFAULT_SETTINGS.severity.partly),
    },
    ignoreTables: strings(r.ignoreTables),
    dbObjectNames: strings(r.dbObjectNames),
    migrationName: typeof r.migrationName === 'string' ? r.migrationName : '',
    maxFileSizeMB: typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 && r.maxFileSizeMB <= 1024 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB,
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

export function projectOptions(s: Settings): ProjectOptions {
  return { ignoreTables: s.ignoreTables, dbNames: s.dbObjectNames, maxFileBytes: Math.round(s.maxFileSizeMB * 1024 * 1024) };
}

/** The configured migration name for these indexes, or undefined for the automatic one. */
export function migrationNameFor(s: Settings, indexes: { name: string; table: string }[]): string | undefined {
  if (!s.migrationName.trim() || indexes.length === 0) return undefined;
  return s.migrationName.replace(/\{index\}/g, indexes[0].name).replace(/\{table\}/g, indexes[0].table).replace(/\{count\}/g, String(indexes.length));
}
