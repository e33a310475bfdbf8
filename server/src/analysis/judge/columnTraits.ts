// What a column's name and type say about its values, for the rules a DBA applies without statistics.
import type { Column, FilterColumn } from '../model';

/** pg-core builders; any other builder name is a `pgEnum` (or a custom type) declared by the project. */
const KNOWN_BUILDERS = new Set([
  'bigint',
  'bigserial',
  'bit',
  'boolean',
  'bytea',
  'char',
  'cidr',
  'customType',
  'date',
  'doublePrecision',
  'geometry',
  'halfvec',
  'inet',
  'integer',
  'interval',
  'json',
  'jsonb',
  'line',
  'macaddr',
  'macaddr8',
  'numeric',
  'decimal',
  'point',
  'real',
  'serial',
  'smallint',
  'smallserial',
  'sparsevec',
  'text',
  'time',
  'timestamp',
  'uuid',
  'varchar',
  'vector',
  'unknown',
]);

const TIME_TYPES = new Set(['timestamp', 'date', 'time']);
const SOFT_DELETE_NAME = /^(deleted|archived|removed|trashed|discarded|soft_?deleted)_?at$/i;
const ENUM_LIKE_NAME = /(^|_)(status|state|kind|type|role|level|priority|visibility|mode|stage|phase)$/i;

/** `deleted_at`, `archivedAt`, ...: a nullable timestamp whose `IS NULL` test keeps nearly every row. */
export function isSoftDeleteColumn(c: Column): boolean {
  return c.nullable && SOFT_DELETE_NAME.test(c.sqlName) && (TIME_TYPES.has(c.dataType) || c.dataType === 'unknown' || c.dataType === 'boolean');
}

/** Timestamps, dates and times: `IS NULL` on one marks work not done yet (`sent_at`, `processed_at`). */
export function isTimeColumn(c: Column): boolean {
  return TIME_TYPES.has(c.dataType);
}

/**
 * What a column's name and type say, read once per column (a schema's columns never change): judging, proposing and
 * wording a finding ask again and again.
 */
const traits = new WeakMap<Column, { lowCardinality: boolean; idLike: boolean }>();

function traitsOf(c: Column): { lowCardinality: boolean; idLike: boolean } {
  let t = traits.get(c);
  if (!t) {
    const lowCardinality =
      c.dataType === 'boolean' ||
      !KNOWN_BUILDERS.has(c.dataType) ||
      ENUM_LIKE_NAME.test(c.sqlName) ||
      /^(is|has|can|should)(_|[A-Z])/.test(c.sqlName);
    const idLike = c.primaryKey || c.sqlName === 'id' || /(_id|Id|_uuid|_key)$/.test(c.sqlName) || (c.dataType === 'uuid' && !lowCardinality);
    traits.set(c, (t = { lowCardinality, idLike }));
  }
  return t;
}

/** Booleans and enum-like columns: few distinct values, a poor leading index column. */
export function isLowCardinality(c: Column): boolean {
  return traitsOf(c).lowCardinality;
}

/** Primary keys and `*_id` / `*Id` columns: many distinct values, usually a foreign key. */
export function isIdLike(c: Column): boolean {
  return traitsOf(c).idLike;
}

/** The filter tests this column only for NULL (`created_by IS NULL`): a two-way split of the rows, like a boolean. */
export function onlyNullTested(filter: readonly FilterColumn[], column: string): boolean {
  return filter.every((f) => f.column !== column || f.kind === 'isNull');
}
