import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { buildTraceGraph, coverageOf, kindsCitedByTasks, kindsCitedByTests, type TraceRequirement } from '../../server/src/core/trace/model';
import { specTraceOfDocument } from '../../server/src/workspace/trace-inputs';

// OpenSpec in the trace graph: the `### Requirement:` blocks of a capability's spec are
// requirements named as written; the spec deltas of open changes cite the requirements they
// modify, remove or rename, in the spec of their capability only; archived changes cite
// nothing; and nothing of it counts in coverage.
const SPEC = [
  '# auth Specification',
  '',
  '## Purpose',
  '',
  'Sign-in and sessions: how people prove who they are, and how long the service remembers them.',
  '',
  '## Requirements',
  '',
  '### Requirement: Sign-in',
  '',
  'The system SHALL sign people in with their email address and password.',
  '',
  '#### Scenario: Good password',
  '',
  '- **WHEN** the password matches',
  '- **THEN** the person is signed in',
  '',
  '#### Wrong password',
  '',
  '- **WHEN** the password does not match',
  '- **THEN** the person stays signed out',
  '',
  '### Requirement: Login history',
  '',
  'The system SHALL list the last ten sign-ins of an account.',
  '',
  '#### Scenario: History shown',
  '',
  '- **WHEN** a person opens the account page',
  '- **THEN** the last ten sign-ins are listed',
  '',
].join('\n');

const DELTA = [
  '## ADDED Requirements',
  '',
  '### Requirement: Two-factor sign-in',
  '',
  'The system SHALL ask for a one-time code.',
  '',
  '#### Scenario: Code asked',
  '',
  '- **WHEN** a second factor is set',
  '- **THEN** the code is asked',
  '',
  '## MODIFIED Requirements',
  '',
  '### Requirement: Sign-in history',
  '',
  'The system SHALL list the last twenty sign-ins of an account.',
  '',
  '#### Scenario: History shown',
  '',
  '- **WHEN** a person opens the account page',
  '- **THEN** the last twenty sign-ins are listed',
  '',
  '## REMOVED Requirements',
  '',
  '- `### Requirement: Sign-in`',
  '',
  '## RENAMED Requirements',
  '',
  '- FROM: `### Requirement: Login history`',
  '- TO: `### Requirement: Sign-in history`',
  '',
].join('\n');

const MAIN = 'openspec/specs/auth/spec.md';
const CHANGE = 'openspec/changes/add-2fa/specs/auth/spec.md';
const requirementsOf = (file: string, text: string) => specTraceOfDocument(parseSpec(text), file, file).requirements;

describe('OpenSpec requirements in the trace graph', () => {
  test('each requirement block of a capability spec is a requirement: named as written, scoped to the capability, with its scenarios', () => {
    const requirements = requirementsOf(MAIN, SPEC);
    assert.deepEqual(
      requirements.map(({ id, kind, line, scope, parts, coverage, text }) => ({ id, kind, line, scope, parts, coverage, text })),
      [
        { id: 'Sign-in', kind: 'requirement', line: 9, scope: 'openspec/specs/auth', parts: ['Good password', 'Wrong password'], coverage: false, text: 'The system SHALL sign people in with their email address and password.' },
        { id: 'Login history', kind: 'requirement', line: 23, scope: 'openspec/specs/auth', parts: ['History shown'], coverage: false, text: 'The system SHALL list the last ten sign-ins of an account.' },
      ],
    );
  });

  test('the fingerprint covers the whole block, scenarios included, and nothing of the next block', () => {
    const [signIn, history] = requirementsOf(MAIN, SPEC) as [TraceRequirement, TraceRequirement];
    const [scenarioEdited, historyKept] = requirementsOf(MAIN, SPEC.replace('stays signed out', 'is told so')) as [TraceRequirement, TraceRequirement];
    assert.notEqual(scenarioEdited.fingerprint, signIn.fingerprint);
    assert.equal(historyKept.fingerprint, history.fingerprint);
  });

  test('a delta of an open change names requirements of its capability’s spec; an archived change’s names none', () => {
    const entries = requirementsOf(CHANGE, DELTA);
    assert.deepEqual(
      entries.map(({ id, line, scope, delta }) => ({ id, line, scope, delta })),
      [
        { id: 'Two-factor sign-in', line: 3, scope: 'openspec/specs/auth', delta: { operation: 'added', change: 'add-2fa', target: MAIN } },
        { id: 'Sign-in history', line: 14, scope: 'openspec/specs/auth', delta: { operation: 'modified', change: 'add-2fa', target: MAIN } },
        { id: 'Sign-in', line: 25, scope: 'openspec/specs/auth', delta: { operation: 'removed', change: 'add-2fa', target: MAIN } },
        { id: 'Login history', line: 29, scope: 'openspec/specs/auth', delta: { operation: 'renamed', change: 'add-2fa', target: MAIN, to: 'Sign-in history' } },
      ],
    );
    assert.deepEqual(entries[1]?.parts, ['History shown']);
    assert.deepEqual(requirementsOf('openspec/changes/archive/2025-01-01-add-2fa/specs/auth/spec.md', DELTA), []);
    const nested = requirementsOf('packages/web/openspec/changes/add-2fa/specs/auth/spec.md', DELTA);
    assert.equal(nested[0]?.scope, 'packages/web/openspec/specs/auth');
  });

  test('modifications, removals and renames cite the requirement; a modification under a rename’s new name cites the renamed one; additions cite nothing', () => {
    const graph = buildTraceGraph({ requirements: [...requirementsOf(CHANGE, DELTA), ...requirementsOf(MAIN, SPEC)], tasks: [], mentions: [] });
    assert.deepEqual(graph.requirements.map((requirement) => requirement.id), ['Sign-in', 'Login history'], 'delta entries are no requirements of their own');
    const changes = (id: string) => graph.requirements.find((requirement) => requirement.id === id)?.changes.map(({ delta }) => `${delta.operation} ${delta.change}`);
    assert.deepEqual(changes('Sign-in'), ['removed add-2fa']);
    assert.deepEqual(changes('Login history'), ['modified add-2fa', 'renamed add-2fa']);
    assert.deepEqual(
      graph.changes.map(({ id, requirement }) => `${id} → ${requirement?.id ?? 'none'}`),
      ['Two-factor sign-in → none', 'Sign-in history → Login history', 'Sign-in → Sign-in', 'Login history → Login history'],
    );
    assert.deepEqual(graph.unknown, []);
    assert.deepEqual(graph.orphanTasks, []);
  });

  test('a name resolves in the capability the delta changes only, never in another one', () => {
    const other = requirementsOf('openspec/changes/add-2fa/specs/billing/spec.md', DELTA);
    const graph = buildTraceGraph({ requirements: [...other, ...requirementsOf(MAIN, SPEC)], tasks: [], mentions: [] });
    assert.ok(graph.changes.every((change) => change.requirement === undefined));
    assert.ok(graph.requirements.every((requirement) => requirement.changes.length === 0));
  });

  test('OpenSpec requirements count in no coverage and are never expected of tasks or tests', () => {
    const graph = buildTraceGraph({ requirements: requirementsOf(MAIN, SPEC), tasks: [], mentions: [{ id: 'Sign-in', file: 'test/a.test.ts', line: 1, from: 'test', scope: 'test' }] });
    assert.deepEqual(coverageOf(graph.requirements), { total: 0, byTasks: 0, byTests: 0 });
    assert.equal(kindsCitedByTasks(graph.requirements).size, 0);
    assert.equal(kindsCitedByTests(graph.requirements).size, 0);
  });
});
