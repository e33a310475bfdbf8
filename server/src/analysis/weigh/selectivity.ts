// The share of a table's rows one filter column keeps, from pg_stats, for a value the code does not fix
// (a parameter). Two readings: the heaviest value (the most common one: a heavy user) and a typical value
// (the median over the distinct values: what narrowing by one more column usually achieves).
import type { AtomKind } from '../model';
import type { ColumnStatistics } from './statistics';

/** PostgreSQL's guesses when it knows nothing better (selfuncs.h). */
const DEFAULT_NUM_DISTINCT = 200;
const DEFAULT_RANGE_SELECTIVITY = 1 / 3;

export function distinctValues(c: ColumnStatistics, tableRows: number): number {
  if (c.nDistinct > 0) return c.nDistinct;
  if (c.nDistinct < 0) return Math.max(1, -c.nDistinct * tableRows);
  return Math.min(DEFAULT_NUM_DISTINCT, Math.max(1, tableRows));
}

/** Frequencies of every distinct non-null value: the listed common ones, the rest sharing what is left evenly. */
function valueShares(c: ColumnStatistics, tableRows: number): { common: number[]; rest: { count: number; share: number } } {
  const common = c.mostCommon.map((m) => m.freq);
  const listed = common.reduce((a, b) => a + b, 0);
  const others = Math.max(0, Math.round(distinctValues(c, tableRows)) - common.length);
  const left = Math.max(0, 1 - c.nullFrac - listed);
  return { common, rest: { count: others, share: others > 0 ? left / others : 0 } };
}

export function heaviestValue(c: ColumnStatistics, tableRows: number): number {
  const { common, rest } = valueShares(c, tableRows);
  return Math.max(rest.share, ...common, 0) || (1 - c.nullFrac) / distinctValues(c, tableRows);
}

export function typicalValue(c: ColumnStatistics, tableRows: number): number {
  const { common, rest } = valueShares(c, tableRows);
  const total = common.length + rest.count;
  if (total === 0) return (1 - c.nullFrac) / distinctValues(c, tableRows);
  // The median of the per-value shares, without materialising the (possibly millions of) uncommon values.
  const sorted = [...common].sort((a, b) => a - b);
  const mid = Math.floor(total / 2);
  let seen = 0;
  const merged: { share: number; count: number }[] = [];
  let i = 0;
  let restPlaced = rest.count === 0;
  while (i < sorted.length || !restPlaced) {
    if (!restPlaced && (i >= sorted.length || rest.share <= sorted[i])) {
      merged.push({ share: rest.share, count: rest.count });
      restPlaced = true;
    } else merged.push({ share: sorted[i++], count: 1 });
  }
  for (const m of merged) {
    seen += m.count;
    if (seen > mid) return m.share;
  }
  return merged[merged.length - 1].share;
}

/** The share of rows a filter atom on this column keeps. */
export function atomSelectivity(kind: AtomKind, c: ColumnStatistics, tableRows: number, reading: 'heaviest' | 'typical'): number {
  switch (kind) {
    case 'eq':
    case 'in':
      return reading === 'heaviest' ? heaviestValue(c, tableRows) : typicalValue(c, tableRows);
    case 'isNull':
      return c.nullFrac;
    case 'isNotNull':
      return 1 - c.nullFrac;
    case 'range':
      return DEFAULT_RANGE_SELECTIVITY;
    default:
      return 1;
  }
}
