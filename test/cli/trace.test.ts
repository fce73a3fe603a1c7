import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scratch, specwright } from './helpers';

// `specwright trace` on a workspace laid out as spec-kit lays it out (a spec with user
// stories and FR-001…FR-005, tasks covering some, a test file and a source file citing
// some) and as Kiro does (numbered acceptance criteria cited by `_Requirements:_`).
const TRACE = resolve(__dirname, '../fixtures/trace');

interface JsonTrace {
  specs: {
    file: string;
    coverage: { tasks?: { covered: number; total: number }; tests: { covered: number; total: number } };
    requirements: { id: string; status: string; tasks: { id: string; done: boolean }[]; tests: { file: string; line: number }[] }[];
  }[];
  orphanTasks: { id: string; file: string; line: number }[];
  unknownIds: { id: string; file: string; line: number }[];
}

describe('specwright trace', () => {
  const specKit = scratch(join(TRACE, 'spec-kit'));
  const kiro = scratch(join(TRACE, 'kiro'));

  test('json: each requirement with the tasks and tests that cite it, orphans and unknown IDs', async () => {
    const { code, stdout, stderr } = await specwright(['trace', '--format', 'json'], { cwd: specKit });
    assert.equal(code, 0, stderr);
    const trace = JSON.parse(stdout) as JsonTrace;
    assert.equal(trace.specs.length, 1);
    const spec = trace.specs[0]!;
    assert.equal(spec.file, 'specs/001-photo-albums/spec.md');
    const row = (id: string) => spec.requirements.find((requirement) => requirement.id === id)!;
    assert.deepEqual(spec.requirements.map((requirement) => requirement.id), ['US1', 'US2', 'US3', 'FR-001', 'FR-002', 'FR-003', 'FR-004', 'FR-005', 'SC-001']);
    assert.deepEqual(row('US1').tasks.map((task) => `${task.id}${task.done ? ' done' : ''}`), ['T010 done', 'T011 done', 'T012']);
    assert.deepEqual(row('US1').tests, [{ file: 'tests/albums.test.ts', line: 3 }]);
    assert.deepEqual(row('FR-001').tests.map((mention) => mention.line), [3, 4], 'the comment and the test name; the source file is not a test');
    assert.equal(row('FR-002').status, 'covered');
    assert.equal(row('US3').status, 'uncovered');
    assert.equal(row('FR-004').status, 'uncovered');
    assert.equal(row('SC-001').status, 'untested', 'no task cites a success criterion, so they are not counted as uncovered by tasks');
    assert.deepEqual(spec.coverage, { tasks: { covered: 3, total: 8 }, tests: { covered: 4, total: 9 } });
    assert.deepEqual(trace.orphanTasks.map((task) => task.id), ['T030', 'T031']);
    assert.deepEqual(trace.unknownIds, [{ id: 'US9', file: 'specs/001-photo-albums/tasks.md', line: 16 }]);
  });

  test('table, csv and markdown say the same', async () => {
    const table = await specwright(['trace'], { cwd: specKit });
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^specs\/001-photo-albums\/spec\.md$/m);
    assert.match(table.stdout, /^ {2}US3 +- +- +uncovered +User Story 3 - Reorder photos/m);
    assert.match(table.stdout, /tasks: 3\/8 \(37 %\) · tests: 4\/9 \(44 %\)/);
    assert.match(table.stdout, /IDs no spec defines:\n {2}US9 specs\/001-photo-albums\/tasks\.md:16/);
    const csv = (await specwright(['trace', '-f', 'csv'], { cwd: specKit })).stdout.trimEnd().split('\n');
    assert.equal(csv[0], 'spec,requirement,kind,line,tasks,tests,status,text');
    assert.equal(csv.length, 10);
    assert.equal(csv[5], 'specs/001-photo-albums/spec.md,FR-002,FR,30,T012 specs/001-photo-albums/tasks.md:7,FR-002 tests/albums.test.ts:5,covered,System MUST add photos to an album by drag and drop.');
    const markdown = (await specwright(['trace', '-f', 'markdown'], { cwd: specKit })).stdout;
    assert.match(markdown, /^\| US1 User Story 1 - Create an album \(Priority: P1\) \| T010, T011, T012 \| tests\/albums\.test\.ts:3 \| covered \|$/m);
  });

  test('--min-coverage and --min-test-coverage fail a spec below them', async () => {
    assert.equal((await specwright(['trace', '--min-coverage', '37'], { cwd: specKit })).code, 0);
    const below = await specwright(['trace', '--min-coverage', '38'], { cwd: specKit });
    assert.equal(below.code, 1);
    assert.match(below.stderr, /specs\/001-photo-albums\/spec\.md: 37 % covered by tasks \(at least 38 % wanted\)/);
    assert.equal((await specwright(['trace', '--min-test-coverage', '45'], { cwd: specKit })).code, 1);
    assert.equal((await specwright(['trace', '--min-coverage', '101'], { cwd: specKit })).code, 2);
  });

  test('Kiro: acceptance criteria cited by _Requirements:_, parent tasks through their sub-tasks', async () => {
    const trace = JSON.parse((await specwright(['trace', '-f', 'json'], { cwd: kiro })).stdout) as JsonTrace;
    const spec = trace.specs[0]!;
    assert.equal(spec.file, '.kiro/specs/sign-in/requirements.md');
    assert.deepEqual(spec.requirements.map((requirement) => `${requirement.id}: ${requirement.tasks.map((task) => task.id).join(',')}`), ['1.1: 1', '1.2: 1', '2.1: 2.1']);
    assert.deepEqual(trace.orphanTasks.map((task) => task.id), ['3'], 'task 2 groups 2.1, which cites a criterion');
  });

  test('OpenSpec: each capability’s requirements with the open changes to them, in every format; the requirements changes add; no coverage asked of them', async () => {
    const openspec = scratch(join(TRACE, 'openspec'));
    const { code, stdout } = await specwright(['trace', '-f', 'json'], { cwd: openspec });
    assert.equal(code, 0);
    const trace = JSON.parse(stdout) as JsonTrace & {
      specs: { requirements: { changes: { change: string; operation: string; to?: string; file: string; line: number }[] }[] }[];
      changes: { change: string; operation: string; requirement: string; spec: string; found: boolean; file: string; line: number }[];
    };
    assert.deepEqual(trace.specs.map((spec) => spec.file), ['openspec/specs/auth/spec.md', 'openspec/specs/profile/spec.md']);
    const auth = trace.specs[0]!;
    assert.deepEqual(
      auth.requirements.map((requirement) => `${requirement.id}: ${requirement.status}`),
      ['Sign-in: modified in add-2fa', 'Security questions: removed in add-2fa', 'Login history: modified in add-2fa; renamed to Sign-in history in add-2fa', 'Account lockout: current', 'Session timeout: current'],
    );
    const delta = 'openspec/changes/add-2fa/specs/auth/spec.md';
    assert.deepEqual(auth.requirements[2]?.changes, [
      { change: 'add-2fa', operation: 'modified', file: delta, line: 42 },
      { change: 'add-2fa', operation: 'renamed', to: 'Sign-in history', file: delta, line: 59 },
    ]);
    assert.deepEqual(auth.coverage, { tests: { covered: 0, total: 0 } });
    assert.deepEqual(
      trace.changes.filter((change) => !change.found).map((change) => `${change.operation} ${change.requirement} → ${change.spec}`),
      ['added Two-factor sign-in → openspec/specs/auth/spec.md', 'added Avatar → openspec/specs/profile/spec.md', 'modified Biography → openspec/specs/profile/spec.md', 'added Monthly bill → openspec/specs/billing/spec.md'],
      'an archived change names nothing',
    );
    assert.deepEqual(trace.orphanTasks, [], 'OpenSpec tasks cite no requirement, and are not orphans for it');
    const table = (await specwright(['trace'], { cwd: openspec })).stdout;
    assert.match(table, /^ {2}Security questions +- +- +removed in add-2fa +The system SHALL let a person who forgot the password answer two security questions\.$/m);
    assert.match(table, /^ {2}open changes: add-2fa$/m);
    assert.match(table, /requirements open changes add:\n {2}Two-factor sign-in \(add-2fa\) openspec\/changes\/add-2fa\/specs\/auth\/spec\.md:3\n/);
    const csv = (await specwright(['trace', '-f', 'csv'], { cwd: openspec })).stdout.trimEnd().split('\n');
    assert.equal(csv[6], 'openspec/specs/profile/spec.md,Display name,requirement,9,,,modified in add-avatars,The system SHALL let a person set a display name of 1 to 50 characters.');
    const markdown = (await specwright(['trace', '-f', 'markdown'], { cwd: openspec })).stdout;
    assert.match(markdown, /^\| Sign-in The system SHALL sign people in with their email address and password\. \| – \| – \| modified in add-2fa \|$/m);
    assert.match(markdown, /^## Requirements open changes add\n\n- Two-factor sign-in \(add-2fa\)/m);
    assert.equal((await specwright(['trace', '--min-coverage', '100', '--min-test-coverage', '100'], { cwd: openspec })).code, 0, 'nothing is expected to cite OpenSpec requirements');
  });

  test('an ID defined in two features resolves within the citing feature, and nowhere from outside', async () => {
    const root = scratch();
    for (const feature of ['001-a', '002-b']) {
      mkdirSync(join(root, 'specs', feature), { recursive: true });
      writeFileSync(join(root, 'specs', feature, 'spec.md'), `# Feature ${feature}\n\n## Requirements\n\n- **FR-001**: System MUST do ${feature}.\n`);
      writeFileSync(join(root, 'specs', feature, 'tasks.md'), `# Tasks\n\n- [ ] T001 Do it (FR-001)\n`);
    }
    mkdirSync(join(root, 'tests'));
    writeFileSync(join(root, 'tests', 'a.test.py'), '# FR-001\n');
    const trace = JSON.parse((await specwright(['trace', '-f', 'json'], { cwd: root })).stdout) as JsonTrace;
    for (const spec of trace.specs) {
      assert.deepEqual(spec.requirements[0]!.tasks.map((task) => task.id), ['T001']);
      assert.deepEqual(spec.requirements[0]!.tests, [], 'ambiguous from a test outside both features');
    }
  });
});
