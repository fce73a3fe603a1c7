// The VS Code extension starts the server through dist/server-start.js, which compiles
// dist/server.js from V8's code cache in the folder SPECWRIGHT_CODE_CACHE names. The server
// must work the same with a cache, without one, and with a cache that is not V8's.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { TestClient } from './harness';

const START = resolve(__dirname, '../../dist/server-start.js');
const SPEC = '# Checkout\n\n## Goals\n\n[Describe the goals]\n';
const folder = mkdtempSync(join(tmpdir(), 'specwright-code-cache-'));
const cache = join(folder, 'cache');
mkdirSync(join(folder, 'specs'));
mkdirSync(cache);

/** The cache files in the folder (not the ones being written). */
const caches = () => readdirSync(cache).filter((name) => name.endsWith('.v8-cache'));

/** Resolves once a cache file other than `besides` is in the folder; fails after `ms`. */
function cacheWritten(besides: readonly string[], ms = 20_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const check = () => caches().find((name) => !besides.includes(name));
    const watcher = watch(cache, () => {
      const found = check();
      if (found) finish(() => resolvePromise(found));
    });
    const timer = setTimeout(() => finish(() => reject(new Error(`no cache written in ${ms} ms: ${readdirSync(cache).join(', ')}`))), ms);
    const finish = (settle: () => void) => {
      watcher.close();
      clearTimeout(timer);
      settle();
    };
    const found = check();
    if (found) finish(() => resolvePromise(found));
  });
}

/** Starts the server through server-start.js, checks a spec, and gives its timing marks. */
async function check(): Promise<{ client: TestClient; marks: string }> {
  const { client } = await TestClient.start({
    rootPath: folder,
    settings: { diagnosticsDelay: 0 },
    server: START,
    env: { SPECWRIGHT_CODE_CACHE: cache, SPECWRIGHT_STARTUP_TIMING: '1' },
  });
  const uri = client.uri('specs/checkout.md');
  await client.open(uri, SPEC);
  const findings = await client.diagnostics(uri);
  assert.ok(findings.some((d) => d.code === 'unfilled-placeholder'), JSON.stringify(findings));
  return { client, marks: client.stderr.join('\n') };
}

describe('the server started from V8’s code cache', () => {
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('without a cache it starts from source and writes one; the next start uses it', async () => {
    const first = await check();
    assert.match(first.marks, /specwright-timing code cache none /);
    const written = await cacheWritten([]);
    await first.client.stop();
    const second = await check();
    await second.client.stop();
    assert.match(second.marks, /specwright-timing code cache used /);
    assert.deepEqual(caches(), [written]);
  });

  test('a cache V8 rejects is compiled around and written again; caches of other bundles are removed', async () => {
    const [name] = caches();
    assert.ok(name);
    writeFileSync(join(cache, name), 'not a code cache');
    writeFileSync(join(cache, 'server-0123456789abcdef0123456789abcdef.v8-cache'), 'an older bundle’s');
    const { client, marks } = await check();
    assert.match(marks, /specwright-timing code cache rejected /);
    await new Promise<void>((done, fail) => {
      const watcher = watch(cache, () => {
        if (!existsSync(join(cache, 'server-0123456789abcdef0123456789abcdef.v8-cache'))) {
          watcher.close();
          done();
        }
      });
      setTimeout(() => (watcher.close(), fail(new Error('the other cache was not removed'))), 20_000).unref();
    });
    await client.stop();
    assert.deepEqual(caches(), [name]);
  });
});
