// Temporary workspaces a test may edit freely: a copy of a fixture, or files written from strings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function copyFixture(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `index-insight-${path.basename(fixture)}-`));
  fs.cpSync(fixture, dir, { recursive: true });
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
