// Indexes created (and dropped) by hand-written SQL in the drizzle migrations folder, read with PostgreSQL's parser.
import type { IndexDef } from '../../model';
import { columnOf, predicateOf } from './partialPredicate';
import { type SqlNode, parseStatements, stringValue, textAfterWhere } from './sqlParser';
import { type SqlStatement, splitStatements } from './sqlStatements';

export interface MigrationIndex {
  schema: string | null;
  table: string;
  index: IndexDef;
}

export type MigrationEvent = { kind: 'create'; value: MigrationIndex } | { kind: 'drop'; names: string[] };

interface RangeVar {
  schemaname?: string;
  relname: string;
}

export function readMigrationSql(file: string, sql: string): MigrationEvent[] {
  const events: MigrationEvent[] = [];
  // Statement by statement, so that one PostgreSQL rejects (or a newer syntax) costs only itself.
  for (const st of splitStatements(sql)) {
    if (!/\b(INDEX|CONSTRAINT)\b/i.test(st.text)) continue;
    const stmt = parseStatements(st.text)?.[0];
    if (!stmt) continue;
    if (stmt.IndexStmt) {
      const s = stmt.IndexStmt as {
        idxname?: string;
        relation: RangeVar;
        accessMethod?: string;
        indexParams?: SqlNode[];
        whereClause?: SqlNode;
        unique?: boolean;
      };
      const columns = (s.indexParams ?? []).map((p) => {
        const elem = p.IndexElem as { name?: string; expr?: SqlNode } | undefined;
        return elem?.name ?? (elem?.expr ? (columnOf(elem.expr) ?? null) : null);
      });
      const table = s.relation.relname;
      const name = s.idxname ?? `${table}_${columns.map((c) => c ?? 'expr').join('_')}_idx`;
      const whereText = s.whereClause ? (textAfterWhere(st.text) ?? '?') : null;
      const where = s.whereClause ? (predicateOf(s.whereClause) ?? { kind: 'unknown' as const, text: whereText ?? '?' }) : null;
      events.push(
        created(file, st, s.relation, { name, columns, unique: !!s.unique, method: (s.accessMethod ?? 'btree').toLowerCase(), where, whereText }),
      );
      continue;
    }
    if (stmt.AlterTableStmt) {
      const s = stmt.AlterTableStmt as { relation: RangeVar; cmds?: SqlNode[] };
      for (const cmd of s.cmds ?? []) {
        const c = cmd.AlterTableCmd as { subtype?: string; def?: SqlNode } | undefined;
        const con =
          c?.subtype === 'AT_AddConstraint' ? (c.def?.Constraint as { contype?: string; conname?: string; keys?: unknown[] } | undefined) : undefined;
        if (!con || (con.contype !== 'CONSTR_UNIQUE' && con.contype !== 'CONSTR_PRIMARY') || !con.keys?.length) continue;
        const columns = con.keys.map((k) => stringValue(k) ?? null);
        const suffix = con.contype === 'CONSTR_PRIMARY' ? 'pkey' : 'key';
        const name = con.conname ?? `${s.relation.relname}_${columns.join('_')}_${suffix}`;
        events.push(created(file, st, s.relation, { name, columns, unique: true, method: 'btree', where: null, whereText: null }));
      }
      continue;
    }
    if (stmt.DropStmt) {
      const s = stmt.DropStmt as { removeType?: string; objects?: SqlNode[] };
      if (s.removeType !== 'OBJECT_INDEX') continue;
      const names = (s.objects ?? []).map((o) => {
        const items = (o.List as { items?: unknown[] } | undefined)?.items ?? [];
        return stringValue(items[items.length - 1]) ?? '';
      });
      events.push({ kind: 'drop', names: names.filter(Boolean) });
    }
  }
  return events;
}

function created(
  file: string,
  st: SqlStatement,
  relation: RangeVar,
  index: Pick<IndexDef, 'name' | 'columns' | 'unique' | 'method' | 'where' | 'whereText'>,
): MigrationEvent {
  return {
    kind: 'create',
    value: {
      schema: relation.schemaname ?? null,
      table: relation.relname,
      index: { ...index, source: 'migration', file, span: { start: st.offset, end: st.offset + st.text.length } },
    },
  };
}
