// PostgreSQL's equivalence classes: `from(a).innerJoin(b, eq(a.bId, b.id)).where(eq(b.id, $1))` also fixes
// `a.b_id = $1`, and the planner uses that on a's indexes. Each table of a site is judged with the equalities its
// join keys carry over from the other tables' `column = value` conditions.
import type { ColumnLookup, FilterExpr, Operand } from '../model';
import type { Branch, BranchContext, ResolvedAtom } from './branches';

interface ColumnAt {
  table: ResolvedAtom['table'];
  column: ResolvedAtom['column'];
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
      const a = columnOf(on.left, ctx);
      const b = columnOf(on.right, ctx);
      if (a.kind !== 'column' || b.kind !== 'column' || a.table.id === b.table.id) return [];
      if (ctx.siteTables && (!ctx.siteTables.has(a.table.id) || !ctx.siteTables.has(b.table.id))) return [];
      return [{ a: { table: a.table, column: a.column }, b: { table: b.table, column: b.column } }];
    }
    default:
      return [];
  }
}

function columnOf(o: Operand | undefined, ctx: BranchContext): ColumnLookup {
  return o?.kind === 'ref' ? ctx.lookup({ table: o.ref, key: o.key }) : { kind: 'notColumn' };
}

const same = (x: ColumnAt, atom: ResolvedAtom) => x.table.id === atom.table.id && x.column.sqlName === atom.column.sqlName;

/** Each branch with the `column = value` equalities the join keys carry to the other side (to a fixed point). */
export function withJoinEqualities(branches: Branch[], equalities: JoinEquality[]): Branch[] {
  if (equalities.length === 0) return branches;
  return branches.map((b) => {
    const atoms = b.atoms.slice();
    for (let i = 0; i < atoms.length; i++) {
      const atom = atoms[i];
      if (atom.kind !== 'eq' || atom.op !== 'eq') continue;
      for (const { a, b: other } of equalities) {
        const to = same(a, atom) ? other : same(other, atom) ? a : undefined;
        if (to && !atoms.some((x) => same(to, x) && x.kind === 'eq')) atoms.push({ ...atom, table: to.table, column: to.column });
      }
    }
    return atoms.length === b.atoms.length ? b : { ...b, atoms };
  });
}
