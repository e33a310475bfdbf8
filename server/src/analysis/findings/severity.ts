// The severities a finding can be shown with, shared by the editor settings and the CLI flags.
import type { Finding } from '../model';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint', 'off'];

export const isSeverity = (v: unknown): v is Severity => typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);

/**
 * A table scan is a Warning; a partly served filter (an index narrows, a leftover column is filtered), a query in a
 * function nothing calls or in deprecated code, and an index only writes would use, Information.
 */
export const DEFAULT_SEVERITY: Record<Finding['severityClass'], Severity> = {
  unserved: 'warning',
  partly: 'information',
  uncalled: 'information',
  writeOnly: 'information',
};
