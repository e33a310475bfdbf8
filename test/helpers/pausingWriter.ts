// Run as a process: plans the fix of the workspace in argv[2] and writes it, pausing for a minute just before
// write step argv[3] (after printing "paused"), so that a test can kill -9 it there.
import { planFix } from '../../server/src/analysis/fix/planFix';
import { collectProposals } from '../../server/src/analysis/workspace/collectProposals';
import { Project } from '../../server/src/analysis/workspace/project';
import { applyPlanToDisk } from '../../server/src/node/applyPlan';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXED_NOW, sequentialIds, writtenPaths } from './fixCase';
import { FaultyFs } from './faultyFs';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';

const [root, pauseAt] = [process.argv[2], Number(process.argv[3])];

async function main(): Promise<void> {
  // Partial-index predicates and migration SQL are read with PostgreSQL's parser (WebAssembly, loaded once).
  await loadSqlParser();
  const project = new Project(root, new NodeFileHost());
  const result = planFix(project, {
    add: collectProposals(project).map((f) => ({ table: f.table, proposal: f.proposal })),
    name: 'fix',
    now: FIXED_NOW,
    newId: sequentialIds(),
  });
  if (!result.ok) throw new Error(result.message);

  class PausingFs extends FaultyFs {
    constructor() {
      super();
      for (const op of ['createFile', 'link', 'rename', 'unlink', 'mkdir', 'rmdir'] as const) {
        const inner = this[op] as (...a: unknown[]) => void;
        (this as Record<string, unknown>)[op] = (...a: unknown[]) => {
          if (this.steps.length + 1 === pauseAt) {
            process.stdout.write('paused\n');
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
          }
          inner(...a);
        };
      }
    }
  }

  writtenPaths(applyPlanToDisk(result.plan, { fs: new PausingFs() }));
  process.stdout.write('done\n');
}

void main();
