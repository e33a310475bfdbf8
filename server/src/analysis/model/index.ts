// The data the analysis core works with. Plain, serialisable values: no TypeScript AST nodes, no LSP types.
export type * from './summary';
export type * from './schema';
export type * from './findings';
export type * from './resolvedSite';
export type * from './result';
