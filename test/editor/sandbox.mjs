// Isolation and bounded waits shared by the real-editor runners (VS Code, Neovim, Emacs).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Resolves with `promise`, or rejects once `ms` have passed.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what  used in the error message
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  const signal = AbortSignal.timeout(ms);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A fresh, short-named temporary folder (unix socket paths must stay under 107 bytes) with
 * an isolated home, XDG folders and TMPDIR inside it. `home` replaces the home folder with
 * one the caller prepared (in a temporary folder of its own): a global git configuration,
 * files a test reaches through `~`.
 * @param {string} prefix
 * @param {{ home?: string }} [options]
 */
export function createSandbox(prefix, { home } = {}) {
  const base = tmpdir().length <= 32 ? tmpdir() : '/tmp';
  const root = mkdtempSync(join(base, prefix));
  const dirs = {
    root,
    home: home ?? join(root, 'home'),
    tmp: join(root, 'tmp'),
    config: join(root, 'xdg', 'config'),
    data: join(root, 'xdg', 'data'),
    cache: join(root, 'xdg', 'cache'),
    state: join(root, 'xdg', 'state'),
    runtime: join(root, 'xdg', 'run'),
    serverData: join(root, 'server-data'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env = { ...process.env };
  // Variables of an enclosing VS Code (integrated terminal) would make ours talk to it.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  Object.assign(env, {
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    // No marketplace: neither the server nor the browser may try to reach one.
    EXTENSIONS_GALLERY: '{}',
  });
  return {
    ...dirs,
    env,
    dispose() {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Sends `signal` to every process in the group led by `pid`; a group already gone is fine. */
export function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/**
 * Runs a command in its own process group with a deadline, collects its output, and then
 * kills whatever is left of the group (an editor's language server, for one).
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean }>}
 */
export async function runInGroup(command, args, { env, cwd, timeoutMs, what }) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let timedOut = false;
  let result;
  try {
    result = await withTimeout(exited, timeoutMs, what);
  } catch {
    timedOut = true;
    result = { code: null, signal: 'SIGKILL' };
  } finally {
    if (child.pid) signalGroup(child.pid, 'SIGKILL');
  }
  if (result.error) stderr += `\n${result.error.message}`;
  return { code: result.code, signal: result.signal, stdout, stderr, timedOut };
}
