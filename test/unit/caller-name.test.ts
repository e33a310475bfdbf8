// The function a query is reached by (read/callerName.ts): the innermost named function around the site, through
// inline callbacks; entry points that frameworks call by convention, default exports and library callbacks have none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { callerName } from '../../server/src/analysis/read/callerName';

/** The caller of the `db.select()` call in `code`. */
function callerOf(code: string): string | null {
  const sf = ts.createSourceFile('q.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (!found && ts.isCallExpression(n) && n.expression.getText(sf).endsWith('.select')) found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  assert.ok(found, 'the case has a .select() call');
  return callerName(found);
}

const cases: { name: string; code: string; expect: string | null }[] = [
  { name: 'function declaration', code: 'export async function listByOwner(o: string) { return db.select().from(t); }', expect: 'listByOwner' },
  { name: 'arrow function in a constant', code: 'export const getX = async () => db.select().from(t);', expect: 'getX' },
  { name: 'a constant wrapped by a call at module level', code: 'export const getX = cache(async () => db.select().from(t));', expect: 'getX' },
  {
    name: 'inside a transaction callback: the function around it',
    code: 'export async function f() { await db.transaction(async (tx) => tx.select().from(t)); }',
    expect: 'f',
  },
  {
    name: 'a result held in a local constant is not a name',
    code: 'async function f() { const r = await db.transaction(async (tx) => tx.select().from(t)); return r; }',
    expect: 'f',
  },
  {
    name: 'inside map: the function around it',
    code: 'function outer(ids: string[]) { return ids.map((i) => db.select().from(t)); }',
    expect: 'outer',
  },
  { name: 'a local helper has its own name', code: 'function outer() { const inner = () => db.select().from(t); return inner(); }', expect: 'inner' },
  { name: 'static method', code: 'export class S { static async byId() { return db.select().from(t); } }', expect: 'byId' },
  { name: 'object held in a constant', code: 'export const repo = { list: async () => db.select().from(t) };', expect: 'list' },
  {
    name: 'method of a class that implements an interface: called through it',
    code: 'class P implements Provider { async getClient() { return db.select().from(t); } }',
    expect: null,
  },
  { name: 'decorated method: called by its framework', code: 'class C { @Get() async all() { return db.select().from(t); } }', expect: null },
  { name: 'default export', code: 'export default async function Page() { await db.select().from(t); }', expect: null },
  { name: 'route handler by convention', code: 'export async function GET() { return db.select().from(t); }', expect: null },
  {
    name: 'callback in a library config',
    code: 'export const auth = betterAuth({ hooks: { after: async () => db.select().from(t) } });',
    expect: null,
  },
  { name: 'procedure in a router', code: 'export const r = router({ byId: procedure.query(async () => db.select().from(t)) });', expect: null },
  { name: 'module level', code: 'await db.select().from(t);', expect: null },
  // Handed to a framework or a library: what calls them is where they are handed, not their own name.
  {
    name: 'named function expression handed to a router',
    code: "router.get('/:id', async function getUserById(req, res) { res.json(await db.select().from(t)); });",
    expect: null,
  },
  {
    name: 'named function expression handed to a queue worker',
    code: "export const w = new Worker('emails', async function processEmail(job) { await db.select().from(t); });",
    expect: null,
  },
  { name: 'named IIFE', code: '(async function seed() { await db.select().from(t); })();', expect: null },
  {
    name: 'SvelteKit handle hook',
    code: 'export const handle = async ({ event, resolve }) => { await db.select().from(t); return resolve(event); };',
    expect: null,
  },
  { name: 'SvelteKit form actions', code: 'export const actions = { updateProfile: async () => db.select().from(t) };', expect: null },
  {
    name: 'Workers scheduled handler',
    code: 'const worker = { async scheduled() { await db.select().from(t); } };\nexport default worker;',
    expect: null,
  },
  {
    name: 'arrow property of a class that extends another',
    code: 'class UsersController extends Base { listActive = async () => db.select().from(t); }',
    expect: null,
  },
  { name: 'arrow property of a plain class', code: 'class Repo { listActive = async () => db.select().from(t); }', expect: 'listActive' },
  { name: 'method of a decorated class', code: '@Injectable() class S { async byId() { return db.select().from(t); } }', expect: null },
  { name: 'NestJS lifecycle hook', code: 'class S { async onModuleInit() { await db.select().from(t); } }', expect: null },
  {
    name: 'a function expression in a constant takes the constant name',
    code: 'export const getX = async function inner() { return db.select().from(t); };',
    expect: 'getX',
  },
];

describe('callerName', () => {
  for (const c of cases) it(c.name, () => assert.equal(callerOf(c.code), c.expect));
});
