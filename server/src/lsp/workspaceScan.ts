// Analyses every query file of the workspace in small batches, yielding between them so that hover and
// diagnostics of open files are never kept waiting; reports progress and can be cancelled.
import type { Connection } from 'vscode-languageserver/node';
import { SCAN_FINISHED_NOTIFICATION } from './protocol';
import { pathToUri, type Session } from './session';

const BATCH = 25;

export class WorkspaceScan {
  private generation = 0;

  constructor(private readonly connection: Connection, private readonly session: Session, private readonly progressSupported: () => boolean) {}

  /** Starts a scan; a scan already running is abandoned in favour of this one. */
  async run(only?: string[]): Promise<{ files: number; findings: number; cancelled: boolean }> {
    const generation = ++this.generation;
    const files = only ?? this.session.allProjects().flatMap((p) => p.queryFiles());
    const progress = this.progressSupported() ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Index Insight: analysing workspace', 0, `${files.length} files`, true);
    let findings = 0;
    let cancelled = false;
    try {
      for (let i = 0; i < files.length; i += BATCH) {
        if (generation !== this.generation || progress?.token.isCancellationRequested) {
          cancelled = true;
          break;
        }
        for (const file of files.slice(i, i + BATCH)) {
          findings += this.session.analyzeAndPublish(pathToUri(file))?.findings.length ?? 0;
        }
        progress?.report(Math.round(((i + BATCH) / Math.max(files.length, 1)) * 100), `${Math.min(i + BATCH, files.length)}/${files.length} files`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      progress?.done();
    }
    if (!cancelled) void this.connection.sendNotification(SCAN_FINISHED_NOTIFICATION, { files: files.length, findings });
    return { files: files.length, findings, cancelled };
  }
}
