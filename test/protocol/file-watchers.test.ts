import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { TestClient } from './harness';

// The server follows files changed outside the editor (specs, templates, config, the trace
// lock, tests and source code) through `workspace/didChangeWatchedFiles`. An editor that
// can register watchers on request (Neovim, Helix, Zed …) is asked for all of them; VS
// Code's extension watches the default ones itself and is asked only for the trace globs a
// team added, such as Lua specs, which would otherwise be seen only on the next walk.

interface Watcher {
  readonly globPattern: string | { readonly baseUri: string; readonly pattern: string };
}

const watchersOf = (client: TestClient): Watcher[][] =>
  client.registrations
    .filter((registration) => registration.method === 'workspace/didChangeWatchedFiles')
    .map((registration) => (registration.registerOptions as { watchers: Watcher[] }).watchers);

const describeWatcher = (watcher: Watcher) => (typeof watcher.globPattern === 'string' ? watcher.globPattern : `${watcher.globPattern.baseUri} ${watcher.globPattern.pattern}`);

describe('file watchers the server asks the editor for', () => {
  let client: TestClient | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await client?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('an editor that registers watchers is asked for specs, templates, config, the trace lock and the trace globs, relative to the folder', async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-watch-'));
    ({ client } = await TestClient.start({ rootPath: root, watchFiles: true, settings: { traceFiles: ['**/*.{ts,py}', '**/*.lua', '!**/vendor/**'] } }));
    const registered = await client.until(() => watchersOf(client as TestClient)[0], 10_000, 'a file-watcher registration');
    const globs = registered.map(describeWatcher);
    for (const glob of ['**/*.md', '**/.specwright/templates/**', '**/.specify/templates/**', '**/openspec/{AGENTS.md,config.yaml,config.yml,schemas/**}', '**/.specwright.{yaml,yml,json}', '**/.specwright/trace.lock']) {
      assert.ok(globs.includes(glob), `expected ${glob} among ${globs.join(', ')}`);
    }
    assert.ok(globs.includes(`${client.rootUri} **/*.lua`), globs.join(', '));
    assert.ok(globs.includes(`${client.rootUri} **/*.{ts,py}`), globs.join(', '));
    assert.ok(!globs.some((glob) => glob.includes('vendor')), 'a negated glob watches nothing');
  });

  test('an editor that watches the defaults itself is asked only for the globs beyond them, and again when settings change', async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-watch-'));
    ({ client } = await TestClient.start({ rootPath: root, watchFiles: 'globs', initializationOptions: { watchesFiles: true }, settings: { traceFiles: ['spec/**/*.lua'] } }));
    const first = await client.until(() => watchersOf(client as TestClient)[0], 10_000, 'a file-watcher registration');
    assert.deepEqual(first.map(describeWatcher), ['**/spec/**/*.lua']);
    client.settings = { traceFiles: ['spec/**/*.lua', 'scripts/*.tcl'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const second = await client.until(() => watchersOf(client as TestClient)[1], 10_000, 'a second registration');
    assert.deepEqual(second.map(describeWatcher), ['**/spec/**/*.lua', '**/scripts/*.tcl']);
  });

  test('an editor that watches the defaults, with default settings, is asked for nothing until a setting adds a glob', async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-watch-'));
    ({ client } = await TestClient.start({ rootPath: root, watchFiles: true, initializationOptions: { watchesFiles: true } }));
    // Registrations are made in order: the first one seen is the one the new setting asks for.
    client.settings = { traceFiles: ['**/*.lua'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const first = await client.until(() => watchersOf(client as TestClient)[0], 10_000, 'a file-watcher registration');
    assert.deepEqual(first.map(describeWatcher), [`${client.rootUri} **/*.lua`]);
  });
});
