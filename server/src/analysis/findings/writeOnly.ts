// An index that only writes would use. An UPDATE or DELETE whose filter no index serves, on a column that no read
// of the table filters on without an index, is a bulk lifecycle change (cancel a subscription, uninstall an
// integration, delete a parent's rows): it runs rarely, and the index it asks for would cost every insert. Its
// finding takes the `writeOnly` severity (Information by default). A read that lacks the same index keeps the write
// a Warning: the index is wanted anyway, and the write shares it.
import type { Finding } from '../model';

const key = (tableId: string, column: string) => `${tableId}\0${column}`;

/**
 * The table columns that some read with a finding filters on: an index starting there is wanted by a read. A read on
 * no live path (severity class `uncalled`: see markUncalled, applied first) wants nothing.
 */
export function columnsReadsNeed(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) if (!f.writes && f.severityClass !== 'uncalled') for (const c of f.filter) out.add(key(f.tableId, c.column));
  return out;
}

/** The column an unserved write's proposed index starts with, when no read needs it; else null. */
export function writeOnlyColumn(f: Finding, readsNeed: ReadonlySet<string>): string | null {
  if (!f.writes || f.severityClass !== 'unserved') return null;
  const lead = f.proposal.columns[0];
  return lead !== undefined && !readsNeed.has(key(f.tableId, lead)) ? lead : null;
}

/** Marks the unserved writes whose index no read needs; `readsNeed`: from every finding of the workspace. */
export function markWriteOnly(findings: readonly Finding[], readsNeed: ReadonlySet<string>): Finding[] {
  return findings.map((f) => {
    const column = writeOnlyColumn(f, readsNeed);
    if (column === null) return f;
    const statement = f.writes === 'update' ? 'UPDATE' : 'DELETE';
    const why = (t: string, c: string) => `no read filters ${t} on ${c}: the index would serve only this ${statement} and cost every insert`;
    return {
      ...f,
      severityClass: 'writeOnly',
      message: `${f.message}; ${why(f.table, column)}`,
      severityWhy: `N${why(`\`${f.table}\``, `\`${column}\``).slice(1)}`,
    };
  });
}

/** Whether a published finding's write-only marking no longer matches what reads need now. */
export function writeOnlyChanged(published: Finding, readsNeed: ReadonlySet<string>): boolean {
  if (!published.writes || (published.severityClass !== 'unserved' && published.severityClass !== 'writeOnly')) return false;
  const now = writeOnlyColumn({ ...published, severityClass: 'unserved' }, readsNeed) !== null;
  return now !== (published.severityClass === 'writeOnly');
}
