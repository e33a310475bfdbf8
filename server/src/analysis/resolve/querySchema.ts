// The keys of a schema object handed to drizzle (`drizzle(client, { schema })`): `db.query.<key>` names the table
// under that key. Follows namespace imports, barrels, spreads (`{ ...tables, ...relations }`) and objects of
// tables written in other files.
import type { SchemaObjectEntry } from '../model';
import type { ReferenceResolver, Value } from './references';

export type TableValue = Extract<Value, { kind: 'table' }>;

export interface QueryKeys {
  tables: Map<string, TableValue>;
  /** Every entry was understood (else a key may be missing). */
  complete: boolean;
}

const MAX_DEPTH = 6;

export function schemaObjectKeys(file: string, entries: SchemaObjectEntry[], resolver: ReferenceResolver, depth = 0): QueryKeys {
  const out: QueryKeys = { tables: new Map(), complete: true };
  if (depth > MAX_DEPTH) return { ...out, complete: false };
  for (const e of entries) {
    if (e.kind === 'unknown') {
      out.complete = false;
      continue;
    }
    const v = resolver.resolve(file, e.ref);
    if (e.kind === 'key') {
      // A later key replaces an earlier one, table or not (relations share the object with tables).
      if (v.kind === 'table') out.tables.set(e.key, v);
      else out.tables.delete(e.key);
      continue;
    }
    if (v.kind === 'namespace') {
      for (const name of resolver.exportNames(v.file)) {
        const t = resolver.resolveExport(v.file, name);
        if (t.kind === 'table') out.tables.set(name, t);
      }
    } else if (v.kind === 'object') {
      const inner = schemaObjectKeys(v.file, v.entries, resolver, depth + 1);
      for (const [k, t] of inner.tables) out.tables.set(k, t);
      out.complete &&= inner.complete;
    } else {
      out.complete = false;
    }
  }
  return out;
}
