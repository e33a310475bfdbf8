// Which drizzle configs a package's scripts run, and from which folder: `"db:generate": "drizzle-kit generate
// --config server/db/drizzle.config.ts"` runs drizzle-kit in the package's folder, so the config's relative paths
// are read from there. Pure: scripts in, absolute paths out.
import path from 'node:path';

export interface DrizzleKitRun {
  /** The config file the script passes (absolute). */
  config: string;
  /** The folder drizzle-kit runs in (the package's folder, or where a `cd` before it went). */
  cwd: string;
}

export function drizzleKitRuns(scripts: unknown, packageDir: string): DrizzleKitRun[] {
  if (!scripts || typeof scripts !== 'object') return [];
  const runs: DrizzleKitRun[] = [];
  for (const script of Object.values(scripts as Record<string, unknown>)) {
    if (typeof script !== 'string' || !script.includes('drizzle-kit')) continue;
    let cwd = packageDir;
    for (const command of script.split(/&&|\|\||;|\|/)) {
      const words = command.trim().split(/\s+/).map(unquote);
      if (words[0] === 'cd' && words[1]) {
        cwd = path.resolve(cwd, words[1]);
        continue;
      }
      if (!words.some((w) => w === 'drizzle-kit' || w.endsWith('/drizzle-kit'))) continue;
      const config = configArgument(words);
      if (config) runs.push({ config: path.resolve(cwd, config), cwd });
    }
  }
  return runs;
}

function configArgument(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--config=')) return unquote(w.slice('--config='.length)) || undefined;
    if (w === '--config' && words[i + 1] && !words[i + 1].startsWith('-')) return words[i + 1];
  }
  return undefined;
}

function unquote(word: string): string {
  return word.replace(/^(['"])(.*)\1$/, '$2');
}
