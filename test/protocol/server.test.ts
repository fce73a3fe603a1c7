import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
} from 'vscode-languageserver-protocol';
import { TestClient } from './harness';

const SPEC = [
  '---',
  'title: Bulk export',
  'status: [Draft|Review|Approved]',
  '---',
  '',
  '# Spec: [Feature Name]',
  '',
  '## Goals',
  '',
  '## Risks',
  '',
  'Export can time out on large dashboards.',
  '',
].join('\n');

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => String(d.code)).sort();

describe('language server over stdio (push diagnostics)', () => {
  let client: TestClient;
  let init: InitializeResult;
  before(async () => {
    ({ client, init } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
  });
  after(() => client.stop());

  test('declares its capabilities', () => {
    assert.equal(init.serverInfo?.name, 'specwright-language-server');
    assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(init.capabilities.documentSymbolProvider);
    assert.equal(init.capabilities.foldingRangeProvider, true);
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client without them');
  });

  test('publishes diagnostics on open, with rule id and docs link, and no data', async () => {
    const uri = client.uri('specs/export.md');
    await client.open(uri, SPEC);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(codes(diagnostics), ['empty-section', 'unfilled-placeholder', 'unfilled-placeholder']);
    const empty = diagnostics.find((d) => d.code === 'empty-section') as Diagnostic;
    assert.equal(empty.source, 'specwright');
    assert.deepEqual(empty.range, { start: { line: 7, character: 0 }, end: { line: 7, character: 8 } });
    assert.match(empty.message, /Expected content in section `## Goals`, found none/);
    assert.match(String(empty.codeDescription?.href), /docs\/rules\/empty-section\.md$/);
    const choice = diagnostics.find((d) => d.range.start.line === 2) as Diagnostic;
    assert.deepEqual(choice.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 31 } });
    assert.match(choice.message, /Expected one of `Draft`, `Review`, `Approved`/);
    // Code actions come from the server's own findings: the wire carries no per-finding data.
    assert.ok(diagnostics.every((d) => d.data === undefined));
  });

  test('re-validates after an incremental edit, for the new version only', async () => {
    const uri = client.uri('specs/edit.md');
    await client.open(uri, SPEC);
    await client.diagnostics(uri, (p) => p.version === 1);
    // Fill the Goals section: insert a line after the `## Goals` heading.
    const version = await client.change(uri, [
      { range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: 'Ship CSV export to all plans.\n' },
    ]);
    const diagnostics = await client.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(codes(diagnostics), ['unfilled-placeholder', 'unfilled-placeholder']);
  });

  test('positions count UTF-16 code units after emoji, CJK and CRLF', async () => {
    const uri = client.uri('specs/unicode.md');
    await client.open(uri, '# 🚀 仕様 [Feature Name]\r\n\r\nBody text 😀 with YYYY-MM-DD here.\r\n');
    const diagnostics = await client.diagnostics(uri);
    const ranges = diagnostics.map((d) => d.range);
    assert.deepEqual(ranges, [
      { start: { line: 0, character: 8 }, end: { line: 0, character: 22 } },
      { start: { line: 2, character: 18 }, end: { line: 2, character: 28 } },
    ]);
  });

  test('answers document symbols: front matter, then the heading tree', async () => {
    const uri = client.uri('specs/export.md');
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        ['Front matter', 'YAML'],
        ['Spec: [Feature Name]', 'H1'],
      ],
    );
    assert.deepEqual(symbols[0]?.children?.map((c) => c.name), ['title', 'status']);
    assert.deepEqual(symbols[1]?.children?.map((c) => [c.name, c.detail]), [
      ['Goals', 'H2'],
      ['Risks', 'H2'],
    ]);
  });

  test('answers folding ranges for front matter and sections', async () => {
    const uri = client.uri('specs/export.md');
    const ranges = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]),
      [
        [0, 3],
        [5, 11],
        [9, 11],
      ],
    );
  });

  test('answers the outline and folding alike when asked again, and anew after an edit', async () => {
    const uri = client.uri('specs/outline-again.md');
    await client.open(uri, SPEC);
    const ask = async () => ({
      symbols: (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[],
      folding: (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[],
    });
    const first = await ask();
    assert.deepEqual(await ask(), first);
    // Rename `## Risks` (line 9) and add a line to it: both answers follow the new version.
    await client.change(uri, [{ range: { start: { line: 9, character: 3 }, end: { line: 9, character: 8 } }, text: 'Risks and mitigations' }]);
    await client.change(uri, [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: 'Retry with backoff.\n' }]);
    const edited = await ask();
    assert.deepEqual(edited.symbols[1]?.children?.map((c) => [c.name, c.range.start.line, c.range.end.line]), [
      ['Goals', 7, 9],
      ['Risks and mitigations', 9, 13],
    ]);
    assert.deepEqual(edited.folding.map((r) => [r.startLine, r.endLine]), [
      [0, 3],
      [5, 12],
      [9, 12],
    ]);
    assert.deepEqual(await ask(), edited);
  });

  test('leaves Markdown that is not a spec alone', async () => {
    const uri = client.uri('notes/README.md');
    await client.open(uri, '# Notes\n\n## Empty\n\n[Feature Name]\n');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(diagnostics, []);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols, null);
  });

  test('checks any file whose front matter names a Specwright template', async () => {
    const uri = client.uri('notes/design.md');
    await client.open(uri, '---\nspecwright: technical-spec\n---\n# Design\n\n## Goals\n');
    const diagnostics = await client.diagnostics(uri);
    // Named in the front matter, the template applies: its sections are expected too.
    assert.deepEqual([...new Set(codes(diagnostics))], ['empty-section', 'missing-section']);
  });

  test('a settings change re-validates open documents', async () => {
    const uri = client.uri('specs/settings.md');
    await client.open(uri, SPEC);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 3);
    client.settings = { diagnosticsDelay: 0, rules: { 'unfilled-placeholder': 'off', 'empty-section': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.length === 1);
    assert.equal(diagnostics[0]?.code, 'empty-section');
    assert.equal(diagnostics[0]?.severity, 1);
    client.settings = { diagnosticsDelay: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 3 && p === client.publications(uri).at(-1));
  });

  test('answers a malformed request with an error and keeps serving', async () => {
    await assert.rejects(
      client.connection.sendRequest('textDocument/documentSymbol', { textDocument: null }),
      (error: { code?: number }) => typeof error.code === 'number',
    );
    await assert.rejects(client.connection.sendRequest('specwright/noSuchMethod', {}), (error: { code?: number }) => error.code === -32601);
    const uri = client.uri('specs/export.md');
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 2);
  });

  test('clears diagnostics when a document closes', async () => {
    const uri = client.uri('specs/close.md');
    await client.open(uri, SPEC);
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  });
});

describe('language server over stdio (pull diagnostics)', () => {
  let client: TestClient;
  let init: InitializeResult;
  before(async () => {
    ({ client, init } = await TestClient.start({ pull: true }));
  });
  after(() => client.stop());

  test('offers pull diagnostics to a client that supports them', () => {
    assert.deepEqual(init.capabilities.diagnosticProvider, {
      identifier: 'specwright',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
  });

  test('answers textDocument/diagnostic and publishes nothing', async () => {
    const uri = client.uri('specs/pull.md');
    await client.open(uri, SPEC);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['empty-section', 'unfilled-placeholder', 'unfilled-placeholder']);
    assert.deepEqual(client.publications(uri), []);
  });

  test('asks the client to pull again when settings change', async () => {
    const before = client.refreshes.length;
    client.settings = { rules: { 'empty-section': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => (client.refreshes.length > before ? true : undefined), 10_000, 'a diagnostic refresh');
    const uri = client.uri('specs/pull.md');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['unfilled-placeholder', 'unfilled-placeholder']);
  });
});

describe('language server over stdio (no workspace/configuration)', () => {
  test('takes settings from initializationOptions', async () => {
    const { client } = await TestClient.start({ configuration: false, settings: { files: ['**/*.md'], diagnosticsDelay: 0 } });
    try {
      const uri = client.uri('anywhere/plan.md');
      await client.open(uri, '# Plan\n\n## Scope\n');
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(codes(diagnostics), ['empty-section']);
    } finally {
      await client.stop();
    }
  });
});
