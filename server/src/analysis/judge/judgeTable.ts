// One table's verdicts for a whole filter: the atoms present in every OR branch first, then the branches.
import type { FilterColumn, Table } from '../model';
import type { ResolvedAtom } from './branches';
import type { TableBranches } from './factor';
import { type Judgement, judge } from './judge';

export interface TableVerdict {
  judgement: Judgement;
  /** The atoms the judgement (and a proposal) is about. */
  atoms: ResolvedAtom[];
  /** Set when the verdict is about one branch of an OR none of whose always-present atoms an index can use. */
  orBranch: { branch: number; branches: FilterColumn[][] } | null;
}

/**
 * With OR: the atoms present in every branch are judged first. Only when none of them is usable does an OR
 * branch matter, and then every branch needs an index (BitmapOr); a branch without one is reported as part of
 * the OR, never as if it were always present. An unknown part in some branch may be what an index serves: silent.
 */
export function judgeTable(table: Table, tb: TableBranches): TableVerdict[] {
  if (tb.branches.length === 0 || tb.branches.every((b) => b.tainted)) return [];
  const common = judge({ table, atoms: tb.common });
  const whole = (judgement: Judgement): TableVerdict[] => [{ judgement, atoms: tb.common, orBranch: null }];
  if (tb.branches.length === 1 || common.verdict === 'served' || common.verdict === 'partly') return whole(common);
  if (tb.branches.some((b) => b.tainted)) return [];
  const per = tb.branches.map((b) => judge({ table, atoms: b.atoms }));
  if (per.every((j) => j.verdict === 'served' || j.verdict === 'partly')) {
    const names = [...new Set(per.flatMap((j) => (j.bestIndex ? [`"${j.bestIndex.name}"`] : [])))];
    return whole({ ...common, verdict: 'served', reasons: [`Served by a BitmapOr: every OR branch has an index (${names.join(', ')}).`] });
  }
  if (common.verdict === 'unserved') {
    return whole({
      ...common,
      reasons: [...common.reasons, 'The OR branches do not all have an index either: one index on the always-present columns serves every branch.'],
    });
  }
  if (per.some((j) => j.verdict === 'not-applicable')) {
    return whole({
      ...common,
      verdict: 'not-applicable',
      reasons: ['An OR branch has no condition an index could use on this table: no index can serve the OR.'],
    });
  }
  const branches = per.map((j) => j.filter);
  return per.flatMap((j, i) => (j.verdict === 'unserved' ? [{ judgement: j, atoms: tb.branches[i].atoms, orBranch: { branch: i, branches } }] : []));
}
