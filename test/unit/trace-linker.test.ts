import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TraceLinker, type TracePart } from '../../server/src/core/trace/linker';
import { buildTraceGraph, type TraceMention, type TraceRequirement, type TraceTask } from '../../server/src/core/trace/model';

// The language server links a folder's trace graph again after each edit by patching the
// last one (only the changed files' citations are resolved again). Whatever the edits,
// the patched graph must be exactly the one linked from scratch.

const IDS = ['FR-001', 'FR-002', 'FR-003', 'US1', 'US2', '1.1', '1.2', 'FR-404'];
const SCOPES = ['specs/001-a', 'specs/002-b', 'tests'];

const requirementPart = (file: string, scope: string, ids: readonly string[]): TracePart => ({
  requirements: ids.map(
    (id, i): TraceRequirement => ({ id, kind: id.replace(/[-\d.]+$/, '') || 'criterion', file, line: i + 3, text: `${id} text`, scope, fingerprint: `${id}:${i}` }),
  ),
  tasks: [],
});

const taskPart = (file: string, scope: string, tasks: readonly { id: string; cites: string[]; done: boolean }[]): TracePart => ({
  requirements: [],
  tasks: tasks.map(
    (task, i): TraceTask => ({ id: task.id, file, line: i + 2, done: task.done, text: `do ${task.id}`, scope, cites: task.cites, loose: [], section: 'Phase 1' }),
  ),
});

const codePart = (file: string, mentions: readonly { id: string; from: TraceMention['from'] }[]): TracePart => ({
  mentions: mentions.map((mention, i): TraceMention => ({ id: mention.id, file, line: Math.floor(i / 2) + 1, from: mention.from, scope: 'tests' })),
});

const arbitraryTasks = fc.array(
  fc.record({
    id: fc.constantFrom('T001', 'T002', '1', '1.1', '2', '2.1', 'line 9'),
    cites: fc.array(fc.constantFrom(...IDS, '*'), { maxLength: 3 }),
    done: fc.boolean(),
  }),
  { maxLength: 5 },
);
const arbitraryMentions = fc.array(fc.record({ id: fc.constantFrom(...IDS), from: fc.constantFrom<TraceMention['from']>('test', 'source', 'document') }), { maxLength: 5 });

/** An edit: a part replaced by a new version of its file, a file added or one deleted. */
const arbitraryEdit = fc.oneof(
  fc.record({ kind: fc.constant('tasks' as const), file: fc.integer({ min: 0, max: 3 }), scope: fc.constantFrom(...SCOPES), tasks: arbitraryTasks }),
  fc.record({ kind: fc.constant('code' as const), file: fc.integer({ min: 0, max: 3 }), mentions: arbitraryMentions }),
  fc.record({ kind: fc.constant('spec' as const), file: fc.integer({ min: 0, max: 1 }), ids: fc.subarray(IDS, { maxLength: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.integer({ min: 0, max: 9 }) }),
);

const flat = (parts: readonly TracePart[]) => ({
  requirements: parts.flatMap((part) => part.requirements ?? []),
  tasks: parts.flatMap((part) => part.tasks ?? []),
  mentions: parts.flatMap((part) => part.mentions ?? []),
});

describe('the trace graph linked again after edits', () => {
  test('a patched graph equals the graph linked from scratch, over random edits', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEdit, { minLength: 1, maxLength: 12 }), (edits) => {
        // Files by name: two specs, four task lists, four test files.
        const files = new Map<string, TracePart>([
          ['specs/001-a/spec.md', requirementPart('specs/001-a/spec.md', 'specs/001-a', ['FR-001', 'FR-002', 'US1'])],
          ['specs/002-b/spec.md', requirementPart('specs/002-b/spec.md', 'specs/002-b', ['FR-001', 'FR-003', '1.1'])],
          ['specs/001-a/tasks.md', taskPart('specs/001-a/tasks.md', 'specs/001-a', [{ id: 'T001', cites: ['FR-001'], done: true }])],
          ['tests/test_0.py', codePart('tests/test_0.py', [{ id: 'FR-003', from: 'test' }])],
        ]);
        const linker = new TraceLinker();
        linker.link([...files.values()]);
        for (const edit of edits) {
          if (edit.kind === 'tasks') {
            const name = `specs/00${edit.file}-t/tasks.md`;
            files.set(name, taskPart(name, edit.scope, edit.tasks));
          } else if (edit.kind === 'code') {
            const name = `tests/test_${edit.file}.py`;
            files.set(name, codePart(name, edit.mentions));
          } else if (edit.kind === 'spec') {
            const name = ['specs/001-a/spec.md', 'specs/002-b/spec.md'][edit.file] as string;
            files.set(name, requirementPart(name, name.slice(0, name.lastIndexOf('/')), edit.ids));
          } else {
            const name = [...files.keys()].sort()[edit.file];
            if (name) files.delete(name);
          }
          const parts = [...files.values()];
          assert.deepStrictEqual(linker.link(parts), buildTraceGraph(flat(parts)));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('an edit to a task list patches the graph: requirements it does not cite are the same objects', () => {
    const spec = requirementPart('specs/001-a/spec.md', 'specs/001-a', ['FR-001', 'FR-002', 'US1']);
    const linker = new TraceLinker();
    const before = linker.link([spec, taskPart('specs/001-a/tasks.md', 'specs/001-a', [{ id: 'T001', cites: ['FR-001'], done: false }])]);
    const after = linker.link([spec, taskPart('specs/001-a/tasks.md', 'specs/001-a', [{ id: 'T001', cites: ['FR-002'], done: false }])]);
    assert.deepEqual(
      after.requirements.map((requirement) => `${requirement.id} ${requirement.tasks.map((task) => task.id).join(',')}`),
      ['FR-001 ', 'FR-002 T001', 'US1 '],
    );
    assert.equal(after.requirements[2], before.requirements[2], 'US1 is cited by neither version: kept');
    assert.notEqual(after.requirements[0], before.requirements[0]);
    assert.equal(linker.link([spec, ...[]]).requirements.length, 3);
  });
});
