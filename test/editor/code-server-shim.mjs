#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's `runTests` spawns
// (`vscodeExecutablePath`). It accepts the same command line —
//   --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [--user-data-dir=<dir>]
//   [--extensions-dir=<dir>] [folder]
// — and runs the extension tests in the VS Code that code-server bundles: the server's Node
// extension host runs the tests, headless Chromium runs the workbench, and the workbench
// reports mocha's exit code through `window.codeAutomationExit`. `--disable-workspace-trust`
// (which `runTests` always passes) is handed on to the server; without it workspace trust is
// on and the user settings decide, so a folder nobody trusted opens in Restricted Mode. Other
// desktop flags (--no-sandbox, --disable-updates, …) do not apply and are ignored.
// Environment: SPECWRIGHT_EDITOR_HOME, a prepared home folder to use instead of a fresh one;
// SPECWRIGHT_EDITOR_LOGS, where the logs go (default test-results/editor/);
// SPECWRIGHT_EDITOR_TIMEOUT_MS, how long the tests may take (default 180000).
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { resultsDir } from './paths.mjs';
import {
  assertInstalled,
  createSandbox,
  launchBrowser,
  remoteUri,
  startServer,
  withTimeout,
  workbenchUrl,
} from './vscode-web.mjs';

// Workbench chatter that says nothing about the tests; it still goes to workbench.log.
const noise = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
];
const isNoise = (line) => noise.some((pattern) => pattern.test(line));

function parseArgs(argv) {
  const options = { extensionDevelopmentPath: [], folders: [], flags: new Set() };
  const valued = new Map([
    ['--extensionDevelopmentPath', (v) => options.extensionDevelopmentPath.push(resolve(v))],
    ['--extensionTestsPath', (v) => (options.extensionTestsPath = resolve(v))],
    ['--user-data-dir', (v) => (options.userDataDir = resolve(v))],
    ['--extensions-dir', (v) => (options.extensionsDir = resolve(v))],
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const setter = valued.get(name);
    if (setter) setter(eq === -1 ? argv[++i] : arg.slice(eq + 1));
    else if (arg.startsWith('-')) options.flags.add(arg);
    else options.folders.push(resolve(arg));
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const timeoutMs = Number(process.env.SPECWRIGHT_EDITOR_TIMEOUT_MS ?? 180000);
const cleanups = [];

async function cleanup() {
  while (cleanups.length > 0) {
    await cleanups.pop()().catch((error) => console.error(`shim: cleanup failed: ${error.message}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`shim: ${signal}, stopping VS Code`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  assertInstalled();
  if (!options.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  if (options.folders.length > 1) throw new Error('the shim opens at most one folder');

  const sandbox = createSandbox('swc-', { home: process.env.SPECWRIGHT_EDITOR_HOME || undefined });
  cleanups.push(async () => sandbox.dispose());
  // A runner with more than one pass keeps each pass's logs apart.
  const logDir = process.env.SPECWRIGHT_EDITOR_LOGS ? resolve(process.env.SPECWRIGHT_EDITOR_LOGS) : resultsDir;
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'vscode-server.log');
  const server = await startServer({
    sandbox,
    userDataDir: options.userDataDir ?? join(sandbox.root, 'user-data'),
    extensionsDir: options.extensionsDir ?? join(sandbox.root, 'extensions'),
    logFile,
    workspaceTrust: !options.flags.has('--disable-workspace-trust'),
  });
  cleanups.push(server.stop);

  const browser = await launchBrowser(sandbox);
  cleanups.push(() => browser.close());
  const page = await browser.newPage();

  let reportExit;
  const exitCode = new Promise((resolveExit) => (reportExit = resolveExit));
  const workbenchLog = createWriteStream(join(logDir, 'workbench.log'));
  cleanups.push(() => new Promise((done) => workbenchLog.end(done)));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    workbenchLog.write(`[${level}] ${line}\n`);
    if (!isNoise(line)) (level === 'error' ? process.stderr : process.stdout).write(line + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  page.on('pageerror', (error) => console.error(`shim: workbench error: ${error.message}`));
  server.exited.then(({ code, signal }) => reportExit(`server exited (${code ?? signal}); see ${logFile}`));

  const payload = [
    ...options.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remoteUri(server.port, p)]),
    ['extensionTestsPath', remoteUri(server.port, options.extensionTestsPath)],
    // The desktop flags runTests passes have payload equivalents in the web workbench.
    ...(options.flags.has('--skip-welcome') ? [['skipWelcome', 'true']] : []),
    ...(options.flags.has('--skip-release-notes') ? [['skipReleaseNotes', 'true']] : []),
  ];
  await page.goto(workbenchUrl(server.port, options.folders[0], payload));
  const result = await withTimeout(exitCode, timeoutMs, 'the extension tests to finish (codeAutomationExit)');
  if (typeof result !== 'number') throw new Error(result);
  return result;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`shim: ${error.message}`);
} finally {
  await cleanup();
}
process.exit(code);
