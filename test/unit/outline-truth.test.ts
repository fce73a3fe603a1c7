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
