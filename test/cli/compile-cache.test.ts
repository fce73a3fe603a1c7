import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, scratch, specwright, type CliResult } from './helpers';

// The `specwright` command (bin/specwright.js) keeps V8's code cache of the bundle between runs.
// A run with a cache, without one, with a broken one or with nowhere to write one prints the
// same, byte for byte, as the bundle run directly.

const BIN = resolve(__dirname, '../../bin/specwright.js');
/** Node 22.1 and later keep the cache themselves, in files of their own naming. */
const NODE_CACHE = Number(process.versions.node.split('.')[0]) > 22 || /^22\.(?:[1-9]|\d{2})\./.test(process.versions.node);
const findings = scratch(join(FIXTURES, 'findings'));
const ARGS = ['lint', '--format', 'json', '--no-config'];

function command(args: readonly string[], cacheDirectory: string, extra: Record<string, string> = {}): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: scratch(), SPECWRIGHT_CACHE_DIR: cacheDirectory, ...extra };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: findings, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A cache folder in which a `--version` run wrote its cache, and that file's name. */
async function cacheOfVersionRun(): Promise<{ directory: string; name: string }> {
  const directory = join(scratch(), 'cache');
  await command(['--version'], directory);
  const [name] = cacheFiles(directory);
  assert.ok(name !== undefined, 'a cache file was written');
  return { directory, name };
}

function cacheFiles(directory: string): string[] {
  return existsSync(directory) ? readdirSync(directory, { recursive: true }).map(String).filter((name) => statSync(join(directory, name)).isFile()) : [];
}

describe('the code cache of the specwright command', () => {
  test('is written on the first run and used on the next, with the output of the bundle run directly', async () => {
    const direct = await specwright(ARGS, { cwd: findings });
    assert.equal(direct.code, 1, direct.stderr);
    const directory = join(scratch(), 'cache');
    const first = await command(ARGS, directory);
    assert.deepEqual(first, direct);
    const files = cacheFiles(directory);
    assert.ok(files.length > 0, 'a cache file was written');
    const second = await command(ARGS, directory);
    assert.deepEqual(second, direct);
    if (!NODE_CACHE) {
      // One file for this build and this Node; accepted, it is not written again.
      assert.equal(files.length, 1);
      assert.match(files[0] as string, /^cli-[0-9a-f]{32}\.bin$/);
      const written = statSync(join(directory, files[0] as string)).mtimeMs;
      const third = await command(['--version'], directory);
      assert.equal(third.code, 0);
      assert.equal(statSync(join(directory, files[0] as string)).mtimeMs, written);
    }
  });

  test('a cache of a run that compiled little (`--version`) is written again by a run that compiles more', async (t) => {
    if (NODE_CACHE) {
      t.skip('Node keeps the cache itself here');
      return;
    }
    const { directory, name } = await cacheOfVersionRun();
    const small = statSync(join(directory, name)).size;
    await command(ARGS, directory);
    const large = statSync(join(directory, name)).size;
    assert.ok(large > small * 1.25, `the lint run's cache (${large} bytes) replaced the --version run's (${small} bytes)`);
    // And a run that compiles little again does not shrink it.
    await command(['--version'], directory);
    assert.equal(statSync(join(directory, name)).size, large);
  });

  test('a broken cache file is replaced, and the run is as without it', async (t) => {
    if (NODE_CACHE) {
      t.diagnostic('Node keeps the cache itself here; its files are checked by Node');
    }
    const direct = await specwright(ARGS, { cwd: findings });
    const { directory, name } = await cacheOfVersionRun();
    const garbage = Buffer.from('not a code cache, just bytes '.repeat(100));
    writeFileSync(join(directory, name), garbage);
    const run = await command(ARGS, directory);
    assert.deepEqual(run, direct);
    if (!NODE_CACHE) assert.notDeepEqual(readFileSync(join(directory, name)), garbage, 'the refused cache was written anew');
  });

  test('with nowhere to write it, or turned off, the command runs as the bundle does', async () => {
    const direct = await specwright(ARGS, { cwd: findings });
    const blocked = join(scratch(), 'a-file');
    writeFileSync(blocked, 'not a folder');
    assert.deepEqual(await command(ARGS, join(blocked, 'cache')), direct);
    const off = join(scratch(), 'cache');
    assert.deepEqual(await command(ARGS, off, { SPECWRIGHT_NO_COMPILE_CACHE: '1' }), direct);
    assert.equal(existsSync(off), false, 'nothing is written when the cache is turned off');
  });

  test('keeps the newest few cache files of other builds and removes the rest', async (t) => {
    if (NODE_CACHE) {
      t.skip('Node keeps and prunes the cache itself here');
      return;
    }
    const { directory, name: current } = await cacheOfVersionRun();
    const old = ['cli-00000000000000000000000000000001.bin', 'cli-00000000000000000000000000000002.bin', 'cli-00000000000000000000000000000003.bin', 'cli-00000000000000000000000000000004.bin', 'cli-00000000000000000000000000000005.bin'];
    old.forEach((name, index) => {
      writeFileSync(join(directory, name), 'x');
      const at = new Date(Date.UTC(2026, 0, 1 + index));
      utimesSync(join(directory, name), at, at);
    });
    writeFileSync(join(directory, current), 'stale');
    await command(['--version'], directory);
    assert.deepEqual(cacheFiles(directory).sort(), [current, old[4], old[3], old[2]].sort());
  });
});
