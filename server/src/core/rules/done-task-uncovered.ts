// Reports a task marked done (`- [x]`) that cites a requirement no test cites, where the
// feature's tests trace requirements of that kind (cite at least half of them): the work is called finished, but nothing
// checks what it was for. Needs the workspace's trace graph.
import { ownTasks, rangeOnLine } from '../trace/context';
import { kindsCitedByTests, resolvedRequirementsOf } from '../trace/model';
import type { Rule } from '../lint/types';

export const doneTaskUncovered: Rule = {
  meta: {
    id: 'done-task-uncovered',
    description: 'Tasks marked done whose requirement no test cites, where the feature’s tests cite most requirements of that kind.',
    rationale:
      'Ticking a task says the requirement it serves is met. When the workspace’s tests name the ' +
      'requirements they check, a done task whose requirement no test names has nothing to show that it ' +
      'is. Name the requirement in the test that checks it (`// covers FR-003`), or untick the task.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, trace, report }) {
    if (!trace) return;
    const tested = kindsCitedByTests(trace.graph.requirements);
    if (tested.size === 0) return;
    for (const task of ownTasks(trace)) {
      if (!task.done) continue;
      const untested = resolvedRequirementsOf(trace.graph, task).filter((requirement) => requirement.tests.length === 0 && tested.get(requirement.scope)?.has(requirement.kind) === true);
      if (untested.length === 0) continue;
      const range = rangeOnLine(document, task.line, task.id.startsWith('line ') ? '' : task.id);
      if (!range) continue;
      const ids = untested.map((requirement) => `\`${requirement.id}\``).join(', ');
      report({
        message: `Expected a test citing ${ids}, which done task \`${task.id}\` serves, found none`,
        range,
        data: { task: task.id, requirements: untested.map((requirement) => requirement.id) },
      });
    }
  },
};
