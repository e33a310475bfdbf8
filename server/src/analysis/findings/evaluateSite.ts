// Judges every table of one query site (judgeTable) and proposes an index where none serves well.
import type { Column, Evaluation, QuerySiteSummary, Span, Table } from '../model';
import { propose } from '../propose/propose';
import { type BranchContext, MAX_BRANCHES, cross, expand } from '../judge/branches';
import { type TableBranches, tableBranches } from '../judge/factor';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { judgeTable } from '../judge/judgeTable';

export function evaluateSite(file: string, site: QuerySiteSummary, ctx: SiteContext): Evaluation[] {
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return [];
  const { main } = resolved;
  const lookup: BranchContext['lookup'] = (c) => resolved.lookup(c);
  const joined: { table: Table; span: Span; on: QuerySiteSummary['joins'][number]['on'] }[] = [];
  for (const j of site.joins) {
    const t = resolved.tableOf(j.table);
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
  return judgeTable(table, tb).map(({ judgement: j, atoms, orBranch }) => ({
    table,
    verdict: j.verdict,
    filter: j.filter,
    bestIndex: j.bestIndex,
    prefix: j.prefix,
    proposal: j.verdict === 'partly' || j.verdict === 'unserved' ? propose(table, j, atoms, orderBy) : null,
    rangeBound: j.rangeBound,
    bitmapAnd: j.bitmapAnd.map((i) => i.name),
    skipScan: j.skipScan?.name ?? null,
    orBranch,
    reasons: j.reasons,
    span,
  }));
}
