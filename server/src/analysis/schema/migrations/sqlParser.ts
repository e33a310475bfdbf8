// PostgreSQL's own parser (libpg_query compiled to WebAssembly) for partial-index predicates and migration SQL.
// The module loads asynchronously once per process: entry points (CLI, language server, tests) await
// loadSqlParser() before the first analysis; parsing is synchronous after that.
import { loadModule, parseSync, scanSync } from 'libpg-query';

export type SqlNode = Record<string, unknown>;

let loaded: Promise<void> | undefined;
let ready = false;

export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    ready = true;
  });
  return loaded;
}

export class SqlParserNotLoaded extends Error {
  constructor() {
    super('The SQL parser is not loaded: await loadSqlParser() (server/src/analysis/schema/migrations/sqlParser.ts) before analysing.');
  }
}

/** The statements of `sql` as libpg_query's JSON tree; undefined when PostgreSQL would reject the text. */
export function parseStatements(sql: string): SqlNode[] | undefined {
  if (!ready) throw new SqlParserNotLoaded();
  try {
    const result = parseSync(sql) as { stmts?: { stmt: SqlNode }[] };
    return (result.stmts ?? []).map((s) => s.stmt);
  } catch {
    return undefined;
  }
}

/** `{ String: { sval } }` -> sval. */
export function stringValue(node: unknown): string | undefined {
  const s = (node as { String?: { sval?: string } } | undefined)?.String;
  return s ? (s.sval ?? '') : undefined;
}

/** The text after the statement's last top-level WHERE keyword (a partial index's predicate, as written). */
export function textAfterWhere(sql: string): string | undefined {
  if (!ready) throw new SqlParserNotLoaded();
  try {
    let depth = 0;
    let at: number | undefined;
    for (const t of scanSync(sql).tokens) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && t.tokenName === 'WHERE') at = t.end;
    }
    return at === undefined ? undefined : sql.slice(at).trim();
  } catch {
    return undefined;
  }
}
