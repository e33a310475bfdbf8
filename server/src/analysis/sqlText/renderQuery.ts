// Renders the SQL Drizzle sends for a query site (same tables, columns, operators, order and limit, with
// $n parameters), so that PostgreSQL can plan it. Only sites whose every part is statically known are rendered.
import type { Column, FilterExpr, Literal, Operand, QuerySiteSummary, ResolvedSite, Result, Table } from '../model';
import { failure } from '../model/result';
import { q, qualifiedTable } from './identifiers';

export interface SqlParam {
  /** The column the parameter is compared with (for choosing a sample value), when there is one. */
  table: Table | null;
  column: Column | null;
  /** The value written in the code, when it is a literal. */
  literal?: Literal;
  /** `limit $n`. */
  limit?: boolean;
  /** A value of UPDATE ... SET. */
  set?: boolean;
}

export interface RenderedQuery {
  sql: string;
  params: SqlParam[];
  table: Table;
  kind: QuerySiteSummary['kind'];
  approximate: boolean;
}

/** `not-static`: some part of the query is only known at run time. */
export type RenderedSql = Result<RenderedQuery, 'not-static'>;

const BINARY: Record<string, string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  notLike: 'not like',
  notIlike: 'not ilike',
  arrayContains: '@>',
  arrayContained: '<@',
  arrayOverlaps: '&&',
};
const JOIN_SQL: Record<string, string> = { innerJoin: 'inner join', leftJoin: 'left join', rightJoin: 'right join', fullJoin: 'full join' };
const FIELD_SQL: Record<string, string> = { eq: '=', range: '>', other: '<>' };

class NotKnown extends Error {}

export function renderSiteSql(site: QuerySiteSummary, resolved: ResolvedSite): RenderedSql {
  try {
    return { ok: true, ...render(site, resolved) };
  } catch (e) {
    // NotKnown unwinds the recursive renderer; it never leaves this function.
    if (e instanceof NotKnown) return failure('not-static', e.message);
    throw e;
  }
}

function render(site: QuerySiteSummary, r: ResolvedSite): RenderedQuery {
  const params: SqlParam[] = [];
  const main = r.main;
  const joined = site.joins.map((j) => {
    const t = r.tableOf(j.table);
    if (!t) throw new NotKnown("a joined table is not one of the schema's tables");
    return { join: j, table: t };
  });
  const qualify = joined.length > 0;
  const col = (t: Table, c: Column) => `${qualifiedTable(t)}.${q(c.sqlName)}`;
  const param = (p: SqlParam) => {
    params.push(p);
    return `$${params.length}`;
  };
  const operandSql = (o: Operand | undefined, against: { table: Table; column: Column } | null): string => {
    if (!o) throw new NotKnown('an operand is missing');
    if (o.kind === 'ref') {
      const hit = r.lookup({ table: o.ref, key: o.key });
      if (hit.kind === 'column') return col(hit.table, hit.column);
    }
    if (o.kind === 'value' && o.refs.some((c) => r.lookup(c).kind !== 'notColumn')) throw new NotKnown('a value is computed from columns');
    return param({ table: against?.table ?? null, column: against?.column ?? null, literal: o.kind === 'literal' ? o.value : undefined });
  };
  const columnOf = (o: Operand | undefined) => {
    if (o?.kind !== 'ref') return null;
    const hit = r.lookup({ table: o.ref, key: o.key });
    return hit.kind === 'column' ? { table: hit.table, column: hit.column } : null;
  };
  const filterSql = (e: FilterExpr): string | null => {
    switch (e.kind) {
      case 'none':
        return null;
      case 'false':
        return 'false';
      case 'optional':
        throw new NotKnown('part of the filter is present only on some paths');
      case 'unknown':
        throw new NotKnown('part of the filter is not statically known (sql``, a helper or a spread)');
      case 'and':
      case 'or': {
        const parts = e.items.map(filterSql).filter((x): x is string => x !== null);
        if (parts.length === 0) return null;
        return parts.length === 1 ? parts[0] : `(${parts.join(` ${e.kind} `)})`;
      }
      case 'field': {
        const c = main.columns.find((x) => x.key === e.key);
        if (!c) throw new NotKnown(`${e.key} is a relation filter`);
        if (e.atom === 'isNull' || e.atom === 'isNotNull') return `${col(main, c)} is ${e.atom === 'isNull' ? '' : 'not '}null`;
        if (e.atom === 'in') return `${col(main, c)} = any(${param({ table: main, column: c })})`;
        const op = FIELD_SQL[e.atom];
        if (!op || e.atom !== 'eq') throw new NotKnown('an object-filter operator is not rendered');
        return `${col(main, c)} ${op} ${param({ table: main, column: c, literal: e.value })}`;
      }
      case 'atom': {
        const left = columnOf(e.left);
        const against = left ?? columnOf(e.right);
        if (e.op === 'isNull' || e.op === 'isNotNull') return `${operandSql(e.left, against)} is ${e.op === 'isNull' ? '' : 'not '}null`;
        if (e.op === 'inArray' || e.op === 'notInArray') {
          const n = e.arity ?? 1;
          if (n === 0) return e.op === 'inArray' ? 'false' : 'true';
          const list = Array.from({ length: n }, () => param({ table: against?.table ?? null, column: against?.column ?? null }));
          return `${operandSql(e.left, against)} ${e.op === 'inArray' ? 'in' : 'not in'} (${list.join(', ')})`;
        }
        if (e.op === 'between' || e.op === 'notBetween') {
          return `${operandSql(e.left, against)} ${e.op === 'between' ? 'between' : 'not between'} ${operandSql(e.right, against)} and ${operandSql(e.extra, against)}`;
        }
        const op = BINARY[e.op];
        if (!op) throw new NotKnown(`operator ${e.op} is not rendered`);
        return `${operandSql(e.left, against)} ${op} ${operandSql(e.right, against)}`;
      }
    }
  };

  const from = qualifiedTable(main);
  const done = (sql: string) => ({ sql, params, table: main, kind: site.kind, approximate: site.kind === 'findMany' || site.kind === 'findFirst' });
  const whereClause = () => {
    const w = filterSql(site.where);
    return w ? ` where ${w}` : '';
  };
  if (site.kind === 'delete') return done(`delete from ${from}${whereClause()}`);
  if (site.kind === 'count') return done(`select count(*) from ${from}${whereClause()}`);
  if (site.kind === 'update') {
    if (site.set === 'unknown' || site.set === null) throw new NotKnown('the SET clause is not an object literal');
    // SET parameters come before the WHERE ones, as in drizzle's SQL.
    const setSql = site.set.map((key) => {
      const c = main.columns.find((x) => x.key === key);
      if (!c) throw new NotKnown(`${key} is not a column`);
      return `${q(c.sqlName)} = ${param({ table: main, column: c, set: true })}`;
    });
    return done(`update ${from} set ${setSql.join(', ')}${whereClause()}`);
  }

  // select (and relational queries, rendered as the equivalent plain select)
  let fieldsSql: string;
  if (site.fields === 'unknown') throw new NotKnown('the selected fields are not plain columns');
  if (site.fields === 'all') {
    const tables = [main, ...joined.map((j) => j.table)];
    fieldsSql = tables.flatMap((t) => t.columns.map((c) => (qualify ? col(t, c) : q(c.sqlName)))).join(', ');
  } else {
    fieldsSql = site.fields
      .map((f) => {
        const hit = r.lookup(f);
        if (hit.kind !== 'column') throw new NotKnown('a selected field is not a column');
        return qualify ? col(hit.table, hit.column) : q(hit.column.sqlName);
      })
      .join(', ');
  }
  const joinsSql = joined
    .map(({ join, table }) => {
      const kind = JOIN_SQL[join.type];
      if (!kind) throw new NotKnown(`${join.type} is not rendered`);
      const on = filterSql(join.on);
      return ` ${kind} ${qualifiedTable(table)}${on ? ` on ${on}` : ''}`;
    })
    .join('');
  const where = whereClause();
  const order = site.orderBy.map((o) => {
    const hit = r.lookup({ table: o.table, key: o.key });
    if (hit.kind !== 'column') throw new NotKnown('an ORDER BY term is not a column');
    return `${col(hit.table, hit.column)}${o.explicit ? ` ${o.direction}` : ''}`;
  });
  const orderSql = order.length ? ` order by ${order.join(', ')}` : '';
  const limitSql = site.hasLimit ? ` limit ${param({ table: null, column: null, limit: true, literal: site.limitValue ?? undefined })}` : '';
  return done(`select ${fieldsSql} from ${from}${joinsSql}${where}${orderSql}${limitSql}`);
}
