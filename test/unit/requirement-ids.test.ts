import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  definitionExcerpt,
  findRequirementIds,
  isRequirementId,
  nextFreeId,
  requirementIdsOf,
  splitId,
  type IdOccurrence,
} from '../../server/src/core/parse/requirement-ids';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { parseSpec } from '../../server/src/core/parse/spec-document';

const ids = (text: string, extraPrefixes: readonly string[] = []) => findRequirementIds(text, parseMarkdown(text), { extraPrefixes });
const roles = (text: string) => ids(text).map((o) => `${o.role === 'definition' ? 'def' : 'ref'} ${o.id}`);
const at = (text: string, o: IdOccurrence) => text.slice(o.range.start, o.range.end);

describe('requirement IDs', () => {
  test('the built-in prefixes, and what is not an ID', () => {
    const text = 'See FR-001, NFR-012, US-001, SC-001, T001, CHK001 and FR-1.\n\nNot: T1, CHK12, XFR-001, FR-001a, FR-001-b, fr-001, FR_001, T0012x.\n';
    assert.deepEqual(ids(text).map((o) => o.id), ['FR-001', 'NFR-012', 'US-001', 'SC-001', 'T001', 'CHK001', 'FR-1']);
    assert.ok(isRequirementId('NFR-012'));
    assert.ok(!isRequirementId('NFR-012 '));
    assert.deepEqual(splitId('T0042'), { prefix: 'T', digits: '0042' });
    assert.equal(splitId('Q-1'), undefined);
  });

  test('extra prefixes from a template; invalid ones are ignored', () => {
    const text = 'REQ-7 and ADR0001 and bad.x-1\n';
    assert.deepEqual(ids(text, ['REQ-', 'ADR', 'bad.x-', '(']).map((o) => o.id), ['REQ-7', 'ADR0001']);
    assert.deepEqual(splitId('REQ-7', ['REQ-']), { prefix: 'REQ-', digits: '7' });
  });

  test('definitions: table row first cell, list item start, heading start, bold paragraph start', () => {
    const text = [
      '| ID | Requirement |',
      '|----|-------------|',
      '| **NFR-001** | Fast, see FR-002 |',
      '| x | NFR-002 in a later cell |',
      '',
      '- FR-001: Log in',
      '- **FR-002**: Log out',
      '- [ ] T001 [P] Create the project',
      '1. FR-003 Ordered',
      '- Depends on FR-001',
      '',
      '#### FR-004: Schedule Management',
      '',
      '**US-001: Weekly email**',
      '> As a manager, I want mail.',
      '',
      'Plain FR-005 in prose, and **FR-006** bold in the middle.',
      '',
    ].join('\n');
    assert.deepEqual(roles(text), [
      'def NFR-001',
      'ref FR-002',
      'ref NFR-002',
      'def FR-001',
      'def FR-002',
      'def T001',
      'def FR-003',
      'ref FR-001',
      'def FR-004',
      'def US-001',
      'ref FR-005',
      'ref FR-006',
    ]);
  });

  test('a header row and a non-bold paragraph start are references', () => {
    assert.deepEqual(roles('| FR-001 | FR-002 |\n|---|---|\n| a | b |\n\nFR-003: not bold\n'), ['ref FR-001', 'ref FR-002', 'ref FR-003']);
  });

  test('a list item naming several IDs, or one with an arrow, refers to them', () => {
    assert.deepEqual(
      roles('- T001, T002 can run in parallel\n- T004 and T005 are sequential\n- T006 → T007\n- T008: a task of its own\n'),
      ['ref T001', 'ref T002', 'ref T004', 'ref T005', 'ref T006', 'ref T007', 'def T008'],
    );
  });

  test('a checkbox line opening with a requirement ID checks it off: a reference; with a task ID, a definition', () => {
    assert.deepEqual(roles('- [x] FR-010: Iterates through all markers\n- [ ] T001 Build it\n- [ ] CHK001 Is it clear?\n'), ['ref FR-010', 'def T001', 'def CHK001']);
  });

  test('a plain list item restating a task defined by a checkbox line is a reference, in any piece of the document', () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of filler text between the tasks and their dependencies.\n`).join('\n');
    const text = `# Tasks\n\n- [x] **T014** Implement the check\n- [ ] T015 Write the docs\n\n## Filler\n\n${filler}\n## Dependencies\n\n- **T014** check: blocked by T002\n- T016 a task without a checkbox\n`;
    const found = requirementIdsOf(parseSpec(text)).map((o) => `${o.role === 'definition' ? 'def' : 'ref'} ${o.id}`);
    assert.deepEqual(found, ['def T014', 'def T015', 'ref T014', 'ref T002', 'def T016']);
  });

  test('never in code, HTML, link destinations or autolinks; link text is a reference', () => {
    const text = [
      'Inline `FR-001` code, <span title="FR-002">html</span>.',
      '',
      '```',
      'FR-003 in a fence',
      '```',
      '',
      '[see FR-004](https://example.com/FR-005) <https://example.com/FR-006> https://example.com/FR-007 www.example.com/FR-008',
      '',
      '![FR-009](img.png)',
      '',
    ].join('\n');
    assert.deepEqual(roles(text), ['ref FR-004']);
  });

  test('offsets are UTF-16 and exact, after emoji, CJK, CRLF and a BOM', () => {
    const text = '\uFEFF# 规格 🚀\r\n\r\n- 🚀 FR-001 not at the start\r\n- FR-002: 日本語 🎉 FR-003\r\n';
    const found = ids(text);
    assert.deepEqual(found.map((o) => at(text, o)), ['FR-001', 'FR-002', 'FR-003']);
    assert.deepEqual(found.map((o) => o.role), ['reference', 'definition', 'reference']);
    assert.equal(found[1]?.definition?.summary, '日本語 🎉 FR-003');
  });

  test('front matter is not searched', () => {
    assert.deepEqual(roles('---\nid: FR-001\n---\n\n# T\n\nFR-002\n'), ['ref FR-002']);
  });

  test('summaries and excerpts', () => {
    const text = '| ID | Need | Priority |\n|---|---|---|\n| FR-001 | Log in | P0 |\n\n#### FR-002: Reports ##\n\nBody text.\n\n#### Next\n\n- item\n  - FR-003: nested\n    more\n';
    const [row, heading, nested] = ids(text).filter((o) => o.role === 'definition');
    assert.equal(row?.definition?.summary, 'Log in · P0');
    assert.equal(definitionExcerpt(text, row!.definition!), '| ID | Need | Priority |\n|---|---|---|\n| FR-001 | Log in | P0 |');
    assert.equal(heading?.definition?.summary, 'Reports');
    assert.equal(definitionExcerpt(text, heading!.definition!), '#### FR-002: Reports ##\n\nBody text.');
    assert.equal(definitionExcerpt(text, nested!.definition!), '- FR-003: nested\n  more');
    assert.match(definitionExcerpt(text, heading!.definition!, 10), /^#### FR-00 …$/);
  });

  test('the next free ID keeps the padding', () => {
    assert.equal(nextFreeId('FR-', ['001', '003', '002']), 'FR-004');
    assert.equal(nextFreeId('FR-', ['9']), 'FR-10');
    assert.equal(nextFreeId('T', []), 'T001');
    assert.equal(nextFreeId('CHK', ['0099']), 'CHK0100');
  });

  test('the seed feature spec: user stories and requirements', () => {
    const text = readFileSync(join(__dirname, '../fixtures/seeds/filled/000-feature-spec.md'), 'utf8');
    const spec = parseSpec(text);
    const found = requirementIdsOf(spec);
    assert.equal(requirementIdsOf(spec), found, 'computed once per document');
    assert.deepEqual(
      found.filter((o) => o.role === 'definition').map((o) => `${o.id} ${o.definition?.kind} ${o.definition?.summary}`),
      [
        'US-001 paragraph Weekly client email',
        'US-002 paragraph Month-end snapshot',
        'US-003 paragraph Delivery failures',
        'FR-001 heading Schedule Management',
        'FR-002 heading Rendering and Delivery',
      ],
    );
    const story = found[0]!;
    assert.match(definitionExcerpt(text, story.definition!), /^\*\*US-001: Weekly client email\*\*\n> As an account manager/);
  });

  test('many IDs are found in linear time (the Markdown parse aside)', () => {
    const document = (n: number) => {
      const rows = Array.from({ length: n }, (_, i) => `- FR-${String(i + 1).padStart(5, '0')}: needs FR-${String(i).padStart(5, '0')}`);
      const text = `# Big\n\n${rows.join('\n')}\n`;
      return { text, root: parseMarkdown(text) };
    };
    const time = ({ text, root }: ReturnType<typeof document>) => {
      const started = performance.now();
      const found = findRequirementIds(text, root);
      return { elapsed: performance.now() - started, found };
    };
    time(document(500));
    const small = time(document(2_000));
    const large = time(document(8_000));
    assert.equal(large.found.length, 16_000);
    assert.equal(large.found.filter((o) => o.role === 'definition').length, 8_000);
    assert.ok(large.elapsed < 2000, `took ${large.elapsed} ms`);
    assert.ok(large.elapsed < Math.max(50, small.elapsed) * 12, `4× the IDs took ${large.elapsed} ms after ${small.elapsed} ms`);
  });
});
