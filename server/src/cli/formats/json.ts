// `--format json`: one object with every finding (positions 1-based, paths relative to the root).
import path from 'node:path';
import type { Finding } from '../../analysis/model';
import type { CheckResult } from '../check';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  table: string;
  filter: Finding['filter'];
  verdict: Finding['verdict'];
  bestIndex: string | null;
  proposal: Finding['proposal'];
  message: string;
}

export function toJsonFinding(root: string, f: Finding, severity: string): JsonFinding {
  return {
    file: path.relative(root, f.file).split(path.sep).join('/'),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity,
    code: f.code,
    table: f.table,
    filter: f.filter,
    verdict: f.verdict,
    bestIndex: f.bestIndex,
    proposal: f.proposal,
    message: f.message,
  };
}

export function formatJson(result: CheckResult): string {
  return `${JSON.stringify(
    {
      findings: result.findings.map((f) => toJsonFinding(result.root, f, result.severityOf(f))),
      tables: result.tables,
      querySites: result.querySites,
      notes: result.problems,
      skipped: result.skipped,
      incomplete: result.incomplete,
    },
    null,
    2,
  )}\n`;
}
