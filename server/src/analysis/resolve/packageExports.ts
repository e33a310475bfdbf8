// A package.json's entry points for one subpath, as Node and bundlers read them: `exports` (a string, a subpath
// map, nested conditions, `./*` patterns), else `types`/`typings`/`module`/`main`. Pure: package.json in, paths out.

export interface PackageManifest {
  name?: unknown;
  exports?: unknown;
  types?: unknown;
  typings?: unknown;
  module?: unknown;
  main?: unknown;
  scripts?: unknown;
  workspaces?: unknown;
}

/** Conditions a server build never takes; every other one is a candidate, in the order the package lists them. */
const SKIPPED_CONDITIONS = new Set(['browser', 'react-native', 'worker', 'deno']);

/**
 * Targets for `subpath` ('.' or './x'), relative to the package folder, most preferred first. `undefined` when
 * the package has no `exports` (the caller then reads the subpath as a path); an empty list when `exports` does
 * not export it.
 */
export function exportTargets(manifest: PackageManifest, subpath: string): string[] | undefined {
  const exports = manifest.exports;
  if (exports === undefined || exports === null) return undefined;
  const map = subpathMap(exports);
  const exact = map.get(subpath);
  if (exact !== undefined) return leaves(exact, null);
  // `./*` patterns: the longest prefix before the star wins, as in Node.
  let best: { key: string; star: string } | undefined;
  for (const key of map.keys()) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!subpath.startsWith(prefix) || !subpath.endsWith(suffix) || subpath.length < key.length - 1) continue;
    if (!best || prefix.length > best.key.indexOf('*')) best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  return best ? leaves(map.get(best.key), best.star) : [];
}

/** The targets a package's main entry names when it has no `exports`. */
export function mainTargets(manifest: PackageManifest): string[] {
  return [manifest.types, manifest.typings, manifest.module, manifest.main].filter((v): v is string => typeof v === 'string');
}

function subpathMap(exports: unknown): Map<string, unknown> {
  if (typeof exports === 'object' && !Array.isArray(exports)) {
    const entries = Object.entries(exports as Record<string, unknown>);
    if (entries.some(([k]) => k.startsWith('.'))) return new Map(entries.filter(([k]) => k.startsWith('.')));
  }
  // A string, an array or a conditions object: the package's main entry.
  return new Map([['.', exports]]);
}

function leaves(value: unknown, star: string | null): string[] {
  if (typeof value === 'string') return [star === null ? value : value.split('*').join(star)];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, star));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([condition, v]) => (SKIPPED_CONDITIONS.has(condition) ? [] : leaves(v, star)));
  }
  return [];
}

/** `@acme/db/schema` -> { name: '@acme/db', subpath: './schema' }; undefined for a relative or absolute path. */
export function splitSpecifier(spec: string): { name: string; subpath: string } | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.includes(':')) return undefined;
  const parts = spec.split('/');
  const count = spec.startsWith('@') ? 2 : 1;
  if (parts.length < count || parts.slice(0, count).some((p) => p === '')) return undefined;
  const rest = parts.slice(count).join('/');
  return { name: parts.slice(0, count).join('/'), subpath: rest ? `./${rest}` : '.' };
}
