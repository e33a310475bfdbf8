// What the read stage extracts from one file: query sites, filters, table declarations, bindings. Plain values.
/** Half-open offset range [start, end) in a file's text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A path to a value: `runs`, `schema.runs` (names of the module scope), the table a relational-query callback
 * receives, or a local value the reader could not follow (a parameter, a mutable variable).
 */
export type Ref = { kind: 'ident'; name: string } | { kind: 'member'; base: Ref; name: string } | { kind: 'self' } | { kind: 'opaque' };

/** How a filter atom can use a B-tree index on its column. */
export type AtomKind = 'eq' | 'in' | 'isNull' | 'range' | 'isNotNull' | 'other';

export type Literal = string | number | boolean | null;

/** One side of a comparison, before we know whether a property access is a column. */
export type Operand = { kind: 'ref'; ref: Ref; key: string } | { kind: 'literal'; value: Literal } | { kind: 'value'; refs: ColumnRefCandidate[] };

export interface ColumnRefCandidate {
  table: Ref;
  key: string;
}

/** A filter as written, with tables still unresolved. */
export type FilterExpr =
  | { kind: 'and'; items: FilterExpr[] }
  /**
   * Alternatives: drizzle's `or()` (`leavesOutUndefined`: an item that is `undefined` on a path is not there) or the
   * two sides of a conditional (`c ? x : y`: an `undefined` side is no condition on that path).
   */
  | { kind: 'or'; items: FilterExpr[]; leavesOutUndefined?: true }
  /**
   * Present only on some paths (a conditional atom, an element pushed onto a condition array). `absentIsTrue`: on the
   * other paths it is `` sql`true` `` (an `or` holding it is then always true); otherwise it is `undefined`, which
   * drizzle's `and`/`or` leave out (`c && x`: `false`, bound as a value, the same for an `or`).
   */
  | { kind: 'optional'; expr: FilterExpr; absentIsTrue?: true }
  | {
      kind: 'atom';
      atom: AtomKind;
      /** The drizzle operator (`eq`, `gte`, `inArray`, ...), for rendering SQL. */
      op: string;
      left: Operand;
      right?: Operand;
      /** `between(col, a, b)`: the upper bound. */
      extra?: Operand;
      /** `inArray(col, [a, b])`: the number of elements when the array is written out. */
      arity?: number;
      /** `inArray(col, ['a', 'b'])`: the elements when every one is a literal (partial-index implication). */
      values?: Literal[];
      span: Span;
    }
  /** Relational-query object filter entry (`{ status: 'a' }`): key of the site's table, or a relation name. */
  | { kind: 'field'; atom: AtomKind; key: string; value?: Literal; span: Span }
  /** Not statically known (`sql`, unknown helper, spread of unknown array); lists the columns it mentions. */
  | { kind: 'unknown'; refs: ColumnRefCandidate[]; opaque: boolean; span: Span }
  /** Matches no row (`sql\`false\``, `sql\`1 = 0\``): a branch that never needs an index. */
  | { kind: 'false' }
  | { kind: 'none' };

export interface OrderTerm {
  table: Ref;
  key: string;
  direction: 'asc' | 'desc';
  /** Written as asc(col)/desc(col) rather than a bare column. */
  explicit: boolean;
}

export type SiteKind = 'select' | 'update' | 'delete' | 'count' | 'findMany' | 'findFirst';

export interface JoinSummary {
  type: string;
  table: Ref;
  on: FilterExpr;
  span: Span;
}

/** `with: { members: { where, with } }` of a relational query: a relation loaded per row, filtered by its key. */
export interface RelationLoad {
  name: string;
  where: FilterExpr;
  whereSpan: Span | null;
  span: Span;
  with: RelationLoad[];
}

/** One relation of a table, from `relations(t, ({ one, many }) => ...)` or drizzle 1.0 `defineRelations`. */
export interface RelationSummary {
  /** The table the relation belongs to: a reference (`relations(users, ...)`) or its key in the schema (`defineRelations`). */
  source: Ref | { kind: 'rqb'; key: string };
  name: string;
  kind: 'one' | 'many';
  target: Ref | { kind: 'rqb'; key: string };
  /** Column keys on the source side (`fields` / `from`); null when not written. */
  fields: string[] | null;
  /** Column keys on the target side (`references` / `to`); null when not written. */
  references: string[] | null;
  relationName: string | null;
}

export interface QuerySiteSummary {
  kind: SiteKind;
  /** `db.query.<key>` sites name the table by its key in the drizzle schema object. */
  table: Ref | { kind: 'rqb'; key: string };
  where: FilterExpr;
  whereSpan: Span | null;
  /** Offset of the `where` name (`.where(` or `where:`): an ignore comment above it suppresses the site. */
  whereKeyword?: number;
  joins: JoinSummary[];
  orderBy: OrderTerm[];
  hasLimit: boolean;
  /** `.limit(50)` / `limit: 50` / findFirst's 1, when written as a number. */
  limitValue: number | null;
  /** Relations a relational query loads (`with`). */
  with: RelationLoad[];
  /** Selected fields: all columns, the columns of `select({ a: t.a })`, or something else (expressions). */
  fields: 'all' | ColumnRefCandidate[] | 'unknown';
  /** Keys of `update(t).set({ ... })`, in order; null when not an update; 'unknown' when not an object literal. */
  set: string[] | 'unknown' | null;
  /** Name of the object the query starts from (`db`, `tx`, `this.db` -> `db`), when it has one. */
  receiver: string | null;
  /**
   * Relational queries: the name the client is known by where the query is written, the receiver or, for the
   * parameter of `db.transaction((tx) => ...)`, the client whose transaction it is (`db`).
   */
  client?: string | null;
  /** The whole call chain, for hover and suppression comments. */
  span: Span;
  /** The innermost named function around the site (read/callerName.ts); null when it has none we can check. */
  caller?: string | null;
}

// ---------------------------------------------------------------- schema declarations (unresolved)

export interface ColumnSummary {
  key: string;
  /** First argument of the builder when it is a string literal; null when omitted (casing decides). */
  sqlName: string | null;
  builder: string;
  notNull: boolean;
  primaryKey: boolean;
  unique: { name: string | null } | null;
  /** `.references(() => other.id)`: a foreign key, which a parent's DELETE or UPDATE looks up. */
  references: boolean;
  span: Span;
}

export type ColumnsEntry = ColumnSummary | { spread: Ref };

export interface IndexColumnSummary {
  /** TS key of the column; null for an expression (`sql\`lower(...)\``). */
  key: string | null;
}

export type PredicateSummary =
  | { kind: 'sql'; parts: string[]; keys: (string | null)[] }
  | { kind: 'op'; atom: 'eq' | 'isNull' | 'isNotNull'; key: string; value?: Literal }
  | { kind: 'unknown' };

export type ExtraItem =
  | {
      kind: 'index';
      unique: boolean;
      name: string | null;
      method: string;
      columns: IndexColumnSummary[];
      where: PredicateSummary | null;
      span: Span;
    }
  | { kind: 'primaryKey' | 'unique'; name: string | null; keys: (string | null)[]; span: Span }
  /** A check or a policy; a `foreignKey({ columns })` names its columns (keys); `sql`: a bare `` sql`...` `` item. */
  | { kind: 'ignored'; foreignKey?: (string | null)[]; sql?: true; span: Span }
  /** A call to a helper (`...tenantIndexes(t)`, `rlsPolicy(t)`): read where it is defined. */
  | { kind: 'call'; callee: Ref; tableArg: number | null; span: Span }
  | { kind: 'unknown'; span: Span };

/** How the third pgTable argument is written: what a quick fix needs to add an element in the same style. */
export interface ExtraConfigSummary {
  form: 'array' | 'object';
  param: string | null;
  items: ExtraItem[];
  /** Offsets of the array / object literal that holds the items. */
  containerSpan: Span;
  span: Span;
}

export interface TableDeclSummary {
  local: string;
  exported: boolean;
  factory: Ref;
  /** The SQL name argument; null when it is not a plain string. */
  name: string | null;
  columns: ColumnsEntry[];
  extra: ExtraConfigSummary | null;
  /** Present, but neither an array nor an object we can read. */
  extraUnreadable: boolean;
  span: Span;
  callSpan: Span;
  /** The columns argument (a quick fix adds extraConfig after it). */
  columnsSpan: Span;
}

// ---------------------------------------------------------------- per-file summary

/**
 * A piece of the SQL name a table creator builds (`pgTableCreator((name) => \`${PREFIX}_${name}\`)`): literal text,
 * the name given to the table, a value read where the creator is declared (a constant), or something unreadable.
 */
export type NamePart =
  { kind: 'text'; text: string } | { kind: 'name' } | { kind: 'ref'; ref: Ref; label: string } | { kind: 'unknown'; label: string };

export type ImportBinding = { module: string; name: string /* '*' for namespace, 'default' */ };

/** An entry of a schema object (`{ ...tables, users, posts: postsTable }`) as written. */
export type SchemaObjectEntry = { kind: 'spread'; ref: Ref } | { kind: 'key'; key: string; ref: Ref } | { kind: 'unknown' };

export type Binding =
  | { kind: 'table'; index: number }
  /** A top-level object of tables (a schema object another file may pass to drizzle). */
  | { kind: 'object'; entries: SchemaObjectEntry[] }
  | { kind: 'ref'; ref: Ref }
  | { kind: 'alias'; ref: Ref }
  /** `pgTableCreator(fn)`: the parts of the name `fn` returns; null when `fn` is not a template or concatenation we read. */
  | { kind: 'tableCreator'; parts: NamePart[] | null }
  | { kind: 'pgSchema'; name: string | null }
  /** `const PREFIX = 'app'`: a string constant (a table creator may build names from it). */
  | { kind: 'string'; value: string }
  /** `const config = { prefix: 'app' } as const`: the string-valued properties of an object constant. */
  | { kind: 'strings'; values: Map<string, string> }
  | { kind: 'columns'; entries: ColumnsEntry[] }
  /** A function returning extraConfig items (indexes, policies, ...) of the table given as its first argument. */
  | { kind: 'extraHelper'; items: ExtraItem[] }
  /** `export const db = drizzle(c, { schema })`, or `let db` assigned one: `clientSchemas[index]` is its schema. */
  | { kind: 'client'; index: number }
  | { kind: 'conflict' };

export interface ReExport {
  module: string;
  /** exported name -> name in the target module; absent for `export * from`. */
  names: Map<string, string> | null;
}

export interface FileSummary {
  imports: Map<string, ImportBinding>;
  /** exported name -> local binding name */
  exports: Map<string, string>;
  reExports: ReExport[];
  bindings: Map<string, Binding>;
  tables: TableDeclSummary[];
  sites: QuerySiteSummary[];
  relations: RelationSummary[];
  /** 0-based lines whose query sites are suppressed by an ignore comment on the line above. */
  suppressedLines: Set<number>;
  /** `drizzle(client, { casing: 'snake_case' })` seen in this file. */
  clientCasing: string | null;
  /** The `schema` option of each `drizzle(client, { schema })` call in this file. */
  clientSchemas: SchemaObjectEntry[][];
  /** Local names of drizzle function names imported from other modules (`import { eq } from '@acme/db'`). */
  operatorImports: string[];
  /** The file could not be parsed completely; what could be read is still summarised. */
  parseErrors: number;
  /** The file could not be read at all (e.g. nesting deeper than the parser's stack). */
  failure: string | null;
}
