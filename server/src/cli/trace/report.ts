import { changesText, coverageOf, percent, type TraceGraph, type TracedRequirement } from '../../core/trace/model';

/** One spec's part of the matrix. */
export interface SpecTrace {
  readonly file: string;
  readonly requirements: readonly TracedRequirement[];
  /**
   * The requirement kinds whose coverage by tasks is measured: those the tasks of the
   * spec's folder cite at all (spec-kit tasks cite user stories, not FRs), or every kind
   * when tasks there cite none; empty when the folder has no task list.
   */
  readonly taskKinds: readonly string[];
  readonly coverage: { readonly tasks: { covered: number; total: number } | undefined; readonly tests: { covered: number; total: number } };
}

/** The graph as a matrix per spec, in file order. */
export function specTraces(graph: TraceGraph, scopesWithTasks: ReadonlySet<string>): SpecTrace[] {
  const byFile = new Map<string, TracedRequirement[]>();
  for (const requirement of graph.requirements) {
    const list = byFile.get(requirement.file);
    if (list) list.push(requirement);
    else byFile.set(requirement.file, [requirement]);
  }
  return [...byFile.entries()].map(([file, requirements]) => {
    const scope = requirements[0]?.scope ?? '';
    const citedKinds = [...new Set(requirements.filter((requirement) => requirement.tasks.length > 0).map((requirement) => requirement.kind))];
    const hasTasks = scopesWithTasks.has(scope);
    const taskKinds = hasTasks ? (citedKinds.length > 0 ? citedKinds : [...new Set(requirements.map((requirement) => requirement.kind))]) : [];
    const measured = requirements.filter((requirement) => taskKinds.includes(requirement.kind));
    const all = coverageOf(requirements);
    return {
      file,
      requirements,
      taskKinds,
      coverage: {
        tasks: hasTasks ? { covered: coverageOf(measured).byTasks, total: measured.length } : undefined,
        tests: { covered: all.byTests, total: all.total },
      },
    };
  });
}

export function statusOf(requirement: TracedRequirement, spec: SpecTrace): string {
  if (requirement.coverage === false) return changesText(requirement) || 'current';
  const byTask = requirement.tasks.length > 0;
  const byTest = requirement.tests.length > 0;
  if (byTask && byTest) return 'covered';
  if (byTask) return 'tasks only';
  if (byTest) return 'tests only';
  return spec.taskKinds.includes(requirement.kind) ? 'uncovered' : 'untested';
}

export function percentText(part: { covered: number; total: number } | undefined): string {
  return part === undefined ? 'no task list' : `${part.covered}/${part.total} (${percent(part.covered, part.total)} %)`;
}

/** Whether no requirement of the spec counts in coverage (OpenSpec's, which tasks and tests do not cite). */
export function untraced(spec: SpecTrace): boolean {
  return spec.requirements.every((requirement) => requirement.coverage === false);
}
