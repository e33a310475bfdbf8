// Words shown to the user: diagnostic messages and hover text.
import type { Evaluation, IndexDef, Proposal } from '../model';
import { tableLabel } from '../sqlText/identifiers';
import { indexableColumns, onlyFewValued } from './fewValued';
import { onlyNullTested } from '../judge/columnTraits';

/** `(user_id, status)`, with ` WHERE ...` for a partial index when `withWhere`. */
export function proposalColumns(p: Proposal, withWhere: boolean): string {
  return `(${p.columns.join(', ')})${withWhere && p.where ? ` WHERE ${p.where}` : ''}`;
}

/** The Problems line: the proposal first, then the reason in a few words. */
export function findingMessage(e: Evaluation): string {
  const table = tableLabel(e.table);
  // A literal predicate is part of what to add (`WHERE "status" = 'pending'`); the `IS NOT NULL` of a reference is a detail.
  const literal = e.proposal?.where && e.proposal.predicate && e.proposal.predicate.kind !== 'isNotNull';
  const add = e.proposal
    ? `Add ${e.proposal.where ? 'partial ' : ''}index ${proposalColumns(e.proposal, !!literal)} on ${table}`
    : `Add an index on ${table}`;
  return `${add}: ${shortReason(e)}`;
}

function shortReason(e: Evaluation): string {
  const columns = indexableColumns(e);
  if (e.verdict === 'partly' && e.bestIndex) {
    const range = e.rangeBound ? ` and bounds the range on ${e.rangeBound}` : '';
    if (e.prefix.length) return `"${e.bestIndex.name}" covers only ${e.prefix.join(', ')}${range}`;
    const equality = [...new Set(e.filter.filter((f) => f.kind === 'eq' || f.kind === 'in' || f.kind === 'isNull').map((f) => f.column))];
    return `"${e.bestIndex.name}" leads with ${e.bestIndex.columns[0] ?? 'an expression'}, not with ${equality.join(', ')}`;
  }
  const branch = e.orBranch ? `, in one branch of an OR (every branch needs an index)` : '';
  const skip = e.skipScan ? ` ("${e.skipScan}" holds it in a later position: PostgreSQL 18 can skip-scan it)` : '';
  const partial = e.unusablePartial
    ? ` the query can use (partial "${e.unusablePartial.name}" does, WHERE ${e.unusablePartial.where}: stating that in the query lets it serve)`
    : e.excludingPartial
      ? ` that holds these rows (partial "${e.excludingPartial.name}" starts with ${e.excludingPartial.column} but holds only rows WHERE ${e.excludingPartial.where}, which the filter excludes)`
      : '';
  const few = e.verdict === 'unserved' && onlyFewValued(e) ? `; ${fewValuedReason(e, columns)}` : '';
  return `no index starts with ${orList(columns)}${partial}${branch}${skip}${few}`;
}

function fewValuedReason(e: Evaluation, columns: string[]): string {
  if (columns.every((c) => onlyNullTested(e.filter, c))) return `IS NULL splits the rows in two, so an index pays off only when few rows are NULL`;
  return `${columns.length > 1 ? 'these columns have' : 'it has'} few distinct values, so an index pays off only for a rare value`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export interface HoverOptions {
  /** Also explain tables an index already serves (`indexInsight.hover.showServed`). */
  showServed: boolean;
  /** Extra lines of why for an evaluation (e.g. the planner's estimate), placed after the reasons. */
  extra?: (e: Evaluation) => string[];
}

/** The evaluations worth a hover; empty when every table of the query is served (and served ones are not shown). */
export function hoverEvaluations(evaluations: Evaluation[], showServed: boolean): Evaluation[] {
  return evaluations.filter((e) => showServed || ((e.verdict === 'partly' || e.verdict === 'unserved') && e.proposal));
}

/**
 * First line: the verdict and the proposal. Then a few lines of why, and the table's indexes that share a column
 * with the filter, each listed once.
 */
export function hoverMarkdown(evaluations: Evaluation[], options: HoverOptions): string {
  return hoverEvaluations(evaluations, options.showServed)
    .map((e) => {
      const lines = [headline(e), ...e.reasons.map(withoutVerdict).filter(Boolean), ...(options.extra?.(e) ?? [])];
      const related = relatedIndexes(e);
      if (related.length) lines.push(`Indexes on these columns: ${related.map(describeIndex).join(' · ')}`);
      return lines.join('\n\n');
    })
    .join('\n\n---\n\n');
}

function headline(e: Evaluation): string {
  const table = `\`${tableLabel(e.table)}\``;
  const add = e.proposal ? ` · add index \`${proposalColumns(e.proposal, true)}\` on ${table}` : '';
  switch (e.verdict) {
    case 'partly':
      return `**Partly served**${add}`;
    case 'unserved':
      return `**No index serves this filter**${add}`;
    case 'served':
      return `**Served**${e.bestIndex ? ` by \`${e.bestIndex.name}\`` : ''} on ${table}`;
    default:
      return `**No indexable filter** on ${table}`;
  }
}

/** The headline already gives the verdict: a reason that starts by repeating it keeps only its explanation. */
function withoutVerdict(reason: string): string {
  const rest = reason.replace(/^Only partly served: /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** Indexes of the table that share a column with the filter: the ones the reader weighs against the proposal. */
function relatedIndexes(e: Evaluation): IndexDef[] {
  const columns = new Set(e.filter.map((f) => f.column));
  return e.table.indexes.filter((i) => i.columns.some((c) => c !== null && columns.has(c)));
}

function describeIndex(i: IndexDef): string {
  return `\`${i.name}\` (${i.columns.map((c) => c ?? 'expression').join(', ')})${i.unique ? ' unique' : ''}${i.whereText ? ` WHERE ${i.whereText}` : ''}`;
}
