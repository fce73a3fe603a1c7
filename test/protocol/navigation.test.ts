import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  CodeLens,
  CompletionItem,
  CompletionList,
  Hover,
  Location,
  MarkupContent,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { SpecSummary } from '../../common/src/protocol';
import { TestClient } from './harness';

const workspace = mkdtempSync(join(tmpdir(), 'specwright-navigation-'));
mkdirSync(join(workspace, '.specwright/templates/mini'), { recursive: true });
mkdirSync(join(workspace, 'specs'), { recursive: true });
writeFileSync(
  join(workspace, '.specwright/templates/mini/template.md'),
  [
    '---',
    'title: "[Title]"',
    'status: Draft',
    '---',
    '',
    '# Mini: [Title]',
    '',
    '## Goals',
    '',
    '<!-- What the feature must achieve, in two sentences -->',
    '',
    'Goal: [Describe the goals]',
    '',
    '## Requirements',
    '',
    '- FR-001: [Requirement]',
    '',
    '## Rollout',
    '',
    '_How it reaches users._',
    '',
    '[Rollout plan]',
    '',
  ].join('\n'),
);
writeFileSync(
  join(workspace, '.specwright/templates/mini/manifest.yaml'),
  [
    'id: mini',
    'label: Mini spec',
    'lifecycle:',
    '  field: { frontMatter: status }',
    '  statuses:',
    '    - { value: Draft, stage: draft }',
    '    - { value: Approved, stage: final }',
    'frontMatter:',
    '  properties:',
    '    title: { type: string, required: true, description: "The spec’s title." }',
    '    status: { type: string, required: true, description: Where the spec is in its review., enum: [Draft, Approved] }',
    '    last_updated: { type: date, description: The day the spec last changed. }',
    '    owner: { type: string, description: Who answers questions about the spec. }',
    '',
  ].join('\n'),
);
const A_TEXT = [
  '---', // 0
  'specwright: mini', // 1
  'title: Login', // 2
  'status: Draft', // 3
  'last_updated: 2026-01-01', // 4
  '', // 5
  '---', // 6
  '', // 7
  '# Mini: Login', // 8
  '', // 9
  '## Goals', // 10
  '', // 11
  'Goal: people log in. See FR-002 and [Describe the goals].', // 12
  '', // 13
  '## Requirements', // 14
  '', // 15
  '- FR-001: Log in with a password', // 16
  '- FR-003: Log out', // 17
  '', // 18
  'Next: FR-', // 19
  '', // 20
  '', // 21
].join('\n');
const B_TEXT = '# Export\n\n- FR-002: Export a CSV\n\nExport needs FR-001 first.\n';
writeFileSync(join(workspace, 'specs/b.md'), B_TEXT);

const value = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';
const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : (result?.items ?? []));

describe('navigation over the language server protocol', () => {
  let client: TestClient;
  let a: string;
  let b: string;
  const request = <R>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<R>;
  const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

  before(async () => {
    const started = await TestClient.start({ rootPath: workspace, settings: { diagnosticsDelay: 0 } });
    client = started.client;
    assert.ok(started.init.capabilities.renameProvider, 'rename');
    assert.ok(started.init.capabilities.completionProvider, 'completion');
    a = client.uri('specs/a.md');
    b = client.uri('specs/b.md');
    await client.open(a, A_TEXT);
    // Opening a spec starts the first walk of the workspace; the server logs when it is done.
    await client.until(() => client.logs.find((line) => line.startsWith('Indexed the workspace')), 10_000, 'the workspace index');
  });
  after(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('go to definition finds an ID defined in a file that is not open', async () => {
    const locations = await request<Location[]>('textDocument/definition', at(a, 12, 27));
    assert.deepEqual(locations, [{ uri: b, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } } }]);
    assert.equal(await request('textDocument/definition', at(a, 12, 2)), null);
  });

  test('find references across the open spec and the one on disk', async () => {
    const all = await request<Location[]>('textDocument/references', { ...at(a, 16, 4), context: { includeDeclaration: true } });
    assert.deepEqual(all.map((l) => `${l.uri === a ? 'a' : 'b'}:${l.range.start.line}:${l.range.start.character}`).sort(), ['a:16:2', 'b:4:13']);
    const uses = await request<Location[]>('textDocument/references', { ...at(a, 16, 4), context: { includeDeclaration: false } });
    assert.deepEqual(uses.map((l) => l.uri), [b]);
  });

  test('rename: a versioned edit for the open spec, an unversioned one for the file on disk', async () => {
    assert.equal(await request('textDocument/prepareRename', at(a, 12, 8)), null);
    assert.deepEqual(await request('textDocument/prepareRename', at(a, 16, 5)), {
      range: { start: { line: 16, character: 2 }, end: { line: 16, character: 8 } },
      placeholder: 'FR-001',
    });
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...at(a, 16, 5), newName: 'FR-010' });
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    const byUri = new Map(changes.map((change) => [change.textDocument.uri, change]));
    assert.equal(byUri.get(a)?.textDocument.version, 1);
    assert.equal(byUri.get(b)?.textDocument.version, null);
    assert.deepEqual(byUri.get(a)?.edits, [{ range: { start: { line: 16, character: 2 }, end: { line: 16, character: 8 } }, newText: 'FR-010' }]);
    assert.deepEqual((byUri.get(b)?.edits as TextEdit[]).map((e) => [e.range.start, e.newText]), [[{ line: 4, character: 13 }, 'FR-010']]);
    await assert.rejects(request('textDocument/rename', { ...at(a, 16, 5), newName: 'Login' }), /Expected a requirement ID/);
    await assert.rejects(request('textDocument/rename', { ...at(a, 16, 5), newName: 'FR-003' }), /defined in `specs\/a.md`/);
  });

  test('completion: the next free ID first, then the existing ones with their text', async () => {
    const list = items(await request('textDocument/completion', at(a, 19, 9)));
    assert.deepEqual(list.map((item) => item.label), ['FR-004', 'FR-001', 'FR-003', 'FR-002']);
    assert.equal(list[0]?.detail, 'Next free ID');
    assert.equal(list[3]?.detail, 'Export a CSV');
    assert.deepEqual(list[0]?.textEdit, { range: { start: { line: 19, character: 6 }, end: { line: 19, character: 9 } }, newText: 'FR-004' });
  });

  test('completion: the sections the template still lacks, with its skeleton', async () => {
    const list = items(await request('textDocument/completion', at(a, 21, 0)));
    assert.deepEqual(list.map((item) => item.label), ['Rollout']);
    const edit = list[0]?.textEdit as TextEdit;
    assert.equal(edit.newText, '## Rollout\n\n_How it reaches users._\n\n[Rollout plan]');
    assert.equal(items(await request('textDocument/completion', at(a, 12, 3))).length, 0);
  });

  test('completion in front matter: missing keys with descriptions, enum values, today for a date', async () => {
    const keys = items(await request('textDocument/completion', at(a, 5, 0)));
    assert.deepEqual(keys.map((item) => item.label), ['owner']);
    assert.match((keys[0]?.documentation as MarkupContent).value, /Who answers questions/);
    const statuses = items(await request('textDocument/completion', at(a, 3, 10)));
    assert.deepEqual(statuses.map((item) => item.label), ['Draft', 'Approved']);
    assert.deepEqual((statuses[1]?.textEdit as TextEdit).range, { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } });
    const dates = items(await request('textDocument/completion', at(a, 4, 14)));
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    assert.deepEqual(dates.map((item) => item.label), [today]);
  });

  test('hover: an ID shows its definition and file; a placeholder its guidance; a key its schema; the title its template', async () => {
    const id = value(await request('textDocument/hover', at(a, 12, 27)));
    assert.match(id, /\*\*FR-002\*\* — Export a CSV/);
    assert.match(id, /`specs\/b.md`, line 3/);
    assert.match(id, /- FR-002: Export a CSV/);
    const placeholder = value(await request('textDocument/hover', at(a, 12, 42)));
    assert.match(placeholder, /What the feature must achieve, in two sentences/);
    assert.match(placeholder, /Goal: \[Describe the goals\]/);
    const key = value(await request('textDocument/hover', at(a, 3, 2)));
    assert.match(key, /Where the spec is in its review/);
    assert.match(key, /Allowed values: `Draft`, `Approved`/);
    assert.match(value(await request('textDocument/hover', at(a, 8, 3))), /\*\*Template:\*\* Mini spec/);
  });

  test('code lens on the title and specwright/specSummary', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: a } });
    assert.deepEqual(lenses.map((lens) => [lens.range.start.line, lens.command?.title]), [[8, '1/3 sections complete · 1 placeholder · Draft']]);
    const summary = await request<SpecSummary>('specwright/specSummary', { uri: a });
    assert.equal(summary.title, 'Mini: Login');
    assert.deepEqual(summary.template, { id: 'mini', label: 'Mini spec' });
    assert.equal(summary.status, 'Draft');
    assert.deepEqual(summary.sections.map((s) => [s.title, s.depth, s.state, s.required]), [
      ['Mini: Login', 1, 'incomplete', false],
      ['Goals', 2, 'placeholders', true],
      ['Requirements', 2, 'complete', true],
      ['Rollout', 2, 'missing', true],
    ]);
    const rollout = summary.sections[3]!;
    assert.equal(rollout.insertText, '## Rollout\n\n_How it reaches users._\n\n[Rollout plan]\n');
    assert.deepEqual(rollout.insertPosition, { line: 21, character: 0 });
    assert.deepEqual(summary.placeholders, [{ range: { start: { line: 12, character: 36 }, end: { line: 12, character: 56 } }, text: '[Describe the goals]' }]);
    assert.deepEqual(summary.frontMatter.map((entry) => entry.key), ['specwright', 'title', 'status', 'last_updated']);
    assert.deepEqual(summary.progress, { complete: 1, total: 3, placeholders: 1, text: '1/3 sections complete · 1 placeholder · Draft' });
    assert.equal(await request('specwright/specSummary', { uri: client.uri('notes/not-open.md') }), null);
  });

  test('workspace symbols: IDs and spec titles', async () => {
    const ids = await request<SymbolInformation[]>('workspace/symbol', { query: 'FR-00' });
    assert.deepEqual(ids.map((s) => s.name).sort(), ['FR-001: Log in with a password', 'FR-002: Export a CSV', 'FR-003: Log out']);
    const titles = await request<SymbolInformation[]>('workspace/symbol', { query: 'export' });
    assert.ok(titles.some((s) => s.name === 'Export' && s.location.uri === b));
  });

  test('the index follows files deleted, created and changed on disk', async () => {
    const has = (code: string, id: string) => (p: { diagnostics: { code?: string | number; message: string }[] }) =>
      p.diagnostics.some((d) => d.code === code && d.message.includes(`\`${id}\``));
    const lacks = (code: string) => (p: { diagnostics: { code?: string | number }[] }) => !p.diagnostics.some((d) => d.code === code);
    await client.diagnostics(a, lacks('unknown-id'));

    unlinkSync(join(workspace, 'specs/b.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: b, type: 3 }] });
    await client.diagnostics(a, has('unknown-id', 'FR-002'));
    assert.equal(await request('textDocument/definition', at(a, 12, 27)), null);

    const c = client.uri('specs/c.md');
    writeFileSync(join(workspace, 'specs/c.md'), '# Import\n\n| ID | Need |\n|---|---|\n| FR-002 | Import a CSV |\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c, type: 1 }] });
    const published = client.publications(a).length;
    await client.diagnostics(a, (p) => client.publications(a).indexOf(p) >= published && lacks('unknown-id')(p));
    assert.deepEqual(await request<Location[]>('textDocument/definition', at(a, 12, 27)), [{ uri: c, range: { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } } }]);

    writeFileSync(join(workspace, 'specs/c.md'), '# Import\n\n| ID | Need |\n|---|---|\n| FR-002 | Import a CSV |\n| FR-003 | Import again |\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c, type: 2 }] });
    const duplicate = await client.diagnostics(a, has('duplicate-id', 'FR-003'));
    assert.match(duplicate.find((d) => d.code === 'duplicate-id')?.message ?? '', /also in `specs\/c.md`/);
  });
});
