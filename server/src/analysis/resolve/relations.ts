// Which table a relation name leads to, and by which of its columns the related rows are looked up.
import type { Ref, RelationSummary, Table } from '../model';

export interface RelationTarget {
  table: Table;
  /** Keys of the related table's columns that the load compares with the parent row (its foreign key, or the key it references). */
  childKeys: string[];
}

export interface RelationSources {
  /** Files that may declare relations. */
  files: string[];
  relations(file: string): RelationSummary[];
  tableAt(file: string, ref: Ref): Table | undefined;
  tableByQueryKey(key: string): Table | undefined;
}

interface ResolvedRelation {
  source: Table;
  target: Table;
  rel: RelationSummary;
}

export class RelationIndex {
  private readonly bySource = new Map<string, ResolvedRelation[]>();

  constructor(src: RelationSources) {
    const tableOf = (file: string, t: RelationSummary['source']) => (t.kind === 'rqb' ? src.tableByQueryKey(t.key) : src.tableAt(file, t));
    for (const file of src.files) {
      for (const rel of src.relations(file)) {
        const source = tableOf(file, rel.source);
        const target = tableOf(file, rel.target);
        if (!source || !target) continue;
        const list = this.bySource.get(source.id) ?? [];
        list.push({ source, target, rel });
        this.bySource.set(source.id, list);
      }
    }
  }

  /**
   * `with: { <name>: ... }` loaded from rows of `parent`. Relations of one table may be declared in several
   * `relations()` calls (drizzle merges them by name): declarations that agree on the table and the keys are one.
   */
  lookup(parent: Table, name: string): RelationTarget | undefined {
    const hits = (this.bySource.get(parent.id) ?? []).filter((r) => r.rel.name === name);
    return agreed(hits.map((hit) => this.target(parent, hit)));
  }

  private target(parent: Table, { target, rel }: ResolvedRelation): RelationTarget | undefined {
    // `one(users, { fields: [posts.authorId], references: [users.id] })` / `{ from, to }`: the target side is written.
    if (rel.references) return { table: target, childKeys: rel.references };
    // `many(posts)`: the foreign key is on the other side's `one` relation back to this table.
    const back = (this.bySource.get(target.id) ?? []).filter(
      (r) =>
        r.target.id === parent.id &&
        r.rel.kind === 'one' &&
        r.rel.fields !== null &&
        (rel.relationName === null || r.rel.relationName === rel.relationName),
    );
    return agreed(back.map((b) => ({ table: target, childKeys: b.rel.fields! })));
  }
}

/** The one answer all candidates give; undefined when there is none or they differ. */
function agreed(candidates: (RelationTarget | undefined)[]): RelationTarget | undefined {
  const [first] = candidates;
  if (!first) return undefined;
  const same = (c: RelationTarget | undefined) => c !== undefined && c.table.id === first.table.id && c.childKeys.join() === first.childKeys.join();
  return candidates.every(same) ? first : undefined;
}
