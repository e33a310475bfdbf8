// Temporary workspaces a test may edit freely: a copy of a fixture, or files written from strings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Copies a fixture into a fresh temporary folder (or into `into`, created if missing), leaving out the files
 * `without` names (paths relative to the fixture); returns the folder.
 */
export function copyFixture(fixture: string, { into, without = [] }: { into?: string; without?: string[] } = {}): string {
  const dir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), `index-insight-${path.basename(fixture)}-`));
  const left = new Set(without.map((rel) => path.join(fixture, rel)));
  fs.cpSync(fixture, dir, { recursive: true, filter: (source) => !left.has(source) });
  return dir;
}

/** A fresh temporary folder holding `files` (paths relative to it, sub-folders created as needed). */
export function writeWorkspace(files: Record<string, string>, label = 'workspace'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `index-insight-${label}-`));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
