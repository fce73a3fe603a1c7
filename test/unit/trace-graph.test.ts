import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { expandRange } from '../../server/src/core/trace/markdown';
import { buildTraceGraph } from '../../server/src/core/trace/model';
import { specTraceOfDocument, specTraceOfText } from '../../server/src/workspace/trace-inputs';
import { indexText } from '../../server/src/workspace/index-text';

// How task lists cite requirements as teams write them (found on public Kiro and spec-kit
// repositories): criterion ranges, `All`, Kiro's "Validates: Requirements …" lines and
// optional tasks (`- [ ]*`); and which documents define requirements.
const REQUIREMENTS = [
  '# Requirements Document',
  '',
  '## Requirements',
  '',
  '### Requirement 1',
  '',
  '**User Story:** As a member, I want to sign in, so that my data is mine.',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHEN a member signs in THEN the system SHALL greet them',
  '2. WHEN a member signs out THEN the system SHALL forget them',
  '3. WHEN a member is idle THEN the system SHALL sign them out',
  '',
  '### Requirement 2',
  '',
  '**User Story:** As a member, I want a second factor, so that a leaked password is not enough.',
  '',
  '#### Acceptance Criteria',
  '',
  '1. WHERE a member has a second factor THE system SHALL ask for it',
  '2. WHEN the code is wrong THEN the system SHALL say so',
  '',
].join('\n');

const dir = '.kiro/specs/sign-in';
const trace = (file: string, text: string) => specTraceOfDocument(parseSpec(text), `${dir}/${file}`, `${dir}/${file}`);

describe('task citations as teams write them', () => {
  test('ranges expand; other text is left as it is', () => {
    assert.deepEqual(expandRange('5.2-5.5'), ['5.2', '5.3', '5.4', '5.5']);
    assert.deepEqual(expandRange('1.1–1.3'), ['1.1', '1.2', '1.3']);
    assert.deepEqual(expandRange('2.1-3'), ['2.1', '2.2', '2.3']);
    assert.deepEqual(expandRange('FR-001–FR-003'), ['FR-001', 'FR-002', 'FR-003']);
    assert.deepEqual(expandRange('1.2-2.4'), ['1.2-2.4']);
    assert.deepEqual(expandRange('1.1-1.500'), ['1.1-1.500']);
    assert.deepEqual(expandRange('UI rendering'), ['UI rendering']);
  });

  test('a Kiro task list: ranges, All, Validates lines and optional tasks all count; prose cites nothing', () => {
    const tasks = [
      '# Implementation Plan',
      '',
      '- [x] 1. Sign-in',
      '  - _Requirements: 1.1-1.2_',
      '- [ ]* 1.1 Property test for signing out',
      '  - **Validates: Requirements 1.3**',
      '- [ ] 2. Second factor',
      '  - _Requirements: UI rendering_',
      '- [ ] 3. Audit log',
      '  - _Requirements: All_',
      '',
    ].join('\n');
    const graph = buildTraceGraph({
      requirements: trace('requirements.md', REQUIREMENTS).requirements,
      tasks: trace('tasks.md', tasks).tasks,
      mentions: [],
    });
    const citedBy = Object.fromEntries(graph.requirements.map((requirement) => [requirement.id, requirement.tasks.map((task) => task.id)]));
    assert.deepEqual(citedBy, { '1.1': ['1', '3'], '1.2': ['1', '3'], '1.3': ['1.1', '3'], '2.1': ['3'], '2.2': ['3'] });
    assert.deepEqual(graph.unknown, [], 'prose is not an unknown ID');
  });

  test('a whole requirement cited by its number or heading covers each of its acceptance criteria', () => {
    const tasks = [
      '# Implementation Plan',
      '',
      '- [ ] 1. Sign-in and second factor',
      '  - _Requirements: Requirement 2, 1_',
      '- [ ] 2. Unknown requirement',
      '  - _Requirements: 7_',
      '',
    ].join('\n');
    const graph = buildTraceGraph({
      requirements: trace('requirements.md', REQUIREMENTS).requirements,
      tasks: trace('tasks.md', tasks).tasks,
      mentions: [],
    });
    const citedBy = Object.fromEntries(graph.requirements.map((requirement) => [requirement.id, requirement.tasks.map((task) => task.id)]));
    assert.deepEqual(citedBy, { '1.1': ['1'], '1.2': ['1'], '1.3': ['1'], '2.1': ['1'], '2.2': ['1'] });
    assert.deepEqual(graph.unknown.map((unknown) => unknown.id), ['7'], 'a requirement number no spec has is still unknown');
  });

  test('acceptance criteria under a heading numbered after their requirement (`#### Acceptance Criteria 1`) are defined as under the plain one', () => {
    const numbered = REQUIREMENTS.replace('#### Acceptance Criteria\n\n1. WHEN a member signs in', '#### Acceptance Criteria 1\n\n1. WHEN a member signs in').replace('#### Acceptance Criteria\n\n1. WHERE', '#### Acceptance Criteria 2\n\n1. WHERE');
    assert.notEqual(numbered, REQUIREMENTS);
    const ids = trace('requirements.md', numbered).requirements.map((requirement) => requirement.id);
    assert.deepEqual(ids, trace('requirements.md', REQUIREMENTS).requirements.map((requirement) => requirement.id));
    assert.ok(ids.includes('1.1') && ids.includes('2.2'), ids.join(', '));
  });

  test('requirements and their criteria written in Japanese or Chinese, as cc-sdd writes them in those languages, are defined as in English', () => {
    const japanese = REQUIREMENTS.replaceAll('### Requirement ', '### 要件 ').replaceAll('#### Acceptance Criteria', '#### 受入基準').replaceAll('**User Story:**', '**目的:**');
    const chinese = REQUIREMENTS.replaceAll('### Requirement ', '### 需求 ').replaceAll('#### Acceptance Criteria', '#### 验收标准');
    const english = trace('requirements.md', REQUIREMENTS).requirements.map((requirement) => requirement.id);
    assert.ok(english.includes('1.1') && english.includes('2.2'), english.join(', '));
    assert.deepEqual(trace('requirements.md', japanese).requirements.map((requirement) => requirement.id), english);
    assert.deepEqual(trace('requirements.md', chinese).requirements.map((requirement) => requirement.id), english);
  });

  test('a spec-kit plan, tasks and checklists restate the spec’s IDs: only the spec defines them', () => {
    const feature = 'specs/001-albums';
    const spec = '# Feature Specification: Albums\n\n## Requirements\n\n- **FR-001**: System MUST keep albums.\n';
    const restated = '# Plan\n\n## Summary\n\n- **FR-001**: kept in Postgres.\n';
    const defined = (file: string, text: string) => specTraceOfText(text, `${feature}/${file}`, `${feature}/${file}`, () => indexText(text).occurrences).requirements.map((r) => r.id);
    assert.deepEqual(defined('spec.md', spec), ['FR-001']);
    assert.deepEqual(defined('plan.md', restated), []);
    assert.deepEqual(defined('research.md', restated), []);
    assert.deepEqual(defined('checklists/requirements.md', restated), []);
  });

  test("an acceptance criterion's number is never resolved in another feature", () => {
    const other = specTraceOfDocument(parseSpec(REQUIREMENTS), '.kiro/specs/other/requirements.md', '.kiro/specs/other/requirements.md');
    const tasks = trace('tasks.md', '# Implementation Plan\n\n- [ ] 1. Sign-in\n  - _Requirements: 1.1_\n');
    const graph = buildTraceGraph({ requirements: other.requirements, tasks: tasks.tasks, mentions: [] });
    assert.deepEqual(graph.requirements.flatMap((requirement) => requirement.tasks.map((task) => `${requirement.id} ${task.id}`)), [], 'the other feature\'s 1.1 is not covered by this one\'s task');
  });

  test('a spec-kit spec written in another language defines its user stories by their priority tags', () => {
    const feature = 'specs/002-alerts';
    const defined = (text: string) => specTraceOfText(text, `${feature}/spec.md`, `${feature}/spec.md`, () => indexText(text).occurrences).requirements.map((r) => r.id);
    const story = (heading: string) => `# Spec\n\n## Scenarios\n\n${heading}\n\nText.\n`;
    assert.deepEqual(defined(story('### ユーザーストーリー 1 - 利用額の超過検知 (優先度: P1)')), ['US1']);
    assert.deepEqual(defined(story('### 用户故事 2 - 导出报表（优先级：P2）')), ['US2']);
    assert.deepEqual(defined(story('### Historia de usuario 3 - Exportar (Prioridad: P3)')), ['US3']);
    assert.deepEqual(defined(story('### User Story 1 - Sign in (Priority: P1)')), ['US1'], 'an English story is defined once');
    assert.deepEqual(defined(story('### Phase 2 - Rollout')), [], 'a numbered heading without a priority tag is no story');
  });

  test('a requirement restated in its feature is covered by a citation of either statement', () => {
    const requirement = (file: string) => ({ id: 'US-1', kind: 'US', file, line: 1, text: '', scope: 'f', fingerprint: 'x' });
    const graph = buildTraceGraph({
      requirements: [requirement('f/requirements.md'), requirement('f/notes.md')],
      tasks: [{ id: '1', file: 'f/tasks.md', line: 1, done: false, text: '1 Do', scope: 'f', cites: ['US-1'], loose: [], section: '' }],
      mentions: [{ id: 'US-1', file: 'test/a.test.ts', line: 1, from: 'test', scope: '' }],
    });
    assert.deepEqual(graph.requirements.map((r) => `${r.file} ${r.tasks.length} ${r.tests.length}`), ['f/notes.md 1 1', 'f/requirements.md 1 1']);
  });
});
