// Resolves import specifiers to workspace files with TypeScript's own resolver and the nearest tsconfig
// (so `paths` aliases, `baseUrl`, index files and `.js` -> `.ts` mapping behave as the compiler does).
import path from 'node:path';
import ts from 'typescript';
import type { FileHost } from '../host/fileHost';

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowJs: true,
  resolveJsonModule: false,
};

export class ModuleResolver {
  private readonly optionsByConfig = new Map<string, ts.CompilerOptions>();
  private readonly configByDir = new Map<string, string | null>();
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly root: string, private readonly host: FileHost) {}

  /** Forget everything (a tsconfig changed). */
  reset(): void {
    this.optionsByConfig.clear();
    this.configByDir.clear();
    this.cache.clear();
  }

  /** Forget resolutions only (files were added or removed). */
  resetResolutions(): void {
    this.cache.clear();
  }

  resolve(spec: string, fromFile: string): string | undefined {
    if (!spec.startsWith('.') && !spec.startsWith('/') && spec.startsWith('drizzle-orm')) return undefined;
    const dir = path.dirname(fromFile);
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
    const host: ts.ModuleResolutionHost = {
      fileExists: (p) => this.host.fileExists(p),
      readFile: (p) => this.host.readFile(p),
      directoryExists: (p) => this.host.directoryExists(p),
      realpath: (p) => this.host.realpath(p),
      getCurrentDirectory: () => this.root,
    };
    const resolved = ts.resolveModuleName(spec, fromFile, options, host).resolvedModule;
    if (!resolved) return undefined;
    const file = path.resolve(this.host.realpath(resolved.resolvedFileName));
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

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
