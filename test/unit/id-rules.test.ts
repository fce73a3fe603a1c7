import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/core/lint/registry';
import { lintText } from '../../server/src/core/lint/lint';
import type { IdDefinitionElsewhere, WorkspaceIds } from '../../server/src/core/lint/types';

const only = (id: string) => Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === id ? rule.meta.defaultSeverity : ('off' as const)]));
const workspace = (definitions: Record<string, IdDefinitionElsewhere[]>, complete = true): WorkspaceIds => ({
  complete,
  definitions: (id) => definitions[id] ?? [],
  definesKind: (id) => Object.keys(definitions).some((defined) => defined.replace(/\d.*$/, '') === id.replace(/\d.*$/, '')),
});
const messages = (text: string, rule: string, lookup?: WorkspaceIds) => lintText(text, { rules: only(rule), ...(lookup ? { workspace: lookup } : {}) }).map((f) => f.message);

const SPEC = '# Plan\n\n- FR-001: Log in\n- FR-002: Log out\n\nNeeds FR-003, US-001 and SC-001.\n';

describe('requirement-ID rules with the workspace known', () => {
  test('duplicate-id: another definition in the same folder counts, one in another folder does not', () => {
    const lookup = workspace({
      'FR-001': [{ file: 'specs/a/other.md', sameFolder: true }],
      'FR-002': [{ file: 'specs/b/spec.md', sameFolder: false }],
    });
    assert.deepEqual(messages(SPEC, 'duplicate-id', lookup), ['Expected one definition of `FR-001`, found 1 here (also in `specs/a/other.md`)']);
  });

  test('duplicate-id: a document beside a spec that plays another part restates its IDs; two of the same part clash', () => {
    const beside = workspace({
      'FR-001': [
        { file: 'specs/001-fitness/analyze-01.md', sameFolder: true },
        { file: 'specs/001-fitness/tasks.md', sameFolder: true },
      ],
    });
    const spec = (path: string) => lintText(`<!-- path: ${path} -->\n${SPEC}`, { path, rules: only('duplicate-id'), workspace: beside }).map((f) => f.message);
    // The spec-kit spec: the analysis and the task list beside it restate FR-001.
    assert.deepEqual(spec('specs/001-fitness/spec.md'), []);
    // A review no layout names, beside the analysis no layout names either: the two clash.
    assert.deepEqual(spec('specs/001-fitness/review.md'), ['Expected one definition of `FR-001`, found 1 here (also in `specs/001-fitness/analyze-01.md`)']);
  });

  test('unknown-id: on its own, only IDs of a kind the spec defines; with the workspace, any ID of a kind some spec defines', () => {
    assert.deepEqual(messages(SPEC, 'unknown-id'), ['Expected a definition of `FR-003` in this spec, found none']);
    const lookup = workspace({ 'FR-003': [{ file: 'specs/x.md', sameFolder: false }], 'US-001': [{ file: 'specs/y.md', sameFolder: true }], 'SC-002': [{ file: 'specs/y.md', sameFolder: true }] });
    assert.deepEqual(messages(SPEC, 'unknown-id', lookup), ['Expected a definition of `SC-001` in the workspace’s specs, found none']);
    // No spec defines an ID of the kind: `SC-28` beside `AC-12` and `SI-10` names a standard's control.
    assert.deepEqual(messages(SPEC, 'unknown-id', workspace({ 'FR-003': [{ file: 'specs/x.md', sameFolder: false }], 'US-001': [{ file: 'specs/y.md', sameFolder: true }] })), []);
  });

  test('unknown-id says nothing while the workspace is still being read', () => {
    assert.deepEqual(messages(SPEC, 'unknown-id', workspace({}, false)), []);
  });
});
