// The index we propose for a filter that no index serves well.
import type { Column, Proposal, Table } from '../model';
import type { ResolvedAtom } from '../judge/branches';
import type { Judgement } from '../judge/judge';
import { isIdLike, isLowCardinality } from '../judge/columnTraits';
import { indexName } from './indexName';

/**
 * Key order: the best existing index's covered prefix (so the new index can replace it), then id/FK-like columns,
 * then the other equality columns, booleans and enums last; then one range column, else the first ORDER BY column.
 * Soft-delete tests stay out of the key. A nullable id/FK-like leading column (an optional reference, often NULL)
 * compared only by equality gets `WHERE col IS NOT NULL`: rows with NULL can never match, so the index skips them.
 * Other nullable columns get a plain index: the partial variant would add a predicate and save little.
 * No proposal when the key equals, or is a leading prefix of, an index the table already has.
 */
export function propose(table: Table, j: Judgement, atoms: ResolvedAtom[], orderBy: Column[]): Proposal | null {
  // A column the best index's predicate fixes (`WHERE status = 'active'`) is not part of its key: not first.
  const columns: string[] = j.prefix.filter((c) => j.bestIndex?.columns.includes(c) && j.equality.some((e) => e.sqlName === c));
  const rank = (c: Column) => (isIdLike(c) ? 0 : isLowCardinality(c) ? 2 : 1);
  const rest = j.equality.filter((c) => !columns.includes(c.sqlName)).sort((a, b) => rank(a) - rank(b));
  for (const c of rest) columns.push(c.sqlName);
  const equalityCount = columns.length;
  const tail = j.range[0] ?? orderBy.find((c) => !columns.includes(c.sqlName));
  if (tail && !columns.includes(tail.sqlName)) columns.push(tail.sqlName);
  if (columns.length === 0) return null;

  let where: string | null = null;
  const lead = table.columns.find((c) => c.sqlName === columns[0]);
  const leadKinds = atoms.filter((a) => a.column.sqlName === columns[0]).map((a) => a.kind);
  if (lead && lead.nullable && isIdLike(lead) && leadKinds.length > 0 && leadKinds.every((k) => k === 'eq' || k === 'in')) {
    where = `"${lead.sqlName}" IS NOT NULL`;
  }
  const existing = table.indexes.find(
    (i) => i.method === 'btree' && (i.where === null || i.whereText === where) && columns.length <= i.columns.length && columns.every((c, k) => i.columns[k] === c),
  );
  if (existing) return null;
  return { name: indexName(table, columns), columns, where, equalityCount };
}
