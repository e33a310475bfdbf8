// Reads drizzle.config.* statically (it is never executed): schema paths, migrations folder, casing, prefix.
import path from 'node:path';
import picomatch from 'picomatch';
import ts from 'typescript';
import { parseSource } from './summarizeFile';
import { propertyName, stringOf, unwrap } from './syntax';
import { isInside } from '../host/paths';

export const DRIZZLE_CONFIG = /(?:^|[\\/])drizzle\.config\.(?:[cm]?[jt]s|json)$/;

export interface DrizzleConfig {
  file: string;
  /** The config's own folder. */
  dir: string;
  /**
   * The folder drizzle-kit runs in, which relative `schema` and `out` paths are read from: the package whose script
   * passes `--config path/to/drizzle.config.ts`, or the config's own folder (see `placeConfig`).
   */
  baseDir: string;
  dialect: string | null;
  /** Schema paths or globs, relative to `baseDir`. */
  schema: string[];
  /** Migrations folder as written (default `drizzle`). */
  outSpec: string;
  /** Migrations folder, absolute. */
  out: string;
  casing: string | null;
  prefix: string | null;
  /**
   * Set when `out` is not a literal: the environment variable it is read from (with the literal after `??`/`||`,
   * if any), or the source of a value that cannot be known without running the config. `out` then holds the
   * default, which a writer must not trust.
   */
  outFrom?: { env: string; fallback: string | null } | { expression: string };
  /** Problems reading the file (shown to the user as warnings; defaults were used). */
  problems: string[];
  /** What the config names but the workspace lacks (the CLI prints them; the editor logs them). */
  notes: string[];
  /** `out` was written in the config (a missing default folder just means the push workflow). */
  outWritten: boolean;
}

/** A config for another database (`dialect: 'mysql'`, `'sqlite'`, ...) is not ours to read or write into. */
export function isPostgresConfig(c: DrizzleConfig): boolean {
  return c.dialect === null || c.dialect === 'postgresql' || c.dialect === 'postgres';
}

export function readDrizzleConfig(file: string, text: string): DrizzleConfig {
  const dir = path.dirname(file);
  const config: DrizzleConfig = {
    file,
    dir,
    baseDir: dir,
    dialect: null,
    schema: [],
    outSpec: 'drizzle',
    out: path.join(dir, 'drizzle'),
    casing: null,
    prefix: null,
    problems: [],
    notes: [],
    outWritten: false,
  };
  const parsed = file.endsWith('.json') ? { obj: jsonObject(text, config) } : configObject(file, text);
  const obj = parsed.obj;
  if (!obj) {
    config.problems.push('no configuration object found; using defaults (out: ./drizzle)');
    return config;
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'dialect' && typeof value === 'string') config.dialect = value;
    else if (key === 'schema') config.schema = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    else if (key === 'out' && typeof value === 'string') {
      config.outSpec = value;
      config.outWritten = true;
      config.out = path.resolve(dir, value);
    } else if (key === 'casing' && typeof value === 'string') config.casing = value;
    else if (key === 'migrations' && value && typeof value === 'object' && !Array.isArray(value)) {
      const prefix = (value as Record<string, unknown>).prefix;
      if (typeof prefix === 'string') config.prefix = prefix;
    }
  }
  if ('outNode' in parsed && parsed.outNode && typeof obj.out !== 'string') {
    config.outFrom = outSource(parsed.outNode, parsed.sf);
    config.outWritten = true;
    if ('fallback' in config.outFrom && config.outFrom.fallback !== null) {
      config.outSpec = config.outFrom.fallback;
      config.out = path.resolve(dir, config.outFrom.fallback);
    }
  }
  return config;
}

/** `process.env.OUT_DIR`, `process.env['OUT_DIR']!`, `process.env.OUT_DIR ?? './drizzle'`; anything else: its source. */
function outSource(node: ts.Expression, sf: ts.SourceFile): NonNullable<DrizzleConfig['outFrom']> {
  const n = unwrap(node);
  const envName = (e: ts.Expression): string | undefined => {
    const x = unwrap(e);
    const base = ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) ? unwrap(x.expression) : undefined;
    if (!base || !ts.isPropertyAccessExpression(base) || base.getText(sf) !== 'process.env') return undefined;
    if (ts.isPropertyAccessExpression(x)) return x.name.text;
    return ts.isElementAccessExpression(x) ? stringOf(unwrap(x.argumentExpression)) : undefined;
  };
  const direct = envName(n);
  if (direct) return { env: direct, fallback: null };
  if (
    ts.isBinaryExpression(n) &&
    (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    const env = envName(n.left);
    const fallback = stringOf(unwrap(n.right));
    if (env && fallback !== undefined) return { env, fallback };
  }
  return { expression: n.getText(sf) };
}

function jsonObject(text: string, config: DrizzleConfig): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch (e) {
    config.problems.push(`invalid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** `export default defineConfig({...})`, `export default {...}`, `module.exports = ...`, or via a const. */
function configObject(file: string, text: string): { obj: Record<string, unknown> | undefined; outNode?: ts.Expression; sf: ts.SourceFile } {
  const sf = parseSource(file, text);
  const consts = new Map<string, ts.Expression>();
  let target: ts.Expression | undefined;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    } else if (ts.isExportAssignment(st)) target = st.expression;
    else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.left.getText(sf) === 'module.exports') {
      target = st.expression.right;
    }
  }
  const objectOf = (e: ts.Expression | undefined, depth = 0): ts.ObjectLiteralExpression | undefined => {
    if (!e || depth > 4) return undefined;
    const n = unwrap(e);
    if (ts.isObjectLiteralExpression(n)) return n;
    if (ts.isCallExpression(n)) return objectOf(n.arguments[0], depth + 1);
    if (ts.isIdentifier(n)) return objectOf(consts.get(n.text), depth + 1);
    return undefined;
  };
  const obj = objectOf(target);
  if (!obj) return { obj: undefined, sf };
  const outProp = obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'out');
  return { obj: staticValue(obj) as Record<string, unknown>, outNode: outProp?.initializer, sf };
}

/** Literal values only; anything computed (env variables, calls) becomes undefined. */
function staticValue(node: ts.Expression): unknown {
  const n = unwrap(node);
  const s = stringOf(n);
  if (s !== undefined) return s;
  if (ts.isArrayLiteralExpression(n)) return n.elements.map(staticValue);
  if (ts.isObjectLiteralExpression(n)) {
    const out: Record<string, unknown> = {};
    for (const p of n.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propertyName(p.name);
      if (key !== undefined) out[key] = staticValue(p.initializer);
    }
    return out;
  }
  if (n.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (n.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

export interface PlacementProbe {
  /** A file or folder exists. */
  exists(file: string): boolean;
  /** Some workspace file matches a glob (absolute, `/`-separated). */
  globMatches(pattern: string): boolean;
}

/**
 * Reads the config's relative `schema` and `out` from the folder drizzle-kit runs in. `runDirs` are the folders
 * whose package scripts pass this config with `--config`; the config's own folder is the other candidate
 * (`drizzle-kit generate` run beside it). The first candidate where the schema and the migrations folder both
 * exist wins, else the one where more of them exist; when neither exists anywhere, a problem says so.
 */
export function placeConfig(config: DrizzleConfig, runDirs: string[], probe: PlacementProbe): DrizzleConfig {
  const candidates = [...new Set([...runDirs, config.dir])];
  const schemaFound = (base: string) => config.schema.length > 0 && config.schema.every((p) => schemaPatternExists(p, base, probe));
  const outFound = (base: string) => probe.exists(path.resolve(base, config.outSpec));
  let best = candidates[0];
  let bestScore = -1;
  for (const base of candidates) {
    const score = (schemaFound(base) ? 2 : 0) + (outFound(base) ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [base, score];
  }
  const placed: DrizzleConfig = { ...config, baseDir: best, out: path.resolve(best, config.outSpec), notes: [...config.notes] };
  const where = candidates.map((c) => path.relative(config.dir, c) || '.').join("' or '");
  if (config.schema.length > 0 && !schemaFound(best)) {
    placed.notes.push(
      `schema ${config.schema.map((p) => `'${p}'`).join(', ')} not found relative to '${where}' (the folders drizzle-kit may run in); tables are found by reading the whole workspace`,
    );
  }
  if (config.outWritten && !outFound(best)) {
    placed.notes.push(`migrations folder '${config.outSpec}' not found relative to '${where}'; indexes written only in migration SQL are not known`);
  }
  return placed;
}

function schemaPatternExists(pattern: string, base: string, probe: PlacementProbe): boolean {
  const abs = path.resolve(base, pattern);
  if (picomatch.scan(pattern).isGlob) return probe.globMatches(abs.split(path.sep).join('/'));
  return probe.exists(abs);
}

/** Whether `file` is one of the config's schema files (a path, a folder meaning its files, or a glob). */
export function configIncludes(config: DrizzleConfig, file: string): boolean {
  return schemaMatcher(config)(file);
}

/** Compiled once per config: this runs for every file of large workspaces. */
const matchers = new WeakMap<DrizzleConfig, (file: string) => boolean>();

function schemaMatcher(config: DrizzleConfig): (file: string) => boolean {
  let matcher = matchers.get(config);
  if (matcher) return matcher;
  const exact = new Set(config.schema.map((pattern) => path.resolve(config.baseDir, pattern)));
  const globs = config.schema.map((pattern) => picomatch(pattern.replace(/^\.\//, '')));
  matcher = (file: string) => {
    if (exact.has(file) || exact.has(path.dirname(file))) return true;
    if (!isInside(file, config.baseDir) && !config.schema.some((p) => p.startsWith('..'))) return false;
    const rel = path.relative(config.baseDir, file).split(path.sep).join('/');
    return globs.some((m) => m(rel));
  };
  matchers.set(config, matcher);
  return matcher;
}

/**
 * The config a schema file belongs to: one whose schema names it, else the one run from the deepest folder that
 * holds it (each package of a monorepo keeps its own config), else the only one.
 */
export function configFor(configs: DrizzleConfig[], schemaFile: string): DrizzleConfig | undefined {
  const named = configs.find((c) => configIncludes(c, schemaFile));
  if (named) return named;
  let best: DrizzleConfig | undefined;
  for (const c of configs) {
    if (!isInside(schemaFile, c.baseDir)) continue;
    if (!best || c.baseDir.length > best.baseDir.length) best = c;
  }
  return best ?? (configs.length === 1 ? configs[0] : undefined);
}
