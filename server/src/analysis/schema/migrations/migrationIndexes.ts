// Indexes created (and dropped) by hand-written SQL in the drizzle migrations folder.
import { parsePredicate } from './partialPredicate';
import type { IndexDef } from '../../model';
import { type SqlStatement, identifier, matchingParen, splitStatements, splitTopLevel } from './sqlStatements';

export interface MigrationIndex {
  schema: string | null;
  table: string;
  index: IndexDef;
}

export type MigrationEvent = { kind: 'create'; value: MigrationIndex } | { kind: 'drop'; names: string[] };

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const CREATE_INDEX = new RegExp(
  String.raw`^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})?\s*ON\s+(?:ONLY\s+)?(?:(${IDENT})\s*\.\s*)?(${IDENT})\s*(?:USING\s+(\w+)\s*)?\(`,
  'i',
);
const DROP_INDEX = /^DROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?([\s\S]+?)(?:\s+(?:CASCADE|RESTRICT))?$/i;
const ADD_CONSTRAINT = new RegExp(
  String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?:(${IDENT})\s*\.\s*)?(${IDENT})\s+ADD\s+CONSTRAINT\s+(${IDENT})\s+(UNIQUE|PRIMARY\s+KEY)(?:\s+NULLS\s+(?:NOT\s+)?DISTINCT)?\s*\(`,
  'i',
);

export function readMigrationSql(file: string, sql: string): MigrationEvent[] {
  const events: MigrationEvent[] = [];
  for (const st of splitStatements(sql)) {
    const text = st.text.replace(/-->\s*statement-breakpoint/g, ' ');
    const create = CREATE_INDEX.exec(text);
    if (create) {
      const open = create.index + create[0].length - 1;
      const close = matchingParen(text, open);
      if (close < 0) continue;
      const columns = splitTopLevel(text.slice(open + 1, close)).map(indexColumn);
      const rest = text.slice(close + 1);
      const where = /\bWHERE\s+([\s\S]+)$/i.exec(rest);
      const table = identifier(create[4]);
      const name = create[2] ? identifier(create[2]) : `${table}_${columns.map((c) => c ?? 'expr').join('_')}_idx`;
      const whereText = where ? where[1].trim() : null;
      events.push(created(file, st, create[3], table, { name, columns, unique: !!create[1], method: (create[5] ?? 'btree').toLowerCase(), whereText }));
      continue;
    }
    const constraint = ADD_CONSTRAINT.exec(text);
    if (constraint) {
      const open = constraint.index + constraint[0].length - 1;
      const close = matchingParen(text, open);
      if (close < 0) continue;
      const columns = splitTopLevel(text.slice(open + 1, close)).map(identifier);
      events.push(created(file, st, constraint[1], identifier(constraint[2]), { name: identifier(constraint[3]), columns, unique: true, method: 'btree', whereText: null }));
      continue;
    }
    const drop = DROP_INDEX.exec(text);
    if (drop) {
      events.push({ kind: 'drop', names: splitTopLevel(drop[1]).map((n) => identifier(n.split('.').pop() ?? n)) });
    }
  }
  return events;
}

function created(
  file: string,
  st: SqlStatement,
  schema: string | undefined,
  table: string,
  index: { name: string; columns: (string | null)[]; unique: boolean; method: string; whereText: string | null },
): MigrationEvent {
  return {
    kind: 'create',
    value: {
      schema: schema ? identifier(schema) : null,
      table,
      index: { ...index, where: index.whereText ? parsePredicate(index.whereText) : null, source: 'migration', file, span: { start: st.offset, end: st.offset + st.text.length } },
    },
  };
}

/** `"col" DESC NULLS LAST`, `col text_pattern_ops` -> col; `lower("email")` -> null (expression). */
function indexColumn(element: string): string | null {
  const m = new RegExp(String.raw`^(${IDENT})(?:\s+[A-Za-z_][\w.]*)*$`).exec(element.trim());
  if (!m || m[1].startsWith('(')) return null;
  return identifier(m[1]);
}
