// Quoting of SQL identifiers, the way drizzle-kit writes them.
import type { Table } from '../model';

export function q(ident: string): string {
  return `"${ident.replace(/"/g, '""')}"`;
}

export function qualifiedTable(t: Table): string {
  return t.schema ? `${q(t.schema)}.${q(t.name)}` : q(t.name);
}

export function qualifiedIndex(t: Table, name: string): string {
  return t.schema ? `${q(t.schema)}.${q(name)}` : q(name);
}

/** The table as people name it: `auth.users` when it lives in a pgSchema, else `users`. */
export function tableLabel(t: Pick<Table, 'schema' | 'name'>): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

/** `schema.table` with `public` for an unqualified table: how the database statistics and drizzle-kit's snapshot key a table. */
export function tableKey(schema: string | null, name: string): string {
  return `${schema ?? 'public'}.${name}`;
}
