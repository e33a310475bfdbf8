// A small notation for rule tables: tables, indexes and filter atoms written as text, for judge()/propose() tests.
import type { Column, IndexDef, Literal, Table } from '../../server/src/analysis/model';
import type { ResolvedAtom } from '../../server/src/analysis/judge/branches';
import { parsePredicate } from '../../server/src/analysis/schema/migrations/partialPredicate';

/** `id uuid pk`, `user_id uuid`, `deleted_at timestamp null`, `status statusEnum` (an unknown builder is a pgEnum). */
export function table(name: string, columns: string[], indexes: string[] = []): Table {
  const cols: Column[] = columns.map((spec) => {
    const [sqlName, dataType, ...flags] = spec.split(/\s+/);
    return { key: sqlName, sqlName, dataType, nullable: flags.includes('null'), primaryKey: flags.includes('pk') };
  });
  const t: Table = {
    id: `schema.ts#${name}`,
    name,
    schema: null,
    local: name,
    exported: true,
    file: 'schema.ts',
    span: { start: 0, end: 0 },
    columns: cols,
    indexes: [],
    indexesKnown: true,
    extra: null,
    callSpan: { start: 0, end: 0 },
    columnsSpan: { start: 0, end: 0 },
  };
  for (const c of cols) if (c.primaryKey) t.indexes.push(index(`${name}_pkey`, [c.sqlName], { unique: true }));
  for (const spec of indexes) t.indexes.push(parseIndex(spec));
  return t;
}

/** `user_idx (user_id, status)`, `unique ws_key (workspace_id, slug) where workspace_id IS NOT NULL`, `hash job_hash (job_id)`, `gin tags_gin (tags)`. */
function parseIndex(spec: string): IndexDef {
  const m = /^(?:(unique|hash|gin)\s+)?(\S+)\s*\(([^)]*)\)(?:\s+where\s+(.+))?$/i.exec(spec.trim());
  if (!m) throw new Error(`bad index spec: ${spec}`);
  const kind = m[1]?.toLowerCase();
  return index(
    m[2],
    m[3].split(',').map((c) => c.trim()),
    { unique: kind === 'unique', method: kind === 'hash' || kind === 'gin' ? kind : undefined, where: m[4] },
  );
}

function index(name: string, columns: string[], o: { unique?: boolean; method?: string; where?: string }): IndexDef {
  return {
    name,
    columns,
    unique: !!o.unique,
    method: o.method ?? 'btree',
    where: o.where ? parsePredicate(o.where) : null,
    whereText: o.where ?? null,
    source: o.unique ? 'uniqueIndex' : 'index',
    file: 'schema.ts',
    span: null,
  };
}

const OPS: Record<string, { kind: ResolvedAtom['kind']; op: string }> = {
  '=': { kind: 'eq', op: 'eq' },
  in: { kind: 'in', op: 'inArray' },
  '<>': { kind: 'other', op: 'ne' },
  'not in': { kind: 'other', op: 'notInArray' },
  '>': { kind: 'range', op: 'gt' },
  '<': { kind: 'range', op: 'lt' },
  like: { kind: 'other', op: 'like' },
  'is null': { kind: 'isNull', op: 'isNull' },
  'is not null': { kind: 'isNotNull', op: 'isNotNull' },
};

/** `user_id = ?`, `status = 'done'`, `status in ('a', 'b')`, `deleted_at is null`, `created_at > ?`. */
export function atom(t: Table, text: string): ResolvedAtom {
  const m = /^(\w+)\s+(=|in|<>|not in|>|<|like|is null|is not null)\s*(.*)$/i.exec(text.trim());
  if (!m) throw new Error(`bad atom: ${text}`);
  const column = t.columns.find((c) => c.sqlName === m[1]);
  if (!column) throw new Error(`no column ${m[1]} in ${t.name}`);
  const { kind, op } = OPS[m[2].toLowerCase()];
  const rest = m[3].trim();
  const a: ResolvedAtom = { table: t, column, kind, op, span: { start: 0, end: 0 } };
  if (rest.startsWith('('))
    a.values = rest
      .slice(1, -1)
      .split(',')
      .map((v) => lit(v.trim()));
  else if (rest && rest !== '?') a.literal = { value: lit(rest) };
  return a;
}

function lit(v: string): Literal {
  if (v.startsWith("'")) return v.slice(1, -1);
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null') return null;
  return Number(v);
}
