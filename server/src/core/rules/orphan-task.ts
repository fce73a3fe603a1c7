// Reports a task that traces to no requirement or story while the tasks listed with it
// (under the same heading) do, at least two of them and two in three: `- [ ] T014 Implement the album view` in a phase whose
// other tasks carry `[US2]`. Setup and polish tasks that a kit leaves without a story
// (a phase none of whose tasks cite one) are not reported. A task that groups sub-tasks
// traces through them, and one that names an ID of a kind no spec defines (`TR-2`) cites
// something. Needs the workspace's trace graph.
import { ownTasks, rangeOnLine } from '../trace/context';
import type { TraceTask } from '../trace/model';
import type { SpecDocument } from '../parse/spec-document';
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
    const lists = listsOf(document, tasks);
    const tracing = tracingSections(tasks.map((task) => ({ section: lists.get(task) ?? -1, traces: !orphans.has(task) && task.cites.length > 0 })));
    for (const task of tasks) {
      if (!orphans.has(task) || task.cites.length > 0 || task.loose.length > 0 || !tracing.has(lists.get(task) ?? -1) || HOUSEKEEPING.test(taskTitle(task))) continue;
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
/**
 * Where each task is listed: the start of the heading it is under (-1 before the first).
 * Two headings of one title (a `### Tasks` in every phase) hold two lists.
 */
function listsOf(document: SpecDocument, tasks: readonly TraceTask[]): Map<TraceTask, number> {
  const text = document.text;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const lists = new Map<TraceTask, number>();
  for (const task of tasks) {
    const offset = lineStarts[task.line - 1] ?? text.length;
    let list = -1;
    for (const section of document.outline.flat) {
      if (section.headingRange.start > offset) break;
      if (section.range.end > offset) list = section.headingRange.start;
    }
    lists.set(task, list);
  }
  return lists;
}

function tracingSections(tasks: readonly { readonly section: number; readonly traces: boolean }[]): Set<number> {
  const counts = new Map<number, { tracing: number; all: number }>();
  for (const task of tasks) {
    const count = counts.get(task.section) ?? { tracing: 0, all: 0 };
    count.all++;
    if (task.traces) count.tracing++;
    counts.set(task.section, count);
  }
  return new Set([...counts].filter(([, count]) => count.tracing >= 2 && count.tracing * 3 >= count.all * 2).map(([section]) => section));
}
