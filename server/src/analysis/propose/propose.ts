// The index we propose for a filter that no index serves well.
import type { Column, Proposal, Table } from '../model';
import type { ResolvedAtom } from '../judge/branches';
import type { Judgement } from '../judge/judge';
import { fitIdentifier } from '../schema/naming';

/**
 * Equality columns first (the best existing index's prefix first, so the new index can replace it),
 * then one range column, else the first ORDER BY column. A nullable leading column compared only by
 * equality gets `WHERE col IS NOT NULL`: rows with NULL can never match, so the index can skip them.
 */
export function propose(table: Table, j: Judgement, atoms: ResolvedAtom[], orderBy: Column[]): Proposal {
  const columns: string[] = [...j.prefix];
  for (const c of j.equality) if (!columns.includes(c.sqlName)) columns.push(c.sqlName);
  const tail = j.range[0] ?? orderBy.find((c) => !columns.includes(c.sqlName));
  if (tail && !columns.includes(tail.sqlName)) columns.push(tail.sqlName);

  let where: string | null = null;
  const lead = table.columns.find((c) => c.sqlName === columns[0]);
  const leadKinds = atoms.filter((a) => a.column.sqlName === columns[0]).map((a) => a.kind);
  if (lead && lead.nullable && leadKinds.length > 0 && leadKinds.every((k) => k === 'eq' || k === 'in')) {
    where = `"${lead.sqlName}" IS NOT NULL`;
  }
  return { name: uniqueName(table, `${table.name}_${columns.join('_')}`), columns, where };
}

function uniqueName(table: Table, base: string): string {
  const taken = new Set(table.indexes.map((i) => i.name));
  let name = fitIdentifier(base, '_idx');
  for (let i = 2; taken.has(name); i++) name = fitIdentifier(base, `_${i}_idx`);
  return name;
}
