// Judges every table of one query site: the atoms present in every OR branch first, then the branches.
import type { Column, Evaluation, QuerySiteSummary, Span, Table } from '../model';
import { propose } from '../propose/propose';
import { type BranchContext, MAX_BRANCHES, type ResolvedAtom, cross, expand } from '../judge/branches';
import { type TableBranches, tableBranches } from '../judge/factor';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { type Judgement, judge } from '../judge/judge';

export function evaluateSite(file: string, site: QuerySiteSummary, ctx: SiteContext): Evaluation[] {
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return [];
  const { main, tableOf, lookup } = resolved;
  const joined: { table: Table; span: Span; on: QuerySiteSummary['joins'][number]['on'] }[] = [];
  for (const j of site.joins) {
    const t = tableOf(j.table);
    if (t) joined.push({ table: t, span: j.span, on: j.on });
  }
  const bctx: BranchContext = { lookup, main, siteTables: new Set([main.id, ...joined.map((j) => j.table.id)]) };
  let branches = expand(site.where, bctx, { kind: 'where' });
  for (const j of joined) {
    branches = cross(branches, expand(j.on, bctx, { kind: 'join', tableId: j.table.id }));
    if (branches.length > MAX_BRANCHES) return [];
  }
  const orderBy = site.orderBy
    .map((o) => lookup({ table: o.table, key: o.key }))
    .flatMap((l) => (l.kind === 'column' && l.table.id === main.id ? [l.column] : []));

  const out: Evaluation[] = [];
  const seen = new Set<string>();
  const mainEvals = evaluateTable(main, tableBranches(branches, main), orderBy, site, site.whereSpan ?? site.span, ctx);
  for (const e of mainEvals) push(out, seen, e);
  // A join lookup matters when the outer side is selective; otherwise PostgreSQL hash-joins and no index helps.
  const selective = site.hasLimit || mainEvals.some((e) => e.verdict !== 'not-applicable');
  if (selective) {
    for (const j of joined) {
      if (j.table.id === main.id) continue;
      for (const e of evaluateTable(j.table, tableBranches(branches, j.table), [], site, j.span, ctx, 'join')) push(out, seen, e);
    }
  }
  return out;
}

function push(out: Evaluation[], seen: Set<string>, e: Evaluation): void {
  const key = `${e.table.id}\0${e.verdict}\0${e.proposal?.name ?? ''}\0${e.span.start}\0${e.filter.map((f) => f.column + f.kind).join()}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(e);
}

/**
 * With OR: the atoms present in every branch are judged first. Only when none of them is usable does an OR
 * branch matter, and then every branch needs an index (BitmapOr); a branch without one is reported as part of
 * the OR, never as if it were always present.
 */
function evaluateTable(
  table: Table,
  tb: TableBranches,
  orderBy: Column[],
  site: QuerySiteSummary,
  span: Span,
  ctx: SiteContext,
  role: 'main' | 'join' = 'main',
): Evaluation[] {
  if (ctx.isIgnored(table) || !table.indexesKnown) return [];
  if (tb.branches.every((b) => b.tainted)) return [];
  const make = (j: Judgement, atoms: ResolvedAtom[], orBranch: Evaluation['orBranch'] = null, extra: string[] = []): Evaluation => ({
    table,
    siteKind: role === 'join' ? 'join' : site.kind,
    verdict: j.verdict,
    filter: j.filter,
    bestIndex: j.bestIndex,
    prefix: j.prefix,
    proposal: j.verdict === 'partly' || j.verdict === 'unserved' ? propose(table, j, atoms, orderBy) : null,
    rangeBound: j.rangeBound,
    bitmapAnd: j.bitmapAnd.map((i) => i.name),
    skipScan: j.skipScan?.name ?? null,
    orBranch,
    reasons: [...j.reasons, ...extra],
    span,
  });
  const common = judge({ table, atoms: tb.common });
  if (tb.branches.length === 1 || common.verdict === 'served' || common.verdict === 'partly') return [make(common, tb.common)];
  // An unknown part in some branch may be what an index serves (BitmapOr): stay silent.
  if (tb.branches.some((b) => b.tainted)) return [];
  const per = tb.branches.map((b) => judge({ table, atoms: b.atoms }));
  const described = per.map((j) => j.filter);
  if (per.every((j) => j.verdict === 'served' || j.verdict === 'partly')) {
    const names = [...new Set(per.map((j) => j.bestIndex?.name).filter(Boolean))];
    return [{ ...make(common, tb.common), verdict: 'served', proposal: null, reasons: [`Served by a BitmapOr: every OR branch has an index (${names.map((n) => `"${n}"`).join(', ')}).`] }];
  }
  if (common.verdict === 'unserved') return [make(common, tb.common, null, ['The OR branches do not all have an index either: one index on the always-present columns serves every branch.'])];
  if (per.some((j) => j.verdict === 'not-applicable')) {
    return [{ ...make(common, tb.common), verdict: 'not-applicable', reasons: ['An OR branch has no condition an index could use on this table: no index can serve the OR.'] }];
  }
  return per.flatMap((j, i) => (j.verdict === 'unserved' ? [make(j, tb.branches[i].atoms, { branch: i, branches: described })] : []));
}
