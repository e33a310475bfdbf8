// SQL names the way drizzle and drizzle-kit derive them.
import { createHash } from 'node:crypto';

export function toSnakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** SQL column name of an unnamed column under the configured casing. */
export function columnSqlName(key: string, casing: string | null): string {
  if (casing === 'snake_case') return toSnakeCase(key);
  if (casing === 'camelCase') return toCamelCase(key);
  return key;
}

export const MAX_IDENTIFIER_BYTES = 63;

/** Keeps a generated name within PostgreSQL's 63-byte limit, with a short hash when it has to cut. */
export function fitIdentifier(name: string, suffix: string): string {
  const full = `${name}${suffix}`;
  if (Buffer.byteLength(full) <= MAX_IDENTIFIER_BYTES) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  const room = MAX_IDENTIFIER_BYTES - Buffer.byteLength(suffix) - hash.length - 1;
  let head = name;
  while (Buffer.byteLength(head) > room) head = head.slice(0, -1);
  return `${head.replace(/_+$/, '')}_${hash}${suffix}`;
}
