import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { InstantiateTemplateResult, ListTemplatesResult } from '../../common/src/protocol';
import { temporaryWorkspace, TestClient } from './harness';

const workspace = temporaryWorkspace('specwright-templates-', {
  '.specwright/templates/feature-spec/template.md': '# Feature: [Feature Name]\n\n## Why\n\n## What\n',
  '.specwright/templates/feature-spec/manifest.yaml': 'id: feature-spec\nlabel: Team feature spec\n',
});
const manifestPath = workspace.file('.specwright/templates/feature-spec/manifest.yaml');

describe('templates over the language server protocol', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: workspace.path, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  test('lists templates with their origin and what they override', async () => {
    const result: ListTemplatesResult = await client.connection.sendRequest('specwright/listTemplates', { uri: client.rootUri });
    const feature = result.templates.find((t) => t.id === 'feature-spec');
    assert.equal(feature?.origin, 'workspace');
    assert.equal(feature?.label, 'Team feature spec');
    assert.deepEqual(feature?.overrides.map((o) => o.origin), ['built-in']);
    assert.equal(result.templates.find((t) => t.id === 'technical-design')?.origin, 'built-in');
    assert.equal(result.templates.find((t) => t.id === 'technical-spec-prompt')?.kind, 'prompt');
  });

  test('instantiates a template: text, snippet and a safe file name', async () => {
    const result: InstantiateTemplateResult = await client.connection.sendRequest('specwright/instantiateTemplate', {
      templateId: 'technical-design',
      uri: client.rootUri,
      title: '../Rate limits',
      author: 'Ada',
      now: '2026-05-04T03:02:01Z',
      utcOffsetMinutes: 120,
    });
    assert.ok(result.text.includes('# Technical Specification: ../Rate limits\n'));
    assert.ok(result.text.includes('last_updated: "2026-05-04"'));
    assert.ok(result.text.includes('**Tech Lead**: Ada'));
    assert.ok(result.snippet.includes('${1:'));
    assert.deepEqual(result.fileName, { path: 'rate-limits.md' });
  });

  test('an unknown template is an InvalidParams error, and the server keeps serving', async () => {
    await assert.rejects(client.connection.sendRequest('specwright/instantiateTemplate', { templateId: 'nope', title: 'x' }), /No template/);
    const again: ListTemplatesResult = await client.connection.sendRequest('specwright/listTemplates', {});
    assert.ok(again.templates.length >= 6);
  });

  test('hover on the title says which template the spec follows and how that was decided', async () => {
    const uri = client.uri('docs/specs/rate-limits.md');
    await client.open(uri, '# Technical Specification: Rate limits\n\n## Overview\n\nText.\n\n## Architecture Overview\n\n### System Context\n\n## Technical Decisions\n\n## Implementation Plan\n\n## Dependencies\n\n## Testing Strategy\n\n## Rollout Strategy\n');
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /Technical Specification \(`technical-design`, built-in\)/);
    assert.match(value, /Recognised by its headings/);
    const none: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 1 } });
    assert.equal(none, null);
  });

  test('hover on the title of a family document says its family and kind, and how they were decided', async () => {
    const tasks = client.uri('specs/001-albums/tasks.md');
    await client.open(tasks, '# Tasks: Photo Albums\n\n## Phase 1: Setup\n\n- [ ] T001 [P] Create the project in src/\n');
    const byPath: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: tasks }, position: { line: 0, character: 3 } });
    const pathValue = (byPath?.contents as MarkupContent).value;
    assert.match(pathValue, /\*\*Family:\*\* spec-kit — task list/);
    assert.match(pathValue, /Its path matches `\*\*\/specs\/\*\/tasks\.md`/);

    const proposal = client.uri('docs/notes/change.md');
    await client.open(proposal, '---\nspecwright: any\n---\n# Add albums\n\n## Why\n\nPeople lose photos.\n\n## What Changes\n\n- Albums.\n\n## Impact\n\n- Affected specs: albums\n');
    const byShape: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: proposal }, position: { line: 3, character: 3 } });
    assert.match((byShape?.contents as MarkupContent | undefined)?.value ?? '', /\*\*Family:\*\* OpenSpec — .*\n\nIts content looks like one/);
  });

  test('a template manifest being edited gets diagnostics on the exact value', async () => {
    const uri = pathToFileURL(manifestPath).href;
    const text = 'id: Feature Spec\nlabel: Team feature spec\n';
    await client.open(uri, text, 'yaml');
    const diagnostics = await client.diagnostics(uri, (params) => params.diagnostics.length > 0);
    assert.equal(diagnostics[0]?.code, 'template-manifest');
    assert.deepEqual(diagnostics[0]?.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 16 } });
  });

  test('a changed template file reloads the templates', async () => {
    writeFileSync(manifestPath, 'id: feature-spec\nlabel: Renamed feature spec\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(manifestPath).href, type: 2 }] });
    const result: ListTemplatesResult = await client.connection.sendRequest('specwright/listTemplates', { uri: client.rootUri });
    assert.equal(result.templates.find((t) => t.id === 'feature-spec')?.label, 'Renamed feature spec');
  });
});
