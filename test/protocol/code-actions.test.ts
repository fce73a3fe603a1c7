import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './harness';

const invalid = readFileSync(join(__dirname, '../rules/missing-section/invalid.md'), 'utf8');
const fixed = readFileSync(join(__dirname, '../rules/missing-section/invalid.fixed.md'), 'utf8');

function applyAction(text: string, action: CodeAction, version: number): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, version, 'the edit names the version it was made for');
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', version, text), change.edits);
}

describe('code actions over stdio', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
  });
  after(() => client.stop());

  test('missing-section offers to insert the section, as a versioned edit that removes the finding', async () => {
    const uri = client.uri('specs/webhooks.md');
    await client.open(uri, invalid);
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'missing-section'));
    const risky = diagnostics.find((d) => d.code === 'missing-section' && /Non-Functional/.test(d.message)) as Diagnostic;
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: risky.range,
      context: { diagnostics: [risky], only: ['quickfix'] },
    });
    const insert = actions.find((a) => a.title === 'Insert section `### 3.2 Non-Functional Requirements`');
    assert.ok(insert, actions.map((a) => a.title).join(' | '));
    assert.equal(insert.isPreferred, true);
    assert.deepEqual(insert.diagnostics, [risky]);
    assert.ok(actions.some((a) => a.title === 'Insert all 2 missing sections'));
    const after = applyAction(invalid, insert, 1);
    assert.ok(after.includes('### 3.1 Functional Requirements\n\n- FR-1: retry failed deliveries\n\n### 3.2 Non-Functional Requirements\n'));

    const version = await client.change(uri, [{ text: after }]);
    const again = await client.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(again.filter((d) => d.code === 'missing-section').map((d) => d.message), ['Expected section `## 7. Testing Strategy` from template `Technical Spec`, found none']);
  });

  test('source.fixAll.specwright applies every preferred fix in one edit', async () => {
    const uri = client.uri('specs/webhooks-all.md');
    await client.open(uri, invalid);
    await client.diagnostics(uri);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.specwright']);
    assert.equal(applyAction(invalid, actions[0]!, 1), fixed);
  });

  test('a request for a document that is not a spec, or not open, answers with nothing', async () => {
    const uri = client.uri('notes/todo.md');
    await client.open(uri, '# Notes\n\n[Name]\n');
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    const unknown = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri('nope.md') },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.equal(unknown, null);
  });
});
