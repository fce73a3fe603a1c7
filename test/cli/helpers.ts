import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The bundle under test; `npm run test:protocol` builds it first. */
export const CLI = resolve(__dirname, '../../dist/cli.js');
/** The checked-in fixture folders. */
export const FIXTURES = resolve(__dirname, '../fixtures/cli');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string>;
  /** Run as this user (tests running as root use it to be an ordinary user). */
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs `node dist/cli.js <args>` and resolves when the process has exited and its output is read. */
export function specwright(args: readonly string[], options: RunOptions): Promise<CliResult> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...options.env };
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] };
  if (options.uid !== undefined) Object.assign(spawnOptions, { uid: options.uid, gid: options.gid ?? options.uid });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const scratchFolders: string[] = [];
process.on('exit', () => {
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits; with `from`, a copy of that fixture folder. */
export function scratch(from?: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'specwright-cli-'));
  scratchFolders.push(folder);
  // Readable by everyone, for the test that runs the CLI as an ordinary user.
  chmodSync(folder, 0o755);
  if (from) cpSync(from, folder, { recursive: true });
  return folder;
}
