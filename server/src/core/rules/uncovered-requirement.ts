// Reports a requirement that no task cites, once its feature has a task list whose tasks
// trace requirements of that kind (cite at least half of them): spec-kit tasks that cite user stories (`[US1]`) make
// every user story expected to be covered, not every FR; Kiro tasks citing criteria make
// every criterion expected. A spec whose feature has no task list yet is still being
// written: nothing is reported. Needs the workspace's trace graph (the language server
// and `specwright lint` build it); a spec linted on its own gets no finding.
import { ownRequirements, rangeOnLine } from '../trace/context';
import { kindsCitedByTasks } from '../trace/model';
import type { Rule } from '../lint/types';

export const uncoveredRequirement: Rule = {
  meta: {
    id: 'uncovered-requirement',
    description: 'Requirements no task cites, once their feature has tasks that cite requirements of that kind.',
    rationale:
      'A requirement no task cites is one nobody is going to build: the task list was written before it, or ' +
      'its task cites the wrong ID. Only kinds of requirement the feature’s tasks cite are expected (tasks ' +
      'that cite user stories do not have to cite each FR as well). Add a task for it, or cite it from the ' +
      'task that covers it (`[US2]`, `FR-004`, `_Requirements: 2.1_`).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, trace, report }) {
    if (!trace) return;
    const own = ownRequirements(trace);
    if (own.length === 0) return;
    const cited = kindsCitedByTasks(trace.graph.requirements);
    for (const requirement of own) {
      if (requirement.tasks.length > 0 || !cited.get(requirement.scope)?.has(requirement.kind)) continue;
      const range = rangeOnLine(document, requirement.line, requirement.id);
      if (!range) continue;
      report({
        message: `Expected a task citing \`${requirement.id}\`, found none in the tasks of \`${requirement.scope || '.'}\``,
        range,
        data: { id: requirement.id, kind: requirement.kind, scope: requirement.scope },
      });
    }
  },
};
