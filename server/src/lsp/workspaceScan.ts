// Analyses every query file of the workspace in time slices, yielding to pending requests between them so
// that hover and the diagnostics of open files never wait long; reports progress and can be cancelled.
import { performance } from 'node:perf_hooks';
import type { Connection } from 'vscode-languageserver/node';
import { configLines, scanSummary } from './logLines';
import { NAME_ONLY_FILE } from '../analysis/host/fileHost';
import { SCAN_FINISHED_NOTIFICATION } from './protocol';
import { pathToUri, type Session } from './session';

/** Longest stretch of work between two yields. */
const SLICE_MS = 8;

export class WorkspaceScan {
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly session: Session,
    private readonly progressSupported: () => boolean,
    /** Info-level lines for the Output channel: the configs found and each scan's figures. */
    private readonly info: (line: string) => void,
  ) {}

  /** Starts a scan (of `only`, or of every query file); a scan already running is abandoned in favour of this one. */
  async run(only?: string[]): Promise<{ files: number; findings: number; cancelled: boolean }> {
    const generation = ++this.generation;
    const started = performance.now();
    const progress = this.progressSupported() ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Index Insight: Analyzing workspace', 0, 'reading files', true);
    let sliceStart = performance.now();
    const stopped = () => generation !== this.generation || !!progress?.token.isCancellationRequested;
    const yieldIfDue = async () => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    };
    let findings = 0;
    let sites = 0;
    let files: string[];
    let cancelled = false;
    try {
      if (!only) {
        // Read every file first, a slice at a time: the text tests that pick the files to parse then cost little.
        for (const project of this.session.allProjects()) {
          for (const f of project.listFiles()) {
            if (NAME_ONLY_FILE.test(f)) continue;
            project.readFile(f);
            await yieldIfDue();
            if (stopped()) return { files: 0, findings: 0, cancelled: true };
          }
        }
      }
      files = only ?? this.session.allProjects().flatMap((p) => p.queryFiles());
      this.session.reportConfigProblems();
      if (!only) for (const line of configLines(this.session.allProjects())) this.info(line);
      progress?.report(0, `${files.length} files`);
      // Every file parsed first, then every file judged and published: the scan as a whole takes less time that way
      // (see Project.analyzeFiles). Parsing is most of the work: it is the first 80% of the progress.
      for (let i = 0; i < files.length && !cancelled; i++) {
        if (stopped()) cancelled = true;
        else {
          this.session.prepare(pathToUri(files[i]));
          if (performance.now() - sliceStart >= SLICE_MS) {
            progress?.report(Math.round(((i + 1) / files.length) * 80), `${i + 1}/${files.length} files read`);
            await yieldIfDue();
          }
        }
      }
      for (let i = 0; i < files.length && !cancelled; i++) {
        if (stopped()) {
          cancelled = true;
          break;
        }
        const analysis = this.session.analyzeAndPublish(pathToUri(files[i]));
        findings += analysis?.findings.length ?? 0;
        sites += analysis?.sites.length ?? 0;
        if (performance.now() - sliceStart >= SLICE_MS) {
          progress?.report(80 + Math.round(((i + 1) / files.length) * 20), `${i + 1}/${files.length} files`);
          await yieldIfDue();
        }
      }
      if (!cancelled) {
        if (!only) this.session.scanCompleted();
        this.session.recheckCallers();
      }
      this.session.reportSkipped();
    } finally {
      progress?.done();
    }
    if (!cancelled) {
      const tables = this.session.allProjects().reduce((n, p) => n + p.schema().tables.length, 0);
      this.info(scanSummary({ files: files.length, sites, tables, findings, ms: performance.now() - started, full: !only }));
      void this.connection.sendNotification(SCAN_FINISHED_NOTIFICATION, { files: files.length, findings });
    }
    return { files: files.length, findings, cancelled };
  }
}
