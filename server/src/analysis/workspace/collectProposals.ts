// Every finding of the workspace, folded into the indexes that would serve them.
import type { Project } from './project';
import { type FoldedProposal, foldProposals } from '../propose/foldProposals';

export function collectProposals(project: Project, isExcluded: (file: string) => boolean = () => false): FoldedProposal[] {
  const findings = project
    .queryFiles()
    .filter((f) => !isExcluded(f))
    .flatMap((f) => project.analyzeFile(f).findings);
  const schema = project.schema();
  return foldProposals(findings, (id) => schema.byId.get(id));
}
