// Names written once in the workspace (only where declared): counted in one pass, kept current as files change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NameReferences } from '../../server/src/analysis/workspace/nameReferences';

function workspace(files: Record<string, string>) {
  let reads = 0;
  const refs = new NameReferences(
    () => Object.keys(files),
    (f) => {
      reads++;
      return files[f];
    },
  );
  return { refs, files, reads: () => reads };
}

describe('NameReferences', () => {
  it('a name written only where it is declared is written once; a call elsewhere, or in the same file, counts', () => {
    const { refs } = workspace({
      'repo.ts': 'export const getDead = () => 1;\nexport const getUsed = () => 2;\nexport function local() {}\nlocal();',
      'api.ts': "import { getUsed } from './repo';\nexport const x = getUsed();",
    });
    assert.deepEqual([...refs.writtenOnce(['getDead', 'getUsed', 'local'])], ['getDead']);
  });

  it('whole identifiers only: a longer name that contains it is not a call', () => {
    const { refs } = workspace({ 'a.ts': 'function getErrors() {}\nconst getErrorsCount = 1; const myGetErrors = 2; obj.getErrors$ = 3;' });
    assert.deepEqual([...refs.writtenOnce(['getErrors'])], ['getErrors']);
  });

  it('all new names are counted in one pass; names counted before are not read again', () => {
    const w = workspace({ 'a.ts': 'function a() {}', 'b.ts': 'function b() {}' });
    w.refs.writtenOnce(['a', 'b']);
    assert.equal(w.reads(), 2);
    w.refs.writtenOnce(['a', 'b']);
    assert.equal(w.reads(), 2);
  });

  it('without counting, a name not counted yet is taken as called', () => {
    const { refs } = workspace({ 'a.ts': 'function a() {}' });
    assert.deepEqual([...refs.writtenOnce(['a'], false)], []);
    assert.deepEqual([...refs.writtenOnce(['a'])], ['a']);
  });

  it('an edit that adds a call, then removes it, moves the count both ways', () => {
    const w = workspace({ 'repo.ts': 'export function listOld() {}', 'use.ts': 'export {}' });
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], ['listOld']);
    w.refs.fileChanged('use.ts', 'listOld();');
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], []);
    w.refs.fileChanged('use.ts', 'export {}');
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], ['listOld']);
  });

  it('a file never read before that appears with a call counts (its own text is all that is read)', () => {
    const w = workspace({ 'repo.ts': 'export function listOld() {}' });
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], ['listOld']);
    w.refs.fileChanged('new.ts', 'listOld();');
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], []);
    w.refs.fileChanged('new.ts', undefined);
    assert.deepEqual([...w.refs.writtenOnce(['listOld'])], ['listOld']);
  });

  it('names nobody asks about are forgotten, and counted again when asked', () => {
    const w = workspace({ 'a.ts': 'function a() {}\nfunction b() {}\nb();' });
    w.refs.writtenOnce(['a', 'b']);
    w.refs.retainOnly(['a']);
    assert.equal(w.refs.size, 1);
    const reads = w.reads();
    assert.deepEqual([...w.refs.writtenOnce(['b'])], []);
    assert.equal(w.reads(), reads + 1, 'b was forgotten: counting it again reads the file');
  });
});
