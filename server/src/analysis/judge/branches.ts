// Resolves a site's filters against the schema and expands them into AND-branches (one per OR alternative).
import type { AtomKind, Column, ColumnLookup, ColumnRefCandidate, FilterExpr, Literal, Operand, Span, Table } from '../model';

export interface ResolvedAtom {
  table: Table;
  column: Column;
  kind: AtomKind;
  /** The drizzle operator (`eq`, `ne`, `inArray`, `not:eq`, ...), for partial-index implication. */
  op: string;
  /** The literal compared with, when there is one (for partial-index predicates). */
  literal?: { value: Literal };
  /** `inArray(col, ['a', 'b'])` / `notInArray`: the literal elements. */
  values?: Literal[];
  span: Span;
  /** Carried through a join key from this column's equality (`messages.id`): see joinEqualities.ts. */
  carriedFrom?: string;
}

export interface Branch {
  atoms: ResolvedAtom[];
  /** Tables that an unknown part of the branch mentions: never judged on the visible part alone. */
  tainted: Set<string>;
  /** An opaque part that could filter any table. */
  taintAll: boolean;
}

export interface BranchContext {
  lookup(candidate: ColumnRefCandidate): ColumnLookup;
  /** The table of a relational query (`db.query.t`), for object-filter fields. */
  main: Table;
  /**
   * Ids of the tables the site reads (its table and joined ones). A column of any other table belongs to an
   * enclosing query (a correlated `exists(...)` / `inArray(col, subquery)`): comparing with it is a join key.
   */
  siteTables?: Set<string>;
}

/** In a join condition, `eq(joined.fk, other.pk)` is a lookup on the joined table only. */
export type FilterRole = { kind: 'where' } | { kind: 'join'; tableId: string };

/** More AND-branches than this (deeply nested ORs) and the filter is treated as unknown. */
export const MAX_BRANCHES = 64;

const EMPTY = (): Branch => ({ atoms: [], tainted: new Set(), taintAll: false });
const OPAQUE = (): Branch => ({ atoms: [], tainted: new Set(), taintAll: true });

export function expand(expr: FilterExpr, ctx: BranchContext, role: FilterRole): Branch[] {
  switch (expr.kind) {
    case 'none':
    case 'optional': // present on some paths only: judge what is always there
      return [EMPTY()];
    case 'false': // no row on this branch: nothing to judge
      return [];
    case 'unknown':
      return [unknownBranch(expr.refs, expr.opaque, ctx)];
    case 'field':
      return [fieldBranch(expr, ctx)];
    case 'atom':
      return [atomBranch(expr, ctx, role)];
    case 'or': {
      const out: Branch[] = [];
      for (const item of expr.leavesOutUndefined ? withoutAbsent(expr.items) : expr.items) {
        out.push(...expand(item, ctx, role));
        if (out.length > MAX_BRANCHES) return [OPAQUE()];
      }
      // `or()` is no filter; alternatives that all match no row leave no branch.
      return expr.items.length ? out : [EMPTY()];
    }
    case 'and': {
      let acc: Branch[] = [EMPTY()];
      for (const item of expr.items) {
        acc = cross(acc, expand(item, ctx, role));
        if (acc.length > MAX_BRANCHES) return [OPAQUE()];
      }
      return acc;
    }
  }
}

/**
 * Optional parts are judged on the path where they are absent, in `or()` as in `and()`. drizzle's `or()` leaves an
 * `undefined` item out: an alternative written `c ? x : undefined` is not there when c is false, and the OR is its
 * other alternatives (none left: the items as written, each absent one no filter at all). (`c && x` gives `false`,
 * which drizzle binds as a value: `false OR y` is y, the same.) An alternative that is `` sql`true` `` when absent
 * makes the OR always true on that path, and stays; so does an item that is no filter at all (`none`).
 */
function withoutAbsent(items: FilterExpr[]): FilterExpr[] {
  const kept = items.filter((i) => !(i.kind === 'optional' && !i.absentIsTrue));
  return kept.length ? kept : items;
}

export function cross(a: Branch[], b: Branch[]): Branch[] {
  const out: Branch[] = [];
  for (const x of a) {
    for (const y of b) {
      const tainted = new Set(x.tainted);
      for (const t of y.tainted) tainted.add(t);
      out.push({ atoms: x.atoms.concat(y.atoms), tainted, taintAll: x.taintAll || y.taintAll });
    }
  }
  return out;
}

function unknownBranch(refs: ColumnRefCandidate[], opaque: boolean, ctx: BranchContext): Branch {
  const b = EMPTY();
  b.taintAll = opaque;
  for (const r of refs) {
    const hit = ctx.lookup(r);
    if (hit.kind !== 'notColumn') b.tainted.add(hit.table.id);
  }
  if (!opaque && b.tainted.size === 0) b.taintAll = true;
  return b;
}

function fieldBranch(expr: FilterExpr & { kind: 'field' }, ctx: BranchContext): Branch {
  const b = EMPTY();
  const column = ctx.main.columns.find((c) => c.key === expr.key);
  // Not a column: a relation filter (EXISTS on the related table); it does not drive this table's index.
  if (column)
    b.atoms.push({
      table: ctx.main,
      column,
      kind: expr.atom,
      op: FIELD_OPS[expr.atom],
      literal: expr.value !== undefined ? { value: expr.value } : undefined,
      span: expr.span,
    });
  return b;
}

const FIELD_OPS: Record<AtomKind, string> = { eq: 'eq', in: 'inArray', isNull: 'isNull', isNotNull: 'isNotNull', range: 'range', other: 'other' };

export function operandColumn(op: Operand | undefined, ctx: BranchContext): ColumnLookup {
  if (!op || op.kind !== 'ref') return { kind: 'notColumn' };
  return ctx.lookup({ table: op.ref, key: op.key });
}

function atomBranch(expr: FilterExpr & { kind: 'atom' }, ctx: BranchContext, role: FilterRole): Branch {
  const b = EMPTY();
  let left = operandColumn(expr.left, ctx);
  let right = operandColumn(expr.right, ctx);
  let other = expr.right;
  if (left.kind === 'notColumn' && right.kind !== 'notColumn') {
    [left, right] = [right, left];
    other = expr.left;
  }
  if (left.kind === 'notColumn') {
    // `eq(sql\`lower(${t.email})\`, x)` and the like: an expression over columns we cannot match to an index.
    const refs = [expr.left, expr.right].flatMap((o) => (o && o.kind === 'value' ? o.refs : []));
    return unknownBranch(refs, true, ctx);
  }
  if (left.kind === 'unknownColumn') {
    b.tainted.add(left.table.id);
    return b;
  }
  if (right.kind === 'column' || right.kind === 'unknownColumn') {
    // Column against column.
    if (role.kind === 'join' && right.table.id !== left.table.id) {
      const lookupSide = left.table.id === role.tableId ? left : right.table.id === role.tableId ? right : undefined;
      if (lookupSide && lookupSide.kind === 'column') {
        b.atoms.push({ table: lookupSide.table, column: lookupSide.column, kind: expr.atom, op: expr.op, span: expr.span });
      }
      return b;
    }
    const outer = (t: Table) => ctx.siteTables !== undefined && !ctx.siteTables.has(t.id);
    if (outer(left.table) && !outer(right.table) && right.kind === 'column') [left, right] = [right, left];
    if (outer(left.table)) return b;
    // `eq(votes.postId, posts.id)` inside a subquery on votes: one value per outer row, an equality like a parameter.
    if (outer(right.table)) {
      b.atoms.push({ table: left.table, column: left.column, kind: expr.atom, op: expr.op, span: expr.span });
      return b;
    }
    b.atoms.push({ table: left.table, column: left.column, kind: 'other', op: 'other', span: expr.span });
    return b;
  }
  if (other && other.kind === 'value') {
    for (const r of other.refs) {
      const hit = ctx.lookup(r);
      if (hit.kind !== 'notColumn' && hit.table.id === left.table.id) b.tainted.add(hit.table.id);
    }
  }
  const literal = other && other.kind === 'literal' ? { value: other.value } : undefined;
  b.atoms.push({ table: left.table, column: left.column, kind: expr.atom, op: expr.op, literal, values: expr.values, span: expr.span });
  return b;
}
