// One table's view of a filter's AND-branches: the atoms present in every branch (the factored AND) and
// what each OR branch adds. `and(a, or(b, c))` has a in every branch; b and c each in one.
import type { Table } from '../model';
import type { Branch, ResolvedAtom } from './branches';

export interface TableBranches {
  /** Atoms on this table present in every branch. */
  common: ResolvedAtom[];
  /** Each branch's atoms on this table, and whether an unknown part of it could filter this table. */
  branches: { atoms: ResolvedAtom[]; tainted: boolean }[];
}

export function tableBranches(all: Branch[], table: Table): TableBranches {
  const branches = all.map((b) => ({ atoms: b.atoms.filter((a) => a.table.id === table.id), tainted: b.taintAll || b.tainted.has(table.id) }));
  const key = (a: ResolvedAtom) => `${a.column.sqlName}\0${a.kind}\0${a.op}`;
  // One branch (no OR, the usual case) whose atoms are all different tests: every atom is common as it is.
  if (branches.length === 1 && distinctKeys(branches[0].atoms, key)) return { common: branches[0].atoms.slice(), branches };
  const common: ResolvedAtom[] = [];
  const seen = new Set<string>();
  for (const a of branches[0]?.atoms ?? []) {
    // `ne(s, 'a')` and `ne(s, 'b')` are two facts: one atom per column, operator and value.
    const k = key(a);
    const exact = `${k}\0${valueOf(a)}`;
    if (seen.has(exact)) continue;
    seen.add(exact);
    const matches = branches.map((b) => b.atoms.filter((x) => key(x) === k));
    if (matches.some((m) => m.length === 0)) continue;
    // A literal counts only when every branch compares with the same one (partial-index implication).
    const same = matches.every((m) => m.some((x) => sameValue(x, a)));
    common.push(same ? a : { ...a, literal: undefined, values: undefined });
  }
  return { common, branches };
}

function distinctKeys(atoms: ResolvedAtom[], key: (a: ResolvedAtom) => string): boolean {
  if (atoms.length < 2) return true;
  const keys = new Set<string>();
  for (const a of atoms) keys.add(key(a));
  return keys.size === atoms.length;
}

function valueOf(a: ResolvedAtom): string {
  return `${a.literal ? JSON.stringify(a.literal.value) : ''}\0${a.values ? JSON.stringify(a.values) : ''}`;
}

function sameValue(x: ResolvedAtom, y: ResolvedAtom): boolean {
  return valueOf(x) === valueOf(y);
}
