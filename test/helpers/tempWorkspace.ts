// Copies a fixture into a fresh temporary folder so a test may edit it freely.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function copyFixture(fixture: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `index-insight-${path.basename(fixture)}-`));
  fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
