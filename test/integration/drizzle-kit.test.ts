// The real drizzle-kit judges our migrations: after the fix, `generate` finds no schema change and `check` passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from '../helpers/tempWorkspace';
import { REPO, runFixAll, workspaceCopy } from '../helpers/fixCase';

const KIT = path.join(REPO, 'node_modules', 'drizzle-kit', 'bin.cjs');
const CASES = [
  ['seed', path.join(FIXTURES, 'deep-scan')],
  ['object-form', path.join(FIXTURES, 'fix', 'object-form', 'workspace')],
  ['no-extra-inline', path.join(FIXTURES, 'fix', 'no-extra-inline', 'workspace')],
  ['prettier-namespace (timestamp prefix)', path.join(FIXTURES, 'fix', 'prettier-namespace', 'workspace')],
];

function kit(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [KIT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('drizzle-kit accepts the migration', () => {
  for (const [name, src] of CASES) {
    it(name, () => {
      const root = workspaceCopy(src);
      try {
        const { result } = runFixAll(root, 'index_insight');
        assert.ok(result.ok, result.ok ? '' : result.error);
        const gen = kit(root, 'generate');
        assert.equal(gen.code, 0, gen.out);
        assert.match(gen.out, /No schema changes, nothing to migrate/);
        const check = kit(root, 'check');
        assert.equal(check.code, 0, check.out);
        assert.match(check.out, /Everything's fine/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('control: the schema edit alone, without our snapshot, makes drizzle-kit generate the index again', () => {
    const root = workspaceCopy(path.join(FIXTURES, 'deep-scan'));
    try {
      const { result } = runFixAll(root, 'index_insight');
      assert.ok(result.ok);
      fs.rmSync(path.join(root, 'drizzle/meta/0001_snapshot.json'));
      const journalPath = path.join(root, 'drizzle/meta/_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
      journal.entries.pop();
      fs.writeFileSync(journalPath, JSON.stringify(journal, null, 2));
      fs.rmSync(path.join(root, 'drizzle/0001_index_insight.sql'));
      const gen = kit(root, 'generate', '--name', 'again');
      assert.equal(gen.code, 0, gen.out);
      const written = fs.readFileSync(path.join(root, 'drizzle/0001_again.sql'), 'utf8');
      assert.match(written, /CREATE INDEX "deep_scan_v2_runs_user_id_status_idx"/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
