// The hash a plan records of each file it read, so that a writer can tell the file has not changed since.
import { createHash } from 'node:crypto';

export function contentHash(text: string | undefined): string | null {
  return text === undefined ? null : createHash('sha256').update(text, 'utf8').digest('hex');
}
