// Runs the "all findings" fix on a copy of a fixture workspace with a fixed clock and ids.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectProposals } from '../../server/src/analysis/workspace/collectProposals';
import { type PlanResult } from '../../server/src/analysis/fix/edits';
import { planFix } from '../../server/src/analysis/fix/planFix';
import { Project } from '../../server/src/analysis/workspace/project';
import { type WriteResult, applyPlanToDisk } from '../../server/src/node/applyPlan';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXTURES } from './tempWorkspace';

export const FIXED_NOW = new Date('2026-11-25T15:00:00.000Z');
export const REPO = path.join(__dirname, '..', '..');

export function sequentialIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/** A temp copy of the workspace, with the repo's node_modules linked so drizzle-kit and drizzle-orm resolve. */
export function workspaceCopy(src: string, nodeModules = path.join(REPO, 'node_modules')): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-fix-'));
  fs.cpSync(src, dir, { recursive: true });
  fs.symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** drizzle-kit and drizzle-orm 1.0 release candidates (installed by .ci/run with `npm ci --prefix test/kit-rc`). */
export const KIT_RC_MODULES = path.join(REPO, 'test', 'kit-rc', 'node_modules');

export function runFixAll(root: string, name = 'fix'): { result: PlanResult; written: string[] } {
  const project = new Project(root, new NodeFileHost());
  const folded = collectProposals(project);
  const result = planFix(project, {
    add: folded.map((f) => ({ table: f.table, proposal: f.proposal })),
    name,
    now: FIXED_NOW,
    newId: sequentialIds(),
  });
  const written = result.ok ? writtenPaths(applyPlanToDisk(result.plan)) : [];
  return { result, written };
}

/** The paths a write put on disk; a failed write throws its code and message. */
export function writtenPaths(r: WriteResult): string[] {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.written;
}

/** The fix baselines: the seed, and each test/fixtures/fix/<case> holding a workspace. */
export const FIX_CASES: { name: string; workspace: string }[] = [
  { name: 'seed', workspace: path.join(FIXTURES, 'deep-scan') },
  ...fs
    .readdirSync(path.join(FIXTURES, 'fix'))
    .filter((d) => fs.existsSync(path.join(FIXTURES, 'fix', d, 'workspace')))
    .map((d) => ({ name: d, workspace: path.join(FIXTURES, 'fix', d, 'workspace') })),
];
