// A query site's tables: its FROM table (or `db.query.<key>`) and the tables its column references name.
import type { Column, ColumnLookup, ColumnRefCandidate, QuerySiteSummary, Ref, ResolvedSite, SchemaModel, Table } from '../model';
import type { RelationTarget } from './relations';

export interface SiteContext {
  schema: SchemaModel;
  /** Resolves a table reference written in `file` to a table of the model. */
  tableAt(file: string, ref: Ref): Table | undefined;
  /**
   * `db.query.<key>` written in `file`: the table the drizzle client's schema object holds under that key; the
   * client `receiver` names (`db`), when it is one we know, else any client's.
   */
  tableByQueryKey(key: string, file?: string, receiver?: string | null): Table | undefined;
  isIgnored(table: Table): boolean;
  /** The table a relational query's `with: { <name> }` loads from rows of `parent`, and its lookup columns. */
  relation?(parent: Table, name: string): RelationTarget | undefined;
}

/** The site's tables and a column lookup in its scope; undefined when its table is not one of the schema's. */
export function resolveSite(file: string, site: QuerySiteSummary, ctx: SiteContext): ResolvedSite | undefined {
  const main = site.table.kind === 'rqb' ? ctx.tableByQueryKey(site.table.key, file, site.client) : ctx.tableAt(file, site.table);
  if (!main) return undefined;
  const tableOf = (ref: Ref): Table | undefined => (ref.kind === 'self' ? main : ctx.tableAt(file, ref));
  const lookup = (c: ColumnRefCandidate): ColumnLookup => {
    const table = tableOf(c.table);
    if (!table) return { kind: 'notColumn' };
    const column = columnByKey(table, c.key);
    return column ? { kind: 'column', table, column } : { kind: 'unknownColumn', table };
  };
  return { main, tableOf, lookup };
}

/** Each table's columns by key, the first of a key winning (as a search would): every column reference asks. */
const columnsByKey = new WeakMap<Table, Map<string, Column>>();

function columnByKey(table: Table, key: string): Column | undefined {
  let byKey = columnsByKey.get(table);
  if (!byKey) {
    byKey = new Map();
    for (const c of table.columns) if (!byKey.has(c.key)) byKey.set(c.key, c);
    columnsByKey.set(table, byKey);
  }
  return byKey.get(key);
}
