import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { builtInFamilies } from '../../server/src/core/families/built-in';
import {
  applyConventions,
  artifactsOf,
  MAX_ARTIFACTS,
  schemaNameOf,
  templateSections,
  templateTags,
  termsFromDeltaTemplate,
  termsFromInstructions,
} from '../../server/src/core/families/conventions';
import type { Family } from '../../server/src/core/families/family';
import { identifyFamily } from '../../server/src/core/families/identify';
import { familyPlaceholders } from '../../server/src/core/families/placeholders';
import { lintText } from '../../server/src/core/lint/lint';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { isConventionFile, loadConventions } from '../../server/src/workspace/conventions-store';

// Reading a repository's own conventions: an instructions file's heading words, a
// project configuration's schema, a schema's artifacts and templates; what they change
// in the family's description; and reading the files themselves, hostile ones included.
const FIXTURES = resolve(__dirname, '../fixtures/conventions');
const words = (terms: readonly { term: string; word: string }[]) => Object.fromEntries(terms.map(({ term, word }) => [term, word]));
const openspec = (families: readonly Family[]) => families.find((family) => family.id === 'openspec') as Family;

describe('an instructions file (openspec/AGENTS.md)', () => {
  test('translated: the words its examples show, in the order it first shows them', () => {
    const text = readFileSync(join(FIXTURES, 'openspec-zh/openspec/AGENTS.md'), 'utf8');
    assert.deepEqual(words(termsFromInstructions(text, 'openspec/AGENTS.md')), {
      scenario: '场景',
      requirement: '需求',
      added: '新增需求',
      modified: '修改需求',
      removed: '移除需求',
      renamed: '重命名需求',
      requirements: '需求',
      why: '为什么',
      whatChanges: '变更内容',
      impact: '影响',
    });
  });

  test('in English as the kit writes it: the built-in words; headings outside code and alternatives such as `A|B` are not read', () => {
    const text = [
      '# Instructions',
      '',
      '## Spec File Format',
      '',
      'Write deltas with `## ADDED|MODIFIED|REMOVED|RENAMED Requirements` and `#### Scenario:` blocks.',
      '',
      '**Write proposal.md:**',
      '```markdown',
      '## Why',
      '## What Changes',
      '## Impact',
      '```',
      '',
      '```markdown',
      '## ADDED Requirements',
      '### Requirement: Something',
      '## MODIFIED Requirements',
      '## REMOVED Requirements',
      '```',
      '',
      '- `## RENAMED Requirements` for names only',
    ].join('\n');
    assert.deepEqual(words(termsFromInstructions(text, 'openspec/AGENTS.md')), {
      scenario: 'Scenario',
      requirement: 'Requirement',
      added: 'ADDED Requirements',
      modified: 'MODIFIED Requirements',
      removed: 'REMOVED Requirements',
      renamed: 'RENAMED Requirements',
      requirements: 'Requirements',
      why: 'Why',
      whatChanges: 'What Changes',
      impact: 'Impact',
    });
  });

  test('prose without examples, or binary-looking text: no words, no throw', () => {
    assert.deepEqual(termsFromInstructions('# Notes\n\nWe write specs carefully.\n', 'x'), []);
    assert.deepEqual(termsFromInstructions('\u0000\u0001```\n### \n```', 'x'), []);
  });
});

describe('a schema’s templates and configuration (OpenSpec 1.x)', () => {
  test('a spec-delta template gives the words, a purpose before the delta sections; a document template its top-level sections', () => {
    const delta = '## Purpose\n<!-- why -->\n\n## ADDED Requirements\n\n### Requirement: <!-- name -->\n\n#### Scenario: <!-- name -->\n';
    assert.deepEqual(words(termsFromDeltaTemplate(delta, 't')), { scenario: 'Scenario', requirement: 'Requirement', purpose: 'Purpose' });
    const zh = '## 新增需求\n\n### 需求:<!-- 名称 -->\n\n#### 场景:<!-- 名称 -->\n\n## 修改需求\n\n## 移除需求\n';
    assert.deepEqual(words(termsFromDeltaTemplate(zh, 't')), { scenario: '场景', requirement: '需求', added: '新增需求', modified: '修改需求', removed: '移除需求', requirements: '需求' });
    assert.deepEqual(templateSections('## Why\n<!-- a -->\n## What Changes\n### Detail\n## Rollback Plan <!-- how -->\n'), ['Why', 'What Changes', 'Rollback Plan']);
    assert.deepEqual(templateSections('# Research: [Title]\n\n## Question\n\n## Findings\n'), ['Question', 'Findings']);
    assert.deepEqual(templateSections('## 1. <!-- Group -->\n- [ ] 1.1 <!-- Task -->\n'), []);
    const tasks = '## 1. Group\n\n- [ ] 1.1 [TDD][RED] Write a failing test for <scenario>\n- [ ] 1.2 [GREEN] Pass it\n- [ ] 1.3 [a placeholder] no\n\n```\n- [ ] 9.9 [FENCED] no\n```\n';
    assert.deepEqual(templateTags(tasks), ['[TDD]', '[RED]', '[GREEN]']);
  });

  test('the configuration names a schema; a path, a non-string or broken YAML is a problem', () => {
    assert.deepEqual(schemaNameOf('schema: team-flow\ncontext: |\n  anything\n'), { name: 'team-flow' });
    assert.deepEqual(schemaNameOf('context: only\n'), {});
    assert.match(schemaNameOf('schema: ../../etc\n').problem ?? '', /Expected `schema` to be a schema's name/);
    assert.match(schemaNameOf('schema: [a, b]\n').problem ?? '', /Expected `schema` to be a schema's name/);
    assert.match(schemaNameOf('schema: [unclosed\n  x: : :\n').problem ?? '', /Expected valid YAML/);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`), 'schema: team'].join('\n');
    assert.match(schemaNameOf(laughs).problem ?? '', /Expected valid YAML/);
  });

  test('artifacts: only plain relative paths, at most a bounded number', () => {
    const text = [
      'artifacts:',
      '  - { id: proposal, generates: proposal.md, template: proposal.md }',
      '  - { id: escape, generates: ../../x.md, template: proposal.md }',
      '  - { id: absolute, generates: x.md, template: /etc/passwd }',
      '  - { id: specs, generates: "specs/**/*.md", template: spec.md }',
    ].join('\n');
    const { artifacts, problems } = artifactsOf(text);
    assert.deepEqual(artifacts.map((artifact) => artifact.id), ['proposal', 'specs']);
    assert.equal(problems.length, 2);
    const many = `artifacts:\n${Array.from({ length: MAX_ARTIFACTS + 5 }, (_, i) => `  - { id: a${i}, generates: a${i}.md, template: a.md }`).join('\n')}\n`;
    const bounded = artifactsOf(many);
    assert.equal(bounded.artifacts.length, MAX_ARTIFACTS);
    assert.match(bounded.problems[0] ?? '', /Expected at most 50 artifacts/);
    assert.match(artifactsOf('name: x\n').problems[0] ?? '', /Expected a list of `artifacts`/);
  });
});

describe('a family as a repository’s conventions shape it', () => {
  const zhTerms = [
    ['requirement', '需求'],
    ['scenario', '场景'],
    ['added', '新增需求'],
    ['modified', '修改需求'],
    ['removed', '移除需求'],
    ['renamed', '重命名需求'],
    ['requirements', '需求'],
  ].map(([term, word]) => ({ term: term as string, word: word as string, file: 'openspec/AGENTS.md' }));
  const shaped = openspec(applyConventions(builtInFamilies(), [{ family: 'openspec', terms: zhTerms, kinds: [], notes: [] }]));

  test('renamed titles, widened block headings, and a section the files do not name no longer required', () => {
    assert.deepEqual(shaped.kinds.spec?.sections.required, ['需求']);
    assert.deepEqual(shaped.kinds.spec?.lengths, []);
    assert.deepEqual(shaped.kinds.delta?.deltas, { added: '新增需求', modified: '修改需求', removed: '移除需求', renamed: '重命名需求' });
    assert.deepEqual(shaped.kinds.delta?.blocks?.sections, ['ADDED Requirements', 'MODIFIED Requirements', '新增需求', '修改需求']);
    assert.equal(shaped.kinds.spec?.blocks?.heading.exec('需求：分享相册')?.[1], '分享相册');
    assert.equal(shaped.kinds.spec?.blocks?.heading.exec('Requirement: Share')?.[1], 'Share');
    assert.equal(shaped.kinds.spec?.blocks?.misplaced?.test('新增需求'), true);
    assert.deepEqual(shaped.shapedBy?.map((entry) => `${entry.file} ${entry.kind ?? '*'}`), ['openspec/AGENTS.md *', 'openspec/AGENTS.md spec', 'openspec/AGENTS.md proposal']);
    assert.match(shaped.shapedBy?.[1]?.what ?? '', /^`Purpose` not required: the repository's files do not say what they call it$/);
    assert.match(shaped.shapedBy?.[2]?.what ?? '', /^`Why`, `What Changes` not required/);
    // The built-in description is left as it is.
    assert.deepEqual(openspec(builtInFamilies()).kinds.spec?.sections.required, ['Purpose', 'Requirements']);
  });

  test('the built-in words change nothing; a template’s sections become a kind’s, a new file a new kind', () => {
    const same = openspec(applyConventions(builtInFamilies(), [{ family: 'openspec', terms: [{ term: 'requirement', word: 'Requirement', file: 'a' }], kinds: [], notes: [] }]));
    assert.deepEqual(same.kinds, openspec(builtInFamilies()).kinds);
    assert.deepEqual(same.shapedBy, [{ file: 'a', what: 'read; its words are the built-in ones' }]);
    const kinds = [
      { id: 'proposal', generates: 'proposal.md', file: 'openspec/schemas/x/templates/proposal.md', sections: ['Why', 'What Changes', 'Rollback Plan', 'Impact'] },
      { id: 'research', generates: 'research.md', file: 'openspec/schemas/x/templates/research.md', sections: ['Question', 'Findings'] },
    ];
    const withSchema = openspec(applyConventions(builtInFamilies(), [{ family: 'openspec', terms: [], kinds, notes: [] }]));
    assert.deepEqual(withSchema.kinds.proposal?.sections.required, ['Why', 'What Changes', 'Rollback Plan']);
    assert.deepEqual(withSchema.kinds.proposal?.sections.optional, ['Impact']);
    assert.deepEqual(withSchema.kinds.research?.sections.required, ['Question', 'Findings']);
    assert.equal(withSchema.paths[0]?.glob, '**/openspec/changes/*/research.md');
    const lint = (text: string, path: string) => lintText(text, { path, families: applyConventions(builtInFamilies(), [{ family: 'openspec', terms: [], kinds, notes: [] }]) });
    assert.deepEqual(
      lint('## Question\n\nHow big are albums?\n', 'openspec/changes/add-x/research.md').map((finding) => finding.message),
      ['Expected section `Findings` of an OpenSpec research, found none'],
    );
  });

  test('a kind that is not checked (Kiro’s steering) has no findings, whatever it holds', () => {
    const steering = '---\ninclusion: always\n---\n\n# Product\n\nOwner: [Team Name]\n\n## TODO\n';
    assert.deepEqual(lintText(steering, { path: '.kiro/steering/product.md' }), []);
    const parsed = parseSpec(steering);
    const choice = identifyFamily({ document: parsed, families: builtInFamilies(), path: '.kiro/steering/product.md' });
    assert.equal(choice?.kind, 'steering');
    assert.deepEqual(familyPlaceholders(parsed, choice, undefined), []);
    assert.notDeepEqual(lintText(steering, { path: 'docs/specs/product.md' }), []);
  });
});

describe('reading a workspace folder’s conventions', () => {
  test('the fixtures: words from AGENTS.md; a schema’s kinds and delta words from its templates', async () => {
    const zh = await loadConventions(join(FIXTURES, 'openspec-zh'));
    assert.deepEqual(zh.problems, []);
    assert.equal(words(zh.conventions[0]?.terms ?? []).added, '新增需求');
    const schema = await loadConventions(join(FIXTURES, 'openspec-schema'));
    assert.deepEqual(schema.problems, []);
    assert.deepEqual(schema.conventions[0]?.kinds.map((kind) => `${kind.generates}: ${kind.sections.join(', ')}`), [
      'proposal.md: Why, What Changes, Rollback Plan, Impact',
      'research.md: Question, Findings',
      'tasks.md: ',
    ]);
    assert.deepEqual(schema.conventions[0]?.kinds.map((kind) => kind.tags), [[], [], ['[TEST]', '[CODE]']]);
    assert.equal(words(schema.conventions[0]?.terms ?? []).requirement, 'Requirement');
    assert.deepEqual(schema.conventions[0]?.notes, [
      { file: 'openspec/config.yaml', what: 'names the schema `team-flow`, read from `openspec/schemas/team-flow/` (its other settings are instructions for the agent, not checked)' },
    ]);
    assert.deepEqual(await loadConventions(join(FIXTURES, 'kiro-steering')), { conventions: [], problems: [] });
  });

  test('a huge, binary or linked-out file, or a schema that is not the repository’s own: a problem or a note, and nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-conventions-'));
    const outside = mkdtempSync(join(tmpdir(), 'specwright-outside-'));
    try {
      cpSync(join(FIXTURES, 'openspec-zh'), root, { recursive: true });
      writeFileSync(join(root, 'openspec', 'AGENTS.md'), `# Big\n\n${'```\n## ADDED Requirements\n```\n'.repeat(20_000)}`);
      const huge = await loadConventions(root);
      assert.deepEqual(huge.conventions, []);
      assert.match(huge.problems[0]?.message ?? '', /Expected a file of at most 256 KB/);

      writeFileSync(join(root, 'openspec', 'AGENTS.md'), Buffer.from([0x23, 0x20, 0x00, 0xff]));
      assert.match((await loadConventions(root)).problems[0]?.message ?? '', /Expected a text file, found binary data/);

      rmSync(join(root, 'openspec', 'AGENTS.md'));
      writeFileSync(join(outside, 'AGENTS.md'), readFileSync(join(FIXTURES, 'openspec-zh/openspec/AGENTS.md')));
      symlinkSync(join(outside, 'AGENTS.md'), join(root, 'openspec', 'AGENTS.md'));
      const linked = await loadConventions(root);
      assert.deepEqual(linked.conventions, []);
      assert.match(linked.problems[0]?.message ?? '', /a link that leads out of it/);

      rmSync(join(root, 'openspec', 'AGENTS.md'));
      writeFileSync(join(root, 'openspec', 'config.yml'), 'schema: spec-driven\n');
      const notOwn = await loadConventions(root);
      assert.deepEqual(notOwn.problems, []);
      assert.equal(notOwn.conventions[0]?.notes[0]?.file, 'openspec/config.yml');
      assert.match(notOwn.conventions[0]?.notes[0]?.what ?? '', /names the schema `spec-driven`, which is not one of the repository's own/);

      mkdirSync(join(root, 'openspec', 'schemas', 'spec-driven'), { recursive: true });
      writeFileSync(join(root, 'openspec', 'schemas', 'spec-driven', 'schema.yaml'), 'artifacts: {broken: [\n');
      const broken = await loadConventions(root);
      assert.deepEqual(broken.conventions, []);
      assert.match(broken.problems[0]?.message ?? '', /Expected valid YAML.*: the built-in description is used for it/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('which changed files reload the conventions', () => {
    assert.equal(isConventionFile('file:///w/openspec/AGENTS.md'), true);
    assert.equal(isConventionFile('file:///w/openspec/config.yaml'), true);
    assert.equal(isConventionFile('file:///w/openspec/config.yml'), true);
    assert.equal(isConventionFile('file:///w/openspec/schemas/team/templates/proposal.md'), true);
    assert.equal(isConventionFile('file:///w/openspec/specs/albums/spec.md'), false);
    assert.equal(isConventionFile('file:///w/AGENTS.md'), false);
  });
});
