// DATABASE_URL from the workspace's .env files (trusted workspaces only; the caller decides).
import fs from 'node:fs';
import path from 'node:path';

const FILES = ['.env.local', '.env.development.local', '.env.development', '.env'];

export function databaseUrlFromEnvFiles(root: string): string | undefined {
  for (const name of FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?DATABASE_URL\s*=\s*(.*)$/.exec(line);
      if (!m) continue;
      let v = m[1].trim();
      if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
      else v = v.replace(/\s+#.*$/, '');
      if (v && !v.includes('${')) return v;
    }
  }
  return undefined;
}
