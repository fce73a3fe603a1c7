import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { SPEC_SUMMARY } from '../../common/src/protocol';
import { TestClient } from './harness';

// Workspaces laid out as spec-kit, Kiro, OpenSpec, MADR and KEPs lay them out, with
// finished documents in each: over stdio, each is checked as its family's kind (the
// title's hover says so) and gets no diagnostic at all.
const FAMILIES = resolve(__dirname, '../fixtures/families');
const DOCUMENTS: readonly { readonly family: string; readonly label: RegExp; readonly files: readonly string[] }[] = [
  {
    family: 'spec-kit',
    label: /\*\*Family:\*\* spec-kit/,
    files: ['specs/001-photo-albums/spec.md', 'specs/001-photo-albums/plan.md', 'specs/001-photo-albums/tasks.md', 'specs/001-photo-albums/checklists/requirements.md'],
  },
  { family: 'kiro', label: /\*\*Family:\*\* Kiro/, files: ['.kiro/specs/photo-albums/requirements.md', '.kiro/specs/photo-albums/design.md', '.kiro/specs/photo-albums/tasks.md'] },
  {
    family: 'openspec',
    label: /\*\*Family:\*\* OpenSpec/,
    files: [
      'openspec/project.md',
      'openspec/specs/albums/spec.md',
      'openspec/changes/add-album-sharing/proposal.md',
      'openspec/changes/add-album-sharing/tasks.md',
      'openspec/changes/add-album-sharing/specs/albums/spec.md',
    ],
  },
  { family: 'madr', label: /\*\*Family:\*\* MADR/, files: ['docs/decisions/0001-store-albums-in-postgres.md'] },
  { family: 'kep', label: /\*\*Family:\*\* Kubernetes Enhancement Proposal/, files: ['keps/sig-storage/4321-album-snapshots/README.md'] },
];

for (const { family, label, files } of DOCUMENTS) {
  describe(`a ${family} workspace over the language server protocol`, () => {
    let client: TestClient;
    let root: string;
    before(async () => {
      root = mkdtempSync(join(tmpdir(), `specwright-${family}-`));
      cpSync(join(FAMILIES, family), root, { recursive: true });
      ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
    });
    after(async () => {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    });

    for (const file of files) {
      test(`${file}: checked as its family's document, no diagnostic`, async () => {
        const uri = client.uri(file);
        const text = readFileSync(join(root, file), 'utf8');
        await client.open(uri, text);
        const diagnostics = await client.diagnostics(uri, (params) => params.version === 1);
        assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
        const titleLine = text.split(/\r?\n/).findIndex((line) => /^#{1,2} /.test(line));
        const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: titleLine, character: 3 } });
        assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', label);
      });
    }
  });
}

describe('the outline of a family document agrees with its diagnostics', () => {
  test('a spec-kit tasks.md: the Spec Outline and progress count the one placeholder the diagnostics report, not the task tags', async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-summary-'));
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } });
    try {
      const uri = client.uri('specs/001-photo-albums/tasks.md');
      const text = readFileSync(join(FAMILIES, 'spec-kit/specs/001-photo-albums/tasks.md'), 'utf8').replace('src/services/album_service.py', '[file path]');
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri, (params) => params.version === 1);
      assert.deepEqual(diagnostics.map((d) => d.code), ['unfilled-placeholder']);
      const summary = (await client.connection.sendRequest(SPEC_SUMMARY, { uri })) as { placeholders: { text: string }[]; progress: { placeholders: number } };
      assert.deepEqual(summary.placeholders.map((p) => p.text), ['[file path]']);
      assert.equal(summary.progress.placeholders, 1);
      // The hover agrees too: a task tag is no placeholder, the slot left is one.
      const hoverOn = async (line: number, needle: string) => {
        const character = (text.split('\n')[line] ?? '').indexOf(needle) + 1;
        const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        return (hover?.contents as MarkupContent | undefined)?.value ?? '';
      };
      assert.doesNotMatch(await hoverOn(25, '[P]'), /Placeholder/);
      assert.match(await hoverOn(46, '[file path]'), /Placeholder/);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("a spec started from the repository's spec-kit template: the outline counts the template's slots the diagnostics report", async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-summary-'));
    cpSync(join(__dirname, '../fixtures/repository-templates/spec-kit'), root, { recursive: true });
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } });
    try {
      const uri = client.uri('specs/001-export/spec.md');
      const text = readFileSync(join(root, '.specify/templates/spec-template.md'), 'utf8');
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri, (params) => params.version === 1 && params.diagnostics.length > 0);
      const reported = diagnostics.filter((d) => d.code === 'unfilled-placeholder').map((d) => `${d.range.start.line}:${d.range.start.character}`);
      // Slots only the repository's template shows: `$ARGUMENTS`, a code span.
      assert.ok(diagnostics.some((d) => d.code === 'unfilled-placeholder' && /ARGUMENTS/.test(d.message)), 'the template\'s $ARGUMENTS is reported');
      const summary = (await client.connection.sendRequest(SPEC_SUMMARY, { uri })) as { placeholders: { range: { start: { line: number; character: number } } }[]; progress: { placeholders: number } };
      assert.deepEqual(summary.placeholders.map((p) => `${p.range.start.line}:${p.range.start.character}`), reported);
      assert.equal(summary.progress.placeholders, reported.length);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('a repository of documents opened under its own name', () => {
  test('a workspace folder named `rfcs` with its RFCs in `accepted/`: an RFC is checked as one, its README is left alone', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'specwright-named-'));
    const root = join(parent, 'rfcs');
    mkdirSync(root);
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } });
    try {
      const uri = client.uri('accepted/0002-retries.md');
      await client.open(uri, '# Summary\n\nQueues get a dead-letter topic.\n\n# Motivation\n\n[Why are we doing this?]\n\n# Detailed design\n\nFailed messages move after five tries.\n');
      const diagnostics = await client.diagnostics(uri, (params) => params.version === 1);
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`), ['7 unfilled-placeholder']);
      const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
      assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /\*\*Family:\*\* RFC/);

      const readme = client.uri('README.md');
      await client.open(readme, '# Our RFCs\n\nCopy the template and fill in [the sections].\n\n## Empty\n');
      assert.deepEqual(await client.diagnostics(readme), []);
    } finally {
      await client.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
