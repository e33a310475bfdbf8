// A query site whose tables are known: the resolve stage's answer, used by the judge and the query renderer.
import type { Column, Table } from './schema';
import type { ColumnRefCandidate, Ref } from './summary';

export type ColumnLookup = { kind: 'column'; table: Table; column: Column } | { kind: 'unknownColumn'; table: Table } | { kind: 'notColumn' };

export interface ResolvedSite {
  main: Table;
  tableOf(ref: Ref): Table | undefined;
  lookup(c: ColumnRefCandidate): ColumnLookup;
}
