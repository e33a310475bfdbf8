// `--format sarif`: SARIF 2.1.0 for code-scanning uploads.
import path from 'node:path';
import type { CheckResult } from '../check';
import type { DatabaseCheck } from '../checkDatabase';
import { toJsonFinding } from './json';
import { ruleDocUrl } from '../../ruleDocs';

const RULES = [
  {
    id: 'unserved-filter',
    name: 'UnservedFilter',
    shortDescription: { text: 'No index serves this query filter' },
    fullDescription: { text: 'No B-tree index leads with any of the equality or range columns of the filter, so PostgreSQL scans the whole table.' },
    helpUri: ruleDocUrl('unserved-filter'),
  },
  {
    id: 'partly-served-filter',
    name: 'PartlyServedFilter',
    shortDescription: { text: 'An index serves only a leading prefix of this filter' },
    fullDescription: {
      text: 'The best index covers some of the equality columns; the rest are checked row by row. A composite index would read only the matching rows.',
    },
    helpUri: ruleDocUrl('partly-served-filter'),
  },
];

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(result: CheckResult & { database?: DatabaseCheck }, version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'index-insight', version, informationUri: 'https://github.com/index-insight/index-insight', rules: RULES } },
        invocations: [
          {
            executionSuccessful: !result.incomplete,
            toolExecutionNotifications: [
              ...result.skipped.map((s) => ({
                level: 'warning',
                message: { text: `Skipped ${s.file}: ${s.reason}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: s.file, uriBaseId: '%SRCROOT%' } } }],
              })),
              ...result.problems.map((p) => ({ level: 'note', message: { text: p } })),
            ],
          },
        ],
        results: result.findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: RULES.findIndex((r) => r.id === f.code),
          level: LEVEL[result.severityOf(f)] ?? 'warning',
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: path.relative(result.root, f.file).split(path.sep).join('/'), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
          partialFingerprints: { indexInsightProposal: `${f.table}/${f.proposal.columns.join(',')}` },
          properties: { table: f.table, proposal: f.proposal, bestIndex: f.bestIndex, ...databaseProperties(result, f) },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** With --database-url: workload and estimate, as in the JSON format (absent when unknown). */
function databaseProperties(result: CheckResult & { database?: DatabaseCheck }, f: CheckResult['findings'][number]) {
  const w = result.database?.weighed.get(f);
  if (!w) return {};
  const j = toJsonFinding(result.root, f, '', w);
  return { ...(j.workload ? { workload: j.workload } : {}), ...(j.estimate ? { estimate: j.estimate } : {}) };
}
