// The resolved schema: tables, columns and indexes (declared in TypeScript or written in migrations).
import type { ExtraConfigSummary, Literal, Span } from './summary';
export interface Column {
  key: string;
  sqlName: string;
  dataType: string;
  nullable: boolean;
  primaryKey: boolean;
  /** Part of a declared foreign key (`.references()`, `foreignKey({ columns })`). */
  references?: boolean;
}

/** A partial index's predicate, as far as implication by a query's filter can be decided. */
export type Predicate =
  | { kind: 'isNotNull' | 'isNull'; column: string }
  | { kind: 'eq' | 'ne'; column: string; value: Literal }
  | { kind: 'in' | 'notIn'; column: string; values: Literal[] }
  | { kind: 'and' | 'or'; items: Predicate[] }
  | { kind: 'unknown'; text: string };

export type IndexSource = 'primaryKey' | 'unique' | 'index' | 'uniqueIndex' | 'migration';

export interface IndexDef {
  name: string;
  /** SQL column names in index order; null for an expression column. */
  columns: (string | null)[];
  unique: boolean;
  method: string;
  where: Predicate | null;
  whereText: string | null;
  source: IndexSource;
  file: string;
  span: Span | null;
}

export interface Table {
  /** `<file>#<local binding>` */
  id: string;
  name: string;
  schema: string | null;
  local: string;
  exported: boolean;
  file: string;
  span: Span;
  columns: Column[];
  indexes: IndexDef[];
  /**
   * A table creator builds the SQL name from something we could not read (those parts as written): `name` shows
   * them as `{NAME}` or `{?}`, and `pattern` (a regular expression source) matches the names migrations may use.
   */
  nameUnknown?: { parts: string[]; pattern: string };
  /** False when an index list could not be read completely; such a table is never reported on. */
  indexesKnown: boolean;
  extra: ExtraConfigSummary | null;
  callSpan: Span;
  columnsSpan: Span;
}

export interface SchemaModel {
  tables: Table[];
  byId: Map<string, Table>;
  /** Files other than the tables' own whose content the schema was built from (constants in table names). */
  sources: Set<string>;
}
