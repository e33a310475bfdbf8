// The server's state: one Project per workspace folder, open documents as overlays, what has been published.
import path from 'node:path';
import { URI } from 'vscode-uri';
import { type Connection, type Diagnostic, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { FileHost } from '../analysis/host/fileHost';
import type { Finding } from '../analysis/model';
import type { FileAnalysis } from '../analysis/workspace/project';
import { Project } from '../analysis/workspace/project';
import { isInside } from '../analysis/host/paths';
import { hintToDiagnostic, toDiagnostic } from './convert';
import { databaseUrlFromEnvFiles } from '../prove/dotenv';
import { markUncalled } from '../analysis/findings/uncalled';
import { sameFinding } from '../analysis/findings/toFinding';
import { type ColumnsNamed, type ReadMention, columnsReadsName, markWriteOnly, writeOnlyChanged } from '../analysis/findings/writeOnly';
import { DEFAULT_SETTINGS, type Settings, projectOptions } from './settings';
import { DatabaseSupport } from './databaseSupport';
import { raisedSeverity } from '../analysis/weigh/weigh';

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? path.resolve(u.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

/** How long edits must pause before callers are counted again. */
const CALLER_CHECK_DELAY_MS = 300;

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

export class Session {
  private projects: Project[] = [];
  /** Settings are `resource`-scoped: each workspace folder has its own (root -> settings). */
  private readonly settingsByRoot = new Map<string, Settings>();
  /** uri -> diagnostics last published, serialised: unchanged results are not sent again. */
  private readonly published = new Map<string, string>();
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  /** The last findings of every analysed file: a hover lists the other queries the same index would serve. */
  private readonly findingsByFile = new Map<string, Finding[]>();
  /** Per file, the columns its reads name (see FileAnalysis.reads). */
  private readonly readsByFile = new Map<string, ReadMention[]>();
  /** What each analysed file depends on, to re-check only what a schema edit can change. */
  private readonly deps = new Map<string, { tableFiles: string[]; unresolved: boolean }>();
  /** Called after a change that may alter results elsewhere (schema edit), with the files to re-check (all when undefined). */
  onSchemaChanged: (files: string[] | undefined) => void = () => {};

  /** From the client (secret storage), kept in memory only, used only in trusted workspaces. */
  private database: { url?: string; trusted: boolean } = { trusted: false };

  setDatabase(d: { url?: string; trusted: boolean }): void {
    this.database = d;
  }

  /** The connection for live plans: the client's, else DATABASE_URL from the workspace's .env; none when untrusted. */
  databaseUrl(file: string): string | undefined {
    if (!this.database.trusted) return undefined;
    const project = this.projectFor(file);
    return this.database.url ?? (project ? databaseUrlFromEnvFiles(project.root) : undefined);
  }

  /** Statistics of the workspace's database (trusted workspaces only), read in the background. */
  readonly statistics: DatabaseSupport;

  constructor(
    private readonly connection: Connection,
    private readonly host: FileHost,
    private readonly log: (msg: string) => void,
  ) {
    // The statistics cache is one per connection; its TTL follows the first folder's settings.
    this.statistics = new DatabaseSupport(
      () => this.settingsOf(this.projects[0]?.root ?? '').database.statisticsTtlMinutes * 60_000,
      () => this.onSchemaChanged(undefined),
      log,
    );
  }

  setFolders(folders: string[]): void {
    this.projects = folders.map((f) => new Project(f, this.host, projectOptions(this.settingsOf(path.resolve(f)))));
  }

  allProjects(): readonly Project[] {
    return this.projects;
  }

  /** New settings for one workspace folder (by its root), or for every folder when root is undefined. */
  updateSettings(settings: Settings, root?: string): void {
    for (const p of this.projects) {
      if (root !== undefined && p.root !== root) continue;
      this.settingsByRoot.set(p.root, settings);
      p.setOptions(projectOptions(settings));
    }
  }

  /** The settings that apply to a file: those of its workspace folder. */
  settingsFor(file: string): Settings {
    const project = this.projectFor(file);
    return project ? this.settingsOf(project.root) : DEFAULT_SETTINGS;
  }

  settingsOf(root: string): Settings {
    return this.settingsByRoot.get(root) ?? DEFAULT_SETTINGS;
  }

  projectFor(file: string): Project | undefined {
    let best: Project | undefined;
    for (const p of this.projects) if (isInside(file, p.root) && (!best || p.root.length > best.root.length)) best = p;
    return best;
  }

  /** An open document changed (or opened: text; closed: undefined). */
  documentChanged(uri: string, text: string | undefined): void {
    const file = uriToPath(uri);
    const project = file && this.projectFor(file);
    if (!file || !project) return;
    const schemaChanged = project.setOverlay(file, text);
    this.schedule(uri);
    this.scheduleCallerCheck();
    if (schemaChanged) this.onSchemaChanged(this.affectedBy(project, [file]));
  }

  /** Files changed on disk (watcher). */
  filesChanged(changes: { uri: string; kind: 'created' | 'changed' | 'deleted' }[]): void {
    const schemaFiles: string[] = [];
    let full = false;
    for (const c of changes) {
      const file = uriToPath(c.uri);
      const project = file && this.projectFor(file);
      if (!file || !project) continue;
      if (project.fileChanged(file, c.kind)) {
        schemaFiles.push(file);
        full ||= c.kind !== 'changed';
      }
      if (c.kind === 'deleted') {
        this.findingsByFile.delete(file);
        this.readsByFile.delete(file);
        this.publish(c.uri, []);
      } else this.schedule(c.uri);
    }
    this.scheduleCallerCheck();
    if (schemaFiles.length > 0) this.onSchemaChanged(full ? undefined : this.affectedByAll(schemaFiles));
  }

  /**
   * Files a schema edit in `changed` can affect: those whose queries use a table declared there, and those with a
   * table we could not resolve. Anything that is not a plain table file (config, migration SQL, a file that declares
   * no table: a creator, the casing) re-checks everything.
   */
  private affectedBy(project: Project, changed: string[]): string[] | undefined {
    const tableFiles = new Set(project.schema().tables.map((t) => t.file));
    if (changed.some((f) => !tableFiles.has(f))) return undefined;
    const files = project.queryFiles().filter((f) => {
      const d = this.deps.get(f);
      return !d || d.unresolved || d.tableFiles.some((t) => changed.includes(t)) || changed.includes(f);
    });
    return files;
  }

  private affectedByAll(changed: string[]): string[] | undefined {
    const out: string[] = [];
    for (const p of this.projects) {
      const mine = changed.filter((f) => isInside(f, p.root));
      if (mine.length === 0) continue;
      const files = this.affectedBy(p, mine);
      if (!files) return undefined;
      out.push(...files);
    }
    return out;
  }

  /** Re-analyse a document soon; repeated changes before then are analysed once. */
  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      // An edited document always gets an answer, even an unchanged one: the editor then knows it is current.
      for (const u of uris) this.analyzeAndPublish(u, true);
      this.reportSkipped();
    });
  }

  /**
   * Callers are answered from the names counted so far (a function not counted yet is taken as called): counting
   * reads the workspace, so it happens once after a scan and, while typing, in the debounced caller check.
   */
  analyze(file: string): FileAnalysis | undefined {
    const project = this.projectFor(file);
    if (!project) return undefined;
    if (project.isExcluded(file)) return { file, sites: [], findings: [], hints: [], tableFiles: [], unresolved: false, problems: [], reads: [] };
    try {
      const analysis = project.analyzeFile(file);
      const uncalled = this.uncalledIn(project, analysis.findings, false);
      const findings = markUncalled(analysis.findings, uncalled, project.root);
      // Until the workspace scan has seen every read, no write is taken as write-only.
      const named = this.readsNamedAll(project);
      if (!named) return { ...analysis, findings };
      // This file's reads as they are now, beside what the last recheck counted for every file.
      const own = columnsReadsName(analysis.reads, uncalled);
      return { ...analysis, findings: markWriteOnly(findings, { has: (key) => own.has(key) || named.has(key) }) };
    } catch (e) {
      // The server never crashes on user code: log it, publish nothing for this file.
      this.log(`Analysis of ${file} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }

  /** Parses a file ahead of its analysis: a scan parses every file first, then judges them (see Project.analyzeFiles). */
  prepare(uri: string): void {
    const file = uriToPath(uri);
    const project = file && this.projectFor(file);
    if (!file || !project || project.isExcluded(file)) return;
    try {
      project.prepare(file);
    } catch {
      // Reported when the file is analysed.
    }
  }

  analyzeAndPublish(uri: string, force = false): FileAnalysis | undefined {
    const file = uriToPath(uri);
    if (!file) return undefined;
    const analysis = this.analyze(file);
    if (analysis) this.deps.set(file, { tableFiles: analysis.tableFiles, unresolved: analysis.unresolved });
    if (analysis?.findings.length) this.findingsByFile.set(file, analysis.findings);
    else this.findingsByFile.delete(file);
    if (analysis?.reads.length) this.readsByFile.set(file, analysis.reads);
    else this.readsByFile.delete(file);
    const diagnostics = [...this.findingDiagnostics(file, analysis), ...(analysis?.hints ?? []).map(hintToDiagnostic)];
    this.publish(uri, diagnostics, force);
    return analysis;
  }

  private callerCheck: NodeJS.Timeout | undefined;

  /** After edits settle: count the callers of new functions and re-publish the files whose verdict changed. */
  private scheduleCallerCheck(): void {
    clearTimeout(this.callerCheck);
    this.callerCheck = setTimeout(() => this.recheckCallers(), CALLER_CHECK_DELAY_MS);
    this.callerCheck.unref();
  }

  /** Callers nothing calls in their folder, nor in any other folder of the editor's workspace. */
  private uncalledIn(project: Project, findings: readonly Finding[], count: boolean): Set<string> {
    const uncalled = project.uncalledCallers(findings, count);
    for (const other of this.projects) {
      if (other === project || uncalled.size === 0) continue;
      // Each file counts in the folder it belongs to, with that folder's exclusions (folders can nest: a repository and
      // one of its packages): the outer folder's count of a file of the inner one is left out, and the other way.
      for (const name of other.namesWritten(uncalled, count, (f) => this.projectFor(f) !== other)) uncalled.delete(name);
    }
    return uncalled;
  }

  /** Per folder, the callers found uncalled when its findings were last published. */
  private readonly uncalledByRoot = new Map<string, Set<string>>();

  /**
   * Per folder, the columns the reads of its files name (see findings/writeOnly.ts), set once its workspace scan has
   * seen every file, and renewed when edits settle.
   */
  private readonly readsNamedByRoot = new Map<string, Set<string>>();
  private readonly scannedRoots = new Set<string>();

  /** The workspace scan read every file of every folder (the write-only rule may now be decided). */
  scanCompleted(): void {
    for (const p of this.projects) this.scannedRoots.add(p.root);
  }

  /**
   * After a workspace scan, and when edits settle: counts the callers of the current findings' functions (new names
   * in one pass over the files) and re-analyses the files whose functions changed between called and not (a call
   * added in one file makes the query in another a Warning again).
   */
  recheckCallers(): void {
    // A folder also counts names for the others (calls across folders): keep what any folder's findings ask about.
    const everyFinding = [...this.findingsByFile.values()].flat();
    for (const project of this.projects) project.retainCallersOf(everyFinding);
    const flippedByRoot = new Map<string, (name: string) => boolean>();
    for (const project of this.projects) {
      const files = [...this.findingsByFile.keys()].filter((f) => this.projectFor(f) === project);
      const now = this.uncalledIn(
        project,
        files.flatMap((f) => this.findingsByFile.get(f) ?? []),
        true,
      );
      const before = this.uncalledByRoot.get(project.root) ?? new Set<string>();
      this.uncalledByRoot.set(project.root, now);
      flippedByRoot.set(project.root, (name) => now.has(name) !== before.has(name));
      if (this.scannedRoots.has(project.root)) {
        const reads = [...this.readsByFile].flatMap(([f, r]) => (this.projectFor(f) === project ? r : []));
        this.readsNamedByRoot.set(project.root, columnsReadsName(reads, now));
      }
    }
    const all = this.readsNamedByRoot.size > 0 ? this.readsNamedUnion() : undefined;
    for (const [f, mine] of this.findingsByFile) {
      const project = this.projectFor(f);
      const flipped = project && flippedByRoot.get(project.root);
      const named = project && this.readsNamedByRoot.has(project.root) ? all : undefined;
      if (mine.some((x) => (x.caller && flipped?.(x.caller)) || (named && writeOnlyChanged(x, named)))) this.schedule(pathToUri(f));
    }
  }

  /**
   * The columns the reads of every folder name (a read in another folder of a multi-root editor counts, as a call
   * does), once this folder's scan is complete; undefined before.
   */
  private readsNamedAll(project: Project): ColumnsNamed | undefined {
    return this.readsNamedByRoot.has(project.root) ? this.readsNamedUnion() : undefined;
  }

  private readsNamedUnion(): ColumnsNamed {
    const sets = [...this.readsNamedByRoot.values()];
    return { has: (key) => sets.some((s) => s.has(key)) };
  }

  /** Findings as diagnostics, weighed by the database's statistics when there are some; the schema's database remarks. */
  private findingDiagnostics(file: string, analysis: FileAnalysis | undefined): Diagnostic[] {
    const project = this.projectFor(file);
    if (!analysis || !project) return [];
    const settings = this.settingsOf(project.root);
    try {
      const stats = this.statistics.statistics(this.databaseUrl(file));
      const weighed = this.statistics.weigh(project, analysis.findings, stats, settings);
      const findings = weighed.flatMap((w) => toDiagnostic(w.finding, w.warning ? asWarning(settings, w.finding) : settings) ?? []);
      return [...findings, ...this.statistics.schemaDiagnostics(project, file, stats, () => project.allSites())];
    } catch (e) {
      this.log(`Weighing ${file} with the database's statistics failed: ${(e as Error).stack ?? String(e)}`);
      return analysis.findings.flatMap((f) => toDiagnostic(f, settings) ?? []);
    }
  }

  private readonly toldProblems = new Set<string>();

  /** Problems reading a drizzle.config (defaults were used), each told once as a warning and in the log; notes only logged. */
  reportConfigProblems(): void {
    for (const p of this.projects) {
      for (const c of p.configs()) {
        for (const note of c.notes) {
          const message = `Index Insight: ${path.relative(p.root, c.file)}: ${note}`;
          if (this.toldProblems.has(message)) continue;
          this.toldProblems.add(message);
          this.log(message);
        }
        for (const problem of c.problems) {
          const message = `Index Insight: ${path.relative(p.root, c.file)}: ${problem}`;
          if (this.toldProblems.has(message)) continue;
          this.toldProblems.add(message);
          this.log(message);
          void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        }
      }
    }
  }

  /**
   * Inputs that exist but could not be read (too large, permission denied): each told once, in the log and as a
   * warning; when one may hold schema the warning says the results are incomplete.
   */
  reportSkipped(): void {
    for (const p of this.projects) {
      const fresh = p.skipped().filter((s) => !this.toldProblems.has(`skipped\0${s.file}\0${s.reason}`));
      if (fresh.length === 0) continue;
      for (const s of fresh) {
        this.toldProblems.add(`skipped\0${s.file}\0${s.reason}`);
        this.log(`Index Insight: skipped ${path.relative(p.root, s.file) || '.'}: ${s.reason}`);
      }
      const names = fresh
        .slice(0, 3)
        .map((s) => `${path.relative(p.root, s.file) || '.'} (${s.reason})`)
        .join(', ');
      const more = fresh.length > 3 ? ` and ${fresh.length - 3} more (see the output)` : '';
      const incomplete = fresh.some((s) => s.schema) ? ' The schema could not be read completely: results may be wrong.' : '';
      const message = `Index Insight: not analysed: ${names}${more}.${incomplete}`;
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
  }

  /** The finding as last published (its severity class weighed across the workspace), if it was. */
  publishedFinding(finding: Finding): Finding | undefined {
    return this.findingsByFile.get(finding.file)?.find((f) => sameFinding(f, finding));
  }

  /** Other places whose finding proposes the same index (`file:line`, relative to its workspace folder). */
  sameProposalElsewhere(tableId: string, proposalName: string, except: { file: string; line: number }): string[] {
    const out: string[] = [];
    for (const [file, findings] of this.findingsByFile) {
      for (const f of findings) {
        const line = f.range.start.line;
        if (f.tableId !== tableId || f.proposal.name !== proposalName || (file === except.file && line === except.line)) continue;
        const root = this.projectFor(file)?.root ?? '';
        out.push(`${path.relative(root, file).split(path.sep).join('/')}:${line + 1}`);
      }
    }
    return out.sort();
  }

  publish(uri: string, diagnostics: Diagnostic[], force = false): void {
    const json = JSON.stringify(diagnostics);
    if (!force && (this.published.get(uri) ?? '[]') === json) return;
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.set(uri, json);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}

/** The settings with this finding's severity raised for a large gain. */
function asWarning(settings: Settings, f: Finding): Settings {
  const severity = raisedSeverity(settings.severity[f.severityClass]);
  return { ...settings, severity: { ...settings.severity, [f.severityClass]: severity } };
}
