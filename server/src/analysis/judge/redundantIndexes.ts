// An index whose columns are a leading prefix of another index's (same method, no predicate, not unique)
// serves nothing the longer one does not: every write still pays for it. Offered for removal, never removed unasked.
import type { IndexDef, Table } from '../model';

export interface Redundancy {
  table: Table;
  index: IndexDef;
  coveredBy: IndexDef;
}

export function redundantIndexes(table: Table): Redundancy[] {
  const out: Redundancy[] = [];
  for (const index of table.indexes) {
    if (index.source !== 'index' || !index.span || index.unique || index.where || index.method !== 'btree') continue;
    if (index.columns.length === 0 || index.columns.some((c) => c === null)) continue;
    const coveredBy = table.indexes.find(
      (o) =>
        o !== index &&
        o.method === 'btree' &&
        !o.where &&
        o.columns.length > index.columns.length &&
        index.columns.every((c, i) => o.columns[i] === c),
    );
    if (coveredBy) out.push({ table, index, coveredBy });
  }
  return out;
}

export function redundancyMessage(r: Redundancy): string {
  return `Index "${r.index.name}" (${r.index.columns.join(', ')}) is redundant: "${r.coveredBy.name}" (${r.coveredBy.columns.join(', ')}) leads with the same column${r.index.columns.length > 1 ? 's' : ''} and serves the same lookups. Removing it saves space and write time.`;
}
