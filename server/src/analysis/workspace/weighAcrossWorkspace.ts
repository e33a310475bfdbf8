// What a finding weighs once the whole workspace is known: whether anything calls its function (or it sits in a
// deprecated folder), and whether any read names the columns a write's index would serve. The editor does the same
// per file, with counts kept between edits (lsp/session.ts).
import type { Finding } from '../model';
import { markUncalled } from '../findings/uncalled';
import { columnsReadsName, markWriteOnly } from '../findings/writeOnly';
import type { FileAnalysis } from './analyzeFile';
import type { Project } from './project';

export function weighAcrossWorkspace(project: Project, analyses: readonly FileAnalysis[]): Finding[] {
  const all = analyses.flatMap((a) => a.findings);
  const uncalled = project.uncalledCallers(all);
  const named = columnsReadsName(
    analyses.flatMap((a) => a.reads),
    uncalled,
  );
  return markWriteOnly(markUncalled(all, uncalled, project.root), named);
}
