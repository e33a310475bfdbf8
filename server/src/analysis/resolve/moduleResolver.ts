// Resolves import specifiers to workspace files with TypeScript's own resolver and the nearest tsconfig
// (so `paths` aliases, `baseUrl`, index files and `.js` -> `.ts` mapping behave as the compiler does). The
// workspace's own packages are resolved first, without node_modules (see workspacePackages.ts): TypeScript can only
// find a package through node_modules, and there it would stop at a built `dist/*.d.ts` rather than the source.
import path from 'node:path';
import ts from 'typescript';
import type { FileHost } from '../host/fileHost';
import { type WorkspacePackage, WorkspacePackages } from './workspacePackages';
import { isInside } from '../host/paths';

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: false,
};

/** Build output folders assumed when a package's tsconfig names none (`dist/x.js` comes from `src/x.ts`). */
const DEFAULT_OUT_DIRS = ['dist', 'build', 'lib', 'out'];
const JS_FILE = /\.(?:[cm]?js|jsx)$/;
const OUTPUT_EXTENSION = /\.(?:d\.[cm]?ts|[cm]?js|jsx)$/;

export class ModuleResolver {
  private readonly optionsByConfig = new Map<string, ts.CompilerOptions>();
  private readonly configByDir = new Map<string, string | null>();
  private readonly cache = new Map<string, string | null>();
  /**
   * importing file's folder -> specifier -> what `cache` holds for it: a resolution depends on the folder only, so the
   * files of one folder share theirs (no path arithmetic for the imports read again).
   */
  private readonly byFolder = new Map<string, Map<string, string | null>>();
  private readonly outputsByPackage = new Map<string, { outDir: string; rootDir: string }[]>();
  readonly packages: WorkspacePackages;

  constructor(
    private readonly root: string,
    private readonly host: FileHost,
  ) {
    this.packages = new WorkspacePackages(root, host);
  }

  /** Forget everything (a tsconfig, package.json or pnpm-workspace.yaml changed). */
  reset(): void {
    this.optionsByConfig.clear();
    this.configByDir.clear();
    this.cache.clear();
    this.byFolder.clear();
    this.outputsByPackage.clear();
    this.packages.reset();
  }

  /** Forget resolutions only (files were added or removed). */
  resetResolutions(): void {
    this.cache.clear();
    this.byFolder.clear();
  }

  resolve(spec: string, fromFile: string): string | undefined {
    const dir = path.dirname(fromFile);
    let mine = this.byFolder.get(dir);
    if (!mine) this.byFolder.set(dir, (mine = new Map<string, string | null>()));
    let result = mine.get(spec);
    if (result === undefined) mine.set(spec, (result = this.resolveShared(spec, fromFile, dir) ?? null));
    return result ?? undefined;
  }

  private resolveShared(spec: string, fromFile: string, dir: string): string | undefined {
    if (!spec.startsWith('.') && !spec.startsWith('/') && spec.startsWith('drizzle-orm')) return undefined;
    // A relative specifier means one absolute path wherever it is written; an alias means the same under one tsconfig.
    const key = spec.startsWith('.') ? `\0${path.resolve(dir, spec)}` : `${this.configFor(dir) ?? ''}\0${spec}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const result = this.resolveUncached(spec, fromFile);
    this.cache.set(key, result ?? null);
    return result;
  }

  private resolveUncached(spec: string, fromFile: string): string | undefined {
    const options = this.optionsFor(path.dirname(fromFile));
    const sibling = relativeTsFile(spec, path.dirname(fromFile), options);
    if (sibling && this.host.fileExists(sibling)) return this.accept(sibling);
    const viaTypeScript = () => this.accept(ts.resolveModuleName(spec, fromFile, options, this.resolutionHost()).resolvedModule?.resolvedFileName);
    // A tsconfig `paths` alias that matches is what the project's compiler uses: it wins over the package map.
    const aliased = hasPathsMatch(options, spec);
    if (aliased) {
      const file = viaTypeScript();
      if (file) return file;
    }
    const workspace = this.packages.find(spec);
    const file = workspace && this.resolveWorkspacePackage(workspace.pkg, workspace.subpath);
    if (file) return file;
    return aliased ? undefined : viaTypeScript();
  }

  /** The source file behind a workspace package's entry point for `subpath`. */
  private resolveWorkspacePackage(pkg: WorkspacePackage, subpath: string): string | undefined {
    const outputs = this.outputsOf(pkg.dir);
    const inOutput = (file: string) => outputs.some((o) => isInside(file, o.outDir));
    for (const target of this.packages.targets(pkg, subpath)) {
      // The target as written (a source file, or `./src/x.js` meaning `x.ts`), then its source when it is build output.
      const candidates = [target];
      for (const o of outputs) if (isInside(target, o.outDir)) candidates.push(path.join(o.rootDir, path.relative(o.outDir, target)));
      for (const candidate of candidates) {
        const probe = candidate === target ? candidate : candidate.replace(OUTPUT_EXTENSION, '');
        const file = this.accept(this.probe(probe, pkg.dir));
        if (file && !(JS_FILE.test(file) && inOutput(file))) return file;
      }
    }
    return undefined;
  }

  /** A path resolved the way an import of it would be: extension swaps (`.js` -> `.ts`), index files. */
  private probe(file: string, dir: string): string | undefined {
    const from = path.join(dir, '__index_insight__.ts');
    return ts.resolveModuleName(file, from, DEFAULT_OPTIONS, this.resolutionHost()).resolvedModule?.resolvedFileName;
  }

  /** Output folders of a package and the source folder each one is built from (tsconfig outDir/rootDir, else src/). */
  private outputsOf(dir: string): { outDir: string; rootDir: string }[] {
    let outputs = this.outputsByPackage.get(dir);
    if (outputs) return outputs;
    outputs = [];
    const defaultRoot = this.host.directoryExists(path.join(dir, 'src')) ? path.join(dir, 'src') : dir;
    for (const name of ['tsconfig.json', 'tsconfig.build.json']) {
      const config = path.join(dir, name);
      if (!this.host.fileExists(config)) continue;
      const options = this.readConfig(config);
      for (const out of [options.outDir, options.declarationDir]) {
        if (out && !outputs.some((o) => o.outDir === out))
          outputs.push({ outDir: path.resolve(out), rootDir: path.resolve(options.rootDir ?? defaultRoot) });
      }
    }
    for (const name of DEFAULT_OUT_DIRS) {
      const out = path.join(dir, name);
      if (!outputs.some((o) => o.outDir === out)) outputs.push({ outDir: out, rootDir: defaultRoot });
    }
    this.outputsByPackage.set(dir, outputs);
    return outputs;
  }

  private resolutionHost(): ts.ModuleResolutionHost {
    return {
      fileExists: (p) => this.host.fileExists(p),
      readFile: (p) => this.host.readFile(p),
      directoryExists: (p) => this.host.directoryExists(p),
      realpath: (p) => this.host.realpath(p),
      getCurrentDirectory: () => this.root,
    };
  }

  /** A resolved file we can read: a source file of the workspace, not a declaration or a dependency. */
  private accept(resolved: string | undefined): string | undefined {
    if (!resolved) return undefined;
    const file = path.resolve(this.host.realpath(resolved));
    if (file.includes(`${path.sep}node_modules${path.sep}`) || !isInside(file, this.root)) return undefined;
    if (/\.d\.[cm]?ts$/.test(file)) return undefined;
    return file;
  }

  private optionsFor(dir: string): ts.CompilerOptions {
    const config = this.configFor(dir);
    if (!config) return DEFAULT_OPTIONS;
    let options = this.optionsByConfig.get(config);
    if (!options) {
      options = this.readConfig(config);
      this.optionsByConfig.set(config, options);
    }
    return options;
  }

  private configFor(dir: string): string | null {
    const cached = this.configByDir.get(dir);
    if (cached !== undefined) return cached;
    const candidate = path.join(dir, 'tsconfig.json');
    let found: string | null;
    if (this.host.fileExists(candidate)) found = candidate;
    else {
      const parent = path.dirname(dir);
      found = parent === dir || !isInside(parent, this.root) ? null : this.configFor(parent);
    }
    this.configByDir.set(dir, found);
    return found;
  }

  private readConfig(file: string): ts.CompilerOptions {
    const read = ts.readConfigFile(file, (p) => this.host.readFile(p));
    if (read.error || !read.config) return DEFAULT_OPTIONS;
    const parseHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: true,
      readDirectory: () => [],
      fileExists: (p) => this.host.fileExists(p),
      readFile: (p) => this.host.readFile(p),
    };
    const parsed = ts.parseJsonConfigFileContent(read.config, parseHost, path.dirname(file), undefined, file);
    const options = { ...parsed.options, allowJs: true, noEmit: true };
    // Old `node` resolution cannot map some aliases the bundler setting can; keep what the project says otherwise.
    if (options.moduleResolution === undefined) options.moduleResolution = ts.ModuleResolutionKind.Bundler;
    if (options.moduleResolution === ts.ModuleResolutionKind.Bundler && options.module === undefined) options.module = ts.ModuleKind.ESNext;
    return options;
  }
}

/**
 * `./schema` -> `<dir>/schema.ts`: the first file TypeScript's bundler resolution tries for a relative specifier
 * without an extension (a file before a folder, `.ts` before any other extension; `paths` never apply to a relative
 * specifier). When it exists, that is the resolution, with no call into the compiler's resolver. Undefined where
 * other settings could change the answer (module suffixes, rootDirs, another resolution mode) or the specifier
 * names a folder or has an extension.
 */
function relativeTsFile(spec: string, dir: string, options: ts.CompilerOptions): string | undefined {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return undefined;
  if (spec.endsWith('/') || path.basename(spec).includes('.')) return undefined;
  if (options.moduleResolution !== ts.ModuleResolutionKind.Bundler || options.moduleSuffixes?.length || options.rootDirs?.length) return undefined;
  return path.resolve(dir, `${spec}.ts`);
}

function hasPathsMatch(options: ts.CompilerOptions, spec: string): boolean {
  for (const key of Object.keys(options.paths ?? {})) {
    const star = key.indexOf('*');
    if (star < 0 ? key === spec : spec.startsWith(key.slice(0, star)) && spec.endsWith(key.slice(star + 1))) return true;
  }
  return false;
}
