// Every finding of the workspace, folded into the indexes that would serve them.
import type { Project } from './project';
import { type FoldedProposal, foldProposals } from '../propose/foldProposals';

export function collectProposals(project: Project): FoldedProposal[] {
  const findings = project.analyzeAll().flatMap((a) => a.findings);
  const schema = project.schema();
  return foldProposals(findings, (id) => schema.byId.get(id));
}
