// Words shown to the user: diagnostic messages and hover text.
import type { Evaluation, FilterColumn, Proposal } from '../model';
import { qualifiedTable, tableLabel } from '../sqlText/identifiers';

const KIND_LABEL: Record<FilterColumn['kind'], string> = {
  eq: '=',
  in: 'IN',
  isNull: 'IS NULL',
  range: 'range',
  isNotNull: 'IS NOT NULL',
  other: 'not indexable',
};

export function describeFilter(filter: FilterColumn[]): string {
  return filter.map((f) => `${f.column} ${KIND_LABEL[f.kind]}`).join(', ');
}

export function describeProposal(p: Proposal): string {
  return `"${p.name}" on (${p.columns.join(', ')})${p.where ? ` WHERE ${p.where}` : ''}`;
}

export function findingMessage(e: Evaluation): string {
  const table = tableLabel(e.table);
  const proposal = e.proposal ? ` Proposed index: ${describeProposal(e.proposal)}.` : '';
  if (e.verdict === 'partly') {
    const idx = e.bestIndex ? `"${e.bestIndex.name}"` : 'an index';
    const covered = e.prefix.length ? ` covers only ${e.prefix.join(', ')}` : ' does not lead with the equality columns';
    return `Filter on ${table} (${describeFilter(e.filter)}) is only partly served: ${idx}${covered}.${proposal}`;
  }
  return `No index serves the filter on ${table} (${describeFilter(e.filter)}): PostgreSQL scans the whole table.${proposal}`;
}

export function hoverMarkdown(evaluations: Evaluation[]): string {
  const parts: string[] = [];
  for (const e of evaluations) {
    const lines = [`**Index Insight** · \`${tableLabel(e.table)}\` · ${verdictLabel(e)}`];
    if (e.filter.length) lines.push(`Filter: ${e.filter.map((f) => `\`${f.column}\` ${KIND_LABEL[f.kind]}`).join(', ')}`);
    for (const r of e.reasons) lines.push(r);
    if (e.proposal) lines.push(`Proposed: \`CREATE INDEX "${e.proposal.name}" ON ${qualifiedTable(e.table)} (${e.proposal.columns.map((c) => `"${c}"`).join(', ')})${e.proposal.where ? ` WHERE ${e.proposal.where}` : ''}\``);
    const indexes = e.table.indexes.map((i) => `\`${i.name}\` (${i.columns.map((c) => c ?? 'expr').join(', ')})${i.whereText ? ` WHERE ${i.whereText}` : ''}`);
    lines.push(`Indexes on ${tableLabel(e.table)}: ${indexes.length ? indexes.join(', ') : 'none'}`);
    parts.push(lines.join('\n\n'));
  }
  return parts.join('\n\n---\n\n');
}

function verdictLabel(e: Evaluation): string {
  switch (e.verdict) {
    case 'served':
      return e.bestIndex ? `served by \`${e.bestIndex.name}\`` : 'served';
    case 'partly':
      return 'partly served';
    case 'unserved':
      return 'no index serves this filter';
    default:
      return 'no indexable filter';
  }
}
