import type { TraceGraph, TracedRequirement } from '../../core/trace/model';
import { percentText, statusOf, untraced, type SpecTrace } from './report';

/** What every trace format is given. */
export interface TraceReport {
  readonly specs: readonly SpecTrace[];
  readonly graph: TraceGraph;
  /** Requirements whose text changed since the trace lock recorded them as reviewed. */
  readonly stale?: ReadonlySet<TracedRequirement>;
}

/** The status, and whether the requirement changed since its citations were reviewed. */
const status = (requirement: TracedRequirement, spec: SpecTrace, stale: ReadonlySet<TracedRequirement> | undefined) =>
  `${statusOf(requirement, spec)}${stale?.has(requirement) ? ', changed since review' : ''}`;

export type TraceFormatter = (report: TraceReport) => string;

/** The spec's coverage, or for requirements that tasks and tests do not cite, the open changes to them. */
function coverageLine(spec: SpecTrace): string {
  if (!untraced(spec)) return `tasks: ${percentText(spec.coverage.tasks)} · tests: ${percentText(spec.coverage.tests)}`;
  const changes = [...new Set(spec.requirements.flatMap((requirement) => requirement.changes.map(({ delta }) => delta.change)))];
  return `open changes: ${changes.length > 0 ? changes.join(', ') : 'none'}`;
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const mdCell = (value: string | number) => String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const where = (items: readonly { id?: string; file: string; line: number }[]) => items.map((item) => `${item.id ? `${item.id} ` : ''}${item.file}:${item.line}`);

/** Requirements that open changes add, not in their spec yet: `Two-factor sign-in (add-2fa) openspec/changes/…:4`. */
const additions = (graph: TraceGraph) =>
  graph.changes.filter(({ delta, requirement }) => delta.operation === 'added' && !requirement).map(({ id, delta, file, line }) => `${id} (${delta.change}) ${file}:${line}`);

/** A table per spec, then tasks that trace to nothing and IDs no spec defines. */
const table: TraceFormatter = ({ specs, graph, stale }) => {
  const out: string[] = [];
  for (const spec of specs) {
    out.push(spec.file);
    const rows = spec.requirements.map((requirement) => [requirement.id, String(requirement.tasks.length || '-'), String(requirement.tests.length || '-'), status(requirement, spec, stale), requirement.text]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(['requirement', 'tasks', 'tests', 'status'][column]?.length ?? 0, ...rows.map((row) => (row[column] as string).length)));
    const line = (cells: readonly string[]) => `  ${cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i] as number) : cell)).join('  ')}`.trimEnd();
    out.push(line(['requirement', 'tasks', 'tests', 'status', '']));
    for (const row of rows) out.push(line(row));
    out.push(`  ${coverageLine(spec)}`, '');
  }
  if (graph.orphanTasks.length > 0) out.push('tasks that trace to no requirement:', ...where(graph.orphanTasks).map((entry) => `  ${entry}`), '');
  const added = additions(graph);
  if (added.length > 0) out.push('requirements open changes add:', ...added.map((entry) => `  ${entry}`), '');
  if (graph.unknown.length > 0) out.push('IDs no spec defines:', ...where(graph.unknown).map((entry) => `  ${entry}`), '');
  if (specs.length === 0) out.push('no requirements found');
  return `${out.join('\n').trimEnd()}\n`;
};

/** Every requirement with what cites it, per spec, and the coverage figures. */
const json: TraceFormatter = ({ specs, graph, stale }) =>
  `${JSON.stringify(
    {
      specs: specs.map((spec) => ({
        file: spec.file,
        coverage: spec.coverage,
        requirements: spec.requirements.map((requirement) => ({
          id: requirement.id,
          kind: requirement.kind,
          line: requirement.line,
          text: requirement.text,
          status: statusOf(requirement, spec),
          changedSinceReview: stale?.has(requirement) ?? false,
          tasks: requirement.tasks.map((task) => ({ id: task.id, file: task.file, line: task.line, done: task.done })),
          tests: requirement.tests.map((test) => ({ file: test.file, line: test.line })),
          sources: requirement.sources.map((source) => ({ file: source.file, line: source.line })),
          changes: requirement.changes.map(({ delta, file, line }) => ({ change: delta.change, operation: delta.operation, ...(delta.to !== undefined ? { to: delta.to } : {}), file, line })),
        })),
      })),
      orphanTasks: graph.orphanTasks.map((task) => ({ id: task.id, file: task.file, line: task.line, text: task.text })),
      unknownIds: graph.unknown,
      changes: graph.changes.map(({ id, delta, file, line, requirement }) => ({
        change: delta.change,
        operation: delta.operation,
        requirement: id,
        ...(delta.to !== undefined ? { to: delta.to } : {}),
        spec: delta.target,
        found: requirement !== undefined,
        file,
        line,
      })),
    },
    null,
    2,
  )}\n`;

/** One row per requirement. */
const csv: TraceFormatter = ({ specs, stale }) => {
  const rows = [['spec', 'requirement', 'kind', 'line', 'tasks', 'tests', 'status', 'text']];
  for (const spec of specs) {
    for (const requirement of spec.requirements) {
      rows.push([spec.file, requirement.id, requirement.kind, String(requirement.line), where(requirement.tasks).join(' '), where(requirement.tests).join(' '), status(requirement, spec, stale), requirement.text]);
    }
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
};

/** A Markdown table per spec, for a pull request or a wiki. */
const markdown: TraceFormatter = ({ specs, graph, stale }) => {
  const out: string[] = ['# Traceability', ''];
  for (const spec of specs) {
    const line = coverageLine(spec);
    out.push(`## ${spec.file}`, '', `${line.charAt(0).toUpperCase()}${line.slice(1)}`, '');
    out.push('| Requirement | Tasks | Tests | Status |', '|---|---|---|---|');
    for (const requirement of spec.requirements) {
      out.push(`| ${mdCell(`${requirement.id} ${requirement.text}`.trim())} | ${mdCell(requirement.tasks.map((task) => task.id).join(', ') || '–')} | ${mdCell(requirement.tests.map((test) => `${test.file}:${test.line}`).join(', ') || '–')} | ${status(requirement, spec, stale)} |`);
    }
    out.push('');
  }
  const added = additions(graph);
  if (added.length > 0) out.push('## Requirements open changes add', '', ...added.map((entry) => `- ${entry}`), '');
  if (graph.orphanTasks.length > 0) out.push('## Tasks that trace to no requirement', '', ...where(graph.orphanTasks).map((entry) => `- ${entry}`), '');
  return `${out.join('\n').trimEnd()}\n`;
};

export const TRACE_FORMATTERS: Readonly<Record<string, TraceFormatter>> = { table, json, csv, markdown };
