// Runs the VS Code that code-server bundles: its server (`server-main.js`, the same server
// VS Code's own web integration tests use) plus Debian's Chromium driven by playwright-core.
// Used by the `runTests` shim (extension tests) and by the UI smoke tests.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumPath, codeServerVersion, vscodeServerMain } from './paths.mjs';
import { signalGroup, withTimeout } from './sandbox.mjs';

export { createSandbox, withTimeout } from './sandbox.mjs';

/** Fails early, with the command that fixes it, when setup has not run. */
export function assertInstalled() {
  if (!existsSync(vscodeServerMain)) {
    throw new Error(`code-server ${codeServerVersion} is not installed; run: node test/editor/setup.mjs`);
  }
  if (!chromiumPath()) {
    throw new Error('Chromium is not installed; run as root: node test/editor/setup.mjs (or apt-get install chromium)');
  }
}

/**
 * Starts VS Code's server in its own process group on a free port. Workspace trust is off
 * (every workspace trusted) unless `workspaceTrust` is true: then the workbench asks the
 * user settings, and a folder nobody trusted opens in Restricted Mode.
 * @param {{ sandbox: ReturnType<typeof import('./sandbox.mjs').createSandbox>, userDataDir: string, extensionsDir: string, logFile: string, workspaceTrust?: boolean }} options
 */
export async function startServer({ sandbox, userDataDir, extensionsDir, logFile, workspaceTrust = false }) {
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    vscodeServerMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', userDataDir,
    '--server-data-dir', sandbox.serverData,
    '--extensions-dir', extensionsDir,
  ];
  // detached: the server gets its own process group, so the file watcher and the extension
  // hosts it forks can be ended together.
  const child = spawn(process.execPath, args, { env: sandbox.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  let buffered = '';
  const listening = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      const match = /Extension host agent listening on (\d+)/.exec(buffered);
      if (match) resolve(Number(match[1]));
    });
    exited.then(({ code, signal }) => reject(new Error(`VS Code server exited early (${code ?? signal}); see ${logFile}`)));
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    signalGroup(child.pid, 'SIGTERM');
    await withTimeout(exited, 5000, 'the VS Code server to exit').catch(() => undefined);
    // Whatever the main process left behind (watcher, extension hosts) goes too.
    signalGroup(child.pid, 'SIGKILL');
    await new Promise((resolve) => log.end(resolve));
  }

  try {
    const port = await withTimeout(listening, 30000, 'the VS Code server to listen');
    return { port, pid: child.pid, stop, exited };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Builds the workbench URL; `payload` entries are VS Code's `[name, value]` launch pairs. */
export function workbenchUrl(port, folder, payload = []) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${params}`;
}

/** `vscode-remote://` URI of a server-side path, as the workbench expects it. */
export function remoteUri(port, path) {
  return `vscode-remote://127.0.0.1:${port}${path}`;
}

/** Launches Debian's Chromium headless with everything that would phone home turned off. */
export async function launchBrowser(sandbox) {
  // Playwright puts the browser profile in os.tmpdir(): keep that inside the sandbox too.
  process.env.TMPDIR = sandbox.tmp;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    env: sandbox.env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
