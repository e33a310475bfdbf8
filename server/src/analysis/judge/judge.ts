// The B-tree leftmost-prefix rule: which index serves a table's part of one filter branch, and how well.
import type { Column, FilterColumn, IndexDef, Literal, Table, Verdict } from '../model';
import type { ResolvedAtom } from './branches';
import { indexWhereText } from '../sqlText/predicateText';
import { type ColumnFacts, type Implication, contradicts, emptyFacts, fixedColumns, implies } from './implies';
import { isIdLike, isLowCardinality, isSoftDeleteColumn } from './columnTraits';

export interface TableFilter {
  table: Table;
  atoms: ResolvedAtom[];
}

export interface Judgement {
  verdict: Verdict;
  filter: FilterColumn[];
  bestIndex: IndexDef | null;
  /** Leading columns of bestIndex that the filter's equality columns cover (a predicate fixing a column counts). */
  prefix: string[];
  /** The column after the prefix that bestIndex bounds by the filter's range condition. */
  rangeBound: string | null;
  /** Equality-like columns, then range columns, in the order the query names them. */
  equality: Column[];
  range: Column[];
  /** Soft-delete tests (`deleted_at IS NULL`) left to a filter on the rows the index returns. */
  softDelete: Column[];
  /** Other indexes PostgreSQL can combine with bestIndex in a BitmapAnd (they lead with a leftover column). */
  bitmapAnd: IndexDef[];
  /** Unserved: a multi-column index holding a filtered column in a later position (PostgreSQL 18 skip scan). */
  skipScan: IndexDef | null;
  /** Unserved: a partial index leading with a filtered column, whose predicate the filter neither implies nor contradicts. */
  unusablePartial: IndexDef | null;
  /** Unserved: a partial index leading with a filtered column whose predicate the filter contradicts (no row it wants). */
  excludingPartial: IndexDef | null;
  reasons: string[];
}

const EQUALITY = new Set(['eq', 'in', 'isNull']);

interface Candidate {
  index: IndexDef;
  /** Columns fixed by the index predicate (`WHERE status = 'active'`) that the filter also fixes. */
  fixed: string[];
  prefix: string[];
  rangeBound: string | null;
  covered: number;
  /** See `compare`; computed once, when two candidates tie before it. */
  score?: number;
}

/** Judgements by table, then by what the atoms say: many sites of a workspace filter one table the same way. */
const judged = new WeakMap<Table, Map<string, Judgement>>();

/** Judgements are shared between the sites that ask the same question: never modify one. */
export function judge(filter: TableFilter): Judgement {
  let byAtoms = judged.get(filter.table);
  if (!byAtoms) judged.set(filter.table, (byAtoms = new Map<string, Judgement>()));
  const key = atomsKey(filter.atoms);
  let j = byAtoms.get(key);
  if (!j) byAtoms.set(key, (j = judgeFilter(filter)));
  return j;
}

/** Everything of the atoms that a judgement reads (their spans are not). */
function atomsKey(atoms: ResolvedAtom[]): string {
  let key = '';
  for (const a of atoms) {
    key += `${a.column.key}\0${a.kind}\0${a.op}\0${a.literal ? literalKey(a.literal.value) : ''}\0${a.values ? a.values.map(literalKey).join() : '-'}\n`;
  }
  return key;
}

function literalKey(v: Literal): string {
  return typeof v === 'string' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
}

function judgeFilter({ table, atoms }: TableFilter): Judgement {
  const allEquality = unique(atoms.filter((a) => EQUALITY.has(a.kind)).map((a) => a.column));
  const eqAll = new Set(allEquality.map((c) => c.sqlName));
  const range = unique(atoms.filter((a) => a.kind === 'range').map((a) => a.column)).filter((c) => !eqAll.has(c.sqlName));
  // A soft-delete test keeps nearly every row: it never needs to be in an index key.
  const softDelete = allEquality.filter((c) => isSoftDeleteColumn(c) && atoms.every((a) => a.column.sqlName !== c.sqlName || a.kind === 'isNull'));
  const softNames = new Set(softDelete.map((c) => c.sqlName));
  const equality = allEquality.filter((c) => !softNames.has(c.sqlName));
  const filter = uniqueFilter(atoms.map((a) => ({ column: a.column.sqlName, kind: a.kind })));
  // Every judgement of this filter shares these fields (written out, not spread: this runs for each distinct filter).
  const make = (
    verdict: Verdict,
    bestIndex: IndexDef | null,
    prefix: string[],
    reasons: string[],
    more: Partial<Pick<Judgement, 'bitmapAnd' | 'skipScan' | 'unusablePartial' | 'excludingPartial' | 'rangeBound'>> = {},
  ): Judgement => ({
    filter,
    equality,
    range,
    softDelete,
    bitmapAnd: more.bitmapAnd ?? [],
    skipScan: more.skipScan ?? null,
    unusablePartial: more.unusablePartial ?? null,
    excludingPartial: more.excludingPartial ?? null,
    rangeBound: more.rangeBound ?? null,
    verdict,
    bestIndex,
    prefix,
    reasons,
  });
  const facts = columnFacts(atoms);
  const gin = atoms.some((a) => a.op in ARRAY_OPERATORS) ? ginServing(table, atoms, facts) : undefined;
  if (gin) {
    return make(
      'served',
      gin.index,
      [],
      [`Served by GIN index "${gin.index.name}": it answers the array test (${ARRAY_OPERATORS[gin.op]}) on ${gin.index.columns[0]}.`],
    );
  }
  if (equality.length === 0 && range.length === 0) {
    const why = softDelete.length
      ? `Only a soft-delete test (${softDelete.map((c) => `${c.sqlName} IS NULL`).join(', ')}), true for nearly every row: no index would make this cheaper.`
      : 'No equality or range condition on this table that a B-tree index could use.';
    return make('not-applicable', null, [], [why]);
  }
  const eqNames = new Set(equality.map((c) => c.sqlName));
  const rangeNames = new Set(range.map((c) => c.sqlName));
  const reasons: string[] = [];
  const usable: IndexDef[] = [];
  const undecided: IndexDef[] = [];
  const notImplied: IndexDef[] = [];
  const excluding: IndexDef[] = [];
  for (const index of table.indexes) {
    if (index.method !== 'btree' && index.method !== 'hash') continue;
    const implication: Implication = implies(facts, index.where);
    if (implication === 'yes') usable.push(index);
    else if (implication === 'unknown') undecided.push(index);
    else {
      const lead = index.columns[0];
      // A predicate the filter contradicts indexes none of the rows asked for: never the index to extend, but said,
      // so that "no index starts with c" does not read as an oversight.
      if (lead && (eqNames.has(lead) || rangeNames.has(lead))) {
        const excluded = contradicts(facts, index.where);
        (excluded ? excluding : notImplied).push(index);
        reasons.push(
          excluded
            ? `Partial index "${index.name}" holds none of these rows: the filter contradicts its predicate ${indexWhereText(index)}.`
            : `Partial index "${index.name}" is not usable: the filter does not imply its predicate ${indexWhereText(index)}.`,
        );
      }
    }
  }

  // A unique index whose columns are all fixed by `=` or IN returns at most one row per value (IS NULL does not:
  // NULLs are distinct, so that case goes through the prefix rule below).
  const exactNames = new Set(atoms.filter((a) => a.kind === 'eq' || a.kind === 'in').map((a) => a.column.sqlName));
  const uniqueHit = usable.find((i) => i.unique && i.columns.length > 0 && i.columns.every((c) => c !== null && exactNames.has(c)));
  if (uniqueHit) {
    return make('served', uniqueHit, uniqueHit.columns as string[], [
      `Served by unique index "${uniqueHit.name}": all its columns are compared by equality, so at most one row is read.`,
      ...reasons,
    ]);
  }

  const candidates = usable.map((i) => candidate(i, eqNames, rangeNames)).filter((c) => c.covered > 0 || c.rangeBound !== null);
  candidates.sort((a, b) => compare(a, b, table));
  const best = candidates[0];
  const leftovers = (c: Candidate) => equality.map((x) => x.sqlName).filter((x) => !c.prefix.includes(x) && !c.fixed.includes(x));
  const softNote = softDelete.length ? ` The soft-delete test on ${softDelete.map((c) => c.sqlName).join(', ')} is checked on those rows.` : '';

  // An index whose predicate we cannot decide might serve the query better: possibly served, never a finding.
  const maybe = undecided
    .map((i) => candidate(i, eqNames, rangeNames))
    .filter((c) => c.covered > 0 || c.rangeBound !== null)
    .sort((a, b) => compare(a, b, table))
    .find((c) => !best || c.covered > best.covered || (c.covered === best.covered && c.rangeBound !== null && best.rangeBound === null));
  const servedBy = (c: Candidate, why: string): Judgement =>
    make('served', c.index, [...c.fixed, ...c.prefix], [why, ...reasons], { rangeBound: c.rangeBound });
  if (maybe) {
    return servedBy(
      maybe,
      `Possibly served by "${maybe.index.name}": whether the filter implies its predicate ${indexWhereText(maybe.index)} cannot be decided statically.`,
    );
  }

  if (best && leftovers(best).length === 0 && (best.covered > 0 || equality.length === 0)) {
    const how =
      best.covered === 0
        ? `it leads with the range column ${best.rangeBound}, so the scan reads only the rows in the range`
        : `${best.fixed.length ? `its predicate ${indexWhereText(best.index)} fixes ${best.fixed.join(', ')}${best.prefix.length ? ` and its leading columns cover ${best.prefix.join(', ')}` : ''}` : `its leading columns (${best.prefix.join(', ')}) are exactly the equality columns`}${best.rangeBound ? ` and it bounds the range on ${best.rangeBound}` : ''}, so the scan reads only matching rows`;
    return servedBy(best, `Served by "${best.index.name}": ${how}.${softNote}`);
  }

  if (best) {
    const rest = leftovers(best);
    const prefix = [...best.fixed, ...best.prefix];
    const covers = [prefix.length ? `covers ${prefix.join(', ')}` : '', best.rangeBound ? `bounds the range on ${best.rangeBound}` : '']
      .filter(Boolean)
      .join(' and ');
    const bitmapAnd = usable.filter((i) => i !== best.index && i.columns[0] && rest.includes(i.columns[0]));
    reasons.unshift(
      `Only partly served: "${best.index.name}" (${fmtCols(best.index)}) ${covers}; ${rest.join(', ')} ${rest.length > 1 ? 'are' : 'is'} checked on every row it returns.${softNote}`,
      bitmapAnd.length
        ? `PostgreSQL can combine it with ${bitmapAnd.map((i) => `"${i.name}"`).join(', ')} (BitmapAnd): slower than one composite index, but not a full scan.`
        : '',
    );
    return make('partly', best.index, prefix, reasons.filter(Boolean), { rangeBound: best.rangeBound, bitmapAnd });
  }

  const filtered = [...equality, ...range].map((c) => c.sqlName);
  const skipScan = usable.find((i) => i.method === 'btree' && i.columns.slice(1).some((c) => c !== null && filtered.includes(c))) ?? null;
  reasons.unshift(
    skipScan
      ? `No index leads with any of ${filtered.join(', ')}. "${skipScan.name}" (${fmtCols(skipScan)}) holds ${skipScan.columns
          .slice(1)
          .filter((c) => c !== null && filtered.includes(c))
          .join(
            ', ',
          )} in a later position: PostgreSQL 18 can skip-scan it (fast only when its leading column has few distinct values); older versions read the whole table.`
      : `No index leads with any of ${filtered.join(', ')}: PostgreSQL reads the whole table (a sequential scan) and checks every row.`,
  );
  return make('unserved', null, [], reasons, { skipScan, unusablePartial: notImplied[0] ?? null, excludingPartial: excluding[0] ?? null });
}

/** Array containment and overlap, which a GIN index on the array column answers. */
const ARRAY_OPERATORS: Record<string, string> = { arrayContains: '@>', arrayContained: '<@', arrayOverlaps: '&&' };

function ginServing(table: Table, atoms: ResolvedAtom[], facts: Map<string, ColumnFacts>): { index: IndexDef; op: string } | undefined {
  for (const index of table.indexes) {
    if (index.method !== 'gin' || implies(facts, index.where) !== 'yes') continue;
    const atom = atoms.find((a) => a.op in ARRAY_OPERATORS && a.column.sqlName === index.columns[0]);
    if (atom) return { index, op: atom.op };
  }
  return undefined;
}

function candidate(index: IndexDef, eqNames: Set<string>, rangeNames: Set<string>): Candidate {
  // A plain index (no predicate, the usual case) fixes no column: every equality column is still needed.
  const fixed = index.where === null ? [] : [...new Set(fixedColumns(index.where))].filter((c) => eqNames.has(c));
  const needed = fixed.length === 0 ? eqNames : new Set([...eqNames].filter((c) => !fixed.includes(c)));
  const prefix: string[] = [];
  if (index.method === 'hash') {
    if (index.columns[0] && needed.has(index.columns[0])) prefix.push(index.columns[0]);
    return { index, fixed, prefix, rangeBound: null, covered: prefix.length + fixed.length };
  }
  for (const c of index.columns) {
    if (c === null || !needed.has(c)) break;
    prefix.push(c);
  }
  const next = index.columns[prefix.length];
  const rangeBound = next && rangeNames.has(next) ? next : null;
  return { index, fixed, prefix, rangeBound, covered: prefix.length + fixed.length };
}

/**
 * Best first: the longest covered equality prefix; then a bounded range; then unique indexes; then indexes whose
 * covered columns are id/FK-like rather than enums or booleans; then the shorter index; then declaration order.
 */
function compare(a: Candidate, b: Candidate, table: Table): number {
  if (a.covered !== b.covered) return b.covered - a.covered;
  if (!!a.rangeBound !== !!b.rangeBound) return a.rangeBound ? -1 : 1;
  if (a.index.unique !== b.index.unique) return a.index.unique ? -1 : 1;
  const score = (c: Candidate) =>
    (c.score ??= c.prefix.reduce((n, name) => {
      const col = table.columns.find((x) => x.sqlName === name);
      return n + (col && isIdLike(col) ? 2 : col && isLowCardinality(col) ? 0 : 1);
    }, 0));
  if (score(a) !== score(b)) return score(b) - score(a);
  if (a.index.columns.length !== b.index.columns.length) return a.index.columns.length - b.index.columns.length;
  return table.indexes.indexOf(a.index) - table.indexes.indexOf(b.index);
}

function fmtCols(i: IndexDef): string {
  return i.columns.map((c) => c ?? '<expression>').join(', ');
}

function unique(cols: Column[]): Column[] {
  const seen = new Set<string>();
  return cols.filter((c) => (seen.has(c.sqlName) ? false : (seen.add(c.sqlName), true)));
}

function uniqueFilter(cols: FilterColumn[]): FilterColumn[] {
  const seen = new Set<string>();
  return cols.filter((c) => {
    const k = `${c.column}\0${c.kind}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Operators that compare strictly: a NULL column never satisfies them. */
const NULL_REJECTING =
  /^(eq|inArray|gt|gte|lt|lte|between|ne|notInArray|notBetween|like|ilike|notLike|notIlike|isNotNull|not:isNull|not:eq|not:inArray|not:gt|not:gte|not:lt|not:lte|not:like|not:ilike|arrayContains|arrayContained|arrayOverlaps|range|in)$/;

export function columnFacts(atoms: ResolvedAtom[]): Map<string, ColumnFacts> {
  const facts = new Map<string, ColumnFacts>();
  for (const a of atoms) {
    const f = facts.get(a.column.sqlName) ?? emptyFacts();
    if (a.op === 'isNull' || a.op === 'not:isNotNull') f.isNull = true;
    else if (NULL_REJECTING.test(a.op)) f.notNull = true;
    if (a.op === 'eq') {
      if (a.literal) f.equals.push(a.literal.value);
      else f.runtimeEquals = true;
    }
    if (a.op === 'inArray') {
      if (a.values) f.inLists.push(a.values);
      else f.runtimeEquals = true;
    }
    if (a.op === 'ne' || a.op === 'not:eq') {
      if (a.literal) f.excludes.push(a.literal.value);
      else f.runtimeExcludes = true;
    }
    if (a.op === 'notInArray' || a.op === 'not:inArray') {
      if (a.values) f.excludes.push(...a.values);
      else f.runtimeExcludes = true;
    }
    facts.set(a.column.sqlName, f);
  }
  return facts;
}
