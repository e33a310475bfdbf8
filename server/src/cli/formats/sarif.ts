// `--format sarif`: SARIF 2.1.0 for code-scanning uploads.
import path from 'node:path';
import type { CheckResult } from '../check';

const RULES = [
  {
    id: 'unserved-filter',
    name: 'UnservedFilter',
    shortDescription: { text: 'No index serves this query filter' },
    fullDescription: { text: 'No B-tree index leads with any of the equality or range columns of the filter, so PostgreSQL scans the whole table.' },
  },
  {
    id: 'partly-served-filter',
    name: 'PartlyServedFilter',
    shortDescription: { text: 'An index serves only a leading prefix of this filter' },
    fullDescription: { text: 'The best index covers some of the equality columns; the rest are checked row by row. A composite index would read only the matching rows.' },
  },
];

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(result: CheckResult, version: string): string {
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
          properties: { table: f.table, proposal: f.proposal, bestIndex: f.bestIndex },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
