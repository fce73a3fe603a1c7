import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { temporaryWorkspace, TestClient } from './harness';

// A repository that keeps its own RFC template beside its RFCs (`text/0000-template.md`, as
// Rust-style RFC repositories do): the template opened in the editor is clean, a copy opened
// beside it is checked against it, and a change to the template on disk checks the copy again.
const FIXTURE = resolve(__dirname, '../fixtures/repository-templates/rust-rfc');
const TEMPLATE = readFileSync(join(FIXTURE, '0000-template.md'), 'utf8');

const workspace = temporaryWorkspace('specwright-repository-templates-', {
  'text/0000-template.md': TEMPLATE,
  'text/0001-album-sharing.md': readFileSync(join(FIXTURE, 'text/0001-album-sharing.md'), 'utf8'),
});

const unchangedLines = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((diagnostic) => diagnostic.code === 'template-text-unchanged').map((diagnostic) => diagnostic.range.start.line + 1);

describe("a repository's own template over the language server protocol", () => {
  let client: TestClient;
  before(async () => {
    // The default settings: a template is checked as a template.
    ({ client } = await TestClient.start({ rootPath: workspace.path, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  test('the template is clean, and its title’s hover says it is the repository’s template', async () => {
    const uri = pathToFileURL(workspace.file('text/0000-template.md')).href;
    await client.open(uri, TEMPLATE);
    assert.deepEqual(await client.diagnostics(uri), []);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /The repository's RFC \(Rust style\) template, by its path \(`\*\*\/0000-template\.md`\)/);
  });

  test('a copy opened beside it gets template-text-unchanged; a change to the template on disk checks the copy again', async () => {
    const uri = pathToFileURL(workspace.file('text/0002-new-proposal.md')).href;
    await client.open(uri, TEMPLATE);
    const first = await client.diagnostics(uri, (params) => unchangedLines(params.diagnostics).length > 0);
    assert.deepEqual(unchangedLines(first), [6, 10, 14, 18, 22]);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /\*\*Template:\*\* `text\/0000-template\.md` \(the repository's own\)/);

    // The team rewrites the template's Summary instruction: the copy's Summary is no longer the template's text.
    writeFileSync(workspace.file('text/0000-template.md'), TEMPLATE.replace('Say in one paragraph what the change is.', 'Describe the change in two sentences.'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(workspace.file('text/0000-template.md')).href, type: 2 }] });
    const second = await client.diagnostics(uri, (params) => !unchangedLines(params.diagnostics).includes(6));
    assert.deepEqual(unchangedLines(second), [10, 14, 18, 22]);
  });
});

const NUMBERED = resolve(__dirname, '../fixtures/repository-templates/numbered-template');
const numberedFile = (path: string) => readFileSync(join(NUMBERED, path), 'utf8');
const numberedWorkspace = temporaryWorkspace('specwright-numbered-template-', {
  'docs/proposals/001-proposal-template.md': numberedFile('docs/proposals/001-proposal-template.md'),
  'docs/proposals/002-album-export.md': numberedFile('docs/proposals/002-album-export.md'),
});

describe('a template numbered as the series’ first document, over the language server protocol', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: numberedWorkspace.path, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    numberedWorkspace.dispose();
  });

  test('it holds slots, so it is the template: not checked for them, and its hover says why', async () => {
    const path = 'docs/proposals/001-proposal-template.md';
    const uri = pathToFileURL(numberedWorkspace.file(path)).href;
    await client.open(uri, numberedFile(path));
    assert.deepEqual((await client.diagnostics(uri)).map((diagnostic) => diagnostic.code), []);
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 3 } });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /template, by its file name and the slots it holds/);
  });

  test('a proposal beside it that kept its front-matter title and a section is told of both', async () => {
    const path = 'docs/proposals/002-album-export.md';
    const uri = pathToFileURL(numberedWorkspace.file(path)).href;
    await client.open(uri, numberedFile(path));
    const diagnostics = await client.diagnostics(uri, (params) => unchangedLines(params.diagnostics).length > 0);
    assert.deepEqual(unchangedLines(diagnostics), [2, 24]);
  });
});
