// PostgreSQL's equivalence classes: `from(a).innerJoin(b, eq(a.bId, b.id)).where(eq(b.id, $1))` also fixes
// `a.b_id = $1`, and the planner uses that on a's indexes. Each table of a site is judged with the equalities its
// join keys carry over from the other tables' `column = value` conditions. Only conditions every row meets (the
// WHERE's top-level AND) carry: an equality inside one arm of an OR makes no equivalence class.
import type { Column, FilterExpr, Table } from '../model';
import { type Branch, type BranchContext, type ResolvedAtom, operandColumn } from './branches';

interface ColumnAt {
  table: Table;
  column: Column;
}

export interface JoinEquality {
  a: ColumnAt;
  b: ColumnAt;
}

/** `eq(x.c, y.d)` conditions between two of the site's tables that every row of a join condition meets (its AND). */
export function joinEqualities(on: FilterExpr, ctx: BranchContext): JoinEquality[] {
  switch (on.kind) {
    case 'and':
      return on.items.flatMap((i) => joinEqualities(i, ctx));
    case 'atom': {
      if (on.op !== 'eq') return [];
      const a = operandColumn(on.left, ctx);
      const b = operandColumn(on.right, ctx);
      if (a.kind !== 'column' || b.kind !== 'column' || a.table.id === b.table.id) return [];
      if (ctx.siteTables && (!ctx.siteTables.has(a.table.id) || !ctx.siteTables.has(b.table.id))) return [];
      return [{ a: { table: a.table, column: a.column }, b: { table: b.table, column: b.column } }];
    }
    default:
      return [];
  }
}

const same = (x: ColumnAt, atom: ResolvedAtom) => x.table.id === atom.table.id && x.column.sqlName === atom.column.sqlName;
/** One written condition: the same atom in every branch it was crossed into. */
const written = (atom: ResolvedAtom) => `${atom.span.start}\0${atom.table.id}\0${atom.column.sqlName}`;

/**
 * Each branch with the `column = value` equalities the join keys carry to the other side (to a fixed point), from
 * the equalities present in every branch.
 */
export function withJoinEqualities(branches: Branch[], equalities: JoinEquality[]): Branch[] {
  if (equalities.length === 0 || branches.length === 0) return branches;
  const everywhere = new Set(branches[0].atoms.map(written));
  for (const b of branches.slice(1)) {
    const here = new Set(b.atoms.map(written));
    for (const k of everywhere) if (!here.has(k)) everywhere.delete(k);
  }
  return branches.map((b) => {
    const atoms = b.atoms.slice();
    for (let i = 0; i < atoms.length; i++) {
      const atom = atoms[i];
      if (atom.kind !== 'eq' || atom.op !== 'eq' || !everywhere.has(written(atom))) continue;
      for (const { a, b: other } of equalities) {
        const to = same(a, atom) ? other : same(other, atom) ? a : undefined;
        if (!to || atoms.some((x) => same(to, x) && x.kind === 'eq')) continue;
        const carried = { ...atom, table: to.table, column: to.column, carriedFrom: atom.carriedFrom ?? `${atom.table.name}.${atom.column.sqlName}` };
        atoms.push(carried);
        everywhere.add(written(carried));
      }
    }
    return atoms.length === b.atoms.length ? b : { ...b, atoms };
  });
}
