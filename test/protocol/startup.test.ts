import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient } from './harness';

const workspace = mkdtempSync(join(tmpdir(), 'specwright-startup-'));
mkdirSync(join(workspace, 'specs'), { recursive: true });
writeFileSync(join(workspace, 'specs/other.md'), '# Other\n\n- FR-002: Export a CSV\n');
const OPENED = '# Checkout\n\n## Goals\n\n[Describe the goals]\n\n- FR-001: Pay by card, see FR-002\n';

describe('server start', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: workspace, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the first check does not share the start with the walk of the workspace: the walk begins once it is done', async () => {
    const uri = client.uri('specs/checkout.md');
    await client.open(uri, OPENED);
    await client.until(() => client.logs.find((line) => line.startsWith('Indexed the workspace')), 10_000, 'the workspace index');
    const first = client.events.indexOf(`diagnostics ${uri}`);
    const indexed = client.events.findIndex((event) => event.startsWith('log Indexed the workspace'));
    assert.ok(first >= 0 && first < indexed, client.events.join('\n'));
    // Once the walk is done, the other file's definition is known: the reference is not reported.
    const findings = await client.diagnostics(uri, (params) => !params.diagnostics.some((d) => d.code === 'unknown-id'));
    assert.ok(!findings.some((d) => d.code === 'unknown-id'));
  });
});
