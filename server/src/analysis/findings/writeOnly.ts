// An index that only writes would use. An UPDATE or DELETE whose filter no index serves, on columns that no read
// of the workspace names, is a bulk lifecycle change (cancel a subscription, uninstall an integration, delete a
// parent's rows): it runs rarely, and the index it asks for would slow every insert. Its finding takes the
// `writeOnly` severity (Information by default). Any read that names one of the write's filtered columns, judged
// or not, served or not, on any path (an optional condition, an OR branch, a `sql` fragment), keeps the write a
// Warning, and so does a read whose filter we cannot see into, and a foreign-key column (a parent's DELETE or
// UPDATE looks its rows up). Reads in functions nothing calls do not count; reads in raw SQL strings are not seen.
import type { Finding } from '../model';
import { mentionKey } from './evaluateSite';
import { reclassified } from './severityClass';

/** A column one read names (`tableId\0sqlName`; `tableId\0*`: it could filter any), with its function. */
export interface ReadMention {
  key: string;
  caller: string | null;
}

/** What the reads of a workspace name (a Set, or several looked up together). */
export interface ColumnsNamed {
  has(key: string): boolean;
}

/** The columns the reads name, but for reads in functions nothing calls. */
export function columnsReadsName(reads: Iterable<ReadMention>, uncalled: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const r of reads) if (!r.caller || !uncalled.has(r.caller)) out.add(r.key);
  return out;
}

function isWriteOnly(f: Finding, named: ColumnsNamed): boolean {
  if (!f.writes || f.writes.foreignKey || named.has(mentionKey(f.tableId, '*'))) return false;
  return f.filter.every((c) => !named.has(mentionKey(f.tableId, c.column)));
}

/** Marks the unserved writes no read needs an index for; `named`: see columnsReadsName, over the whole workspace. */
export function markWriteOnly(findings: readonly Finding[], named: ColumnsNamed): Finding[] {
  return findings.map((f) => {
    if (f.severityClass !== 'unserved' || !isWriteOnly(f, named)) return f;
    const statement = f.writes!.statement === 'update' ? 'UPDATE' : 'DELETE';
    const columns = [...new Set(f.filter.map((c) => c.column))];
    return reclassified(
      f,
      'writeOnly',
      (code) =>
        `no read in a called function filters ${code(f.table)} on ${columns.map(code).join(' or ')}: the index would serve only this ${statement} and slow every insert`,
    );
  });
}

/** Whether a published finding's write-only marking no longer matches what the reads name now. */
export function writeOnlyChanged(published: Finding, named: ColumnsNamed): boolean {
  if (published.severityClass !== 'unserved' && published.severityClass !== 'writeOnly') return false;
  return isWriteOnly(published, named) !== (published.severityClass === 'writeOnly');
}
