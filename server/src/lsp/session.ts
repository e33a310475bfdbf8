// The server's state: one Project per workspace folder, open documents as overlays, what has been published.
import path from 'node:path';
import { URI } from 'vscode-uri';
import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { FileHost } from '../analysis/host/fileHost';
import type { FileAnalysis } from '../analysis/project';
import { Project } from '../analysis/project';
import { isInside } from '../analysis/resolve/moduleResolver';
import { hintToDiagnostic, toDiagnostic } from './convert';
import { DEFAULT_SETTINGS, type Settings, projectOptions } from './settings';

export function uriToPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? path.resolve(u.fsPath) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

export class Session {
  private projects: Project[] = [];
  settings: Settings = DEFAULT_SETTINGS;
  /** uri -> number of diagnostics last published (so that cleared files get an empty list). */
  private readonly published = new Map<string, number>();
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  /** Called after a change that may alter results anywhere (schema edit): re-check the whole workspace. */
  onSchemaChanged: () => void = () => {};

  constructor(private readonly connection: Connection, private readonly host: FileHost, private readonly log: (msg: string) => void) {}

  setFolders(folders: string[]): void {
    this.projects = folders.map((f) => new Project(f, this.host, projectOptions(this.settings)));
  }

  allProjects(): readonly Project[] {
    return this.projects;
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
    for (const p of this.projects) p.setOptions(projectOptions(settings));
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
    if (schemaChanged) this.onSchemaChanged();
  }

  /** Files changed on disk (watcher). */
  filesChanged(changes: { uri: string; kind: 'created' | 'changed' | 'deleted' }[]): void {
    let schemaChanged = false;
    for (const c of changes) {
      const file = uriToPath(c.uri);
      const project = file && this.projectFor(file);
      if (!file || !project) continue;
      schemaChanged = project.fileChanged(file, c.kind) || schemaChanged;
      if (c.kind === 'deleted') this.publish(c.uri, []);
      else this.schedule(c.uri);
    }
    if (schemaChanged) this.onSchemaChanged();
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
      for (const u of uris) this.analyzeAndPublish(u);
    });
  }

  analyze(file: string): FileAnalysis | undefined {
    const project = this.projectFor(file);
    if (!project) return undefined;
    try {
      return project.analyzeFile(file);
    } catch (e) {
      // The server never crashes on user code: log it, publish nothing for this file.
      this.log(`Analysis of ${file} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  analyzeAndPublish(uri: string): FileAnalysis | undefined {
    const file = uriToPath(uri);
    if (!file) return undefined;
    const analysis = this.analyze(file);
    const diagnostics = [...(analysis?.findings ?? []).flatMap((f) => toDiagnostic(f, this.settings) ?? []), ...(analysis?.hints ?? []).map(hintToDiagnostic)];
    this.publish(uri, diagnostics);
    return analysis;
  }

  publish(uri: string, diagnostics: Diagnostic[]): void {
    const before = this.published.get(uri) ?? 0;
    if (before === 0 && diagnostics.length === 0) return;
    this.published.set(uri, diagnostics.length);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  publishedCount(): number {
    let n = 0;
    for (const c of this.published.values()) n += c;
    return n;
  }
}
