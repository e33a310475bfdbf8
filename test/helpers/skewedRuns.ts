// The seed's data shape, as one INSERT: 1 in 2 runs belongs to one of a few heavy users, 85% completed, 5% with a
// job id, a parent pre-qualification per 20 runs. Shared by the database tests and the seed benchmark.

export const HEAVY_USERS = 10;

export function skewedRunsInsertSql(rows: number): string {
  const lightUsers = Math.max(10, Math.round(rows / 50));
  // Independent pseudo-random draws per attribute (hashtext with a different salt each).
  const draw = (salt: string, mod: number) => `(abs(hashtext('${salt}' || g)) % ${mod})`;
  return `INSERT INTO deep_scan_v2_runs (pre_qualification_id, user_id, status, bullmq_job_id, created_at)
    SELECT md5('pq' || ${draw('p', Math.round(rows / 20))})::uuid,
           CASE WHEN ${draw('u', 2)} = 0 THEN md5('heavy' || ${draw('h', HEAVY_USERS)})::uuid ELSE md5('light' || ${draw('l', lightUsers)})::uuid END,
           CASE WHEN ${draw('s', 20)} < 17 THEN 'completed' WHEN ${draw('s', 20)} = 17 THEN 'failed' WHEN ${draw('s', 20)} = 18 THEN 'running' ELSE 'pending' END,
           CASE WHEN ${draw('j', 20)} = 0 THEN 'job-' || g END,
           timestamp '2026-01-01' + (g % 31536000) * interval '1 second'
    FROM generate_series(1, ${rows}) g`;
}
