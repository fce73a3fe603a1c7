// Reports a task that traces to no requirement or story while the tasks listed with it
// (under the same heading) do, at least two of them and two in three: `- [ ] T014 Implement the album view` in a phase whose
// other tasks carry `[US2]`. Setup and polish tasks that a kit leaves without a story
// (a phase none of whose tasks cite one) are not reported. A task that groups sub-tasks
// traces through them, and one that names an ID of a kind no spec defines (`TR-2`) cites
// something. Needs the workspace's trace graph.
import { ownTasks, rangeOnLine } from '../trace/context';
import type { Rule } from '../lint/types';

export const orphanTask: Rule = {
  meta: {
    id: 'orphan-task',
    description: 'Tasks that cite no requirement or story while the tasks listed with them do.',
    rationale:
      'A task whose siblings all say which story or requirement they serve, and which says nothing, is ' +
      'usually one whose tag was forgotten, or one that serves nothing in the spec. Cite what it serves ' +
      '(`[US2]`, `FR-004`, `_Requirements: 2.1_`), or move it to a phase of tasks that serve no single story.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, trace, report }) {
    if (!trace) return;
    const orphans = new Set(trace.graph.orphanTasks);
    const tasks = ownTasks(trace);
    const tracing = tracingSections(tasks.map((task) => ({ section: task.section, traces: !orphans.has(task) && task.cites.length > 0 })));
    for (const task of tasks) {
      if (!orphans.has(task) || task.cites.length > 0 || task.loose.length > 0 || !tracing.has(task.section) || HOUSEKEEPING.test(taskTitle(task))) continue;
      const range = rangeOnLine(document, task.line, task.id.startsWith('line ') ? '' : task.id);
      if (!range) continue;
      report({
        message: `Expected task \`${task.id}\` to cite the requirement or story it serves, as the other tasks under “${task.section}” do`,
        range,
        data: { task: task.id, section: task.section },
      });
    }
  },
};

/**
 * Tasks that serve the whole list rather than one requirement: a checkpoint (Kiro writes
 * "Checkpoint - Ensure all tests pass" between phases), a final clean-up, verification or
 * review. They cite nothing by design.
 */
const HOUSEKEEPING = /^(?:final\s+)?(?:checkpoint|clean[- ]?up|verif(?:y|ication)|review|wrap[- ]up|sign[- ]off|polish)\b/iu;

/** A task's words without its own ID (`12. Final cleanup` → `Final cleanup`). */
function taskTitle(task: { readonly id: string; readonly text: string }): string {
  const text = task.text.trim();
  return (text.startsWith(task.id) ? text.slice(task.id.length) : text).replace(/^[.)\s]+/u, '').replace(/^[*_]+/u, '');
}

/**
 * The headings under which tasks trace: at least two tasks there cite what they serve,
 * and at least two in three do. A phase where citing is the exception is not one whose
 * uncited tasks were forgotten.
 */
function tracingSections(tasks: readonly { readonly section: string; readonly traces: boolean }[]): Set<string> {
  const counts = new Map<string, { tracing: number; all: number }>();
  for (const task of tasks) {
    const count = counts.get(task.section) ?? { tracing: 0, all: 0 };
    count.all++;
    if (task.traces) count.tracing++;
    counts.set(task.section, count);
  }
  return new Set([...counts].filter(([, count]) => count.tracing >= 2 && count.tracing * 3 >= count.all * 2).map(([section]) => section));
}
