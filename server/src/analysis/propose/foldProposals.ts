// Folds the proposals of many findings into the indexes to create, one per column set where one index can serve
// several sites: identical ones merge; the same equality columns in another order are one index; a proposal whose
// equality columns all lead another's equality part (same predicate) is served by it, reordered when needed; the
// `IS NOT NULL` variant of a column set is kept only when every site it serves implies it; a partial index on a
// literal test (`WHERE status = 'pending'`) only when every site it serves makes that same test.
import type { Finding, Predicate, Proposal, Table } from '../model';
import { proposalPredicate } from '../sqlText/indexDdl';
import { indexName } from './indexName';

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
  for (const grouped of byTable.values()) {
    const list = mergeLiteralVariants(grouped);
    // Longest first, so a shorter proposal finds the index that serves it.
    const sorted = [...list].sort((a, b) => b.proposal.columns.length - a.proposal.columns.length);
    const kept: FoldedProposal[] = [];
    for (const p of sorted) {
      const longer = kept.find((k) => servedBy(p.proposal, k.proposal));
      if (!longer) {
        kept.push(p);
        continue;
      }
      longer.proposal = reorderFor(p.proposal, longer.proposal, p.table);
      // A plain variant makes the longer one plain: its sites do not all imply `IS NOT NULL`.
      if (longer.proposal.where !== p.proposal.where) longer.proposal = { ...longer.proposal, where: null, predicate: null };
      longer.findings.push(...p.findings);
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.table.name.localeCompare(b.table.name) || a.proposal.name.localeCompare(b.proposal.name));
}

/** A predicate other than the `IS NOT NULL` of the leading column: the index holds only the rows it keeps. */
function literalPredicate(p: Proposal): Predicate | null {
  const predicate = proposalPredicate(p);
  return predicate && predicate.kind !== 'isNotNull' ? predicate : null;
}

function predicateColumns(p: Predicate): string[] {
  if ('items' in p) return p.items.flatMap(predicateColumns);
  return 'column' in p ? [p.column] : [];
}

/**
 * Sites with the same key whose literal tests differ (`status = 'done'` here, `status = 'failed'` there, or none):
 * one index with the tested columns in its key serves them all, rather than one partial index per value.
 */
function mergeLiteralVariants(list: FoldedProposal[]): FoldedProposal[] {
  const byKey = new Map<string, FoldedProposal[]>();
  for (const p of list) {
    const key = `${p.proposal.columns.join('\0')}\u0001${p.proposal.equalityCount ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const out: FoldedProposal[] = [];
  for (const group of byKey.values()) {
    const literals = group.map((g) => literalPredicate(g.proposal));
    if (group.length < 2 || literals.every((l) => l === null)) {
      out.push(...group);
      continue;
    }
    const first = group[0].proposal;
    const tested = [...new Set(literals.flatMap((l) => (l ? predicateColumns(l) : [])))];
    const eq = first.columns.slice(0, first.equalityCount ?? first.columns.length);
    const tail = first.columns.slice(first.equalityCount ?? first.columns.length);
    const columns = [...eq, ...tested.filter((c) => !eq.includes(c)), ...tail.filter((c) => !tested.includes(c))];
    const equalityCount = columns.length - tail.filter((c) => !tested.includes(c)).length;
    const proposal: Proposal = { name: indexName(group[0].table, columns), columns, where: null, predicate: null, equalityCount };
    out.push({ table: group[0].table, proposal, findings: group.flatMap((g) => g.findings) });
  }
  return out;
}

function sameShape(a: Proposal, b: Proposal): boolean {
  return a.columns.join('\0') === b.columns.join('\0') && a.where === b.where;
}

const eqPart = (p: Proposal) => p.columns.slice(0, p.equalityCount ?? p.columns.length);
const tailPart = (p: Proposal) => p.columns.slice(p.equalityCount ?? p.columns.length);

/**
 * `short` is served by `long` when its columns are a leading prefix of long's, or when its equality columns are all
 * among long's equality columns (whose order is free) and it has no range tail of its own (or the same one).
 */
function servedBy(short: Proposal, long: Proposal): boolean {
  if (short.where !== long.where && short.where !== null && long.where !== null) return false;
  // A partial index on a literal test serves only sites making that test; a plain index does not give them its gain.
  if (short.where !== long.where && (literalPredicate(short) || literalPredicate(long))) return false;
  if (short.columns.length <= long.columns.length && short.columns.every((c, i) => long.columns[i] === c)) return true;
  const longEq = eqPart(long);
  const shortTail = tailPart(short);
  if (!eqPart(short).every((c) => longEq.includes(c))) return false;
  if (shortTail.length === 0) return true;
  return eqPart(short).length === longEq.length && shortTail.join('\0') === tailPart(long).join('\0');
}

/** Puts short's equality columns first in long's equality part, so that long also serves short's prefix. */
function reorderFor(short: Proposal, long: Proposal, table: Table): Proposal {
  if (short.columns.every((c, i) => long.columns[i] === c)) return long;
  const lead = eqPart(short);
  const columns = [...lead, ...eqPart(long).filter((c) => !lead.includes(c)), ...tailPart(long)];
  // The `IS NOT NULL` predicate was on the old leading column.
  const keep = columns[0] === long.columns[0];
  return { ...long, columns, name: indexName(table, columns), where: keep ? long.where : null, predicate: keep ? proposalPredicate(long) : null };
}
