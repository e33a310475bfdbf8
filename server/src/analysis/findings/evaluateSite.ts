// Judges every table of one query site, branch by branch.
import type { Column, Evaluation, QuerySiteSummary, Span, Table } from '../model';
import { propose } from '../propose/propose';
import { type Branch, type BranchContext, MAX_BRANCHES, cross, expand } from '../judge/branches';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { judge } from '../judge/judge';

export function evaluateSite(file: string, site: QuerySiteSummary, ctx: SiteContext): Evaluation[] {
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return [];
  const { main } = resolved;
  const bctx: BranchContext = { lookup: (c) => resolved.lookup(c), main };

  let branches = expand(site.where, bctx, { kind: 'where' });
  const joined: { table: Table; span: Span }[] = [];
  for (const j of site.joins) {
    const t = resolved.tableOf(j.table);
    if (!t) continue;
    joined.push({ table: t, span: j.span });
    branches = cross(branches, expand(j.on, bctx, { kind: 'join', tableId: t.id }));
    if (branches.length > MAX_BRANCHES) return [];
  }
  const orderBy = site.orderBy
    .map((o) => resolved.lookup({ table: o.table, key: o.key }))
    .flatMap((l) => (l.kind === 'column' && l.table.id === main.id ? [l.column] : []));

  const out: Evaluation[] = [];
  const seen = new Set<string>();
  const mainSpan = site.whereSpan ?? site.span;
  for (const branch of branches) {
    const mainEval = evaluateTable(main, branch, orderBy, site, mainSpan, ctx);
    if (mainEval) push(out, seen, mainEval);
    // A join lookup matters when the outer side is selective; otherwise PostgreSQL hash-joins and no index helps.
    const selective = site.hasLimit || (mainEval !== undefined && mainEval.verdict !== 'not-applicable');
    if (!selective) continue;
    for (const j of joined) {
      if (j.table.id === main.id) continue;
      const e = evaluateTable(j.table, branch, [], site, j.span, ctx, 'join');
      if (e) push(out, seen, e);
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
  branch: Branch,
  orderBy: Column[],
  site: QuerySiteSummary,
  span: Span,
  ctx: SiteContext,
  role: 'main' | 'join' = 'main',
): Evaluation | undefined {
  if (ctx.isIgnored(table) || !table.indexesKnown) return undefined;
  if (branch.taintAll || branch.tainted.has(table.id)) return undefined;
  const atoms = branch.atoms.filter((a) => a.table.id === table.id);
  const j = judge({ table, atoms });
  const proposal = j.verdict === 'partly' || j.verdict === 'unserved' ? propose(table, j, atoms, orderBy) : null;
  return {
    table,
    verdict: j.verdict,
    filter: j.filter,
    bestIndex: j.bestIndex,
    prefix: j.prefix,
    proposal,
    reasons: j.reasons,
    span,
  };
}
