// Core values -> LSP values. The only place that knows both.
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Finding } from '../analysis/model';
import type { SeveritySetting, Settings } from './settings';

export const SOURCE = 'index-insight';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action needs to act on a diagnostic without re-running the analysis. */
export interface DiagnosticData {
  table: string;
  tableId: string;
  proposal: Finding['proposal'];
  bestIndex: string | null;
}

export function toDiagnostic(f: Finding, settings: Settings): Diagnostic | undefined {
  const setting = settings.severity[f.verdict];
  if (setting === 'off') return undefined;
  const data: DiagnosticData = { table: f.table, tableId: f.tableId, proposal: f.proposal, bestIndex: f.bestIndex };
  return { range: f.range, severity: SEVERITY[setting], source: SOURCE, code: f.code, message: f.message, data };
}
