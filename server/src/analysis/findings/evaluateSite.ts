// Judges every table of one query site, branch by branch.
import type { Column, ColumnLookup, ColumnRefCandidate, Evaluation, QuerySiteSummary, RelationLoad, Span, Table } from '../model';
import { propose } from '../propose/propose';
import { type Branch, type BranchContext, MAX_BRANCHES, type ResolvedAtom, cross, expand } from '../judge/branches';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { judge } from '../judge/judge';

export function evaluateSite(file: string, site: QuerySiteSummary, ctx: SiteContext): Evaluation[] {
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return [];
  const { main, tableOf, lookup } = resolved;
  const bctx: BranchContext = { lookup, main };

  let branches = expand(site.where, bctx, { kind: 'where' });
  const joined: { table: Table; span: Span }[] = [];
  for (const j of site.joins) {
    const t = tableOf(j.table);
    if (!t) continue;
    joined.push({ table: t, span: j.span });
    branches = cross(branches, expand(j.on, bctx, { kind: 'join', tableId: t.id }));
    if (branches.length > MAX_BRANCHES) return [];
  }
  const orderBy = site.orderBy
    .map((o) => lookup({ table: o.table, key: o.key }))
    .flatMap((l) => (l.kind === 'column' && l.table.id === main.id ? [l.column] : []));

  const out: Evaluation[] = [];
  const seen = new Set<string>();
  const mainSpan = site.whereSpan ?? site.span;
  for (const branch of branches) {
    const mainEval = evaluateTable(main, branch, orderBy, site, mainSpan, ctx);
    if (mainEval) push(out, seen, mainEval);
    // A join lookup matters when the outer side is selective; otherwise PostgreSQL hash-joins and no index helps.
    const selective = site.hasLimit || (mainEval !== undefined && mainEval.verdict !== 'not-applicable');
    if (selective) {
      for (const j of joined) {
        if (j.table.id === main.id) continue;
        const e = evaluateTable(j.table, branch, [], site, j.span, ctx, 'join');
        if (e) push(out, seen, e);
      }
    }
    // A joined table's own WHERE filter can drive the query when the FROM table's filter is not served.
    if (!mainEval || mainEval.verdict === 'served' || !site.whereSpan) continue;
    for (const j of joined) {
      if (j.table.id === main.id) continue;
      const own = branch.atoms.filter((a) => a.table.id === j.table.id && within(a.span, site.whereSpan!));
      if (!own.some(isSelective)) continue;
      const e = evaluateTable(j.table, { ...branch, atoms: own }, [], site, mainSpan, ctx);
      if (e) push(out, seen, e);
    }
  }
  evaluateLoads(main, site.with, lookup, site, ctx, out, seen);
  return out;
}

/**
 * `with: { members: { where } }`: each related row set is read by the relation's lookup columns (equality with
 * the parent row) plus its own filter; nested loads are read from their parent relation's table.
 */
function evaluateLoads(parent: Table, loads: RelationLoad[], lookup: BranchContext['lookup'], site: QuerySiteSummary, ctx: SiteContext, out: Evaluation[], seen: Set<string>): void {
  for (const load of loads) {
    const rel = ctx.relation?.(parent, load.name);
    if (!rel) continue;
    const child = rel.table;
    const keyColumns = rel.childKeys.map((k) => child.columns.find((c) => c.key === k));
    if (keyColumns.some((c) => c === undefined)) continue;
    const childLookup = (c: ColumnRefCandidate): ColumnLookup => {
      if (c.table.kind !== 'self') return lookup(c);
      const column = child.columns.find((col) => col.key === c.key);
      return column ? { kind: 'column', table: child, column } : { kind: 'unknownColumn', table: child };
    };
    const keyAtoms: ResolvedAtom[] = keyColumns.map((column) => ({ table: child, column: column!, kind: 'eq', span: load.span }));
    for (const branch of expand(load.where, { lookup: childLookup, main: child }, { kind: 'where' })) {
      const e = evaluateTable(child, { ...branch, atoms: [...keyAtoms, ...branch.atoms] }, [], site, load.whereSpan ?? load.span, ctx);
      if (e) push(out, seen, e);
    }
    evaluateLoads(child, load.with, childLookup, site, ctx, out, seen);
  }
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** An equality or range on a column that is not a boolean: narrow enough to start a query from. */
function isSelective(a: ResolvedAtom): boolean {
  return a.kind === 'range' || ((a.kind === 'eq' || a.kind === 'in' || a.kind === 'isNull') && a.column.dataType !== 'boolean');
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
    siteKind: role === 'join' ? 'join' : site.kind,
    verdict: j.verdict,
    filter: j.filter,
    bestIndex: j.bestIndex,
    prefix: j.prefix,
    proposal,
    reasons: j.reasons,
    span,
  };
}
