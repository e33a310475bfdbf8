// Which severity setting a finding takes. Unserved means PostgreSQL scans the table (Warning by default), except
// where the data or the query decides whether a new index pays: only few-valued columns are filtered (booleans,
// enums, NULL tests), or a partial index already serves the filter once the query states its predicate. Those are
// weighed like partly served filters (Information by default).
import type { Evaluation, Finding } from '../model';
import { onlyFewValued } from './fewValued';

export function severityClass(e: Evaluation): Finding['severityClass'] {
  if (e.verdict === 'partly') return 'partly';
  return onlyFewValued(e) || e.unusablePartial ? 'partly' : 'unserved';
}
