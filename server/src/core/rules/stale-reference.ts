// Reports citations that may no longer hold: a requirement whose text changed since the
// tasks and tests citing it were last reviewed (its fingerprint differs from the one in
// `.specwright/trace.lock`), on the requirement and on each task in the document citing
// it. A requirement the lock does not know is not reported: nobody reviewed it yet.
// Reviewing means checking the citations and recording the new text: `specwright trace
// --accept` (all requirements) or `--accept FR-003`. Needs the trace graph and the lock.
import { isStale, requirementKey } from '../trace/lock';
import { ownRequirements, ownTasks, rangeOnLine } from '../trace/context';
import { resolvedRequirementsOf } from '../trace/model';
import type { Rule } from '../lint/types';

export const staleReference: Rule = {
  meta: {
    id: 'stale-reference',
    description: 'Citations of requirements whose text changed since the citations were reviewed.',
    rationale:
      'A task or test that cites a requirement was written against its text at the time. When the text ' +
      'changes, the citation may no longer be true: the task may do the old thing, the test may check ' +
      'it. The trace lock (`.specwright/trace.lock`, committed with the specs) records each requirement’s ' +
      'text as last reviewed. Review the tasks and tests that cite the changed requirement, then record ' +
      'the new text with `specwright trace --accept <ID>` and commit the lock.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, trace, report }) {
    if (!trace?.lock) return;
    for (const requirement of ownRequirements(trace)) {
      if (!isStale(trace.lock, requirement)) continue;
      const citations = requirement.tasks.length + requirement.tests.length;
      if (citations === 0) continue;
      const range = rangeOnLine(document, requirement.line, requirement.id);
      if (!range) continue;
      report({
        message: `Expected the ${citations} citation${citations === 1 ? '' : 's'} of \`${requirement.id}\` to be reviewed since its text changed (then \`specwright trace --accept ${requirement.id}\`)`,
        range,
        data: { id: requirement.id, key: requirementKey(requirement), tasks: requirement.tasks.length, tests: requirement.tests.length },
      });
    }
    for (const task of ownTasks(trace)) {
      const stale = resolvedRequirementsOf(trace.graph, task).filter((requirement) => isStale(trace.lock, requirement));
      if (stale.length === 0) continue;
      const range = rangeOnLine(document, task.line, task.id.startsWith('line ') ? '' : task.id);
      if (!range) continue;
      report({
        message: `Expected task \`${task.id}\` to be reviewed: ${stale.map((requirement) => `\`${requirement.id}\``).join(', ')} changed since it was`,
        range,
        data: { task: task.id, requirements: stale.map((requirement) => requirement.id) },
      });
    }
  },
};
