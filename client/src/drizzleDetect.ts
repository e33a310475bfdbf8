// Whether a workspace uses Drizzle ORM: a drizzle config, or a package.json that depends on drizzle-orm.
// Pure (no VS Code types) so the rule is tested on its own; drizzleWorkspace.ts applies it to the workspace.

export const DRIZZLE_CONFIG_GLOB = '**/drizzle.config.{ts,js,mjs,cjs,mts,cts,json}';
export const PACKAGE_JSON_GLOB = '**/package.json';
/** Folders never searched: installed packages depend on drizzle-orm without the workspace using it. */
export const EXCLUDE_GLOB = '**/{node_modules,.git,dist,build,out,.next}/**';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** True when the package.json text declares drizzle-orm in any dependency field; false for unreadable JSON. */
export function dependsOnDrizzle(packageJsonText: string): boolean {
  let pkg: unknown;
  try {
    pkg = JSON.parse(packageJsonText);
  } catch {
    return false;
  }
  if (!pkg || typeof pkg !== 'object') return false;
  return DEPENDENCY_FIELDS.some((field) => {
    const deps = (pkg as Record<string, unknown>)[field];
    return !!deps && typeof deps === 'object' && Object.prototype.hasOwnProperty.call(deps, 'drizzle-orm');
  });
}
