import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { sectionCompletions } from '../../server/src/lsp/features/completion';
import { oncePerVersion } from '../../server/src/lsp/features/per-version';
import { placeholderHover } from '../../server/src/lsp/features/spec-hover';
import { specSummary } from '../../server/src/lsp/features/spec-summary';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { detectTemplate } from '../../server/src/core/templates/detect';
import { defaultManifest } from '../../server/src/core/templates/manifest';
import { createTemplate } from '../../server/src/core/templates/template';

const template = createTemplate(
  defaultManifest('mini', 'Mini'),
  '# Mini: [Title]\n\n## 1. Goals\n\n<!-- Why we build it -->\n\n[Goals]\n\n## 2. Design\n\n### 2.1 Data\n\n[Data model]\n\n## 3. Rollout\n\nStatus: [Draft|Ready]\n',
  'workspace',
  'test/mini',
);

function setup(text: string) {
  const document = TextDocument.create('file:///w/specs/x.md', 'markdown', 1, text);
  const spec = parseSpec(text);
  const choice = detectTemplate(spec, [template]);
  return { document, spec, choice };
}

describe('section completion', () => {
  const text = '---\nspecwright: mini\n---\n\n# Mini: Search\n\n## 1. Goals\n\nFind things.\n\n###\n\n```\n\n```\n\nSome text\n';
  test('offers the missing sections in template order, at the level typed, numbered after the last one present', () => {
    const { document, spec, choice } = setup(text);
    const items = sectionCompletions(document, spec, choice, { line: 10, character: 3 });
    assert.deepEqual(items.map((item) => item.label), ['2. Design', '2. Rollout']);
    assert.equal((items[0]?.textEdit as TextEdit).newText, '### 2. Design\n\n#### 2.1 Data\n\n[Data model]');
    assert.deepEqual((items[0]?.textEdit as TextEdit).range, { start: { line: 10, character: 0 }, end: { line: 10, character: 3 } });
  });

  test('not in code, paragraphs or front matter', () => {
    const { document, spec, choice } = setup(text);
    assert.deepEqual(sectionCompletions(document, spec, choice, { line: 13, character: 0 }), []);
    assert.deepEqual(sectionCompletions(document, spec, choice, { line: 16, character: 4 }), []);
    assert.deepEqual(sectionCompletions(document, spec, choice, { line: 1, character: 0 }), []);
  });

  test('CRLF documents get CRLF skeletons, set apart from the text around them', () => {
    const { document, spec, choice } = setup('---\r\nspecwright: mini\r\n---\r\n\r\n# Mini: Search\r\n\r\n## 1. Goals\r\n\r\nFind things.\r\n\r\n## 2. Design\r\n\r\n### 2.1 Data\r\n\r\nRows.\r\n');
    const edit = sectionCompletions(document, spec, choice, { line: 15, character: 0 })[0]?.textEdit as TextEdit;
    assert.equal(edit.newText, '\r\n## 3. Rollout\r\n\r\nStatus: [Draft|Ready]');
  });
});

describe('spec summary', () => {
  test('states, missing sections where they go, progress', () => {
    const text = '---\nspecwright: mini\n---\n\n# Mini: Search\n\n## 1. Goals\n\n<!-- Why we build it -->\n\n## 2. Design\n\n### 2.1 Data\n\nRows and [columns].\n';
    const { document, spec, choice } = setup(text);
    const summary = specSummary(document, spec, choice);
    assert.deepEqual(summary.sections.map((s) => [s.title, s.depth, s.state, s.required]), [
      ['Mini: Search', 1, 'incomplete', false],
      ['1. Goals', 2, 'empty', true],
      ['2. Design', 2, 'incomplete', true],
      ['2.1 Data', 3, 'placeholders', true],
      ['3. Rollout', 2, 'missing', true],
    ]);
    assert.deepEqual(summary.progress, { complete: 0, total: 4, placeholders: 1, text: '0/4 sections complete · 1 placeholder' });
  });

  test('without a template: every section below the title counts', () => {
    const { document, spec } = setup('# Notes\n\n## A\n\nDone.\n\n## B\n\n[Later]\n\n## C\n');
    const summary = specSummary(document, spec, undefined);
    assert.equal(summary.template, undefined);
    assert.deepEqual(summary.sections.map((s) => s.state), ['incomplete', 'complete', 'placeholders', 'empty']);
    assert.equal(summary.progress.text, '1/3 sections complete · 1 placeholder');
  });
});

describe('placeholder hover', () => {
  test('a choice lists its options; the template section’s comment and line are shown', () => {
    const text = '---\nspecwright: mini\n---\n\n# Mini: Search\n\n## 1. Goals\n\n[Goals]\n\n## 3. Rollout\n\nStatus: [Draft|Ready]\n';
    const { document, spec, choice } = setup(text);
    const goals = (placeholderHover(document, spec, choice, { line: 8, character: 2 })?.contents as MarkupContent).value;
    assert.match(goals, /> Why we build it/);
    const status = (placeholderHover(document, spec, choice, { line: 12, character: 10 })?.contents as MarkupContent).value;
    assert.match(status, /one of `Draft`, `Ready`/);
    assert.match(status, /Status: \[Draft\|Ready\]/);
    assert.equal(placeholderHover(document, spec, choice, { line: 12, character: 2 }), null);
  });
});

describe('features computed once per version', () => {
  test('answer again for the same document version, anew for another version or document', () => {
    const seen: number[] = [];
    const feature = oncePerVersion((document) => {
      seen.push(document.version);
      return { version: document.version };
    });
    const text = '# Spec\n\n## Goals\n';
    const spec = parseSpec(text);
    const v1 = TextDocument.create('file:///a.md', 'markdown', 1, text);
    const first = feature(v1, spec);
    assert.equal(feature(v1, spec), first, 'the same object for the same version');
    const v2 = TextDocument.create('file:///a.md', 'markdown', 2, text);
    assert.deepEqual(feature(v2, spec), { version: 2 }, 'another version of the same text');
    const other = TextDocument.create('file:///b.md', 'markdown', 2, text);
    assert.notEqual(feature(other, spec), feature(v2, spec), 'another document with the same parse');
    assert.notEqual(feature(v1, parseSpec(text)), first, 'another parse');
    assert.deepEqual(seen, [1, 2, 2, 2, 1]);
  });
});
