import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

describe('a document just opened', () => {
  let client: TestClient;
  const folder = mkdtempSync(join(tmpdir(), 'specwright-open-'));
  before(async () => {
    // The longest delay the setting allows: it is for edits, not for opening.
    ({ client } = await TestClient.start({ rootPath: folder, settings: { diagnosticsDelay: 5000 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('is checked at once, without the quiet period kept after edits (push diagnostics)', async () => {
    const uri = client.uri('specs/opened.md');
    await client.open(uri, OPENED);
    // Bounded below the 5 s delay: with it, nothing arrives in time.
    const findings = await client.diagnostics(uri, (params) => params.version === 1, 4000);
    assert.ok(findings.some((d) => d.code === 'unfilled-placeholder'), JSON.stringify(findings));
  });
});

describe('the first check of a spec (pull diagnostics)', () => {
  let client: TestClient;
  const folder = mkdtempSync(join(tmpdir(), 'specwright-first-check-'));
  const marks = () => client.stderr.filter((line) => line.startsWith('specwright-timing ')).map((line) => line.split(' ').slice(1, -1).join(' '));
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: folder, pull: true, env: { SPECWRIGHT_STARTUP_TIMING: '1' } }));
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test('the folder’s templates and conventions are read once the server is initialized, before any spec is opened', async () => {
    await client.until(() => (marks().includes('folders read') ? true : undefined), 10_000, 'the folder read');
    assert.ok(!marks().includes('didOpen'), marks().join(', '));
  });

  test('begins when the spec opens, not when the editor asks for its diagnostics', async () => {
    const uri = client.uri('specs/first.md');
    await client.open(uri, OPENED);
    await client.until(() => (marks().includes('linted') ? true : undefined), 10_000, 'the check of the opened spec');
    assert.ok(!marks().includes('diagnostic request'), marks().join(', '));
    // The request takes the findings of that check.
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: { code?: unknown }[] };
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((item) => item.code === 'unfilled-placeholder'), JSON.stringify(report.items));
  });
});

describe('settings at the start of a session', () => {
  let client: TestClient;
  const folder = mkdtempSync(join(tmpdir(), 'specwright-settings-'));
  const outside = mkdtempSync(join(tmpdir(), 'specwright-outside-'));
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: folder, configuration: true, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const asked = () => client.events.filter((event) => event.startsWith('configuration ')).map((event) => event.slice('configuration '.length));

  test('are asked once per workspace folder, before any document opens, and not again for each spec in it', async () => {
    const root = client.uri('');
    const folderUri = root.endsWith('/') ? root.slice(0, -1) : root;
    await client.until(() => asked().length > 0 || undefined, 10_000, 'the settings asked for at start');
    assert.deepEqual(asked(), [folderUri]);
    for (const name of ['specs/a.md', 'specs/b.md']) {
      const uri = client.uri(name);
      await client.open(uri, OPENED);
      const findings = await client.diagnostics(uri, (params) => params.version === 1);
      assert.ok(findings.some((d) => d.code === 'unfilled-placeholder'), JSON.stringify(findings));
    }
    assert.deepEqual(asked(), [folderUri]);
  });

  test('a document outside every folder is asked for on its own', async () => {
    const uri = pathToFileURL(join(outside, 'specs/loose.md')).href;
    await client.open(uri, OPENED);
    await client.until(() => asked().includes(uri) || undefined, 10_000, `the settings asked for ${uri}`);
  });
});
