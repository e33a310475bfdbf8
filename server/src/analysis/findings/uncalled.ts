// A query in a function that nothing in the workspace calls outside the excluded files (tests, scripts: dead code, or
// code not wired up yet) runs on no path we can see; one in a folder named deprecated (a Next.js `(deprecated)` route
// group, `deprecated/`) is on its way out, even if it is still served. Either finding takes the `uncalled` severity
// (Information by default), and the message says why.
import path from 'node:path';
import type { Finding } from '../model';
import { reclassified } from './severityClass';

/** The functions worth counting callers for: those of findings that would otherwise be warnings. */
export function callersToCheck(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) =>
    f.caller && (f.severityClass === 'unserved' || f.severityClass === 'uncalled' || f.severityClass === 'writeOnly') ? [f.caller] : [],
  );
}

const DEPRECATED_FOLDER = /^(?:deprecated|\(deprecated\))$/i;

/** The folder path up to the one named deprecated, relative to the root; null when there is none. */
export function deprecatedFolder(root: string, file: string): string | null {
  const parts = path.relative(root, file).split(/[\\/]/).slice(0, -1);
  const at = parts.findIndex((p) => DEPRECATED_FOLDER.test(p));
  return at < 0 ? null : parts.slice(0, at + 1).join('/');
}

export function markUncalled(findings: Finding[], uncalled: ReadonlySet<string>, root: string): Finding[] {
  return findings.map((f) => {
    if (f.severityClass !== 'unserved') return f;
    const folder = deprecatedFolder(root, f.file);
    if (folder !== null) return reclassified(f, 'uncalled', (code) => `it is in deprecated code (${code(`${folder}/`)})`);
    if (f.caller && uncalled.has(f.caller))
      return reclassified(f, 'uncalled', (code) => `nothing in the workspace calls ${code(`${f.caller}()`)} outside tests and scripts`);
    return f;
  });
}
