// Folds the proposals of many findings into the indexes to create: identical ones merge, and one whose
// columns are a leading prefix of another's (with the same predicate) is served by the longer one.
import type { Finding, Proposal, Table } from '../model';

export interface FoldedProposal {
  table: Table;
  proposal: Proposal;
  /** The findings this index serves. */
  findings: Finding[];
}

export function foldProposals(findings: Finding[], tableById: (id: string) => Table | undefined): FoldedProposal[] {
  const byTable = new Map<string, FoldedProposal[]>();
  for (const f of findings) {
    const table = tableById(f.tableId);
    if (!table) continue;
    const list = byTable.get(table.id) ?? [];
    const same = list.find((p) => sameShape(p.proposal, f.proposal));
    if (same) same.findings.push(f);
    else list.push({ table, proposal: f.proposal, findings: [f] });
    byTable.set(table.id, list);
  }
  const out: FoldedProposal[] = [];
  for (const list of byTable.values()) {
    // Longest first, so a prefix finds the index that serves it.
    const sorted = [...list].sort((a, b) => b.proposal.columns.length - a.proposal.columns.length);
    const kept: FoldedProposal[] = [];
    for (const p of sorted) {
      const longer = kept.find((k) => isPrefix(p.proposal.columns, k.proposal.columns) && (k.proposal.where === null || k.proposal.where === p.proposal.where));
      if (longer) longer.findings.push(...p.findings);
      else kept.push(p);
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.table.name.localeCompare(b.table.name) || a.proposal.name.localeCompare(b.proposal.name));
}

function sameShape(a: Proposal, b: Proposal): boolean {
  return a.columns.join('\0') === b.columns.join('\0') && a.where === b.where;
}

function isPrefix(short: string[], long: string[]): boolean {
  return short.length <= long.length && short.every((c, i) => long[i] === c);
}
