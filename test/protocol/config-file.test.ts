import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { temporaryWorkspace, TestClient } from './harness';

const workspace = temporaryWorkspace('specwright-config-', { '.specwright.yaml': 'rules:\n  empty-section: error\n  unfilled-placeholder: off\n' });
const configPath = workspace.file('.specwright.yaml');

describe('the config file in the editor', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: workspace.path, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  test('its rule settings apply to specs in the workspace folder, as on the command line', async () => {
    const uri = client.uri('specs/a.md');
    await client.open(uri, '# Notes: [Title]\n\n## Goals\n');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['empty-section', 1]]);
  });

  test('a change to it re-checks open specs', async () => {
    const uri = client.uri('specs/b.md');
    await client.open(uri, '# Notes: [Title]\n\n## Goals\n');
    await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
    writeFileSync(configPath, 'rules:\n  empty-section: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(configPath).href, type: 2 }] });
    const after = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unfilled-placeholder'));
    assert.deepEqual(after.map((d) => d.code), ['unfilled-placeholder']);
  });

  test('the config file being edited gets diagnostics on the exact value', async () => {
    const uri = pathToFileURL(configPath).href;
    await client.open(uri, 'rules:\n  empty-section: loud\n', 'yaml');
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(diagnostics[0]?.code, 'config-file');
    assert.deepEqual(diagnostics[0]?.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 21 } });
  });
});
