// What the server writes to the Output channel at info level: who it is, what it found, what a scan did.
import path from 'node:path';
import type { Project } from '../analysis/workspace/project';

declare const INDEX_INSIGHT_VERSION: string;
export const VERSION = typeof INDEX_INSIGHT_VERSION === 'string' ? INDEX_INSIGHT_VERSION : '0.0.0-dev';

export function startLine(folders: string[]): string {
  const where = folders.length ? `workspace folders: ${folders.join(', ')}` : 'no workspace folder (nothing to analyze)';
  return `Index Insight language server ${VERSION} (Node ${process.version}); ${where}`;
}

/** One line per drizzle config, or the fallback when a folder has none. */
export function configLines(projects: readonly Project[]): string[] {
  return projects.flatMap((p) => {
    const rel = (f: string) => path.relative(p.root, f).split(path.sep).join('/') || '.';
    const configs = p.configs();
    if (configs.length === 0) return [`${p.root}: no drizzle.config found; tables are read from every file, migrations from ./drizzle if present`];
    return configs.map(
      (c) =>
        `Config ${rel(c.file)}: dialect ${c.dialect ?? 'not set'}, schema ${c.schema.length ? c.schema.join(', ') : 'not set (every file)'}, migrations ${rel(c.out)}${c.casing ? `, casing ${c.casing}` : ''}`,
    );
  });
}

export interface ScanFigures {
  files: number;
  sites: number;
  tables: number;
  findings: number;
  ms: number;
  full: boolean;
}

export function scanSummary(s: ScanFigures): string {
  const what = s.full ? 'Workspace scan' : 'Re-check after a schema change';
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  return `${what}: ${n(s.files, 'file')}, ${n(s.sites, 'query site')}, ${n(s.tables, 'table')}, ${n(s.findings, 'finding')} in ${(s.ms / 1000).toFixed(2)} s`;
}
