// The index we propose for a filter that no index serves well.
import type { Column, IndexDef, Predicate, Proposal, Table } from '../model';
import type { ResolvedAtom } from '../judge/branches';
import type { Judgement } from '../judge/judge';
import { isIdLike, isLowCardinality, isSoftDeleteColumn, onlyNullTested } from '../judge/columnTraits';
import { fixedColumns } from '../judge/implies';
import { isRenderable, predicateText } from '../sqlText/predicateText';
import { indexName } from './indexName';

/**
 * Key order: the best existing index's covered prefix (so the new index can replace it), then id/FK-like columns,
 * then the other equality columns, booleans, enums and `IS NULL` tests last; then one range column, else the first ORDER BY column.
 * Soft-delete tests stay out of the key. The predicate (a partial index), first match:
 * - the best index is partial and the filter implies its predicate: the proposal extends its key and keeps its
 *   WHERE; the columns that predicate fixes stay out of the key;
 * - a nullable id/FK-like leading column (an optional reference, often NULL) compared only by equality:
 *   `WHERE col IS NOT NULL`, since rows with NULL can never match.
 * The site's literal tests (`status = 'pending'`, `deleted_at IS NULL`) go with the proposal: when every site of a
 * folded index makes the same ones, the fold turns them into its WHERE (foldProposals).
 * No proposal when the key equals, or is a leading prefix of, an index the table already has with that predicate.
 */
export function propose(table: Table, j: Judgement, atoms: ResolvedAtom[], orderBy: Column[]): Proposal | null {
  // A judgement is shared by every site of the table whose atoms say the same (see judge): given the same ORDER BY
  // columns, so is the proposal. Shared like the judgement: never modify one.
  let byOrder = proposals.get(j);
  if (!byOrder) proposals.set(j, (byOrder = new Map<string, Proposal | null>()));
  const key = orderBy.map((c) => c.sqlName).join('\0');
  let p = byOrder.get(key);
  if (p === undefined) byOrder.set(key, (p = proposeFor(table, j, atoms, orderBy)));
  return p;
}

/** Proposals by judgement, then by ORDER BY columns. */
const proposals = new WeakMap<Judgement, Map<string, Proposal | null>>();

function proposeFor(table: Table, j: Judgement, atoms: ResolvedAtom[], orderBy: Column[]): Proposal | null {
  const inherited = j.bestIndex?.where && isRenderable(j.bestIndex.where) ? j.bestIndex.where : null;
  const { columns, equalityCount } = keyColumns(j, orderBy, new Set(inherited ? fixedColumns(inherited) : []));
  if (columns.length === 0) return null;

  const predicate = inherited ?? optionalReference(table, columns[0], atoms);
  const where = predicate ? predicateText(predicate) : null;
  // A plain index with the same leading key serves an `IS NOT NULL` variant as well; not another predicate's
  // smaller index, which reads only the rows the predicate keeps.
  const samePredicate = (i: IndexDef) =>
    i.where === null ? predicate === null || predicate.kind === 'isNotNull' : where !== null && predicateText(i.where) === where;
  const existing = table.indexes.find(
    (i) => i.method === 'btree' && samePredicate(i) && columns.length <= i.columns.length && columns.every((c, k) => i.columns[k] === c),
  );
  if (existing) return null;
  const literal = inherited ? [] : literalTests(j, atoms);
  return {
    name: indexName(table, columns, predicate),
    columns,
    where,
    predicate,
    equalityCount,
    ...(literal.length ? { literalTests: literal } : {}),
  };
}

function keyColumns(j: Judgement, orderBy: Column[], outOfKey: Set<string>): { columns: string[]; equalityCount: number } {
  // A column the best index's predicate fixes (`WHERE status = 'active'`) is not part of its key: not first.
  const columns: string[] = j.prefix.filter((c) => !outOfKey.has(c) && j.bestIndex?.columns.includes(c) && j.equality.some((e) => e.sqlName === c));
  // `IS NULL` splits the rows in two, like a boolean: never before a selective column.
  const rank = (c: Column) => (isLowCardinality(c) || onlyNullTested(j.filter, c.sqlName) ? 2 : isIdLike(c) ? 0 : 1);
  const rest = j.equality.filter((c) => !columns.includes(c.sqlName) && !outOfKey.has(c.sqlName)).sort((a, b) => rank(a) - rank(b));
  for (const c of rest) columns.push(c.sqlName);
  const equalityCount = columns.length;
  const tail = j.range[0] ?? orderBy.find((c) => !columns.includes(c.sqlName) && !outOfKey.has(c.sqlName));
  if (tail && !columns.includes(tail.sqlName) && !outOfKey.has(tail.sqlName)) columns.push(tail.sqlName);
  return { columns, equalityCount };
}

/** `status = 'pending'`, `active = true` on few-valued columns, and soft-delete tests: the rows a partial index keeps. */
function literalTests(j: Judgement, atoms: ResolvedAtom[]): Predicate[] {
  const out: Predicate[] = [];
  const seen = new Set<string>();
  for (const a of atoms) {
    if (seen.has(a.column.sqlName)) continue;
    const onColumn = atoms.filter((x) => x.column.sqlName === a.column.sqlName);
    if (onColumn.length !== 1) continue;
    if (a.op === 'eq' && a.literal && a.literal.value !== null && isLowCardinality(a.column) && !a.column.primaryKey) {
      out.push({ kind: 'eq', column: a.column.sqlName, value: a.literal.value });
    } else if (a.op === 'isNull' && isSoftDeleteColumn(a.column) && j.softDelete.some((c) => c.sqlName === a.column.sqlName)) {
      out.push({ kind: 'isNull', column: a.column.sqlName });
    } else continue;
    seen.add(a.column.sqlName);
  }
  return out;
}

function optionalReference(table: Table, lead: string, atoms: ResolvedAtom[]): Predicate | null {
  const column = table.columns.find((c) => c.sqlName === lead);
  const kinds = atoms.filter((a) => a.column.sqlName === lead).map((a) => a.kind);
  return column && column.nullable && isIdLike(column) && kinds.length > 0 && kinds.every((k) => k === 'eq' || k === 'in')
    ? { kind: 'isNotNull', column: lead }
    : null;
}
