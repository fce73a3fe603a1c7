import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { builtInFamilies } from '../../server/src/core/families/built-in';
import type { Family } from '../../server/src/core/families/family';
import { identifyFamily } from '../../server/src/core/families/identify';
import { keptTemplateSlots } from '../../server/src/core/families/template-slots';
import { chooseRepositoryTemplate, createRepositoryTemplate, type RepositoryTemplate } from '../../server/src/core/families/repository-template';
import { lintText } from '../../server/src/core/lint/lint';
import type { Finding } from '../../server/src/core/lint/types';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { repositoryTemplatesFor } from '../../server/src/workspace/repository-templates';

// A small spec-kit-like repository: its templates are kept in .specify/templates/, its
// documents in specs/NNN-feature/, as the kit starts them.
const ROOT = join(__dirname, '../fixtures/repository-templates/spec-kit');
const families = builtInFamilies();
const specKit = families.find((family) => family.id === 'spec-kit') as Family;
const templateText = (kind: string) => readFileSync(join(ROOT, '.specify/templates', `${kind}-template.md`), 'utf8');
const templateOf = (kind: string): RepositoryTemplate => createRepositoryTemplate(templateText(kind), `.specify/templates/${kind}-template.md`, specKit, kind);
const reported = (text: string, findings: readonly Finding[], rule: string) =>
  findings
    .filter((finding) => finding.ruleId === rule)
    .map((finding) => `${text.slice(0, finding.range.start).split('\n').length} ${text.slice(finding.range.start, finding.range.end)}`);
const lint = (text: string, kind: string, path: string) => lintText(text, { path, repositoryTemplates: [templateOf(kind)] });

describe("spec-kit's templates in .specify/templates", () => {
  test('are found for a document in specs/, from its folder up', async () => {
    const found = await repositoryTemplatesFor(ROOT, 'specs/001-export/plan.md', families);
    assert.deepEqual(
      found.map((template) => [template.path, template.family, template.kind]),
      [
        ['.specify/templates/agent-file-template.md', 'spec-kit', 'plan'],
        ['.specify/templates/checklist-template.md', 'spec-kit', 'checklist'],
        ['.specify/templates/plan-template.md', 'spec-kit', 'plan'],
        ['.specify/templates/spec-template.md', 'spec-kit', 'spec'],
      ],
    );
    // The agent file has a plan's Project Structure; a plan follows the template its headings match best.
    const plan = parseSpec(templateText('plan'));
    const family = identifyFamily({ document: plan, families, path: 'specs/001-export/plan.md' });
    assert.equal(chooseRepositoryTemplate(plan, family, found, undefined)?.template.location, '.specify/templates/plan-template.md');
    // A template is not offered to itself.
    const beside = await repositoryTemplatesFor(ROOT, '.specify/templates/plan-template.md', families);
    assert.equal(beside.some((template) => template.path === '.specify/templates/plan-template.md'), false);
  });

  test('a plan started from the template: the slots left in its code and its example table are reported', () => {
    const text = templateText('plan');
    const found = reported(text, lint(text, 'plan', 'specs/001-export/plan.md'), 'unfilled-placeholder');
    for (const expected of [
      '3 [###-feature-name]',
      '4 [###-feature-name]',
      '17 [###-feature]',
      '23 [DELETE IF NOT USED]',
      '25 [modules of the package]',
      '27 [DELETE IF NOT USED]',
      '34 [default value]',
      '37 [Say which layout was chosen and name the\nfolders it uses]',
      '46 [e.g., a second database]',
      '46 [the need]',
      '46 [why one database is not enough]',
    ]) {
      assert.ok(found.includes(expected), `${expected} in ${JSON.stringify(found)}`);
    }
    // Code that is the template's own and holds no slot is not reported: `items[0]`.
    assert.equal(found.some((finding) => finding.includes('[0]')), false);
    // A slot that spans lines is quoted on one line.
    const findings = lint(text, 'plan', 'specs/001-export/plan.md');
    assert.ok(findings.some((finding) => finding.message.includes('`[Say which layout was chosen and name the folders it uses]`')));
    // The code holding slots is reported by its slots, not a second time as the template's example.
    assert.deepEqual(reported(text, findings, 'template-text-unchanged'), []);
  });

  test('a checklist started from the template: its sample items are reported; a written one keeps the notes', () => {
    const text = templateText('checklist');
    assert.deepEqual(reported(text, lint(text, 'checklist', 'specs/001-export/checklists/ux.md'), 'template-text-unchanged'), [
      '9 - [ ] CHK001 A sample item to replace',
      '10 - [ ] CHK002 Another sample item',
    ]);
    const written = [
      '# UX Checklist: Export reports',
      '',
      '**Created**: 2026-01-05',
      '',
      '## Wording',
      '',
      '- [x] CHK001 Every button says what it exports',
      '- [ ] CHK002 Another sample item is never shown',
      '',
      '## Notes',
      '',
      '- Tick items as they are done: `[x]`',
      '',
    ].join('\n');
    assert.deepEqual(lint(written, 'checklist', 'specs/001-export/checklists/ux.md').map((finding) => finding.ruleId), []);
  });

  test('a written plan: its own code and table are never searched for brackets', () => {
    const text = [
      '# Plan: Export reports',
      '',
      '**Branch**: `001-export` | **Date**: 2026-01-05',
      '**Input**: Spec at `/specs/001-export/spec.md`',
      '',
      '## Summary',
      '',
      'Reports are exported as CSV.',
      '',
      '## Technical Context',
      '',
      '**Language/Version**: Go 1.22',
      '',
      '## Project Structure',
      '',
      '```text',
      'specs/001-export/',
      '└── plan.md',
      '',
      'pkg/',
      '└── [generated at build time]',
      '```',
      '',
      '```toml',
      '[package]',
      'names = [first name, last name]',
      '```',
      '',
      '```python',
      'row = [cell for cell in cells]',
      '```',
      '',
      '**Structure Decision**: Layout A.',
      '',
      '## Complexity Tracking',
      '',
      '> **Only when the gates above have exceptions to justify**',
      '',
      '| Exception | Why | Simpler option rejected because |',
      '|-----------|-----|---------------------------------|',
      '| A second database | Audit logs outlive reports | One schema would tie their retention together |',
      '',
    ].join('\n');
    assert.deepEqual(reported(text, lint(text, 'plan', 'specs/001-export/plan.md'), 'unfilled-placeholder'), []);
  });

  test('a spec started from the template: its `$ARGUMENTS`, its code span and the slots that nest another are reported', () => {
    const text = templateText('spec');
    const found = reported(text, lint(text, 'spec', 'specs/001-export/spec.md'), 'unfilled-placeholder');
    for (const expected of [
      '3 [###-feature-name]',
      '5 $ARGUMENTS',
      '13 [How to test it alone - e.g., "Run [a command] and see [a result]"]',
      '17 [capability, e.g., "export reports"]',
      '21 [Metric, e.g., "Cut the time spent on [task] by half"]',
    ]) {
      assert.ok(found.includes(expected), `${expected} in ${JSON.stringify(found)}`);
    }
  });

  test('a translated spec template: its execution flow and quick guidelines name the clarification marker, and are no slots left', () => {
    const template = [
      '# 機能仕様書: [機能名]',
      '',
      '**機能ブランチ**: `[###-feature-name]`',
      '',
      '## 実行フロー (main)',
      '```',
      '1. 不明確な側面については:',
      '   → [要明確化: 具体的な質問] マークを付ける',
      '2. レビューチェックリストを実行',
      '   → [要明確化] がある場合: WARN "仕様に不確実性があります"',
      '```',
      '',
      '## ⚡ クイックガイドライン',
      '',
      '### AI生成用',
      '1. **すべての曖昧さをマーク**: 推測が必要な部分には [要明確化: 具体的な質問] を使用',
      '',
      '## ユーザーシナリオとテスト *(必須)*',
      '',
      '[ユーザージャーニーを記述]',
      '',
      '## レビューと受け入れチェックリスト',
      '',
      '- [ ] [要明確化] マーカーが残っていない',
      '',
    ].join('\n');
    const translated = createRepositoryTemplate(template, '.specify/templates/spec-template.md', specKit, 'spec');
    const found = reported(template, lintText(template, { path: 'specs/002-alerts/spec.md', repositoryTemplates: [translated] }), 'unfilled-placeholder');
    assert.deepEqual(found, ['1 [機能名]', '3 [###-feature-name]', '20 [ユーザージャーニーを記述]']);
  });

  test("a plan template's Rust example keeps its attributes and calls in brackets: they are code, not slots", () => {
    const template = [
      '# Implementation Plan: [FEATURE]',
      '',
      '## Summary',
      '',
      '[Extract from feature spec]',
      '',
      '## Technical Context',
      '',
      '```rust',
      '// Example error type structure',
      '#[derive(Debug, thiserror::Error)]',
      'pub enum TrackerError {',
      '    #[error("Failed to parse JSONL at line {line}: {source}")]',
      '    ParseError { line: usize, source: serde_json::Error },',
      '    Io(#[from] std::io::Error),',
      '    #![allow(dead_code)]',
      '}',
      '```',
      '',
    ].join('\n');
    const plan = createRepositoryTemplate(template, '.specify/templates/plan-template.md', specKit, 'plan');
    const found = reported(template, lintText(template, { path: 'specs/003-tracker/plan.md', repositoryTemplates: [plan] }), 'unfilled-placeholder');
    assert.deepEqual(found, ['1 [FEATURE]', '5 [Extract from feature spec]']);
  });

  test('a written spec keeps none of them, and its own `$VARIABLES` and nested brackets are its own', () => {
    const text = [
      '# Feature: Export reports',
      '',
      '**Branch**: `001-export`',
      '**Status**: Draft',
      '**Input**: The request: "Let users export their reports"',
      '',
      '## User Scenarios & Testing',
      '',
      '### Story 1 - Export (Priority: P1)',
      '',
      'A user exports the month as CSV; the shell sees $HOME_DIR and the file name [report [month]].',
      '',
      '**Independent Test**: Run `export --month 2026-01` and see the file.',
      '',
      '## Requirements',
      '',
      '- **FR-001**: The system MUST export reports as CSV.',
      '',
      '## Success Criteria',
      '',
      '- **SC-001**: An export takes under a minute.',
      '',
    ].join('\n');
    assert.deepEqual(reported(text, lint(text, 'spec', 'specs/001-export/spec.md'), 'unfilled-placeholder'), []);
  });

  test("a template's slots in prose: one level of nesting, not after a word, a line's worth of brackets read in one pass", () => {
    const text = 'See [Metric, e.g., "cut [X] by half"], a[i [x]], [a [b [c]]] and [two\nlines], then $ARGUMENTS.\n';
    const template = createRepositoryTemplate(text, '.specify/templates/spec-template.md', specKit, 'spec');
    assert.deepEqual(
      keptTemplateSlots(parseSpec(text), template.template).map((slot) => slot.text),
      ['[Metric, e.g., "cut [X] by half"]', '[two\nlines]', '$ARGUMENTS'],
    );
    // A pattern for nested brackets backtracked over such a line once per bracket.
    const brackets = ` [${'[a] '.repeat(4000)}\n`;
    const many = createRepositoryTemplate(brackets, '.specify/templates/spec-template.md', specKit, 'spec');
    assert.deepEqual(keptTemplateSlots(many.template.document, many.template), []);
  });
});

describe("a team's spec-kit template of a kind the kit has no template for", () => {
  const research = [
    '# Research: [Topic]',
    '',
    '## Open Questions',
    '',
    '### Q1: [Question]',
    '',
    '**Context:** Why this question matters to the feature and its users.',
    '',
    '**Options:**',
    '1. Option 1',
    '2. Option 2',
    '',
  ].join('\n');
  const template = createRepositoryTemplate(research, '.specify/templates/research-template.md', specKit, 'research');

  test('holds the team\'s samples: a research document that keeps them unchanged is told so', () => {
    const findings = lintText(research, { path: 'specs/001-export/research.md', repositoryTemplates: [template] });
    assert.deepEqual(reported(research, findings, 'template-text-unchanged'), ['7 **Context:** Why this question matters to the feature and its users.']);
    // Its generic sample options are slots wherever they stand.
    assert.deepEqual(reported(research, findings, 'unfilled-placeholder').slice(-2), ['10 Option 1', '11 Option 2']);
  });

  test("its sample options left in a section otherwise written are reported on their own", () => {
    const half = research.replace('Why this question matters to the feature and its users.', 'Exports must open in the spreadsheets finance uses.');
    const findings = lintText(half, { path: 'specs/001-export/research.md', repositoryTemplates: [template] });
    assert.deepEqual(reported(half, findings, 'template-text-unchanged'), []);
    assert.deepEqual(reported(half, findings, 'unfilled-placeholder').slice(-2), ['10 Option 1', '11 Option 2']);
  });

  test('a list of its questions kept above the answer is not reported; left in a section nobody has written in, it is', () => {
    const asking = createRepositoryTemplate(
      '# Research: [Topic]\n\n## Rationale\n\n[Why this choice]\n\nQuestions to answer:\n- Why is this the best choice?\n- What else was considered?\n',
      '.specify/templates/research-template.md',
      specKit,
      'research',
    );
    const answered = '# Research: Export formats\n\n## Rationale\n\nCSV opens everywhere.\n\nQuestions to answer:\n- Why is this the best choice?\n- What else was considered?\n\nParquet was considered and left for later.\n';
    assert.deepEqual(reported(answered, lintText(answered, { path: 'specs/001-export/research.md', repositoryTemplates: [asking] }), 'template-text-unchanged'), []);
    const copy = '# Research: Export formats\n\n## Rationale\n\n[Why this choice]\n\nQuestions to answer:\n- Why is this the best choice?\n- What else was considered?\n';
    assert.deepEqual(reported(copy, lintText(copy, { path: 'specs/001-export/research.md', repositoryTemplates: [asking] }), 'template-text-unchanged'), [
      '8 - Why is this the best choice?\n- What else was considered?',
    ]);
  });

  test("its metadata's paths to give, `/path/to/feature` and `<feature_dir>/…` in code spans, are slots where a copy keeps them", () => {
    const quick = createRepositoryTemplate('# Quickstart: [FEATURE NAME]\n\n**Feature Directory**: `/path/to/feature`\n**Spec**: `<feature_dir>/docs/spec.md`\n', '.specify/templates/quickstart-template.md', specKit, 'quickstart');
    const copy = '# Quickstart: Export\n\n**Feature Directory**: `/path/to/feature`\n**Spec**: `<feature_dir>/docs/spec.md`\n';
    assert.deepEqual(reported(copy, lintText(copy, { path: 'specs/001-export/quickstart.md', repositoryTemplates: [quick] }), 'unfilled-placeholder'), ['3 /path/to/feature', '4 <feature_dir>']);
    const written = '# Quickstart: Export\n\n**Feature Directory**: `specs/001-export`\n**Spec**: `specs/001-export/spec.md`; run `cp <src-dir> <out_dir>`.\n';
    assert.deepEqual(reported(written, lintText(written, { path: 'specs/001-export/quickstart.md', repositoryTemplates: [quick] }), 'unfilled-placeholder'), []);
  });

  test('a template written with `{{slots}}` has them in its code spans too; a copy that keeps them is told so', () => {
    const tasks = createRepositoryTemplate('# Tasks: {{feature name}}\n\n### Task 1: {{title}}\n\n- **Branch:** `work/{{feature}}-task-1`\n- **Render:** `{{ .Values.image }}`\n', '.specify/templates/tasks-template.md', specKit, 'tasks');
    const copy = '# Tasks: Export\n\n### Task 1: CSV writer\n\n- **Branch:** `work/{{feature}}-task-1`\n- **Render:** `{{ .Values.image }}`\n';
    assert.deepEqual(reported(copy, lintText(copy, { path: 'specs/001-export/tasks.md', repositoryTemplates: [tasks] }), 'unfilled-placeholder'), ['5 {{feature}}']);
    // A template without such slots in its prose: double braces in its code are a template language's.
    const helm = createRepositoryTemplate('# Tasks: [FEATURE]\n\n- **Branch:** `work/{{feature}}-task-1`\n', '.specify/templates/tasks-template.md', specKit, 'tasks');
    const kept = '# Tasks: Export\n\n- **Branch:** `work/{{feature}}-task-1`\n';
    assert.deepEqual(reported(kept, lintText(kept, { path: 'specs/001-export/tasks.md', repositoryTemplates: [helm] }), 'unfilled-placeholder'), []);
  });

  test('a written research document that shares a heading with it is not', () => {
    const written = '# Research: Export formats\n\n## Open Questions\n\n### Q1: Which CSV dialect?\n\n**Context:** Spreadsheets differ on separators.\n\n**Options:**\n1. RFC 4180\n2. Excel\n';
    assert.deepEqual(reported(written, lintText(written, { path: 'specs/001-export/research.md', repositoryTemplates: [template] }), 'template-text-unchanged'), []);
  });
});
