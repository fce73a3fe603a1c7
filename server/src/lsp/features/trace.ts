import type { CodeLens, Hover, Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TraceabilityChange, TraceabilityRequirement, TraceabilityResult, TraceLocation } from '../../../../common/src/protocol';
import { shorten } from '../../core/lint/quote';
import { traceScope } from '../../core/trace/markdown';
import { changesText, findRequirement, kindsCitedByTasks, kindsCitedByTests, type TraceChange, type TraceGraph, type TraceMention, type TraceTask, type TracedRequirement } from '../../core/trace/model';

/** The client command a requirement's code lens runs: shows the places that cite it. */
export const SHOW_CITATIONS_COMMAND = 'specwright.showCitations';

/** A graph of one workspace folder, and how to name its files. */
export interface FolderTrace {
  readonly graph: TraceGraph;
  /** The workspace folder's URI. */
  readonly folder: string;
  /** The document's path in the graph. */
  readonly file: string;
  /** Whether the first walk of the workspace is done. */
  readonly complete: boolean;
}

/** The URI of a file the graph names. */
export function uriOf(folder: string, file: string): string {
  return `${folder.replace(/\/$/, '')}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

function location(trace: FolderTrace, file: string, line: number, character = 0, length = 0): TraceLocation {
  const start = { line: Math.max(0, line - 1), character };
  return { uri: uriOf(trace.folder, file), path: file, range: { start, end: { line: start.line, character: character + length } } };
}

const taskLocation = (trace: FolderTrace, task: TraceTask) => location(trace, task.file, task.line);
const changeLocation = (trace: FolderTrace, change: TraceChange) => location(trace, change.file, change.line);
const mentionLocation = (trace: FolderTrace, mention: TraceMention) => location(trace, mention.file, mention.line, mention.column ?? 0, mention.column === undefined ? 0 : mention.id.length);

/**
 * The features (scopes) that trace at all: some task or test cites one of their
 * requirements. Elsewhere a lens on every requirement ("0 tasks · 0 tests") is noise.
 */
function tracingScopes(graph: TraceGraph): Set<string> {
  return new Set(graph.requirements.filter((requirement) => requirement.tasks.length > 0 || requirement.tests.length > 0).map((requirement) => requirement.scope));
}

/** "2 tasks · 1 test · covered"; for a requirement nothing is to cover (OpenSpec's), what open changes do to it. */
export function citationSummary(requirement: TracedRequirement, expected: { tasks: boolean; tests: boolean }): string {
  if (requirement.coverage === false) return changesText(requirement) || 'no open change';
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const parts = [count(requirement.tasks.length, 'task'), count(requirement.tests.length, 'test')];
  if (requirement.sources.length > 0) parts.push(count(requirement.sources.length, 'source file'));
  const uncovered = (expected.tasks && requirement.tasks.length === 0) || (expected.tests && requirement.tests.length === 0);
  if (expected.tasks || expected.tests) parts.push(uncovered ? 'not covered' : 'covered');
  return parts.join(' · ');
}

function expectations(graph: TraceGraph): (requirement: TracedRequirement) => { tasks: boolean; tests: boolean } {
  const byTasks = kindsCitedByTasks(graph.requirements);
  const byTests = kindsCitedByTests(graph.requirements);
  return (requirement) => ({ tasks: byTasks.get(requirement.scope)?.has(requirement.kind) === true, tests: byTests.get(requirement.scope)?.has(requirement.kind) === true });
}

/** Where a requirement's ID (or heading) is on its line of the open document. */
function rangeOf(document: TextDocument, requirement: TracedRequirement): Range {
  const line = requirement.line - 1;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const at = text.indexOf(requirement.id);
  if (at >= 0) return { start: { line, character: at }, end: { line, character: at + requirement.id.length } };
  const indent = /^\s*(?:#+\s+|[-*+]\s+|\d+[.)]\s+)?/.exec(text)?.[0].length ?? 0;
  return { start: { line, character: indent }, end: { line, character: text.length } };
}

/** A code lens on each requirement the document defines: who cites it, and whether that is enough. */
export function traceCodeLenses(document: TextDocument, trace: FolderTrace): CodeLens[] {
  if (!trace.complete) return [];
  const tracing = tracingScopes(trace.graph);
  const expected = expectations(trace.graph);
  // A requirement nothing is to cover has a lens while an open change alters it.
  const shown = (requirement: TracedRequirement) => (requirement.coverage === false ? requirement.changes.length > 0 : tracing.has(requirement.scope));
  return trace.graph.requirements
    .filter((requirement) => requirement.file === trace.file && requirement.line - 1 < document.lineCount && shown(requirement))
    .map((requirement) => {
      const range = rangeOf(document, requirement);
      const locations = citers(trace, requirement);
      return {
        range,
        command: {
          title: citationSummary(requirement, expected(requirement)),
          command: SHOW_CITATIONS_COMMAND,
          arguments: [document.uri, range.start, locations.map(({ uri, range: at }) => ({ uri, range: at }))],
        },
      };
    });
}

function citers(trace: FolderTrace, requirement: TracedRequirement): TraceLocation[] {
  return [
    ...requirement.tasks.map((task) => taskLocation(trace, task)),
    ...requirement.tests.map((test) => mentionLocation(trace, test)),
    ...requirement.sources.map((source) => mentionLocation(trace, source)),
    ...requirement.changes.map((change) => changeLocation(trace, change)),
  ];
}

/**
 * The requirement an ID at a position means (the ID read there by the index), the one
 * defined on the hovered line by a heading or a numbered criterion, or the one a change's
 * spec delta names on that line.
 */
export function requirementAt(trace: FolderTrace, id: string | undefined, position: Position): TracedRequirement | undefined {
  if (id) return findRequirement(trace.graph.requirements, id, traceScope(trace.file));
  const line = position.line + 1;
  const own = trace.graph.requirements.find((requirement) => requirement.file === trace.file && requirement.line === line);
  if (own) return own;
  const named = trace.graph.changes.find((change) => change.file === trace.file && change.line === line)?.requirement;
  return named && trace.graph.requirements.find((requirement) => requirement.file === named.file && requirement.line === named.line);
}

/** Markdown for a hover: who cites the requirement, with links to each place. */
export function traceHoverText(trace: FolderTrace, requirement: TracedRequirement): string {
  const expected = expectations(trace.graph)(requirement);
  const lines = [`**${escape(requirement.id)}** · ${escape(citationSummary(requirement, expected))}${trace.complete ? '' : ' (still reading the workspace)'}`];
  const link = (where: TraceLocation) => `[${where.path}:${where.range.start.line + 1}](${where.uri}#L${where.range.start.line + 1})`;
  const shown = 8;
  const items = [
    ...requirement.tasks.map((task) => `- ${task.done ? '☑' : '☐'} ${escape(shorten(task.text))} — ${link(taskLocation(trace, task))}`),
    ...requirement.tests.map((test) => `- test — ${link(mentionLocation(trace, test))}`),
    ...requirement.sources.map((source) => `- source — ${link(mentionLocation(trace, source))}`),
    ...requirement.changes.map((change) => `- ${escape(changesText({ ...requirement, changes: [change] }))} — ${link(changeLocation(trace, change))}`),
  ];
  // Hovered where it is named, not defined (a change's spec delta): where it is now.
  if (requirement.file !== trace.file) items.unshift(`- current requirement — ${link(location(trace, requirement.file, requirement.line))}`);
  if (items.length > 0) lines.push('', ...items.slice(0, shown));
  if (items.length > shown) lines.push(`- … and ${items.length - shown} more`);
  return lines.join('\n');
}

/** Adds the citations to a hover that already says what the ID is. */
export function withCitations(hover: Hover | null, text: string | undefined): Hover | null {
  if (!text) return hover;
  if (!hover) return { contents: { kind: 'markdown', value: text } };
  const contents = hover.contents;
  const before = typeof contents === 'string' ? contents : 'value' in contents ? contents.value : contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n\n');
  return { ...hover, contents: { kind: 'markdown', value: `${before}\n\n---\n\n${text}` } };
}

/** The feature of a document: its requirements and what cites them, with coverage. */
export function traceability(trace: FolderTrace): TraceabilityResult {
  // A change's spec delta shows the spec it changes.
  const scope = trace.graph.changes.find((change) => change.file === trace.file)?.scope ?? traceScope(trace.file);
  const expected = expectations(trace.graph);
  const requirements: TraceabilityRequirement[] = trace.graph.requirements
    .filter((requirement) => requirement.scope === scope)
    .map((requirement) => ({
      id: requirement.id,
      kind: requirement.kind,
      text: requirement.text,
      location: location(trace, requirement.file, requirement.line),
      tasks: requirement.tasks.map((task) => ({ id: task.id, text: task.text, done: task.done, location: taskLocation(trace, task) })),
      tests: requirement.tests.map((test) => mentionLocation(trace, test)),
      sources: requirement.sources.map((source) => mentionLocation(trace, source)),
      expected: expected(requirement),
      ...(requirement.coverage === false ? { coverage: false as const } : {}),
      ...(requirement.changes.length > 0
        ? {
            changes: requirement.changes.map(
              ({ delta, file, line }): TraceabilityChange => ({ change: delta.change, operation: delta.operation, ...(delta.to !== undefined ? { to: delta.to } : {}), location: location(trace, file, line) }),
            ),
          }
        : {}),
    }));
  const tally = (which: 'tasks' | 'tests') => {
    const counted = requirements.filter((requirement) => requirement.expected[which]);
    return { covered: counted.filter((requirement) => requirement[which].length > 0).length, expected: counted.length };
  };
  return { scope, requirements, coverage: { tasks: tally('tasks'), tests: tally('tests') }, complete: trace.complete };
}


function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`);
}
