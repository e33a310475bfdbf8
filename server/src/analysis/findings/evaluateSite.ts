// Judges every table of one query site (judgeTable) and proposes an index where none serves well: the FROM
// table, joined tables (as lookups, or as the driving table of an unserved FROM), and relations loaded with `with`.
import type {
  Column,
  ColumnLookup,
  ColumnRefCandidate,
  Evaluation,
  FilterExpr,
  LoadReport,
  Operand,
  QuerySiteSummary,
  RelationLoad,
  Span,
  Table,
} from '../model';
import { propose } from '../propose/propose';
import { type Branch, type BranchContext, MAX_BRANCHES, type ResolvedAtom, cross, expand } from '../judge/branches';
import { type TableBranches, tableBranches } from '../judge/factor';
import { type SiteContext, resolveSite } from '../resolve/resolveSite';
import { judgeTable } from '../judge/judgeTable';
import { isLowCardinality } from '../judge/columnTraits';
import { indexWhereText } from '../sqlText/predicateText';
import { type JoinEquality, joinEqualities, withJoinEqualities } from '../judge/joinEqualities';

/**
 * `loads`, when given, receives every relation loaded with its own `where` (see LoadReport); `mentions` every column
 * the filters name, judged or not (see mentionColumns).
 */
export function evaluateSite(file: string, site: QuerySiteSummary, ctx: SiteContext, loads?: LoadReport[], mentions?: Set<string>): Evaluation[] {
  const resolved = resolveSite(file, site, ctx);
  if (!resolved) return [];
  const { main } = resolved;
  const lookup: BranchContext['lookup'] = (c) => resolved.lookup(c);
  if (mentions) {
    mentionColumns(site.where, lookup, main, mentions);
    for (const j of site.joins) mentionColumns(j.on, lookup, main, mentions);
  }
  const joined: Joined[] = [];
  let unresolvedJoin = false;
  for (const j of site.joins) {
    const t = resolved.tableOf(j.table);
    if (t) joined.push({ table: t, span: j.span, on: j.on, keys: [] });
    else unresolvedJoin = true;
  }
  const siteTables = new Set([main.id]);
  for (const j of joined) siteTables.add(j.table.id);
  const bctx: BranchContext = { lookup, main, siteTables };
  const whereBranches = expand(site.where, bctx, { kind: 'where' });
  // Each table is judged with the equalities join keys carry to it; where the query may start is decided on the
  // conditions as written (starting from a table an equality was carried to leads back through the same join key).
  for (const j of joined) j.keys = joinEqualities(j.on, bctx);
  let branches = withJoinEqualities(
    whereBranches,
    joined.flatMap((j) => j.keys),
  );
  for (const j of joined) {
    branches = cross(branches, expand(j.on, bctx, { kind: 'join', tableId: j.table.id }));
    if (branches.length > MAX_BRANCHES) return [];
  }
  const orderBy: Column[] = [];
  for (const o of site.orderBy) {
    const l = lookup({ table: o.table, key: o.key });
    if (l.kind === 'column' && l.table.id === main.id) orderBy.push(l.column);
  }

  const out: Evaluation[] = [];
  const seen = new Set<string>();
  const mainSpan = site.whereSpan ?? site.span;
  const writes = site.kind === 'update' || site.kind === 'delete' ? site.kind : undefined;
  const mainEvals = evaluateTable(main, tableBranches(branches, main), orderBy, mainSpan, ctx).map((e) => (writes ? { ...e, writes } : e));
  const drivenFromJoin = mainEvals.some(isFindingVerdict) && joined.some((j) => drivesTheQuery(j, main, whereBranches, bctx, ctx));
  if (!drivenFromJoin) for (const e of mainEvals) push(out, seen, e);
  // A join lookup matters when the outer side is selective; otherwise PostgreSQL hash-joins and no index helps.
  const selective = site.hasLimit || mainEvals.some((e) => e.verdict !== 'not-applicable');
  if (selective) {
    for (const j of joined) {
      if (j.table.id === main.id) continue;
      const evals = evaluateTable(j.table, tableBranches(branches, j.table), [], j.span, ctx);
      if (evals.some(isFindingVerdict) && reachedByAnotherJoinKey(j, joined, whereBranches, bctx, ctx)) continue;
      for (const e of evals) push(out, seen, e);
    }
  }
  // A joined table's own WHERE filter can drive the query when no index serves any part of the FROM table's filter
  // (an opaque FROM filter may be what an index serves: then nothing is said about the joined tables), and no other
  // joined table has a selective filter an index serves and reaches every other table through join keys an index
  // serves: the planner starts wherever an index narrows. A join with a subquery or CTE may be where the planner
  // starts: then no joined table is judged as the driving one.
  const startsElsewhere = () =>
    joined.some((j) => j.table.id !== main.id && ownFilterServed(j.table, whereBranches, ctx) && reachesEveryTable(j.table, main, joined, bctx, ctx));
  if (
    site.whereSpan &&
    !unresolvedJoin &&
    mainEvals.length > 0 &&
    !mainEvals.some((e) => e.verdict === 'served' || e.verdict === 'partly') &&
    !startsElsewhere()
  ) {
    for (const j of joined) {
      if (j.table.id === main.id) continue;
      const tb = tableBranches(whereBranches, j.table);
      if (!tb.common.some(startsAQuery)) continue;
      for (const e of evaluateTable(j.table, tb, [], mainSpan, ctx)) push(out, seen, e);
    }
  }
  evaluateLoads(main, site.with, lookup, ctx, out, seen, loads, mentions);
  return out;
}

/** `tableId\0sqlName` of a column a filter names; `tableId\0*` when part of it could filter any column. */
export const mentionKey = (tableId: string, column: string) => `${tableId}\0${column}`;

/**
 * Every column a filter names, on any path (optional conditions, OR branches, `sql` fragments that name columns),
 * and `*` for a table whose filter has a part we cannot see into: what a read might want an index on.
 */
function mentionColumns(expr: FilterExpr, lookup: BranchContext['lookup'], main: Table, out: Set<string>): void {
  const add = (c: ColumnRefCandidate) => {
    const hit = lookup(c);
    if (hit.kind === 'column') out.add(mentionKey(hit.table.id, hit.column.sqlName));
    else if (hit.kind === 'unknownColumn') out.add(mentionKey(hit.table.id, '*'));
  };
  const operand = (o: Operand | undefined) => {
    if (o?.kind === 'ref') add({ table: o.ref, key: o.key });
    else if (o?.kind === 'value') o.refs.forEach(add);
  };
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const item of expr.items) mentionColumns(item, lookup, main, out);
      return;
    case 'optional':
      return mentionColumns(expr.expr, lookup, main, out);
    case 'atom':
      operand(expr.left);
      operand(expr.right);
      operand(expr.extra);
      return;
    case 'field': {
      const column = main.columns.find((c) => c.key === expr.key);
      if (column) out.add(mentionKey(main.id, column.sqlName));
      return;
    }
    case 'unknown':
      expr.refs.forEach(add);
      if (expr.opaque || expr.refs.length === 0) out.add(mentionKey(main.id, '*'));
      return;
    case 'false':
    case 'none':
      return;
  }
}

/**
 * `with: { members: { where } }`: each related row set is read by the relation's lookup columns (equality with
 * the parent row) plus its own filter; nested loads are read from their parent relation's table.
 */
function evaluateLoads(
  parent: Table | null,
  loads: RelationLoad[],
  lookup: BranchContext['lookup'],
  ctx: SiteContext,
  out: Evaluation[],
  seen: Set<string>,
  reports: LoadReport[] | undefined,
  mentions: Set<string> | undefined,
): void {
  for (const load of loads) {
    const rel = parent ? ctx.relation?.(parent, load.name) : undefined;
    if (load.whereSpan) reports?.push({ name: load.name, whereSpan: load.whereSpan, table: rel?.table ?? null });
    // Nested loads of a relation we cannot follow are still sites (unresolved ones).
    if (!rel) {
      evaluateLoads(null, load.with, lookup, ctx, out, seen, reports, mentions);
      continue;
    }
    const child = rel.table;
    const keyColumns = rel.childKeys.map((k) => child.columns.find((c) => c.key === k));
    if (keyColumns.some((c) => c === undefined)) {
      evaluateLoads(child, load.with, lookup, ctx, out, seen, reports, mentions);
      continue;
    }
    const childLookup = (c: ColumnRefCandidate): ColumnLookup => {
      if (c.table.kind !== 'self') return lookup(c);
      const column = child.columns.find((col) => col.key === c.key);
      return column ? { kind: 'column', table: child, column } : { kind: 'unknownColumn', table: child };
    };
    if (mentions) {
      for (const c of keyColumns) mentions.add(mentionKey(child.id, c!.sqlName));
      mentionColumns(load.where, childLookup, child, mentions);
    }
    const keyAtoms: ResolvedAtom[] = keyColumns.map((column) => ({ table: child, column: column!, kind: 'eq', op: 'eq', span: load.span }));
    const branches: Branch[] = expand(load.where, { lookup: childLookup, main: child, siteTables: new Set([child.id]) }, { kind: 'where' }).map(
      (b) => ({
        ...b,
        atoms: [...keyAtoms, ...b.atoms],
      }),
    );
    for (const e of evaluateTable(child, tableBranches(branches, child), [], load.whereSpan ?? load.span, ctx)) push(out, seen, e);
    evaluateLoads(child, load.with, childLookup, ctx, out, seen, reports, mentions);
  }
}

/** A joined table with its join condition, and the column equalities that condition states (see joinEqualities). */
type Joined = { table: Table; span: Span; on: QuerySiteSummary['joins'][number]['on']; keys: JoinEquality[] };

const isFindingVerdict = (e: Evaluation) => e.verdict === 'partly' || e.verdict === 'unserved';

/**
 * A joined table that two join conditions touch (`team_memberships` between `teams` and `user_mappings`) can be
 * reached through either key: when an index serves the lookup by the other key, the planner starts from that side.
 */
function reachedByAnotherJoinKey(j: Joined, joined: Joined[], where: Branch[], bctx: BranchContext, ctx: SiteContext): boolean {
  return joined.some((k) => {
    if (k === j) return false;
    const key = expand(k.on, bctx, { kind: 'join', tableId: j.table.id });
    if (tableBranches(key, j.table).common.length === 0) return false;
    return isServed(j.table, tableBranches(cross(where, key), j.table), ctx);
  });
}

/**
 * The joined table's own filter is served and selective, and the FROM table is reached from it through a join key
 * an index serves: the planner starts there, and the FROM table's own unserved filter is checked on the rows the
 * join returns (`messages` joined to `threads` filtered by an indexed `project_id`, `messages.thread_id` indexed).
 */
function drivesTheQuery(j: Joined, main: Table, where: Branch[], bctx: BranchContext, ctx: SiteContext): boolean {
  if (j.table.id === main.id) return false;
  if (!ownFilterServed(j.table, where, ctx)) return false;
  const lookup = tableBranches(expand(j.on, bctx, { kind: 'join', tableId: main.id }), main);
  return lookup.common.length > 0 && isServed(main, lookup, ctx);
}

/**
 * From `start`, every table of the site is reached through join keys an index serves on the side reached (a table
 * reached only by scanning it is no better off for starting elsewhere).
 */
function reachesEveryTable(start: Table, main: Table, joined: Joined[], bctx: BranchContext, ctx: SiteContext): boolean {
  const tables = [main, ...joined.map((j) => j.table)];
  const reached = new Set([start.id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of tables) {
      if (reached.has(t.id)) continue;
      const reachable = joined.some((j) => {
        const keys = j.keys.filter(
          (e) => (e.a.table.id === t.id && reached.has(e.b.table.id)) || (e.b.table.id === t.id && reached.has(e.a.table.id)),
        );
        return keys.length > 0 && isServed(t, tableBranches(expand(j.on, bctx, { kind: 'join', tableId: t.id }), t), ctx);
      });
      if (reachable) {
        reached.add(t.id);
        grew = true;
      }
    }
  }
  return tables.every((t) => reached.has(t.id));
}

/** The table's own WHERE conditions are selective and an index serves them: a query could start from it. */
function ownFilterServed(table: Table, where: Branch[], ctx: SiteContext): boolean {
  const own = tableBranches(where, table);
  return own.common.some(startsAQuery) && isServed(table, own, ctx);
}

/**
 * A joined table's condition a query could start from: selective, and not an `IS NULL` test (on a LEFT JOINed
 * table, `isNull(refunds.id)` keeps the rows that have no match: an anti-join, never where a plan starts).
 */
const startsAQuery = (a: ResolvedAtom): boolean => a.kind !== 'isNull' && isSelective(a);

/** An equality or range on a column that is not a boolean or enum-like: narrow enough to start a query from. */
function isSelective(a: ResolvedAtom): boolean {
  return a.kind === 'range' || ((a.kind === 'eq' || a.kind === 'in' || a.kind === 'isNull') && !isLowCardinality(a.column));
}

function push(out: Evaluation[], seen: Set<string>, e: Evaluation): void {
  const key = `${e.table.id}\0${e.verdict}\0${e.proposal?.name ?? ''}\0${e.span.start}\0${e.filter.map((f) => f.column + f.kind).join()}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push(e);
}

/** Whether an index serves this filter on the table: the verdict alone, no proposal made. */
function isServed(table: Table, tb: TableBranches, ctx: SiteContext): boolean {
  return !ctx.isIgnored(table) && table.indexesKnown && judgeTable(table, tb).some((v) => v.judgement.verdict === 'served');
}

function evaluateTable(table: Table, tb: TableBranches, orderBy: Column[], span: Span, ctx: SiteContext): Evaluation[] {
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
    unusablePartial: j.unusablePartial ? { name: j.unusablePartial.name, where: indexWhereText(j.unusablePartial) } : null,
    excludingPartial: j.excludingPartial
      ? { name: j.excludingPartial.name, column: j.excludingPartial.columns[0] ?? '', where: indexWhereText(j.excludingPartial) }
      : null,
    orBranch,
    reasons: withCarriedNote(j.reasons, atoms),
    span,
  }));
}

/** A condition the query does not write on this table says where it comes from (the judgement's reasons are shared). */
function withCarriedNote(reasons: string[], atoms: readonly ResolvedAtom[]): string[] {
  const carried = atoms.filter((a) => a.carriedFrom);
  if (carried.length === 0) return reasons;
  const notes = carried.map(
    (a) => `The condition ${a.column.sqlName} = ? comes from ${a.carriedFrom} = ? through the join key: PostgreSQL infers it.`,
  );
  return [...reasons, ...new Set(notes)];
}
