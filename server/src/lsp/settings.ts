// The extension's settings as the server reads them (`indexInsight.*`).
import type { ProjectOptions } from '../analysis/project';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface Settings {
  severity: { unserved: SeveritySetting; partly: SeveritySetting };
  ignoreTables: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  severity: { unserved: 'warning', partly: 'warning' },
  ignoreTables: [],
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
    ignoreTables: Array.isArray(r.ignoreTables) ? r.ignoreTables.filter((x): x is string => typeof x === 'string') : [],
  };
}

export function projectOptions(s: Settings): ProjectOptions {
  return { ignoreTables: s.ignoreTables };
}
