// Cheap tests on a file's text that decide whether it is worth parsing at all (most application code is not).

/** Files that may declare tables, schemas, table creators or the client's casing. */
const SCHEMA_HINT = /\bpgTable\b|\bpgSchema\b|\bpgTableCreator\b|\.table\s*\(|\bcasing\b/;
/** Files that may run a query. */
const QUERY_HINT = /\.(?:from|update|delete|\$count|findMany|findFirst)\s*\(/;
export const RQB_HINT = /\._?query\./;
/** `includes` first: a plain substring search is far cheaper than the regular expression on 10K files. */
export function mayDeclareSchema(text: string): boolean {
  return (text.includes('pgTable') || text.includes('pgSchema') || text.includes('.table') || text.includes('casing')) && SCHEMA_HINT.test(text);
}

export function mayQuery(text: string): boolean {
  return (
    (text.includes('.from') || text.includes('.update') || text.includes('.delete') || text.includes('$count') || text.includes('.find')) &&
    QUERY_HINT.test(text)
  );
}

/** A barrel (`export * from`, `export { x } from`): editing it changes how other files reach their tables. */
export const REEXPORT_HINT = /\bexport\s*(?:\*|\{[^}]*\})\s*(?:as\s+\w+\s*)?from\b/;

/** A regular expression matching any of these names as a whole identifier (not inside a longer one, `$` included). */
export function wordsPattern(names: string[], flags = ''): RegExp {
  return names.length ? new RegExp(`(?<![\\w$])(?:${names.map(escapeRegExp).join('|')})(?![\\w$])`, flags) : /$^/;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
