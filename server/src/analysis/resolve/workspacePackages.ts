// The workspace's own packages (npm/yarn/bun `workspaces` in the root package.json, pnpm-workspace.yaml): each
// package name to its folder, so `@acme/db/schema` resolves in a fresh clone with no node_modules, and to the same
// folder when node_modules links it.
import path from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { FileHost } from '../host/fileHost';
import { type PackageManifest, exportTargets, mainTargets, splitSpecifier } from './packageExports';

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: PackageManifest;
}

/** Folders never searched for packages (`packages/**` must not walk into dependencies or build output). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', '.turbo', 'coverage']);
const MAX_GLOBSTAR_DEPTH = 6;

export class WorkspacePackages {
  private packages: Map<string, WorkspacePackage> | undefined;

  constructor(
    private readonly root: string,
    private readonly host: FileHost,
  ) {}

  /** Forget everything (a package.json or pnpm-workspace.yaml changed). */
  reset(): void {
    this.packages = undefined;
  }

  list(): WorkspacePackage[] {
    return [...this.byName().values()];
  }

  /** The workspace package a bare specifier names, with the subpath inside it ('.' or './x'). */
  find(spec: string): { pkg: WorkspacePackage; subpath: string } | undefined {
    const split = splitSpecifier(spec);
    const pkg = split && this.byName().get(split.name);
    return pkg && split ? { pkg, subpath: split.subpath } : undefined;
  }

  /** Absolute entry points for a subpath, preferred first; the subpath read as a path when `exports` does not decide. */
  targets(pkg: WorkspacePackage, subpath: string): string[] {
    const fromExports = exportTargets(pkg.manifest, subpath) ?? [];
    const fallback = subpath === '.' ? [...mainTargets(pkg.manifest), './index'] : [subpath];
    return [...fromExports, ...fallback].map((t) => path.resolve(pkg.dir, t));
  }

  private byName(): Map<string, WorkspacePackage> {
    if (this.packages) return this.packages;
    const packages = new Map<string, WorkspacePackage>();
    for (const dir of this.packageDirs()) {
      const manifest = this.manifest(dir);
      if (manifest && typeof manifest.name === 'string' && !packages.has(manifest.name))
        packages.set(manifest.name, { name: manifest.name, dir, manifest });
    }
    this.packages = packages;
    return packages;
  }

  manifest(dir: string): PackageManifest | undefined {
    const text = this.host.readFile(path.join(dir, 'package.json'));
    if (text === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  private patterns(): string[] {
    const out: string[] = [];
    const ws = this.manifest(this.root)?.workspaces;
    const list = Array.isArray(ws) ? ws : ws && typeof ws === 'object' ? (ws as { packages?: unknown }).packages : undefined;
    if (Array.isArray(list)) out.push(...list.filter((p): p is string => typeof p === 'string'));
    const yamlText =
      this.host.readFile(path.join(this.root, 'pnpm-workspace.yaml')) ?? this.host.readFile(path.join(this.root, 'pnpm-workspace.yml'));
    if (yamlText !== undefined) {
      try {
        const doc = parseYaml(yamlText) as { packages?: unknown } | null;
        if (Array.isArray(doc?.packages)) out.push(...doc.packages.filter((p): p is string => typeof p === 'string'));
      } catch {
        // An unreadable pnpm-workspace.yaml gives no packages; TypeScript's resolver still runs.
      }
    }
    return out;
  }

  private packageDirs(): string[] {
    const patterns = this.patterns().map((p) => p.trim().replace(/^\.\//, '').replace(/\/+$/, ''));
    const include = patterns.filter((p) => p && !p.startsWith('!'));
    const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\.\//, ''));
    const excluded = exclude.length ? picomatch(exclude) : () => false;
    const dirs = new Set<string>();
    for (const pattern of include) {
      for (const dir of this.expand(this.root, pattern.split('/'), 0)) {
        const rel = path.relative(this.root, dir).split(path.sep).join('/');
        if (!excluded(rel)) dirs.add(dir);
      }
    }
    return [...dirs].sort();
  }

  /** Folders matching a workspace glob, one path segment at a time (`apps/*`, `packages/**`, `tools/{a,b}`). */
  private expand(dir: string, segments: string[], depth: number): string[] {
    if (segments.length === 0) return [dir];
    const [head, ...rest] = segments;
    if (head === '**') {
      const here = this.expand(dir, rest, depth);
      if (depth >= MAX_GLOBSTAR_DEPTH) return here;
      return [...here, ...this.subdirs(dir).flatMap((d) => this.expand(d, segments, depth + 1))];
    }
    if (!picomatch.scan(head).isGlob) {
      const next = path.join(dir, head);
      return this.host.directoryExists(next) ? this.expand(next, rest, depth) : [];
    }
    const matches = picomatch(head, { dot: false });
    return this.subdirs(dir)
      .filter((d) => matches(path.basename(d)))
      .flatMap((d) => this.expand(d, rest, depth));
  }

  private subdirs(dir: string): string[] {
    return this.host
      .readDirectory(dir)
      .filter((e) => e.isDirectory && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.'))
      .map((e) => path.join(dir, e.name));
  }
}
