// Core values -> LSP values. The only place that knows both.
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Finding, SchemaHint } from '../analysis/model';
import type { SeveritySetting, Settings } from './settings';
import { ruleDocUrl } from '../ruleDocs';

export const SOURCE = 'index-insight';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action needs to act on a diagnostic without re-running the analysis. */
export interface DiagnosticData {
  kind: 'finding';
  table: string;
  tableId: string;
  proposal: Finding['proposal'];
  bestIndex: string | null;
}

export function toDiagnostic(f: Finding, settings: Settings): Diagnostic | undefined {
  const setting = settings.severity[f.severityClass];
  if (setting === 'off') return undefined;
  const data: DiagnosticData = { kind: 'finding', table: f.table, tableId: f.tableId, proposal: f.proposal, bestIndex: f.bestIndex };
  return {
    range: f.range,
    severity: SEVERITY[setting],
    source: SOURCE,
    code: f.code,
    codeDescription: { href: ruleDocUrl(f.code) },
    message: f.message,
    data,
  };
}

export interface HintData {
  kind: 'redundant';
  tableId: string;
  index: string;
}

export function hintToDiagnostic(h: SchemaHint): Diagnostic {
  const data: HintData = { kind: 'redundant', tableId: h.tableId, index: h.index };
  return {
    range: h.range,
    severity: DiagnosticSeverity.Hint,
    tags: [DiagnosticTag.Unnecessary],
    source: SOURCE,
    code: h.code,
    codeDescription: { href: ruleDocUrl(h.code) },
    message: h.message,
    data,
  };
}
