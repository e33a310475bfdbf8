// Splits SQL text into statements, skipping comments and respecting quotes and dollar-quoted bodies.

export interface SqlStatement {
  text: string;
  /** Offset of the statement's first character in the file. */
  offset: number;
}

export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let buf = '';
  let start = -1;
  let i = 0;
  const flush = () => {
    if (buf.trim()) out.push({ text: buf.trim(), offset: start });
    buf = '';
    start = -1;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      buf += ' ';
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      buf += ' ';
      continue;
    }
    if (start < 0 && !/\s/.test(c) && c !== ';') start = i;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      buf += sql.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const stop = end < 0 ? sql.length : end + tag[0].length;
        buf += sql.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (c === ';') {
      flush();
      i++;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

function closingQuote(sql: string, from: number, q: string): number {
  let i = from + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}
