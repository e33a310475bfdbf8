// The grep estimate of query sites a corpus table compares with: what a reader would count by hand.
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { IGNORED_DIRS } from '../../../server/src/node/nodeHost';
import { makeExclude } from '../../../server/src/analysis/workspace/excludeFiles';

/**
 * Counted: `.where(` (query-builder filter) and `where:` (relational-query filter, also nested inside
 * `with: { x: { where: ... } }`), whitespace allowed before `(` and `:`. Left out: a partial index's predicate,
 * i.e. a `.where(` that continues an `index(...)` / `uniqueIndex(...)` chain (no `;` in between). Comments and
 * strings are not told apart: this is an estimate.
 */
const WHERE_CALL = /\.where\s*\(/g;
const WHERE_KEY = /\bwhere\s*:/g;
const INDEX_CALL = /\b(?:uniqueIndex|index)\s*\(/g;
const LOOK_BACK = 600;

export function countWhereOccurrences(text: string): { call: number; key: number; partialIndex: number } {
  let call = 0;
  let partialIndex = 0;
  for (const m of text.matchAll(WHERE_CALL)) {
    if (continuesIndexChain(text.slice(Math.max(0, m.index - LOOK_BACK), m.index))) partialIndex++;
    else call++;
  }
  return { call, key: text.match(WHERE_KEY)?.length ?? 0, partialIndex };
}

function continuesIndexChain(before: string): boolean {
  const last = [...before.matchAll(INDEX_CALL)].at(-1);
  if (!last) return false;
  const chain = before.slice(last.index);
  return !/[;]|\.from\s*\(|\b(?:update|delete|select|insert)\s*\(/.test(chain);
}

/** The same files the analyzer reads: TS/JS sources, no declaration files, the analyzer's ignored folders left out. */
export const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const DECLARATION = /\.d\.[cm]?ts$/;

/** Test code: a tests/e2e/spec/fixtures folder, or a `*.test.*` / `*.spec.*` file. Paths are relative, `/`-separated. */
const TEST_DIR = /(^|\/)(__tests__|__mocks__|__fixtures__|tests?|e2e|specs?|fixtures|testing)\//;
const TEST_FILE = /\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$/;

export function isTestPath(rel: string): boolean {
  return TEST_DIR.test(rel) || TEST_FILE.test(rel);
}

/** The analyzer's default `exclude`, on paths from the root `/` (so a relative path is matched as it is). */
const excluded = makeExclude('/', undefined);

/**
 * Code the analyzer does not report by default (tests, and the one-off scripts, seeds and backfills of its default
 * `exclude`): left out of the comparison, since grep would count what the CLI deliberately leaves alone.
 */
export function isOutOfScope(rel: string): boolean {
  return isTestPath(rel) || excluded('/' + rel);
}

export interface GrepEstimate {
  files: number;
  call: number;
  key: number;
  /** `.where(` of partial indexes, left out of `call`. */
  partialIndex: number;
  /** Per file (relative path): occurrences, for the files that have any. */
  perFile: Map<string, number>;
}

export function grepEstimate(root: string, includeTests: boolean): GrepEstimate {
  const files = fg.sync(SOURCE_GLOB, {
    cwd: root,
    dot: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: IGNORED_DIRS.map((d) => `**/${d}/**`),
  });
  const result: GrepEstimate = { files: 0, call: 0, key: 0, partialIndex: 0, perFile: new Map() };
  for (const rel of files) {
    if (DECLARATION.test(rel) || (!includeTests && isOutOfScope(rel))) continue;
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, rel), 'utf8');
    } catch {
      continue;
    }
    result.files++;
    const n = countWhereOccurrences(text);
    result.call += n.call;
    result.key += n.key;
    result.partialIndex += n.partialIndex;
    if (n.call + n.key > 0) result.perFile.set(rel, n.call + n.key);
  }
  return result;
}
