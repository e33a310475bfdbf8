// A copy of a fixture with the real language server started on it, for the tests of one `describe`: started
// before them, stopped and removed after them.
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { InitializeParams } from 'vscode-languageserver-protocol';
import { type LspTestClient, startServer } from './lspClient';
import { copyFixture } from './tempWorkspace';

export function serverOnCopy(fixture: string, init: Partial<InitializeParams> = {}): { root: () => string; client: () => LspTestClient } {
  let root = '';
  let client: LspTestClient | undefined;
  before(async () => {
    root = copyFixture(fixture);
    client = await startServer(root, init);
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });
  return { root: () => root, client: () => client! };
}
