// An evaluation that is not served becomes a finding (what diagnostics, the CLI and the fix work from).
import type { Evaluation, Finding } from '../model';
import type { LineIndex } from '../text/lineIndex';
import { tableLabel } from '../sqlText/identifiers';
import { findingMessage } from './messages';
import { severityClass } from './severityClass';
import { columnOf } from './fewValued';

export function toFinding(file: string, e: Evaluation, lines: LineIndex, caller: string | null = null): Finding | undefined {
  if ((e.verdict !== 'partly' && e.verdict !== 'unserved') || !e.proposal) return undefined;
  return {
    file,
    span: e.span,
    range: lines.range(e.span),
    code: e.verdict === 'partly' ? 'partly-served-filter' : 'unserved-filter',
    verdict: e.verdict,
    severityClass: severityClass(e),
    table: tableLabel(e.table),
    tableId: e.table.id,
    filter: e.filter,
    bestIndex: e.bestIndex?.name ?? null,
    proposal: e.proposal,
    message: findingMessage(e),
    caller,
    ...(e.writes ? { writes: { statement: e.writes, foreignKey: filtersForeignKey(e) } } : {}),
  };
}

export function sameFinding(a: Finding, b: Finding): boolean {
  return a.span.start === b.span.start && a.tableId === b.tableId && a.proposal.name === b.proposal.name;
}

function filtersForeignKey(e: Evaluation): boolean {
  return e.filter.some((f) => columnOf(e, f.column)?.references);
}
