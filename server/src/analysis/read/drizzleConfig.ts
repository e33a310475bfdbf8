// Reads drizzle.config.* statically (it is never executed): schema paths, migrations folder, casing, prefix.
import path from 'node:path';
import picomatch from 'picomatch';
import ts from 'typescript';
import { parseSource } from './summarizeFile';
import { propertyName, stringOf, unwrap } from './syntax';

export const DRIZZLE_CONFIG = /(?:^|[\\/])drizzle\.config\.(?:[cm]?[jt]s|json)$/;

export interface DrizzleConfig {
  file: string;
  dir: string;
  dialect: string | null;
  /** Schema paths or globs, relative to the config's folder. */
  schema: string[];
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
  /** Problems reading the file (shown to the user; defaults were used). */
  problems: string[];
}

export function readDrizzleConfig(file: string, text: string): DrizzleConfig {
  const dir = path.dirname(file);
  const config: DrizzleConfig = { file, dir, dialect: null, schema: [], out: path.join(dir, 'drizzle'), casing: null, prefix: null, problems: [] };
  const parsed = file.endsWith('.json') ? { obj: jsonObject(text, config) } : configObject(file, text);
  const obj = parsed.obj;
  if (!obj) {
    config.problems.push('no configuration object found; using defaults (out: ./drizzle)');
    return config;
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'dialect' && typeof value === 'string') config.dialect = value;
    else if (key === 'schema') config.schema = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    else if (key === 'out' && typeof value === 'string') config.out = path.resolve(dir, value);
    else if (key === 'casing' && typeof value === 'string') config.casing = value;
    else if (key === 'migrations' && value && typeof value === 'object' && !Array.isArray(value)) {
      const prefix = (value as Record<string, unknown>).prefix;
      if (typeof prefix === 'string') config.prefix = prefix;
    }
  }
  if ('outNode' in parsed && parsed.outNode && typeof obj.out !== 'string') {
    config.outFrom = outSource(parsed.outNode, parsed.sf);
    if ('fallback' in config.outFrom && config.outFrom.fallback !== null) config.out = path.resolve(dir, config.outFrom.fallback);
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
  if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
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

/** Whether `file` is one of the config's schema files (a path, a folder meaning its files, or a glob). */
export function configIncludes(config: DrizzleConfig, file: string): boolean {
  return config.schema.some((pattern) => {
    const abs = path.resolve(config.dir, pattern);
    if (abs === file || path.dirname(file) === abs) return true;
    const rel = path.relative(config.dir, file).split(path.sep).join('/');
    return picomatch(pattern.replace(/^\.\//, ''))(rel);
  });
}

/** The config whose schema holds `schemaFile`; with a single config, that one. */
export function configFor(configs: DrizzleConfig[], schemaFile: string): DrizzleConfig | undefined {
  return configs.find((c) => configIncludes(c, schemaFile)) ?? (configs.length === 1 ? configs[0] : undefined);
}
