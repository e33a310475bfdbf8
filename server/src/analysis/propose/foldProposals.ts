// Folds the proposals of many findings into the indexes to create, one per column set where one index can serve
// several sites: identical ones merge; the same equality columns in another order are one index; a proposal whose
// equality columns all lead another's equality part (same predicate) is served by it, reordered when needed; the
// `IS NOT NULL` variant of a column set is kept only when every site it serves implies it; a partial index on
// literal tests (`WHERE status = 'pending'`) when several sites fold into one and every one makes those tests; wide
// proposals sharing three equality columns or more become one index on those columns.
import type { Finding, Predicate, Proposal, Table } from '../model';
import { predicateText } from '../sqlText/predicateText';
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
  for (const list of byTable.values()) {
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
      if (longer.proposal.where !== p.proposal.where) longer.proposal = withPredicate(longer.proposal, null);
      longer.findings.push(...p.findings);
    }
    out.push(...mergeSharedColumns(kept).map(withSharedTests));
  }
  return out.sort((a, b) => a.table.name.localeCompare(b.table.name) || a.proposal.name.localeCompare(b.proposal.name));
}

/** Equality columns that several wide proposals share: one index on them serves every one of those queries. */
const SHARED_ENOUGH = 3;

/**
 * Proposals on one table whose equality columns share at least three (`(org, workspace, env, provider, run_id, ...)`
 * and `(org, workspace, env, provider, status, ...)`): once three columns are fixed the rows left are few, so one
 * index on the shared columns serves all those queries, where one wide index each would cost every write. The pair
 * sharing the most goes first; a proposal whose equality columns include the shared set joins it.
 */
function mergeSharedColumns(kept: FoldedProposal[]): FoldedProposal[] {
  const list = [...kept];
  for (;;) {
    let best: { i: number; j: number; shared: string[] } | undefined;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i].proposal;
        const b = list[j].proposal;
        if (a.where !== b.where) continue;
        const shared = eqPart(a).filter((c) => eqPart(b).includes(c));
        if (shared.length < SHARED_ENOUGH || existingLeads(list[i].table, shared)) continue;
        if (!best || shared.length > best.shared.length) best = { i, j, shared };
      }
    }
    if (!best) return list;
    const { shared } = best;
    const base = list[best.i];
    const joining = list.filter((p) => p.proposal.where === base.proposal.where && shared.every((c) => eqPart(p.proposal).includes(c)));
    const proposal: Proposal = {
      ...base.proposal,
      columns: shared,
      equalityCount: shared.length,
      name: indexName(base.table, shared, base.proposal.predicate),
    };
    const merged: FoldedProposal = { table: base.table, proposal, findings: joining.flatMap((p) => p.findings) };
    for (const p of joining) list.splice(list.indexOf(p), 1);
    list.push(merged);
  }
}

/** The table already has a plain index leading with exactly these columns (in any order): nothing to add for them. */
function existingLeads(table: Table, columns: string[]): boolean {
  return table.indexes.some(
    (i) =>
      i.where === null && i.columns.length >= columns.length && i.columns.slice(0, columns.length).every((c) => c !== null && columns.includes(c)),
  );
}

/** A predicate other than the `IS NOT NULL` of the leading column: the index holds only the rows it keeps. */
function literalPredicate(p: Proposal): Predicate | null {
  const predicate = p.predicate;
  return predicate && predicate.kind !== 'isNotNull' ? predicate : null;
}

/**
 * Several sites, every one making the same literal tests (`status = 'pending'`, `deleted_at IS NULL`): one partial
 * index with those tests as its WHERE serves them all, smaller, with the tested columns out of its key.
 */
function withSharedTests(folded: FoldedProposal): FoldedProposal {
  const p = folded.proposal;
  if (folded.findings.length < 2 || p.predicate) return folded;
  const tests = folded.findings.map((f) => f.proposal.literalTests ?? []);
  const shared = tests[0].filter((t) => tests.every((list) => list.some((x) => predicateText(x) === predicateText(t))));
  if (shared.length === 0) return folded;
  const tested = new Set(shared.flatMap((t) => ('column' in t ? [t.column] : [])));
  const columns = p.columns.filter((c) => !tested.has(c));
  if (columns.length === 0) return folded;
  const equalityCount = p.columns.slice(0, p.equalityCount ?? p.columns.length).filter((c) => !tested.has(c)).length;
  const predicate: Predicate = shared.length === 1 ? shared[0] : { kind: 'and', items: shared };
  const proposal = withPredicate({ ...p, columns, equalityCount, name: indexName(folded.table, columns, predicate) }, predicate);
  return { ...folded, proposal };
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
  return withPredicate({ ...long, columns, name: indexName(table, columns) }, keep ? long.predicate : null);
}

/** A proposal with this predicate, and `where` its text: the two are set together only here. */
function withPredicate(p: Proposal, predicate: Predicate | null): Proposal {
  return { ...p, predicate, where: predicate ? predicateText(predicate) : null };
}
