// What the real-VS-Code runners share: where code-server is and how it is started, a free port, how chromium is
// started, the bundled e2e suite.
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const REPO = path.join(__dirname, '..', '..');
export const CODE_SERVER = path.join(REPO, '.vscode-test', 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without the background-networking flags chromium keeps trying to reach hosts this machine cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** code-server on 127.0.0.1:`port`, no auth, no telemetry, with its own user-data and extensions folders under `tmp`. */
export function startCodeServer(port: number, tmp: string, options: { trusted: boolean; stdio: StdioOptions }): ChildProcess {
  const args = [
    CODE_SERVER,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    ...codeServerDirs(tmp),
  ];
  return spawn(process.execPath, args, { stdio: options.stdio });
}

export function codeServerDirs(tmp: string): string[] {
  return ['--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions')];
}

/** The e2e suite bundled for the extension host (vscode and mocha come from the host and node_modules). */
export function buildSuite(outfile: string): void {
  buildSync({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}
