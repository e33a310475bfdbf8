// Synthetic rows for the embedded proof: one INSERT ... SELECT over generate_series, with values whose
// cardinality is plausible for the column (keys distinct, foreign keys many-to-one, statuses few, optional
// columns mostly empty).

export interface ColumnInfo {
  name: string;
  dataType: string;
  nullable: boolean;
  hasDefault: boolean;
  identity: boolean;
  generated: boolean;
  maxLength: number | null;
}

const LOW_CARDINALITY = /(^|_)(status|state|kind|type|role|plan|level|priority|stage|category)$/i;

/**
 * A SQL expression of the series value `g` (1..rows) for one column: unique columns distinct, foreign keys
 * many-to-one (a parent has about 100 rows), status-like columns five values, optional columns mostly empty
 * and distinct when set (external ids), anything else 1,000 values.
 */
export function seedExpression(c: ColumnInfo, rows: number, unique: boolean, foreignKey: boolean): string | null {
  if (c.identity || c.generated) return null;
  const type = c.dataType.toLowerCase();
  const fkLike = foreignKey && !unique;
  const card =
    unique || (c.nullable && !fkLike)
      ? 'g'
      : fkLike
        ? `(g % ${Math.max(1, Math.round(rows / 100))})`
        : LOW_CARDINALITY.test(c.name)
          ? '(g % 5)'
          : '(g % 1000)';
  const value = (() => {
    if (type === 'uuid') return `md5(${card}::text)::uuid`;
    if (type.includes('char') || type === 'text' || type === 'citext') {
      const v = `'${c.name.slice(0, 8)}_' || ${card}`;
      return c.maxLength ? `left(${v}, ${c.maxLength})` : v;
    }
    if (type === 'smallint') return `(${card} % 32000)::smallint`;
    if (type === 'integer' || type === 'bigint' || type === 'numeric' || type === 'real' || type === 'double precision') return `${card}::${type}`;
    if (type === 'boolean') return '(g % 2 = 0)';
    if (type.startsWith('timestamp')) return `timestamp '2026-01-01' + (g % 31536000) * interval '1 second'`;
    if (type === 'date') return `date '2026-01-01' + (g % 365)`;
    if (type === 'json' || type === 'jsonb') return `'{}'::${type}`;
    if (type === 'interval') return `(g % 3600) * interval '1 second'`;
    return null;
  })();
  if (value === null) return c.nullable || c.hasDefault ? null : `NULL`;
  // Optional columns are mostly empty (a job id on 1 row in 20).
  if (c.nullable && !unique && !fkLike) return `CASE WHEN g % 20 = 0 THEN ${value} END`;
  return value;
}
