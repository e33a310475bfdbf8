// Rows a finding's query reads now (through the best existing index's prefix, or the whole table) and with the
// proposed index, from the table's statistics. The columns the existing index already narrows take their heaviest
// value (where the time goes: the heavy user); the columns the proposal adds take a typical value.
import type { FilterColumn, Finding, Table } from '../model';
import { atomSelectivity } from './selectivity';
import type { TableStatistics } from './statistics';

export interface Estimate {
  tableRows: number;
  rowsReadNow: number;
  rowsReadWithProposal: number;
  /** The estimate in words, for messages and hover. */
  text: string;
}

const EQUALITY = new Set<FilterColumn['kind']>(['eq', 'in', 'isNull']);

/** Leading index columns the filter bounds: equalities, then at most one range. */
export function boundColumns(indexColumns: (string | null)[], filter: FilterColumn[]): FilterColumn[] {
  const out: FilterColumn[] = [];
  for (const c of indexColumns) {
    const f = c === null ? undefined : filter.find((x) => x.column === c && x.kind !== 'other');
    if (!f) break;
    out.push(f);
    if (!EQUALITY.has(f.kind)) break;
  }
  return out;
}

export function estimateFinding(
  f: Pick<Finding, 'verdict' | 'filter' | 'bestIndex' | 'proposal'>,
  table: Table,
  stats: TableStatistics,
): Estimate | undefined {
  const tableRows = stats.rows;
  if (tableRows === null) return undefined;
  const best = f.bestIndex === null ? undefined : table.indexes.find((i) => i.name === f.bestIndex);
  const now = f.verdict === 'partly' && best ? boundColumns(best.columns, f.filter) : [];
  const proposed = boundColumns(f.proposal.columns, f.filter);
  if (proposed.length === 0) return undefined;
  const nowNames = new Set(now.map((c) => c.column));
  let nowShare = 1;
  let proposedShare = 1;
  for (const c of [...new Map([...now, ...proposed].map((x) => [x.column, x])).values()]) {
    const cs = stats.columns.get(c.column);
    if (!cs) return undefined;
    const heaviest = atomSelectivity(c.kind, cs, tableRows, 'heaviest');
    if (nowNames.has(c.column)) nowShare *= heaviest;
    if (proposed.some((p) => p.column === c.column))
      proposedShare *= nowNames.has(c.column) ? heaviest : atomSelectivity(c.kind, cs, tableRows, 'typical');
  }
  const rowsReadNow = Math.max(1, Math.round(tableRows * nowShare));
  const rowsReadWithProposal = Math.min(rowsReadNow, Math.max(1, Math.round(tableRows * proposedShare)));
  const first = now[0]?.column;
  const nowText =
    now.length === 0 || !best
      ? `PostgreSQL reads all of about ${about(tableRows)} rows`
      : `"${best.name}" reads about ${about(rowsReadNow)} rows for the most common ${first}${
          now.length > 1
            ? ` (with ${now
                .slice(1)
                .map((c) => c.column)
                .join(', ')})`
            : ''
        }`;
  const gain = rowsReadNow / rowsReadWithProposal;
  const text = `${nowText}; "${f.proposal.name}" would read about ${about(rowsReadWithProposal)}${gain >= 1.5 ? ` (${about(gain)}x fewer)` : ''}.`;
  return { tableRows: Math.round(tableRows), rowsReadNow, rowsReadWithProposal, text };
}

/** A round figure: two significant digits, grouped ("about 12,000"). */
export function about(n: number): string {
  if (n < 100) return String(Math.round(n));
  const digits = Math.floor(Math.log10(n)) - 1;
  const r = Math.round(n / 10 ** digits) * 10 ** digits;
  return r.toLocaleString('en-US');
}
