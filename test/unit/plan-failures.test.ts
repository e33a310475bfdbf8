// Every way planning a fix is expected to fail has a code (what callers branch on) and the message the user reads;
// a migration's failure leaves the schema edit alone possible, the others do not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { FixRequest } from '../../server/src/analysis/fix/fixContext';
import { type PlanFailureCode, isMigrationFailure } from '../../server/src/analysis/fix/planFailure';
import { planFix } from '../../server/src/analysis/fix/planFix';
import { type MigrationFolderFailureCode, readMigrationFolder } from '../../server/src/analysis/schema/migrations/readMigrationsFolder';
import { loadSqlParser } from '../../server/src/analysis/schema/migrations/sqlParser';
import { collectProposals } from '../../server/src/analysis/workspace/collectProposals';
import { Project } from '../../server/src/analysis/workspace/project';
import { NodeFileHost } from '../../server/src/node/nodeHost';
import { FIXED_NOW, sequentialIds } from '../helpers/fixCase';
import { MemoryHost } from '../helpers/memoryHost';
import { FIXTURES, copyFixture } from '../helpers/tempWorkspace';

before(() => loadSqlParser());

const SEED = path.join(FIXTURES, 'deep-scan');
const V1 = path.join(FIXTURES, 'fix', 'v1-layout', 'workspace');

type Request = Omit<FixRequest, 'now' | 'newId'>;

interface Case {
  name: string;
  workspace: string;
  prepare?: (root: string) => void;
  /** The request to plan; by default every proposal of the workspace. */
  request?: (project: Project) => Request;
  code: PlanFailureCode;
  message: RegExp;
}

const edit = (file: string, from: string | RegExp, to: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
const runs = (project: Project) => project.schema().tables.find((t) => t.name === 'deep_scan_v2_runs')!;

const UNKNOWN_NAME = path.join(FIXTURES, 'analysis', 'table-name-unknown');

const CASES: Case[] = [
  {
    name: 'a table whose SQL name has a part that could not be read',
    workspace: UNKNOWN_NAME,
    code: 'table-name-unknown',
    message:
      /^the SQL name of table \{audit\} is built from a value that Index Insight could not read, so nothing was written: add the index by hand$/,
  },
  { name: 'nothing to add or remove', workspace: SEED, request: () => ({ add: [] }), code: 'nothing-to-do', message: /^nothing to do$/ },
  {
    name: 'a new index named like an existing one',
    workspace: SEED,
    request: (project) => {
      const [first] = collectProposals(project);
      return { add: [{ table: first.table, proposal: { ...first.proposal, name: 'user_idx' } }] };
    },
    code: 'name-clash',
    message: /^an index named user_idx already exists on deep_scan_v2_runs \(index names are unique per PostgreSQL schema\)$/,
  },
  {
    name: 'an index to remove that the schema source does not declare',
    workspace: SEED,
    request: (project) => {
      const table = runs(project);
      return { add: [], remove: [{ table, index: { ...table.indexes.find((i) => i.name === 'user_idx')!, span: null } }] };
    },
    code: 'index-not-in-source',
    message: /^index user_idx is not declared in the schema source$/,
  },
  {
    name: '`out` from an unset environment variable',
    workspace: SEED,
    prepare: (root) => edit(path.join(root, 'drizzle.config.ts'), "out: './drizzle'", 'out: process.env.INDEX_INSIGHT_UNSET_OUT!'),
    code: 'migration-blocked',
    message:
      /^No migration can be written, so nothing was written: `out` in drizzle\.config\.ts is read from the environment variable INDEX_INSIGHT_UNSET_OUT, which is not set here\.$/,
  },
  {
    name: 'a journal entry whose file is missing',
    workspace: SEED,
    prepare: (root) => fs.rmSync(path.join(root, 'drizzle/0000_init.sql')),
    code: 'migrations-folder-inconsistent',
    message: /^The migrations folder is inconsistent, so nothing was written: 0000_init\.sql is listed in the journal but missing\.$/,
  },
  {
    name: 'a file the migration would create exists already',
    workspace: SEED,
    prepare: (root) => fs.writeFileSync(path.join(root, 'drizzle/0001_fix.down.sql'), '-- mine\n'),
    code: 'migration-file-exists',
    message: /^drizzle\/0001_fix\.down\.sql already exists; a migration never overwrites a file$/,
  },
  {
    name: 'the last snapshot lacks the table',
    workspace: SEED,
    prepare: (root) => edit(path.join(root, 'drizzle/meta/0000_snapshot.json'), /"public\.deep_scan_v2_runs"/g, '"public.elsewhere"'),
    code: 'snapshot-mismatch',
    message: /^The last snapshot does not match the schema, so nothing was written: table public\.deep_scan_v2_runs is not in the last snapshot/,
  },
  {
    name: '1.0 layout: the last snapshot is not valid JSON',
    workspace: V1,
    prepare: (root) => fs.writeFileSync(path.join(root, 'drizzle/20261125151139_init/snapshot.json'), '{'),
    code: 'snapshot-unreadable',
    message: /^drizzle\/20261125151139_init\/snapshot\.json is missing or not valid JSON, so nothing was written$/,
  },
  {
    name: '1.0 layout: a snapshot format Index Insight does not write',
    workspace: V1,
    prepare: (root) => edit(path.join(root, 'drizzle/20261125151139_init/snapshot.json'), /"version": "9"/, '"version": "8"'),
    code: 'snapshot-format-unsupported',
    message: /^the last snapshot has format version 8; Index Insight writes format 9/,
  },
];

describe('plan failures: a code to branch on, a message to read', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.name}`, () => {
      const root = copyFixture(c.workspace);
      try {
        c.prepare?.(root);
        const project = new Project(root, new NodeFileHost());
        const request = c.request?.(project) ?? { add: collectProposals(project).map((f) => ({ table: f.table, proposal: f.proposal })) };
        const result = planFix(project, { name: 'fix', ...request, now: FIXED_NOW, newId: sequentialIds() });
        assert.ok(!result.ok, 'the plan must fail');
        assert.equal(result.code, c.code, result.message);
        assert.match(result.message, c.message);
        // The schema edit alone stays possible exactly when the failure is the migration's.
        const alone = planFix(project, { name: 'fix', ...request, schemaOnly: 'no migration', now: FIXED_NOW, newId: sequentialIds() });
        assert.equal(alone.ok, isMigrationFailure(c.code), alone.ok ? 'the schema edit alone was planned' : alone.message);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

describe('migrations folder reader: why a folder cannot take a migration', () => {
  const JOURNAL = 'drizzle/meta/_journal.json';
  const cases: { name: string; files: Record<string, string>; code: MigrationFolderFailureCode }[] = [
    { name: 'SQL migrations without a journal', files: { 'drizzle/0000_init.sql': '' }, code: 'journal-missing' },
    {
      name: 'a journal beside 1.0 migration folders',
      files: { [JOURNAL]: '{"entries":[]}', 'drizzle/20260101000000_init/migration.sql': '' },
      code: 'mixed-layouts',
    },
    { name: 'a journal that is not JSON', files: { [JOURNAL]: '{' }, code: 'journal-unreadable' },
    {
      name: 'a journal entry out of order',
      files: { [JOURNAL]: '{"entries":[{"idx":1,"when":1,"tag":"0000_init"}]}' },
      code: 'journal-entry-invalid',
    },
    { name: 'an empty journal', files: { [JOURNAL]: '{"entries":[]}' }, code: 'journal-empty' },
  ];
  for (const c of cases) {
    it(`${c.code}: ${c.name}`, () => {
      const files = new Map(Object.entries(c.files).map(([p, text]) => [path.join('/w', p), text]));
      const read = readMigrationFolder('/w/drizzle', new MemoryHost(files));
      assert.equal(read.ok ? read.kind : read.code, c.code);
    });
  }
});
