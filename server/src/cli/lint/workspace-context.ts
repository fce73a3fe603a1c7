import { existsSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import type { Settings } from '../../core/config/settings';
import { RULES } from '../../core/lint/registry';
import type { IdDefinitionElsewhere, WorkspaceIds } from '../../core/lint/types';
import { idKindOf } from '../../core/parse/requirement-ids';
import type { TraceContext } from '../../core/trace/context';
import { parseTraceLock, TRACE_LOCK_PATH, type TraceLock } from '../../core/trace/lock';
import { buildTraceGraph, type TraceGraph } from '../../core/trace/model';
import type { CollectedWorkspace } from '../trace/collect';
import { readText } from './read-text';

// What `specwright lint` knows of a file's workspace, as the language server knows it from
// its index: the IDs every spec defines (for unknown-id and duplicate-id across files) and
// the trace graph with the trace lock (for the trace rules). Built once per workspace
// folder (its files read on every thread the run has), as plain data that crosses to
// worker threads.

/** Rules that look beyond the document: the workspace is read only when one of them is on. */
const WORKSPACE_RULES: readonly string[] = ['unknown-id', 'duplicate-id', 'uncovered-requirement', 'untested-requirement', 'orphan-task', 'done-task-uncovered', 'stale-reference', 'spec-delta-target'];

/** One workspace folder's IDs and trace graph. */
export interface WorkspaceData {
  /** ID → the files (relative to the folder, `/`) that define it. */
  readonly definitions: ReadonlyMap<string, readonly string[]>;
  readonly graph: TraceGraph;
  readonly lock?: TraceLock;
}

/** Whether any rule that reads the workspace is on in these settings. */
export function needsWorkspace(settings: Settings): boolean {
  return WORKSPACE_RULES.some((id) => {
    const severity = settings.rules[id] ?? RULES.find((rule) => rule.meta.id === id)?.meta.defaultSeverity;
    return severity !== undefined && severity !== 'off';
  });
}

/**
 * A workspace folder's data from what was read of it (on any threads), with its trace
 * lock; a lock that cannot be read is a notice, and counts as none.
 */
export function workspaceDataOf(base: string, collected: CollectedWorkspace, notices: string[], displayPath: (path: string) => string): WorkspaceData {
  const { inputs, definitions } = collected;
  const byId = new Map<string, string[]>();
  for (const { id, file } of definitions) {
    const files = byId.get(id);
    if (!files) byId.set(id, [file]);
    else if (!files.includes(file)) files.push(file);
  }
  let lock: TraceLock | undefined;
  const lockPath = join(base, TRACE_LOCK_PATH);
  if (existsSync(lockPath)) {
    const read = readText(lockPath);
    if (read.ok) {
      const parsed = parseTraceLock(read.text);
      if (parsed.problem) notices.push(`${displayPath(lockPath)}: ${parsed.problem}; stale references are not checked`);
      else lock = parsed.lock;
    }
  }
  return { definitions: byId, graph: buildTraceGraph(inputs), ...(lock ? { lock } : {}) };
}

/** What the rules get for one file of the workspace. */
export function lintContextOf(data: WorkspaceData, base: string, path: string): { workspace: WorkspaceIds; trace: TraceContext } {
  const file = relative(base, path).split(sep).join('/');
  const folder = posix.dirname(file);
  const workspace: WorkspaceIds = {
    complete: true,
    definesKind: (id: string) => definedKindsOf(data).has(idKindOf(id)),
    definitions(id: string): readonly IdDefinitionElsewhere[] {
      const files = (data.definitions.get(id) ?? []).filter((other) => other !== file);
      const found = files.map((other) => ({ file: other, sameFolder: posix.dirname(other) === folder }));
      return found.sort((a, b) => Number(b.sameFolder) - Number(a.sameFolder));
    },
  };
  return { workspace, trace: { graph: data.graph, file, ...(data.lock ? { lock: data.lock } : {}) } };
}

const definedKinds = new WeakMap<WorkspaceData, ReadonlySet<string>>();

/** The kinds of the IDs the workspace defines (see {@link idKindOf}), worked out once. */
function definedKindsOf(data: WorkspaceData): ReadonlySet<string> {
  let kinds = definedKinds.get(data);
  if (!kinds) definedKinds.set(data, (kinds = new Set([...data.definitions.keys()].map(idKindOf))));
  return kinds;
}
