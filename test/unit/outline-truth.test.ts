import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { sectionCompletions } from '../../server/src/lsp/features/completion';
import { labelStatusCompletions } from '../../server/src/lsp/features/front-matter-completion';
import { specSummary } from '../../server/src/lsp/features/spec-summary';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { detectTemplate } from '../../server/src/core/templates/detect';
import { builtInTemplates, readRepositoryFile } from '../templates/helpers';

async function summaryOf(text: string) {
  const templates = await builtInTemplates();
  const spec = parseSpec(text);
  const choice = detectTemplate(spec, templates);
  const document = TextDocument.create('file:///w/specs/x.md', 'markdown', 1, text);
  return specSummary(document, spec, choice);
}

const seed = 'test/fixtures/seeds/unfilled/000-feature-spec.md';

describe('spec outline: repeatable sections', () => {
  test('a feature spec fresh from its template lists no repeatable section as missing', async () => {
    const summary = await summaryOf(readRepositoryFile(seed));
    assert.deepEqual(summary.sections.filter((s) => s.state === 'missing' && /Component|FR-|Phase/.test(s.title)).map((s) => s.title), []);
  });
  test('renaming FR-001 to FR-010 leaves no FR row missing', async () => {
    const summary = await summaryOf(readRepositoryFile(seed).replace('FR-001', 'FR-010'));
    assert.deepEqual(summary.sections.filter((s) => s.state === 'missing' && /FR-/.test(s.title)).map((s) => s.title), []);
  });
});

describe('spec progress', () => {
  test('a feature spec fresh from its template reads 0 of its required sections complete', async () => {
    const summary = await summaryOf(readRepositoryFile(seed));
    assert.match(summary.progress.text, /^0\/22 sections complete/);
    assert.equal(summary.sections.find((s) => s.title === '4.1 System Context')?.state, 'unchanged');
    assert.equal(summary.sections.find((s) => s.title === '4. Technical Architecture')?.state, 'incomplete');
  });
  test('a parent is complete only when its subsections are; template text unchanged is not complete', async () => {
    const text = readRepositoryFile('test/fixtures/seeds/filled/000-feature-spec.md');
    const filled = await summaryOf(text);
    const executive = (summary: typeof filled) => summary.sections.find((s) => s.title === '1. Executive Summary')?.state;
    assert.equal(executive(filled), 'complete');
    const problem = /### 1\.1 Problem Statement\n[^\n]+\n/.exec(text);
    assert.ok(problem);
    const template = readRepositoryFile('templates/feature-spec/template.md');
    const original = /### 1\.1 Problem Statement\n[^\n]+\n/.exec(template);
    assert.ok(original);
    const partly = await summaryOf(text.replace(problem[0], original[0]));
    assert.equal(executive(partly), 'incomplete');
    assert.equal(partly.progress.complete, filled.progress.complete - 2);
  });
});

async function completionsAt(text: string, line: number, character: number) {
  const templates = await builtInTemplates();
  const spec = parseSpec(text);
  const choice = detectTemplate(spec, templates);
  const document = TextDocument.create('file:///w/specs/x.md', 'markdown', 1, text);
  return sectionCompletions(document, spec, choice, { line, character });
}

describe('heading completion', () => {
  test('after `### ` at the end of a spec lacking its last section: that section first, no duplicates', async () => {
    const seedText = readRepositoryFile(seed);
    const cut = seedText.indexOf('### 7.2 Configuration Model');
    const text = `${seedText.slice(0, cut)}### `;
    const lines = text.split('\n');
    const items = await completionsAt(text, lines.length - 1, 4);
    const labels = items.map((item) => item.label);
    assert.equal(labels[0], '7.2 Configuration Model');
    assert.equal(new Set(labels).size, labels.length);
    assert.ok(!labels.some((label) => /Component Name/.test(label)), labels.join(', '));
  });

  test('inside a section of repeatable ones: another one, numbered on, after what belongs there', async () => {
    const seedText = readRepositoryFile(seed);
    const at = seedText.indexOf('### 4.3 Data Models');
    const text = `${seedText.slice(0, at)}####\n\n${seedText.slice(at)}`;
    const line = seedText.slice(0, at).split('\n').length - 1;
    const labels = (await completionsAt(text, line, 4)).map((item) => item.label);
    assert.ok(labels.includes('4.2.3 [Component Name] (`path/to/file.py`)'), labels.join(', '));
    const fr = seedText.indexOf('### 3.2 [Optional]');
    const frText = `${seedText.slice(0, fr)}####\n\n${seedText.slice(fr)}`;
    const frLabels = (await completionsAt(frText, seedText.slice(0, fr).split('\n').length - 1, 4)).map((item) => item.label);
    assert.ok(frLabels.includes('FR-003: [Capability Group 2]'), frLabels.join(', '));
  });
});

describe('status completion on a bold-label line', () => {
  test('`**Status:** [Draft/In Review/Approved]` offers the lifecycle, replacing the value', async () => {
    const text = readRepositoryFile(seed);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('**Status:**'));
    assert.ok(line >= 0);
    const templates = await builtInTemplates();
    const choice = detectTemplate(parseSpec(text), templates);
    const document = TextDocument.create('file:///w/specs/x.md', 'markdown', 1, text);
    const list = labelStatusCompletions(document, choice, { line, character: (lines[line] as string).length });
    assert.deepEqual(list?.items.map((item) => item.label), ['Draft', 'In Review', 'Approved']);
    const edit = list?.items[0]?.textEdit as TextEdit;
    assert.equal(document.getText(edit.range), '[Draft/In Review/Approved]');
    assert.equal(labelStatusCompletions(document, choice, { line: line + 1, character: 0 }), undefined);
  });
});

describe('inserting a missing section from the outline', () => {
  test('the row says where the skeleton’s first placeholder is, to select it once inserted', async () => {
    const text = readRepositoryFile(seed);
    const solution = /### 1\.2 Solution\n[^#]*/.exec(text);
    assert.ok(solution);
    const summary = await summaryOf(text.replace(solution[0], ''));
    const row = summary.sections.find((s) => s.state === 'missing' && s.title === '1.2 Solution');
    assert.ok(row?.insertText && row.firstPlaceholder, JSON.stringify(row));
    assert.match(row.insertText.slice(row.firstPlaceholder.start, row.firstPlaceholder.end), /^\[.+\]$/);
  });
});
