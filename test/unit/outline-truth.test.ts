import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
