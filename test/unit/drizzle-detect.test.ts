// The rule that decides whether the extension starts its language server in a workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dependsOnDrizzle } from '../../client/src/drizzleDetect';

describe('dependsOnDrizzle', () => {
  it('finds drizzle-orm in any dependency field', () => {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      assert.equal(dependsOnDrizzle(JSON.stringify({ [field]: { 'drizzle-orm': '^0.45.0' } })), true, field);
    }
  });

  it('is false without drizzle-orm, for look-alikes, and for text that is not a package.json', () => {
    assert.equal(dependsOnDrizzle(JSON.stringify({ dependencies: { pg: '8.0.0', 'drizzle-kit': '0.31.0' } })), false);
    assert.equal(dependsOnDrizzle(JSON.stringify({ name: 'drizzle-orm' })), false, 'the drizzle-orm package itself does not use it');
    assert.equal(dependsOnDrizzle(JSON.stringify({ scripts: { x: 'drizzle-orm' } })), false);
    assert.equal(dependsOnDrizzle('{ "dependencies": { "drizzle-orm": '), false, 'half-written JSON');
    assert.equal(dependsOnDrizzle('null'), false);
    assert.equal(dependsOnDrizzle(JSON.stringify({ dependencies: ['drizzle-orm'] })), false);
  });
});
