// The database beside the code, in the editor: statistics read in the background per connection (trusted
// workspaces only: the URL comes from Session.databaseUrl, which gives none otherwise), findings weighed by them,
// unused indexes and drift reported on the schema. Diagnostics never wait for a read: they use what is known and
// are published again when a read ends.
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import type { Finding, SiteReport, Table } from '../analysis/model';
import { LineIndex } from '../analysis/text/lineIndex';
import { indexDrift, driftMessage, indexUsers, unusedIndexes } from '../analysis/weigh/indexUsage';
import { type DatabaseStatistics, tableStatistics } from '../analysis/weigh/statistics';
import { type WeighedFinding, weighedMessage } from '../analysis/weigh/weigh';
import type { Project } from '../analysis/workspace/project';
import { StatisticsCache } from '../database/statisticsCache';
import { weighProjectFindings } from '../database/weighProject';
import { SOURCE } from './convert';
import type { Settings } from './settings';

/** The data of an unused-index hint: the code action removes the index (migration drops it, its down re-creates it). */
export interface UnusedIndexData {
  kind: 'unused';
  tableId: string;
  index: string;
}

/** A read ends by publishing everything again, which peeks again: a TTL of 0 would read in a loop. */
const MIN_TTL_MS = 30_000;

export class DatabaseSupport {
  private readonly cache: StatisticsCache;

  private readonly told = new Set<string>();

  constructor(
    private readonly ttlMs: () => number,
    onChange: () => void,
    private readonly log: (m: string) => void,
  ) {
    this.cache = new StatisticsCache(() => onChange());
  }

  /** Statistics known for this connection (none yet: a read starts, diagnostics are published again when it ends). */
  statistics(url: string | undefined): DatabaseStatistics | undefined {
    if (!url) return undefined;
    const { stats, error } = this.cache.peek(url, Math.max(MIN_TTL_MS, this.ttlMs()));
    if (error && !this.told.has(error)) {
      this.told.add(error);
      this.log(`Index Insight: ${error}`);
    }
    return stats;
  }

  refresh(): Promise<void> {
    return this.cache.refreshAll();
  }

  /** How many connections were ever read (tests: none in an untrusted workspace). */
  get connectionsRead(): number {
    return this.cache.size;
  }

  /** Findings weighed by the statistics: silenced ones dropped, large gains a Warning, messages with the figures. */
  weigh(
    project: Project,
    findings: Finding[],
    stats: DatabaseStatistics | undefined,
    settings: Settings,
  ): { finding: Finding; warning: boolean; weighed?: WeighedFinding }[] {
    if (!stats || findings.length === 0) return findings.map((finding) => ({ finding, warning: false }));
    return weighProjectFindings(project, findings, stats, settings.database)
      .filter((w) => w.decision.kind !== 'silent')
      .map((w) => ({ finding: { ...w.finding, message: weighedMessage(w) }, warning: w.decision.kind === 'warning', weighed: w }));
  }

  /** Unused indexes (Hint, with a removal fix) and drift (Information, once per table) for the tables this file declares. */
  schemaDiagnostics(project: Project, file: string, stats: DatabaseStatistics | undefined, allSites: () => readonly SiteReport[]): Diagnostic[] {
    if (!stats) return [];
    const tables = project.schema().tables.filter((t) => t.file === file);
    if (tables.length === 0) return [];
    const text = project.readFile(file);
    if (text === undefined) return [];
    const lines = new LineIndex(text);
    const users = indexUsers(allSites());
    const out: Diagnostic[] = [];
    for (const table of tables) {
      const ts = tableStatistics(stats, table);
      if (!ts) continue;
      for (const { index, db } of unusedIndexes(table, users, ts)) {
        const data: UnusedIndexData = { kind: 'unused', tableId: table.id, index: index.name };
        out.push({
          range: lines.range(index.span!),
          severity: DiagnosticSeverity.Hint,
          tags: [DiagnosticTag.Unnecessary],
          source: SOURCE,
          code: 'unused-index',
          message: `Index "${index.name}" is unused: no query in the workspace uses it and the database has scanned it 0 times since ${stats.statsReset ? `the statistics reset of ${stats.statsReset.slice(0, 10)}` : 'its statistics began'}. It takes ${size(db.bytes)} and slows every write to ${table.name}.`,
          data,
        });
      }
      const message = indexDriftMessage(table, stats);
      if (message) {
        const lineEnd = text.indexOf('\n', table.span.start);
        const range = lines.range({ start: table.span.start, end: Math.min(table.span.end, lineEnd < 0 ? text.length : lineEnd) });
        out.push({ range, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'index-drift', message });
      }
    }
    return out;
  }
}

function indexDriftMessage(table: Table, stats: DatabaseStatistics): string | undefined {
  const ts = tableStatistics(stats, table);
  return ts && table.indexesKnown ? driftMessage(table, indexDrift(table, ts)) : undefined;
}

export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
