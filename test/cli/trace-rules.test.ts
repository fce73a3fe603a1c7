import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// The trace rules through `specwright lint`: the CLI reads the whole workspace (specs,
// task lists, tests) as the language server's index does, so findings that depend on
// other files are the same in CI as in the editor.
const TRACE = resolve(__dirname, '../fixtures/trace');

interface JsonLint {
  files: { path: string; findings: { ruleId: string; line: number; message: string }[] }[];
}

async function lint(cwd: string, ...args: string[]): Promise<{ code: number | null; findings: string[] }> {
  const { code, stdout, stderr } = await specwright(['lint', '--format', 'json', ...args], { cwd });
  assert.ok(code === 0 || code === 1, stderr);
  const report = JSON.parse(stdout) as JsonLint;
  const findings = report.files.flatMap((file) => file.findings.map((finding) => `${file.path}:${finding.line} ${finding.ruleId}`));
  return { code, findings };
}

const traceFindings = (findings: readonly string[]) =>
  findings.filter((finding) => /(uncovered-requirement|untested-requirement|orphan-task|done-task-uncovered|stale-reference|unknown-id)$/.test(finding));

describe('trace rules in specwright lint', () => {
  test('a spec-kit workspace: the uncovered story, the requirements untested where tests cite most of their kind, the task without its story, IDs across files, a story no spec has', async () => {
    const root = scratch(join(TRACE, 'spec-kit'));
    // A plan that cites a requirement of the spec (known across files) and one nobody defines.
    writeFileSync(join(root, 'specs/001-photo-albums/plan.md'), '# Implementation Plan: Photo Albums\n\n## Summary\n\nBuilds FR-001 and FR-003 first; FR-009 later.\n');
    writeFileSync(
      join(root, 'specs/001-photo-albums/tasks.md'),
      readFileSync(join(root, 'specs/001-photo-albums/tasks.md'), 'utf8').replace('- [ ] T012 [US1]', '- [ ] T013 Album cover in src/ui/cover.tsx\n- [ ] T012 [US1]'),
    );
    const { findings } = await lint(root);
    assert.deepEqual(traceFindings(findings), [
      'specs/001-photo-albums/plan.md:5 unknown-id',
      'specs/001-photo-albums/spec.md:21 uncovered-requirement',
      'specs/001-photo-albums/spec.md:32 untested-requirement',
      'specs/001-photo-albums/spec.md:33 untested-requirement',
      'specs/001-photo-albums/tasks.md:7 orphan-task',
      'specs/001-photo-albums/tasks.md:17 unknown-id',
    ]);
  });

  test('an OpenSpec workspace: each delta entry that does not apply to its spec, at its line; archived changes and new capabilities never; no coverage finding', async () => {
    const root = scratch(join(TRACE, 'openspec'));
    const auth = 'openspec/changes/add-2fa/specs/auth/spec.md';
    // The open change now modifies a requirement the spec lacks and adds one it has.
    writeFileSync(
      join(root, auth),
      readFileSync(join(root, auth), 'utf8')
        .replace('### Requirement: Sign-in history', '### Requirement: Sign-in log')
        .replace('### Requirement: Two-factor sign-in', '### Requirement: Session timeout'),
    );
    const { code, findings } = await lint(root);
    assert.equal(code, 1);
    assert.deepEqual(
      findings.filter((finding) => /(spec-delta-target|uncovered-requirement|untested-requirement|orphan-task|unknown-id)$/.test(finding)),
      [
        `${auth}:3 spec-delta-target`,
        `${auth}:42 spec-delta-target`,
        'openspec/changes/add-avatars/specs/profile/spec.md:14 spec-delta-target',
        'openspec/changes/add-avatars/specs/profile/spec.md:23 spec-delta-target',
      ],
    );
  });

  test('switched off in the config, the workspace is not needed and nothing is reported', async () => {
    const root = scratch(join(TRACE, 'spec-kit'));
    writeFileSync(
      join(root, '.specwright.yaml'),
      ['rules:', ...['unknown-id', 'duplicate-id', 'uncovered-requirement', 'untested-requirement', 'orphan-task', 'done-task-uncovered', 'stale-reference'].map((id) => `  ${id}: off`), ''].join('\n'),
    );
    const { findings } = await lint(root);
    assert.deepEqual(traceFindings(findings), []);
  });

  test('stale references: recorded by trace --accept, reported after the text changes, cleared by accepting it again', async () => {
    const root = scratch(join(TRACE, 'spec-kit'));
    const accepted = await specwright(['trace', '--accept', 'all'], { cwd: root });
    assert.equal(accepted.code, 0, accepted.stderr);
    const lock = readFileSync(join(root, '.specwright/trace.lock'), 'utf8');
    assert.match(lock, /"specs\/001-photo-albums#FR-002": "[0-9a-f]{16}"/);
    assert.deepEqual((await lint(root)).findings.filter((finding) => finding.endsWith('stale-reference')), [], 'nothing stale right after review');

    const spec = join(root, 'specs/001-photo-albums/spec.md');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('add photos to an album by drag and drop', 'add photos to an album by drag and drop or by pasting them'));
    assert.deepEqual((await lint(root)).findings.filter((finding) => finding.endsWith('stale-reference')), [
      'specs/001-photo-albums/spec.md:30 stale-reference',
      'specs/001-photo-albums/tasks.md:7 stale-reference',
    ]);
    const trace = await specwright(['trace', '--format', 'json'], { cwd: root });
    const fr002 = (JSON.parse(trace.stdout) as { specs: { requirements: { id: string; changedSinceReview: boolean }[] }[] }).specs[0]?.requirements.find((requirement) => requirement.id === 'FR-002');
    assert.equal(fr002?.changedSinceReview, true);

    // Re-wrapping the text is not a change.
    const reviewed = await specwright(['trace', '--accept', 'FR-002'], { cwd: root });
    assert.equal(reviewed.code, 0, reviewed.stderr);
    assert.match(reviewed.stderr, /recorded 1 requirement as reviewed/);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('by drag and drop or by pasting them', 'by drag and drop\n  or by pasting them'));
    assert.deepEqual((await lint(root)).findings.filter((finding) => finding.endsWith('stale-reference')), []);

    const unknown = await specwright(['trace', '--accept', 'FR-404'], { cwd: root });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no spec defines FR-404/);
  });

  test('the trace globs decide which files are read and which are tests: a team that writes its checks in Lua under checks/', async () => {
    const root = scratch(join(TRACE, 'spec-kit'));
    mkdirSync(join(root, 'checks'), { recursive: true });
    writeFileSync(join(root, 'checks/albums.lua'), '-- FR-004: photos keep their order\n');
    const untested = async () => (await lint(root)).findings.filter((finding) => finding.endsWith('untested-requirement'));
    const line = readFileSync(join(root, 'specs/001-photo-albums/spec.md'), 'utf8').split('\n').findIndex((text) => text.includes('**FR-004**')) + 1;
    const finding = `specs/001-photo-albums/spec.md:${line} untested-requirement`;
    const before = await untested();
    assert.ok(before.includes(finding), before.join(', '));
    writeFileSync(join(root, '.specwright.yaml'), 'traceFiles: ["**/*.ts", "**/*.lua"]\ntestFiles: ["tests/**", "checks/**"]\n');
    const after = await untested();
    assert.ok(!after.includes(finding), after.join(', '));
    assert.deepEqual(after.filter((other) => !before.includes(other)), []);
  });
});
