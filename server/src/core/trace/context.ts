import type { SpecDocument } from '../parse/spec-document';
import type { OffsetRange } from '../parse/range';
import type { TraceLock } from './lock';
import type { TraceGraph, TraceTask, TracedRequirement } from './model';

/**
 * What the trace rules see of the workspace: the trace graph built from every spec, task
 * list, test and source file (by the language server's index or the CLI's walk), the
 * document's own path in it, and the trace lock when the workspace has one.
 */
export interface TraceContext {
  readonly graph: TraceGraph;
  /** The document's path as the graph names files (relative to the workspace folder, `/`). */
  readonly file: string;
  readonly lock?: TraceLock;
}

/** The requirements the document defines, as the graph has them. */
export function ownRequirements(trace: TraceContext): readonly TracedRequirement[] {
  return byFile(trace.graph).get(trace.file)?.requirements ?? [];
}

/** The tasks the document lists. */
export function ownTasks(trace: TraceContext): readonly TraceTask[] {
  return byFile(trace.graph).get(trace.file)?.tasks ?? [];
}

const files = new WeakMap<TraceGraph, Map<string, { requirements: TracedRequirement[]; tasks: TraceTask[] }>>();

/** The graph's requirements and tasks by file, sorted out once per graph (every document's check asks). */
function byFile(graph: TraceGraph): Map<string, { requirements: TracedRequirement[]; tasks: TraceTask[] }> {
  const known = files.get(graph);
  if (known) return known;
  const found = new Map<string, { requirements: TracedRequirement[]; tasks: TraceTask[] }>();
  const of = (file: string) => {
    let entry = found.get(file);
    if (!entry) found.set(file, (entry = { requirements: [], tasks: [] }));
    return entry;
  };
  for (const requirement of graph.requirements) of(requirement.file).requirements.push(requirement);
  for (const task of graph.tasks) of(task.file).tasks.push(task);
  files.set(graph, found);
  return found;
}

/**
 * Where to report on a 1-based line of the document: the first occurrence of `needle` on
 * it, else the line without its indentation. Undefined when the document has no such line
 * (it changed since the graph was built).
 */
export function rangeOnLine(document: SpecDocument, line: number, needle: string): OffsetRange | undefined {
  const text = document.text;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = nextLineStart(text, start);
    if (next < 0) return undefined;
    start = next;
  }
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const lineText = text.slice(start, end);
  const at = needle === '' ? -1 : lineText.indexOf(needle);
  if (at >= 0) return { start: start + at, end: start + at + needle.length };
  const indent = /^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?)?/.exec(lineText)?.[0].length ?? 0;
  return { start: start + indent, end };
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) return i + 1;
    if (code === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
  }
  return -1;
}
