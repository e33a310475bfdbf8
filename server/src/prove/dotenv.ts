// DATABASE_URL from the workspace's .env files (trusted workspaces only; the caller decides), read with the
// `dotenv` parser (quotes, `export`, comments, multi-line values), in the order frameworks give them precedence.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';

const FILES = ['.env.local', '.env.development.local', '.env.development', '.env'];

export function databaseUrlFromEnvFiles(root: string): string | undefined {
  for (const name of FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    const url = parse(text).DATABASE_URL?.trim();
    // `${OTHER}` is expanded by dotenv-expand at run time, which we do not imitate: no URL rather than a wrong one.
    if (url && !url.includes('${')) return url;
  }
  return undefined;
}
