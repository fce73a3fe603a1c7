import {
  buildTraceGraph,
  linkMentions,
  linkTasks,
  sorted,
  splitDeltas,
  traced,
  TraceResolver,
  type TraceGraph,
  type TraceMention,
  type TraceRequirement,
  type TraceTask,
  type TracedRequirement,
  type UnknownCitation,
} from './model';

/**
 * One file's part of the trace graph: the requirements and tasks of a spec, or the
 * mentions of a test or source file. Every item of a part names the same file, and a
 * part is the same object while its file is unchanged.
 */
export interface TracePart {
  readonly requirements?: readonly TraceRequirement[];
  readonly tasks?: readonly TraceTask[];
  readonly mentions?: readonly TraceMention[];
}

/** More changed parts than this at once: linking everything again is as quick. */
const MAX_PATCHED_PARTS = 64;

interface Linked {
  readonly parts: ReadonlySet<TracePart>;
  readonly resolver: TraceResolver;
  readonly graph: TraceGraph;
  /** Each requirement's place in `graph.requirements`. */
  readonly places: ReadonlyMap<TraceRequirement, number>;
}

/**
 * Links the parts of a workspace folder into its trace graph, and links it again after
 * some parts changed by patching the graph it made last: when no requirement changed
 * (a task list, a test or a source file was edited), only the citations of the changed
 * parts are resolved, and only the requirements they cite are made again. Any other
 * change links everything ({@link buildTraceGraph}). Either way the graph is exactly
 * what {@link buildTraceGraph} makes of the same parts.
 */
export class TraceLinker {
  private last: Linked | undefined;

  link(parts: readonly TracePart[]): TraceGraph {
    const last = this.last;
    if (last) {
      const now = new Set(parts);
      const added = parts.filter((part) => !last.parts.has(part));
      const removed = [...last.parts].filter((part) => !now.has(part));
      if (added.length === 0 && removed.length === 0) return last.graph;
      const changed = [...added, ...removed];
      if (changed.length <= MAX_PATCHED_PARTS && changed.every((part) => (part.requirements?.length ?? 0) === 0)) {
        this.last = { ...last, parts: now, graph: patch(last, added, removed) };
        return this.last.graph;
      }
    }
    const requirements = parts.flatMap((part) => part.requirements ?? []);
    const resolver = new TraceResolver(splitDeltas(requirements).defined);
    const graph = buildTraceGraph({ requirements, tasks: parts.flatMap((part) => part.tasks ?? []), mentions: parts.flatMap((part) => part.mentions ?? []) });
    const places = new Map<TraceRequirement, number>();
    // The graph's requirements are those a spec defines (not delta entries), in the order of `sorted`.
    sorted(splitDeltas(requirements).defined).forEach((requirement, i) => places.set(requirement, i));
    this.last = { parts: new Set(parts), resolver, graph, places };
    return graph;
  }
}

/** The graph after parts holding no requirement were removed and added. */
function patch(last: Linked, added: readonly TracePart[], removed: readonly TracePart[]): TraceGraph {
  const { resolver, graph, places } = last;
  const goneTasks = new Set(removed.flatMap((part) => part.tasks ?? []));
  const goneMentions = new Set(removed.flatMap((part) => part.mentions ?? []));
  const goneFiles = new Set([...goneTasks, ...goneMentions].map((item) => item.file));
  // What the removed parts cited: those requirements are made again.
  const touched = new Set<TraceRequirement>();
  for (const task of goneTasks) for (const requirement of resolver.task(task).requirements) touched.add(requirement);
  for (const mention of goneMentions) for (const requirement of resolver.resolve(mention.id, mention.scope)) touched.add(requirement);
  // The added parts, linked on their own (a task's parent is in its own file, so orphans are decided per file).
  const tasks = new Map<TraceRequirement, TraceTask[]>();
  const tests = new Map<TraceRequirement, TraceMention[]>();
  const sources = new Map<TraceRequirement, TraceMention[]>();
  const newTasks = sorted(added.flatMap((part) => part.tasks ?? []));
  const linked = linkTasks(resolver, newTasks, tasks);
  const unknown: UnknownCitation[] = linked.unknown;
  linkMentions(resolver, sorted(added.flatMap((part) => part.mentions ?? [])), tests, sources, unknown);
  for (const map of [tasks, tests, sources]) for (const requirement of map.keys()) touched.add(requirement);

  const requirements = graph.requirements.slice();
  for (const requirement of touched) {
    const place = places.get(requirement);
    if (place === undefined) continue;
    const before = graph.requirements[place] as TracedRequirement;
    requirements[place] = traced(
      requirement,
      nonEmpty(merge(before.tasks.filter((task) => !goneTasks.has(task)), tasks.get(requirement) ?? [])),
      nonEmpty(merge(before.tests.filter((mention) => !goneMentions.has(mention)), tests.get(requirement) ?? [])),
      nonEmpty(merge(before.sources.filter((mention) => !goneMentions.has(mention)), sources.get(requirement) ?? [])),
      nonEmpty(before.changes),
    );
  }
  return {
    requirements,
    tasks: merge(
      graph.tasks.filter((task) => !goneTasks.has(task)),
      newTasks,
    ),
    orphanTasks: merge(
      graph.orphanTasks.filter((task) => !goneTasks.has(task)),
      linked.orphans,
    ),
    unknown: merge(
      graph.unknown.filter((citation) => !goneFiles.has(citation.file)),
      sorted(unknown),
    ),
    // Delta entries come with requirements: parts that hold none change none.
    changes: graph.changes,
  };
}

function nonEmpty<T>(items: readonly T[]): readonly T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** Two lists sorted by file and line, merged; on a tie the first list's item comes first. */
function merge<T extends { readonly file: string; readonly line: number }>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return a as T[];
  if (a.length === 0) return b as T[];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as T;
    const y = b[j] as T;
    if (y.file < x.file || (y.file === x.file && y.line < x.line)) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
    }
  }
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}
