// Runs the e2e suite inside the real VS Code server (npm package code-server) through its web workbench, with
// Debian's chromium driven by playwright-core: the extension host is real, and so is the language server it spawns.
// Usage: npm run test:e2e   (needs test/e2e/install-code-server.sh first)
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, CODE_SERVER, REPO, buildSuite, freePort, startCodeServer } from './codeServer';

const TIMEOUT_MS = 240_000;

async function waitHealthy(port: number, deadline: number): Promise<void> {
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run test/e2e/install-code-server.sh (${CODE_SERVER})`);
  const codes = [await launch('deep-scan', true), await launch('deep-scan', false), await launch('no-drizzle', true)];
  return codes.find((c) => c !== 0) ?? 0;
}

/**
 * One launch of code-server with a fresh copy of a fixture workspace, user-data and extensions folder. The suite
 * picks its tests from the workspace: no-drizzle, or deep-scan trusted or not.
 */
async function launch(fixture: 'deep-scan' | 'no-drizzle', trusted: boolean): Promise<number> {
  console.log(`e2e: ${fixture}, ${trusted ? 'trusted' : 'untrusted'} workspace`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'index-insight-e2e-'));
  const suiteJs = path.join(tmp, 'suite', 'index.js');
  buildSuite(suiteJs);
  // mocha is resolved from the repository's node_modules.
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(tmp, 'node_modules'), 'dir');
  const workspace = path.join(tmp, fixture);
  fs.cpSync(path.join(REPO, 'test', 'fixtures', fixture), workspace, { recursive: true });
  const port = await freePort();
  const started = Date.now();
  const log: string[] = [];
  const server: ChildProcess = startCodeServer(port, tmp, { trusted, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d) => log.push(String(d)));
  server.stderr?.on('data', (d) => log.push(String(d)));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    await waitHealthy(port, Date.now() + 30_000);
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => console.log(...(Array.isArray(args) ? args : [args])));
    const auth = `127.0.0.1:${port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${auth}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${auth}${suiteJs}`],
    ];
    await page.goto(`http://${auth}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exit, new Promise<number>((resolve) => setTimeout(() => resolve(-1), TIMEOUT_MS))]);
    if (code === -1) {
      console.error(`e2e: no result after ${TIMEOUT_MS / 1000} s; code-server log:\n${log.join('')}`);
      await page.screenshot({ path: path.join(REPO, 'test-results', 'e2e-timeout.png') }).catch(() => undefined);
      return 1;
    }
    console.log(`e2e: finished in ${((Date.now() - started) / 1000).toFixed(1)} s with exit code ${code}`);
    if (code !== 0) console.error(log.join(''));
    return code;
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
