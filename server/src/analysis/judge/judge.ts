// The B-tree leftmost-prefix rule: which index serves a table's part of one filter branch, and how well.
import type { Column, FilterColumn, IndexDef, Table, Verdict } from '../model';
import type { ResolvedAtom } from './branches';
import { predicateText } from '../sqlText/predicateText';
import { type ColumnFacts, implies } from './implies';

export interface TableFilter {
  table: Table;
  atoms: ResolvedAtom[];
}

export interface Judgement {
  verdict: Verdict;
  filter: FilterColumn[];
  bestIndex: IndexDef | null;
  prefix: string[];
  /** Equality-like columns, then range columns, in the order the query names them. */
  equality: Column[];
  range: Column[];
  reasons: string[];
}

const EQUALITY = new Set(['eq', 'in', 'isNull']);
const LOW_CARDINALITY_TYPES = new Set(['boolean']);

export function judge({ table, atoms }: TableFilter): Judgement {
  const equality = unique(atoms.filter((a) => EQUALITY.has(a.kind)).map((a) => a.column));
  const eqNames = new Set(equality.map((c) => c.sqlName));
  const range = unique(atoms.filter((a) => a.kind === 'range').map((a) => a.column)).filter((c) => !eqNames.has(c.sqlName));
  const filter = uniqueFilter(atoms.map((a) => ({ column: a.column.sqlName, kind: a.kind })));
  const base = { filter, equality, range };
  const reasons: string[] = [];
  if (equality.length === 0 && range.length === 0) {
    return { ...base, verdict: 'not-applicable', bestIndex: null, prefix: [], reasons: ['No equality or range condition on this table that a B-tree index could use.'] };
  }
  const facts = columnFacts(atoms);
  const usable: IndexDef[] = [];
  const rangeNames = new Set(range.map((c) => c.sqlName));
  for (const index of table.indexes) {
    if (index.method !== 'btree' && index.method !== 'hash') continue;
    if (!implies(facts, index.where)) {
      const lead = index.columns[0];
      if (lead && (eqNames.has(lead) || rangeNames.has(lead))) reasons.push(`Partial index "${index.name}" is not usable: the filter does not imply its predicate ${index.whereText ?? (index.where ? predicateText(index.where) : '')}.`);
      continue;
    }
    usable.push(index);
  }
  const prefixOf = (index: IndexDef, cols: Set<string>): string[] => {
    if (index.method === 'hash') return index.columns[0] && cols.has(index.columns[0]) ? [index.columns[0]] : [];
    const out: string[] = [];
    for (const c of index.columns) {
      if (c === null || !cols.has(c)) break;
      out.push(c);
    }
    return out;
  };

  // A unique index whose columns are all fixed by `=` or IN returns at most one row per value (IS NULL does not:
  // NULLs are distinct, so that case goes through the prefix rule below).
  const exactNames = new Set(atoms.filter((a) => a.kind === 'eq' || a.kind === 'in').map((a) => a.column.sqlName));
  const uniqueHit = usable.find((i) => i.unique && i.columns.length > 0 && i.columns.every((c) => c !== null && exactNames.has(c)));
  if (uniqueHit) {
    return { ...base, verdict: 'served', bestIndex: uniqueHit, prefix: uniqueHit.columns as string[], reasons: [`Served by unique index "${uniqueHit.name}": all its columns are compared by equality, so at most one row is read.`, ...reasons] };
  }

  // A partial index whose predicate fixes a column (`WHERE status = 'active'`) already narrows by it.
  const fixedBy = (index: IndexDef): Set<string> =>
    index.where && (index.where.kind === 'eq' || index.where.kind === 'isNull') && eqNames.has(index.where.column) ? new Set([index.where.column]) : new Set();
  let best: IndexDef | null = null;
  let bestPrefix: string[] = [];
  let bestCovered = 0;
  for (const index of usable) {
    const fixed = fixedBy(index);
    const needed = new Set([...eqNames].filter((c) => !fixed.has(c)));
    const p = prefixOf(index, needed);
    const covered = p.length + fixed.size;
    if (covered > 0 && covered === eqNames.size) {
      const how = fixed.size > 0 ? `its predicate ${index.whereText ?? ''} fixes ${[...fixed].join(', ')}${p.length ? ` and its leading columns cover ${p.join(', ')}` : ''}` : `its leading columns (${p.join(', ')}) are exactly the equality columns`;
      return { ...base, verdict: 'served', bestIndex: index, prefix: [...fixed, ...p], reasons: [`Served by "${index.name}": ${how}, so the scan reads only matching rows.`, ...reasons] };
    }
    if (covered > bestCovered || (best && covered === bestCovered && covered > 0 && better(index, best, p.length, rangeNames))) {
      best = index;
      bestPrefix = [...fixed, ...p];
      bestCovered = covered;
    }
  }
  // Booleans and the like split the rows in two: leaving them to a filter costs little.
  const selective = equality.filter((c) => !LOW_CARDINALITY_TYPES.has(c.dataType));
  if (selective.length > 0 && selective.length < equality.length) {
    const selNames = new Set(selective.map((c) => c.sqlName));
    const hit = usable.find((i) => prefixOf(i, selNames).length === selective.length);
    if (hit) {
      const low = equality.filter((c) => !selNames.has(c.sqlName)).map((c) => c.sqlName);
      return { ...base, verdict: 'served', bestIndex: hit, prefix: selective.map((c) => c.sqlName), reasons: [`Served by "${hit.name}" on the selective columns; ${low.join(', ')} (low cardinality) is checked on the rows it returns.`, ...reasons] };
    }
  }

  if (best && bestPrefix.length > 0) {
    const rest = equality.map((c) => c.sqlName).filter((c) => !bestPrefix.includes(c));
    reasons.unshift(
      `Only partly served: "${best.name}" (${fmtCols(best)}) covers ${bestPrefix.join(', ')}; ${rest.join(', ')} ${rest.length > 1 ? 'are' : 'is'} checked row by row on every row that prefix matches.`,
      singleColumnNote(usable, eqNames, bestPrefix),
    );
    return { ...base, verdict: 'partly', bestIndex: best, prefix: bestPrefix, reasons: reasons.filter(Boolean) };
  }
  // A hash index answers `=` only: it never serves a range.
  const rangeLed = usable.find((i) => i.method === 'btree' && i.columns[0] && rangeNames.has(i.columns[0]));
  if (rangeLed && equality.length === 0) {
    return { ...base, verdict: 'served', bestIndex: rangeLed, prefix: [rangeLed.columns[0]!], reasons: [`Served by "${rangeLed.name}": it leads with the range column ${rangeLed.columns[0]}, so the scan reads only the rows in the range.`, ...reasons] };
  }
  if (rangeLed) {
    reasons.unshift(`Only partly served: "${rangeLed.name}" leads with the range column ${rangeLed.columns[0]}, not with the equality columns ${equality.map((c) => c.sqlName).join(', ')}.`);
    return { ...base, verdict: 'partly', bestIndex: rangeLed, prefix: [], reasons };
  }
  const cols = [...equality, ...range].map((c) => c.sqlName).join(', ');
  reasons.unshift(`No index leads with any of ${cols}: PostgreSQL reads the whole table (a sequential scan) and checks every row.`);
  return { ...base, verdict: 'unserved', bestIndex: null, prefix: [], reasons };
}

function better(candidate: IndexDef, current: IndexDef, p: number, rangeNames: Set<string>): boolean {
  const next = (i: IndexDef) => (i.columns[p] && rangeNames.has(i.columns[p]) ? 1 : 0);
  if (next(candidate) !== next(current)) return next(candidate) > next(current);
  return candidate.columns.length < current.columns.length;
}

/** PostgreSQL can still AND two single-column indexes in a bitmap: slower than one composite index, not a full scan. */
function singleColumnNote(usable: IndexDef[], eqNames: Set<string>, prefix: string[]): string {
  const others = usable.filter((i) => i.columns[0] && eqNames.has(i.columns[0]) && !prefix.includes(i.columns[0]));
  if (others.length === 0) return '';
  return `PostgreSQL may combine it with ${others.map((i) => `"${i.name}"`).join(', ')} (BitmapAnd): slower than one composite index, but not a full scan.`;
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

function columnFacts(atoms: ResolvedAtom[]): Map<string, ColumnFacts> {
  const facts = new Map<string, ColumnFacts>();
  for (const a of atoms) {
    const f = facts.get(a.column.sqlName) ?? { notNull: false, isNull: false, equals: [] };
    if (a.kind === 'isNull') f.isNull = true;
    else if (a.kind === 'isNotNull' || a.kind === 'eq' || a.kind === 'in' || a.kind === 'range') f.notNull = true;
    if (a.kind === 'eq' && a.literal) f.equals.push(a.literal.value);
    facts.set(a.column.sqlName, f);
  }
  return facts;
}
