// CodeLens above every index declared in a schema file: the workspace queries it serves (a click lists them)
// and, with the database's statistics, its scans, size and the time the counters were last reset.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { LineIndex } from '../../analysis/text/lineIndex';
import { indexUsers, usageKey } from '../../analysis/weigh/indexUsage';
import { tableStatistics } from '../../analysis/weigh/statistics';
import { size } from '../databaseSupport';
import { type IndexUsersArgs, REFRESH_STATISTICS_COMMAND, SHOW_INDEX_USERS_COMMAND } from '../protocol';
import { type Session, pathToUri, uriToPath } from '../session';

export function onCodeLens(session: Session, params: CodeLensParams): CodeLens[] {
  const file = uriToPath(params.textDocument.uri);
  const project = file && session.projectFor(file);
  if (!file || !project) return [];
  const tables = project.schema().tables.filter((t) => t.file === file);
  const declared = tables.flatMap((t) =>
    t.indexes.filter((i) => i.span && i.file === file && (i.source === 'index' || i.source === 'uniqueIndex')).map((i) => ({ table: t, index: i })),
  );
  if (declared.length === 0) return [];
  const text = project.readFile(file);
  if (text === undefined) return [];
  const lines = new LineIndex(text);
  const users = indexUsers(project.allSites());
  const stats = session.statistics.statistics(session.databaseUrl(file));
  const lenses: CodeLens[] = [];
  for (const { table, index } of declared) {
    const start = lines.position(index.span!.start);
    const range = { start, end: start };
    const used = users.get(usageKey(table, index)) ?? [];
    const args: IndexUsersArgs = {
      uri: params.textDocument.uri,
      position: start,
      locations: used.map((u) => ({ uri: pathToUri(u.file), range: u.range })),
    };
    const title = used.length === 0 ? 'serves no workspace query' : `serves ${used.length} quer${used.length === 1 ? 'y' : 'ies'}`;
    lenses.push({ range, command: { title, command: SHOW_INDEX_USERS_COMMAND, arguments: [args] } });
    const db = stats && tableStatistics(stats, table)?.indexes.find((d) => d.name === index.name);
    if (stats && db) {
      const since = stats.statsReset ? `since ${stats.statsReset.slice(0, 16).replace('T', ' ')}` : 'since statistics began';
      lenses.push({
        range,
        command: {
          title: `${db.scans.toLocaleString('en-US')} scan${db.scans === 1 ? '' : 's'} ${since} · ${size(db.bytes)}`,
          command: REFRESH_STATISTICS_COMMAND,
          arguments: [],
        },
      });
    } else if (stats) {
      lenses.push({ range, command: { title: 'not in the database', command: REFRESH_STATISTICS_COMMAND, arguments: [] } });
    }
  }
  return lenses;
}
