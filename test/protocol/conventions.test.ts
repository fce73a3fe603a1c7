import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestClient } from './harness';

// An OpenSpec workspace written in Chinese, whose openspec/AGENTS.md shows its own heading
// words: over stdio its delta spec is read with them (no diagnostic, and the title's hover
// names the file), and once the file is gone (a watched-file event) the built-in words
// are back and the same delta has no delta section.
const FIXTURE = resolve(__dirname, '../fixtures/conventions/openspec-zh');
const DELTA = 'openspec/changes/add-sharing/specs/albums/spec.md';

describe('a repository’s own OpenSpec conventions over the language server protocol', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-conventions-'));
    cpSync(FIXTURE, root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the delta follows the words of openspec/AGENTS.md, the hover says so, and without the file the built-in words apply', async () => {
    const uri = client.uri(DELTA);
    await client.open(uri, readFileSync(join(root, DELTA), 'utf8'));
    const first = await client.diagnostics(uri, (params) => params.version === 1);
    assert.deepEqual(first.map((d) => `${String(d.code)}: ${d.message}`), []);

    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } });
    const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(text, /\*\*Family:\*\* OpenSpec — spec delta/);
    assert.match(text, /Using the repository's `openspec\/AGENTS\.md`: its words: .*ADDED Requirements → 新增需求/);

    const before = client.publications(uri).length;
    const agents = join(root, 'openspec', 'AGENTS.md');
    renameSync(agents, join(root, 'AGENTS.bak'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(agents).href, type: 3 }] });
    const later = await client.diagnostics(uri, (params) => params.diagnostics.length > 0 && client.publications(uri).indexOf(params) >= before);
    assert.deepEqual(later.map((d) => d.code), ['spec-delta']);
    assert.match(later[0]?.message ?? '', /Expected a delta section \(`## ADDED Requirements`/);
  });
});

// An OpenSpec workspace whose openspec/config.yaml names its own schema: the proposal must
// have the sections of the schema's template, the hover names the template and the config,
// and once the config names no schema (a watched-file event) the built-in sections apply.
describe('a delta in the repository’s own OpenSpec words, against its spec, over the language server protocol', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-conventions-trace-'));
    cpSync(FIXTURE, root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('modifying a requirement the spec has is clean once the workspace is read; one it does not have is reported', async () => {
    const uri = client.uri(DELTA);
    const text = (name: string) =>
      `## 修改需求\n\n### 需求：${name}\n\n系统 SHALL 允许用户用名称创建相册。\n\n#### 场景：创建成功\n\n- **WHEN** 用户输入名称并确认\n- **THEN** 新相册出现在相册列表中\n`;
    await client.open(uri, text('创建相册'));
    await client.until(() => client.logs.find((line) => line.startsWith('Indexed the workspace')), 10_000, 'the workspace index');
    await client.change(uri, [{ text: text('不存在的需求') }]);
    const unknown = await client.diagnostics(uri, (params) => params.version === 2 && params.diagnostics.some((d) => d.code === 'spec-delta-target'));
    assert.deepEqual(
      unknown.map((d) => `${String(d.code)}: ${d.message}`),
      ['spec-delta-target: Expected a requirement `不存在的需求` in `openspec/specs/albums/spec.md`, found none: archiving the change fails'],
    );
    await client.change(uri, [{ text: text('创建相册') }]);
    const kept = await client.diagnostics(uri, (params) => params.version === 3);
    assert.deepEqual(kept.map((d) => `${String(d.code)}: ${d.message}`), []);
  });
});

describe('a repository’s own OpenSpec schema over the language server protocol', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-schema-'));
    cpSync(resolve(__dirname, '../fixtures/conventions/openspec-schema'), root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the proposal needs the template’s sections, the hover says where they come from, and a changed config is followed', async () => {
    const uri = client.uri('openspec/changes/add-export/proposal.md');
    await client.open(uri, readFileSync(join(root, 'openspec/changes/add-export/proposal.md'), 'utf8'));
    const first = await client.diagnostics(uri, (params) => params.version === 1);
    assert.deepEqual(first.map((d) => d.message), ['Expected section `Rollback Plan` of an OpenSpec change proposal, found none']);

    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } });
    const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(text, /Sections it requires: `Why`, `What Changes`, `Rollback Plan`\./);
    assert.match(text, /Using the repository's `openspec\/schemas\/team-flow\/templates\/proposal\.md`: the sections of a change proposal/);
    assert.match(text, /Using the repository's `openspec\/config\.yaml`: names the schema `team-flow`/);

    const before = client.publications(uri).length;
    const config = join(root, 'openspec', 'config.yaml');
    writeFileSync(config, 'context: |\n  Tech stack: TypeScript.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    await client.diagnostics(uri, (params) => params.diagnostics.length === 0 && client.publications(uri).indexOf(params) >= before);
  });
});

// Kiro's steering files, included among the specs by a setting: context for the agent,
// never checked; the title's hover says so and why.
describe('Kiro steering files over the language server protocol', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-steering-'));
    cpSync(resolve(__dirname, '../fixtures/conventions/kiro-steering'), root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0, includeFiles: ['**/.kiro/steering/*.md'] } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('a steering file with placeholders and an empty section: no diagnostic, and the hover says it is not a spec', async () => {
    const uri = client.uri('.kiro/steering/api-style.md');
    await client.open(uri, readFileSync(join(root, '.kiro/steering/api-style.md'), 'utf8'));
    assert.deepEqual(await client.diagnostics(uri, (params) => params.version === 1), []);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
    const text = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(text, /\*\*Family:\*\* Kiro — steering/);
    assert.match(text, /Not a spec: not checked\./);
    assert.match(text, /context for Kiro's agent/);
  });
});
