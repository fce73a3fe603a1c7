import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { lintText } from '../../server/src/core/lint/lint';
import type { Finding, TextEdit } from '../../server/src/core/lint/types';
import { buildTemplateSet } from '../../server/src/core/templates/template-set';
import { builtInTemplates, FILLED, readRepositoryFile } from './helpers';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  return out;
}

/** The text with the given sections (by index in the flat outline) cut out. */
function withoutSections(text: string, indexes: readonly number[]): string {
  const flat = parseSpec(text).outline.flat;
  const ranges = indexes.map((i) => flat[i]!.range).sort((a, b) => b.start - a.start);
  let out = text;
  let last = Infinity;
  for (const range of ranges) {
    if (range.end > last) continue; // nested in a section already cut
    out = out.slice(0, range.start) + out.slice(range.end);
    last = range.start;
  }
  return out;
}

describe('missing-section: insert all', async () => {
  const templates = await builtInTemplates();
  const missing = (text: string): Finding[] => lintText(text, { templates }).filter((f) => f.ruleId === 'missing-section');
  const sources = [
    ...readdirSync('test/fixtures/seeds/unfilled').filter((n) => n.endsWith('.md') && !n.startsWith('002')).map((n) => `test/fixtures/seeds/unfilled/${n}`),
    ...Object.values(FILLED),
  ];

  for (const source of sources) {
    test(`${source}: any sections removed, "insert all" brings every one back and leaves the rest byte-identical`, () => {
      const original = readRepositoryFile(source);
      const count = parseSpec(original).outline.flat.length;
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: count - 1 }), { minLength: 1, maxLength: 6 }), (indexes) => {
          const damaged = withoutSections(original, indexes);
          const findings = missing(damaged);
          if (findings.length === 0) return; // only optional or example sections were cut
          const all = findings[0]!.fixes!.find((fix) => fix.title.startsWith('Insert all')) ?? findings[0]!.fixes![0]!;
          const repaired = apply(damaged, all.edits);
          assert.deepEqual(missing(repaired).map((f) => f.message), []);
          // Outside the insertions nothing changed: removing the inserted text gives the damaged text back.
          let cursor = 0;
          let rebuilt = '';
          let shift = 0;
          for (const edit of [...all.edits].sort((a, b) => a.range.start - b.range.start)) {
            rebuilt += repaired.slice(cursor, edit.range.start + shift);
            cursor = edit.range.start + shift + edit.newText.length;
            shift += edit.newText.length;
          }
          rebuilt += repaired.slice(cursor);
          assert.equal(rebuilt, damaged);
        }),
        { numRuns: 25 },
      );
    });
  }

  test('no fix at the end of a document that ends inside an open fence or comment; one once it is closed or in a list', () => {
    const head = '---\nspecwright: feature-spec\n---\n\n# Spec: X\n\n';
    const fixesAtEnd = (text: string) => missing(text).filter((f) => (f.fixes ?? []).some((fix) => fix.edits.some((e) => e.range.start === text.length))).length;
    for (const open of ['```\ncode\n', '~~~~\n~~~\n', '<!-- note\n', '<pre>\nx\n']) assert.equal(fixesAtEnd(head + open), 0, open);
    for (const closed of ['```\ncode\n```\n', '<!-- note -->\n', '<div>\nx\n', '- ```\n  code\n']) assert.ok(fixesAtEnd(head + closed) > 0, closed);
  });
});

describe('missing-section: where an inserted section goes, and its line ends', async () => {
  const templates = await builtInTemplates();
  const filled = readRepositoryFile('test/fixtures/seeds/filled/000-feature-spec.md');
  const insertAll = (text: string) => {
    const findings = lintText(text, { templates, rules: { 'missing-section': 'warning' } }).filter((finding) => finding.ruleId === 'missing-section');
    const fix = findings.flatMap((finding) => finding.fixes ?? []).find((candidate) => candidate.preferred);
    assert.ok(fix, 'a preferred fix');
    return apply(text, fix.edits);
  };
  // 3.1 is now the last subsection of section 3, and its range runs over the `---` before section 4.
  const cut = filled.slice(0, filled.indexOf('### 3.2 Specific')) + filled.slice(filled.indexOf('---\n\n## 4.'));

  test('a subsection goes before the thematic break that closes its parent section', () => {
    const fixed = insertAll(cut);
    const at = fixed.indexOf('### 3.2 Non-Functional Requirements');
    assert.ok(at > 0);
    assert.ok(fixed.indexOf('\n---\n\n## 4.') > at, 'the break still closes section 3, after the new subsection');
    assert.ok(!fixed.slice(0, at).trimEnd().endsWith('---'), 'not after the break');
  });

  test('a section of the level the breaks separate gets a break of its own', () => {
    const start = filled.indexOf('## 6.');
    const end = filled.indexOf('## 7.');
    const fixed = insertAll(filled.slice(0, start) + filled.slice(end));
    assert.match(fixed, /\n---\n\n## 6\. Testing Strategy[\s\S]*?\n---\n\n## 7\. /);
  });

  test('CRLF and CR files get the same insertion as LF, in their own line ends', () => {
    const lf = insertAll(cut);
    const crlf = insertAll(cut.replace(/\n/g, '\r\n'));
    const cr = insertAll(cut.replace(/\n/g, '\r'));
    assert.equal(crlf, lf.replace(/\n/g, '\r\n'));
    assert.equal(cr, lf.replace(/\n/g, '\r'));
  });
});

describe('missing-section with a spec-kit template from .specify/templates', () => {
  const specTemplate = [
    '# Feature Specification: [FEATURE NAME]',
    '',
    '## User Scenarios & Testing *(mandatory)*',
    '',
    '### User Story 1 - [Brief Title] (Priority: P1)',
    '',
    '## Requirements *(mandatory)*',
    '',
    '### Key Entities *(include if feature involves data)*',
    '',
    '- **[Entity 1]**: [What it represents]',
  ].join('\n');
  const tasksTemplate = ['# Tasks: [FEATURE NAME]', '', '## Path Conventions', '', '## Phase 1: Setup', '', '## Phase N: Polish & Cross-Cutting Concerns', '', '## Dependencies & Execution Order'].join('\n');
  const set = buildTemplateSet([
    { origin: 'spec-kit', location: '.specify/templates/spec-template.md', fallbackId: 'spec-template', markdown: specTemplate },
    { origin: 'spec-kit', location: '.specify/templates/tasks-template.md', fallbackId: 'tasks-template', markdown: tasksTemplate },
  ]);
  const missing = (text: string) => lintText(text, { templates: set.entries.map((entry) => entry.template), rules: { 'missing-section': 'warning' }, now: new Date('2026-01-15T00:00:00Z') }).filter((f) => f.ruleId === 'missing-section').map((f) => f.data?.section);

  test('only the sections marked *(mandatory)* are required', () => {
    const spec = ['# Feature Specification: Albums', '', '## User Scenarios & Testing *(mandatory)*', '', '### User Story 1 - Create an album (Priority: P1)', '', 'A person groups photos.', ''].join('\n');
    assert.deepEqual(missing(spec), ['Requirements *(mandatory)*']);
  });

  test('a template that marks none requires none: its phases are examples', () => {
    const tasks = ['# Tasks: Albums', '', '## Phase 1: Setup', '', '- [ ] T001 Create the project in src/', '', '## Dependencies & Execution Order', '', 'Setup first.'].join('\n');
    assert.deepEqual(missing(tasks), []);
  });
});
