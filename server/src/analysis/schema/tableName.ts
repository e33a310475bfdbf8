// The SQL name a table creator gives a table: its parts read, constants resolved where the creator is declared.
import type { NamePart, Ref } from '../model';
import type { ReferenceResolver, Value } from '../resolve/references';

export interface CreatedName {
  /** The SQL name; a part we could not read is shown as `{NAME}` (the constant's name) or `{?}`. */
  name: string;
  /** The parts that could not be read, as written (none listed when the whole name function could not be read). */
  unknown: string[];
  /** Matches the table names migrations may use for it when a part is unknown. */
  pattern: RegExp | null;
  /** Files other than the creator's that the name was read from, or looked for in (an edit there may change it). */
  sources: string[];
}

/** `parts` null: a name function we cannot read at all; the table's name is somewhere in what it returns. */
export function createdName(creator: Extract<Value, { kind: 'tableCreator' }>, written: string, resolver: ReferenceResolver): CreatedName {
  if (creator.parts === null) {
    return { name: `{${written}}`, unknown: [], pattern: new RegExp(`^.*${escapeRegExp(written)}.*$`), sources: [] };
  }
  const out: CreatedName = { name: '', unknown: [], pattern: null, sources: [] };
  let pattern = '';
  for (const part of creator.parts) {
    const text = partText(part, written, creator.file, resolver, out);
    if (text === undefined) {
      out.name += `{${part.kind === 'ref' ? lastName(part.ref) : '?'}}`;
      out.unknown.push(part.kind === 'ref' || part.kind === 'unknown' ? part.label : '?');
      pattern += '.+';
    } else {
      out.name += text;
      pattern += escapeRegExp(text);
    }
  }
  if (out.unknown.length > 0) out.pattern = new RegExp(`^${pattern}$`);
  return out;
}

function partText(part: NamePart, written: string, file: string, resolver: ReferenceResolver, out: CreatedName): string | undefined {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'name':
      return written;
    case 'unknown':
      return undefined;
    case 'ref': {
      // Every file the resolution read, also when it failed: an edit there may make the name readable.
      const { value: v, files } = resolver.traced(() => resolver.resolve(file, part.ref));
      for (const f of files) if (f !== file && !out.sources.includes(f)) out.sources.push(f);
      return v.kind === 'string' ? v.value : undefined;
    }
  }
}

function lastName(ref: Ref): string {
  return ref.kind === 'ident' || ref.kind === 'member' ? ref.name : '?';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
