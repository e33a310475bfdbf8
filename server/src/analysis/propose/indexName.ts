// A name for a proposed index in the naming style of the table's existing indexes, within 63 bytes.
import type { Predicate, Table } from '../model';
import { fitIdentifier, toCamelCase } from '../schema/naming';

/** Case, prefix and suffix follow the table's indexes; the table name always leads (index names share a namespace). */
interface Style {
  camel: boolean;
  prefix: string;
  suffix: string;
}

/** Per table (a schema's tables never change): every proposal on the table asks for its style and its names. */
const styles = new WeakMap<Table, { style: Style; taken: Set<string> }>();

function tableNaming(table: Table): { style: Style; taken: Set<string> } {
  let hit = styles.get(table);
  if (!hit) styles.set(table, (hit = { style: namingStyle(table), taken: new Set(table.indexes.map((i) => i.name)) }));
  return hit;
}

/** Learns the style from indexes written in the schema (not primary keys, not names drizzle made up). */
export function namingStyle(table: Table): Style {
  const named = table.indexes.filter((i) => (i.source === 'index' || i.source === 'uniqueIndex') && !i.unique && i.columns.some((c) => c !== null));
  const fallback: Style = { camel: false, prefix: '', suffix: '_idx' };
  const sample = named[0];
  if (!sample) return fallback;
  const n = sample.name;
  const camel = /[a-z0-9][A-Z]/.test(n) && !n.includes('_');
  const suffix = /(_idx|_index|_ix|Idx|Index)$/.exec(n)?.[1] ?? '';
  const prefix = /^(idx_|ix_|index_|idx)(?=[a-zA-Z])/.exec(n)?.[1] ?? '';
  if (!suffix && !prefix) return { ...fallback, camel, suffix: camel ? 'Idx' : '_idx' };
  return { camel, prefix, suffix };
}

/** `columns` then, for a partial index on a literal test, words for it: `active`, `not_spam`, `deleted_at_null`. */
export function indexName(table: Table, columns: string[], predicate: Predicate | null = null): string {
  const { style, taken } = tableNaming(table);
  const words = [table.name, ...columns, ...predicateWords(predicate)];
  const body = style.camel ? toCamelCase(words.join('_')).replace(/^./, (c) => c.toLowerCase()) : words.join('_');
  const base = `${style.prefix}${body}`;
  let name = fitIdentifier(base, style.suffix);
  for (let i = 2; taken.has(name); i++) name = fitIdentifier(base, style.camel ? `${i}${style.suffix}` : `_${i}${style.suffix}`);
  return name;
}

function predicateWords(p: Predicate | null): string[] {
  if (!p || p.kind === 'isNotNull') return [];
  if (p.kind === 'and') return p.items.flatMap(predicateWords);
  if (p.kind === 'isNull') return [p.column, 'null'];
  if (p.kind !== 'eq') return [];
  if (typeof p.value === 'boolean') return [p.value ? p.column : `not_${p.column}`];
  const word = String(p.value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return [word || p.column];
}
