import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// `specwright lint` at the root of workspaces with their own conventions for a family:
// OpenSpec written in Chinese with its words in openspec/AGENTS.md, OpenSpec with its own
// schema and templates named by openspec/config.yaml, and Kiro's steering files. The
// check follows the repository's files when present and the built-in description when
// they are gone or cannot be read.
const FIXTURES = resolve(__dirname, '../fixtures/conventions');

interface JsonLint {
  files: { path: string; findings: { ruleId: string; line: number; message: string }[] }[];
}

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonLint).files.flatMap((file) => file.findings.map((finding) => `${file.path.replace(/\\/g, '/')} ${finding.ruleId}: ${finding.message}`));
}

describe('specwright lint with a repository’s own conventions', () => {
  test('OpenSpec in Chinese: the words of openspec/AGENTS.md are read; without the file, the built-in words are expected', async () => {
    const root = scratch(join(FIXTURES, 'openspec-zh'));
    const own = await specwright(['lint', '--format', 'json', '--max-warnings', '0'], { cwd: root });
    assert.equal(own.code, 0, own.stdout + own.stderr);
    assert.deepEqual(findings(own.stdout), []);

    rmSync(join(root, 'openspec', 'AGENTS.md'));
    const builtIn = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(findings(builtIn.stdout).sort(), [
      'openspec/changes/add-sharing/proposal.md missing-family-section: Expected section `What Changes` of an OpenSpec change proposal, found none',
      'openspec/changes/add-sharing/proposal.md missing-family-section: Expected section `Why` of an OpenSpec change proposal, found none',
      'openspec/changes/add-sharing/specs/albums/spec.md spec-delta: Expected a delta section (`## ADDED Requirements`, `## MODIFIED Requirements`, `## REMOVED Requirements`, `## RENAMED Requirements`), found none',
      'openspec/specs/albums/spec.md missing-family-section: Expected section `Purpose` of an OpenSpec capability spec, found none',
      'openspec/specs/albums/spec.md missing-family-section: Expected section `Requirements` of an OpenSpec capability spec, found none',
    ]);
  });

  test('OpenSpec in Chinese: a delta that modifies a requirement is checked against the spec’s requirements in the repository’s words', async () => {
    const root = scratch(join(FIXTURES, 'openspec-zh'));
    const delta = join(root, 'openspec', 'changes', 'add-sharing', 'specs', 'albums', 'spec.md');
    const modified = (name: string, scenario: string) =>
      `## 修改需求\n\n### 需求：${name}\n\n系统 SHALL 允许用户用名称创建相册。\n\n#### 场景：${scenario}\n\n- **WHEN** 用户输入名称并确认\n- **THEN** 新相册出现在相册列表中\n`;
    writeFileSync(delta, modified('创建相册', '创建成功'));
    const kept = await specwright(['lint', '--format', 'json', '--max-warnings', '0'], { cwd: root });
    assert.equal(kept.code, 0, kept.stdout + kept.stderr);
    assert.deepEqual(findings(kept.stdout), []);

    writeFileSync(delta, modified('不存在的需求', '创建成功'));
    const unknown = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(findings(unknown.stdout), [
      'openspec/changes/add-sharing/specs/albums/spec.md spec-delta-target: Expected a requirement `不存在的需求` in `openspec/specs/albums/spec.md`, found none: archiving the change fails',
    ]);

    const trace = await specwright(['trace'], { cwd: root });
    assert.match(trace.stdout, /创建相册/);
  });

  test('OpenSpec with its own schema: its templates’ sections are required, a new kind included, its task tags are markup; without the config, the built-in ones', async () => {
    const root = scratch(join(FIXTURES, 'openspec-schema'));
    const own = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(findings(own.stdout), [
      'openspec/changes/add-export/proposal.md missing-family-section: Expected section `Rollback Plan` of an OpenSpec change proposal, found none',
      'openspec/changes/add-export/research.md missing-family-section: Expected section `Findings` of an OpenSpec research, found none',
    ]);

    // The schema's own templates shape documents and are not documents: silent even when their folder is named.
    const named = await specwright(['lint', '--format', 'json', 'openspec'], { cwd: root });
    assert.deepEqual(findings(named.stdout), findings(own.stdout));

    renameSync(join(root, 'openspec', 'config.yaml'), join(root, 'config.bak'));
    const builtIn = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(findings(builtIn.stdout), [
      'openspec/changes/add-export/tasks.md unfilled-placeholder: Expected the placeholder `[TEST]` to be replaced, found it unfilled',
      'openspec/changes/add-export/tasks.md unfilled-placeholder: Expected the placeholder `[CODE]` to be replaced, found it unfilled',
    ]);
  });

  test('a broken config, a schema leading out of its folder or a huge or binary template: the built-in description, and a notice', async () => {
    const root = scratch(join(FIXTURES, 'openspec-schema'));
    writeFileSync(join(root, 'openspec', 'config.yaml'), 'schema: [team-flow\n  rules: : :\n');
    // The built-in description: the tasks' tags read as placeholders again, and nothing else is reported.
    const builtInFindings = [
      'openspec/changes/add-export/tasks.md unfilled-placeholder: Expected the placeholder `[TEST]` to be replaced, found it unfilled',
      'openspec/changes/add-export/tasks.md unfilled-placeholder: Expected the placeholder `[CODE]` to be replaced, found it unfilled',
    ];
    const broken = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.equal(broken.code, 0, broken.stdout + broken.stderr);
    assert.deepEqual(findings(broken.stdout), builtInFindings);
    assert.match(broken.stderr, /openspec\/config\.yaml: Expected valid YAML, found an error: .*: the built-in description is used/);

    writeFileSync(join(root, 'openspec', 'config.yaml'), 'schema: ../../elsewhere\n');
    const outside = await specwright(['lint', '--format', 'json'], { cwd: root });
    assert.deepEqual(findings(outside.stdout), builtInFindings);
    assert.match(outside.stderr, /Expected `schema` to be a schema's name/);

    writeFileSync(join(root, 'openspec', 'config.yaml'), 'schema: team-flow\n');
    writeFileSync(join(root, 'openspec', 'schemas', 'team-flow', 'templates', 'proposal.md'), `## Why\n\n${'x'.repeat(300 * 1024)}\n`);
    writeFileSync(join(root, 'openspec', 'schemas', 'team-flow', 'templates', 'research.md'), Buffer.from([0x23, 0x23, 0x20, 0x41, 0x00, 0x01]));
    const skipped = await specwright(['lint', '--format', 'json'], { cwd: root });
    // The tasks template is still read (its tags are markup); the huge and binary ones are not.
    assert.deepEqual(findings(skipped.stdout), []);
    assert.match(skipped.stderr, /templates\/proposal\.md: Expected a file of at most 256 KB, found \d+ KB/);
    assert.match(skipped.stderr, /templates\/research\.md: Expected a text file, found binary data/);
  });

  test('Kiro steering files are context, not specs: never checked, even when named', async () => {
    const root = scratch(join(FIXTURES, 'kiro-steering'));
    const named = await specwright(['lint', '--format', 'json', '--max-warnings', '0', '.kiro/steering/product.md', '.kiro/steering/api-style.md'], { cwd: root });
    assert.equal(named.code, 0, named.stdout + named.stderr);
    assert.deepEqual(findings(named.stdout), []);
  });
});
