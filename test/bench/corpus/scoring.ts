// Label and judgement scoring for the corpus benchmark: pure functions over the CLI's JSON output.

export type Outcome = 'unserved' | 'partly' | 'served' | 'silent';

/** `test/corpus/labels/<repo>.json`: what a reader expects at a filter's line (the line of `.where(` / `where:`). */
export interface Label {
  file: string;
  line: number;
  expected: Outcome;
}

/** `test/corpus/judged/*.json`: a Warning-severity finding someone looked at. */
export interface Judged {
  repo: string;
  file: string;
  line: number;
  table: string;
  verdict: string;
  judgement: 'worth' | 'not-worth' | 'wrong';
  why: string;
}

export interface RunFinding {
  file: string;
  line: number;
  endLine: number;
  table: string;
  verdict: string;
  severity: string;
}

export interface RunSite {
  file: string;
  line: number;
  judged: boolean;
}

/**
 * What the analyzer says at a line: a finding covering it, else a judged site there (served), else silent. A label
 * sits on the `.where(` line and a finding starts at the filter, which Prettier puts on the next line: a finding
 * starting one line below the label counts as at it.
 */
export function outcomeAt(file: string, line: number, findings: RunFinding[], sites: RunSite[]): Outcome {
  const here = findings.filter((f) => f.file === file && f.line - 1 <= line && line <= f.endLine);
  if (here.some((f) => f.verdict === 'unserved')) return 'unserved';
  if (here.some((f) => f.verdict === 'partly')) return 'partly';
  if (sites.some((s) => s.file === file && s.line === line && s.judged)) return 'served';
  return 'silent';
}

const isFinding = (o: Outcome): boolean => o === 'unserved' || o === 'partly';

export interface LabelScore {
  labels: number;
  /** Labels where the analyzer's outcome is exactly the expected one. */
  agree: number;
  /** Of the labelled lines where the analyzer reports (unserved/partly), the share a reader expects reported. */
  precision: number | null;
  /** Of the labelled lines a reader expects reported, the share the analyzer reports. */
  recall: number | null;
}

export function scoreLabels(labels: Label[], findings: RunFinding[], sites: RunSite[]): LabelScore {
  let agree = 0;
  let reported = 0;
  let expected = 0;
  let both = 0;
  for (const l of labels) {
    const actual = outcomeAt(l.file, l.line, findings, sites);
    if (actual === l.expected) agree++;
    if (isFinding(actual)) reported++;
    if (isFinding(l.expected)) expected++;
    if (isFinding(actual) && isFinding(l.expected)) both++;
  }
  return { labels: labels.length, agree, precision: reported ? both / reported : null, recall: expected ? both / expected : null };
}

export interface JudgedShare {
  /** Judgements kept for this repository (any severity at the time). */
  judged: number;
  /** Of those, the ones the current run reports as a Warning (same file, line and table): the measured set. */
  warnings: number;
  worth: number;
  notWorth: number;
  wrong: number;
  /** worth / warnings: the share of today's Warnings a DBA judged worth acting on. */
  share: number | null;
  /** Findings judged worth acting on, and how many of them the current run still reports (any severity). */
  worthJudged: number;
  worthStillReported: number;
}

/** Judgements are kept; what they measure is the current run: only findings it reports as Warnings count. */
export function judgedShare(entries: Judged[], repo: string, findings: RunFinding[]): JudgedShare {
  const mine = entries.filter((e) => e.repo === repo);
  const reported = (e: Judged, severity?: string) =>
    findings.some(
      (f) => f.file === e.file && f.line <= e.line && e.line <= f.endLine && f.table === e.table && (!severity || f.severity === severity),
    );
  const warnings = mine.filter((e) => reported(e, 'warning'));
  const count = (j: Judged['judgement']) => warnings.filter((e) => e.judgement === j).length;
  const worth = count('worth');
  const worthJudged = mine.filter((e) => e.judgement === 'worth');
  return {
    judged: mine.length,
    warnings: warnings.length,
    worth,
    notWorth: count('not-worth'),
    wrong: count('wrong'),
    share: warnings.length ? worth / warnings.length : null,
    worthJudged: worthJudged.length,
    worthStillReported: worthJudged.filter((e) => reported(e)).length,
  };
}
