// DATABASE_URL from the workspace's .env files (trusted workspaces only; the caller decides), read with the
// `dotenv` parser (quotes, `export`, comments, multi-line values). The first file that defines it wins, in the order
// Next.js and Vite load them in development: `.env.development.local`, `.env.local`, `.env.development`, `.env`.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';

const FILES = ['.env.development.local', '.env.local', '.env.development', '.env'];

/** `$VAR` or `${VAR}` (not `\$`): expanded by dotenv-expand at run time, which we do not imitate. */
const VARIABLE = /(?<!\\)\$(?:\{|[A-Za-z_])/;

export function databaseUrlFromEnvFiles(root: string): string | undefined {
  for (const name of FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    const values = parse(text);
    if (!('DATABASE_URL' in values)) continue;
    // The file that defines it decides: an unusable value there means no URL, not a lower file's.
    const url = values.DATABASE_URL.trim();
    return url && !VARIABLE.test(url) ? url : undefined;
  }
  return undefined;
}
