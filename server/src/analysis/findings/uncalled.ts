// A query in a function that nothing in the workspace calls (dead code, or code not wired up yet) runs on no path
// we can see: its finding takes the `uncalled` severity (Information by default), and the message says why.
import type { Finding } from '../model';

/** The functions worth counting callers for: those of findings that would otherwise be warnings. */
export function callersToCheck(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => (f.caller && (f.severityClass === 'unserved' || f.severityClass === 'uncalled') ? [f.caller] : []));
}

export function markUncalled(findings: Finding[], uncalled: ReadonlySet<string>): Finding[] {
  return findings.map((f) =>
    f.caller && f.severityClass === 'unserved' && uncalled.has(f.caller)
      ? { ...f, severityClass: 'uncalled', message: `${f.message}; nothing in the workspace calls ${f.caller}()` }
      : f,
  );
}
