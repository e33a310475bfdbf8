// Draws the findings a DBA judges: Warning-severity findings picked at random (seeded, so a draw can be repeated),
// leaving out the ones already judged. Pure: the benchmark passes the CLI's findings in.
import type { Judged, RunFinding } from './scoring';
import { seededRandom } from '../../helpers/seededRandom';

export interface SampleCandidate extends RunFinding {
  repo: string;
  message: string;
}

export function drawSample(candidates: SampleCandidate[], judged: Judged[], n: number, seed: number): SampleCandidate[] {
  const known = new Set(judged.map((j) => `${j.repo}\0${j.file}\0${j.line}\0${j.table}`));
  const pool = candidates.filter((c) => c.severity === 'warning' && !known.has(`${c.repo}\0${c.file}\0${c.line}\0${c.table}`));
  const next = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
