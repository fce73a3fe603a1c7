/**
 * Traceability: which requirements the specs of a workspace define, and which tasks,
 * tests and source files cite them. Built from plain inputs (parsed documents and code
 * text with their paths), so the CLI and the language server build the same graph.
 * Lines are 1-based; paths are relative to the workspace folder, with `/`.
 */

/** A requirement a spec defines: `FR-001`, a user story `US1`, a Kiro acceptance criterion `1.2`. */
export interface TraceRequirement {
  readonly id: string;
  /** The ID's kind, for coverage by kind: `FR`, `SC`, `US`, `criterion` … */
  readonly kind: string;
  readonly file: string;
  readonly line: number;
  /** One line saying what it is. */
  readonly text: string;
  /** The folder that scopes it (a spec-kit feature, a Kiro spec): citations in that folder resolve here first. */
  readonly scope: string;
  /** A hash of its whole text (see `fingerprintOf`): what the trace lock records as reviewed. */
  readonly fingerprint: string;
  /** The names of its parts, in order (OpenSpec's scenarios), when its family has them. */
  readonly parts?: readonly string[];
  /** False when tasks, tests and code do not cite it (OpenSpec names requirements): it counts in no coverage. */
  readonly coverage?: false;
  /**
   * Set on an entry of a change's spec delta, which is not a requirement of its own but
   * names one: `id` is the name, `scope` the scope of the spec it changes.
   */
  readonly delta?: TraceDelta;
}

/** What a change's spec delta does to the requirement it names. */
export interface TraceDelta {
  readonly operation: 'added' | 'modified' | 'removed' | 'renamed';
  /** The change's name (its folder). */
  readonly change: string;
  /** The spec it changes, as the graph names files. */
  readonly target: string;
  /** A rename's new name. */
  readonly to?: string;
}

/** A delta entry, and the current requirement it names when the spec it changes has one by that name. */
export interface TraceChange extends TraceRequirement {
  readonly delta: TraceDelta;
  readonly requirement?: TraceRequirement;
}

/** A task of a task list, and what it cites. */
export interface TraceTask {
  /** The task's own ID (`T012`, `2.1`), or `line N` when it has none. */
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly done: boolean;
  readonly text: string;
  readonly scope: string;
  /** The IDs it cites, as written. */
  readonly cites: readonly string[];
  /** Tokens in it shaped like IDs of a kind no spec defines (`TR-2`): it cites something, though not traceably. */
  readonly loose: readonly string[];
  /** The title of the heading it is listed under ('' before the first heading). */
  readonly section: string;
}

/** A place outside the task lists that cites a requirement: a test, source code, another spec. */
export interface TraceMention {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly from: 'test' | 'source' | 'document';
  readonly scope: string;
  /** Where on the line the ID starts (UTF-16, 0-based), when known. */
  readonly column?: number;
}

export interface TraceInputs {
  readonly requirements: readonly TraceRequirement[];
  readonly tasks: readonly TraceTask[];
  readonly mentions: readonly TraceMention[];
}

/** A requirement with everything that cites it. */
export interface TracedRequirement extends TraceRequirement {
  readonly tasks: readonly TraceTask[];
  readonly tests: readonly TraceMention[];
  readonly sources: readonly TraceMention[];
  /** The open changes whose spec deltas modify, remove or rename it. */
  readonly changes: readonly TraceChange[];
}

/** The whole graph: requirements with their citations, and what could not be resolved. */
export interface TraceGraph {
  readonly requirements: readonly TracedRequirement[];
  /** Every task, sorted by file and line. */
  readonly tasks: readonly TraceTask[];
  /** Tasks that cite nothing a spec defines. */
  readonly orphanTasks: readonly TraceTask[];
  /** Citations of IDs no spec defines. */
  readonly unknown: readonly { readonly id: string; readonly file: string; readonly line: number }[];
  /** The entries of changes' spec deltas, sorted by file and line, each with the requirement it names if found. */
  readonly changes: readonly TraceChange[];
}

/**
 * Resolves every citation: an ID cited in a scope resolves to the requirement of that ID
 * in the same scope (each statement of it, when the feature restates it), else to the
 * requirement of that ID in the only scope that defines it; an ID defined in several
 * other scopes is ambiguous and resolves to none (it is not counted as
 * covering any of them). Deterministic: inputs in any order give the same graph, sorted
 * by file and line.
 */
export function buildTraceGraph(inputs: TraceInputs): TraceGraph {
  // A delta entry arrives with the requirements (a spec's part of the graph is one list)
  // but defines nothing: it names a requirement of the spec it changes.
  const { defined, deltas } = splitDeltas(inputs.requirements);
  const resolver = new TraceResolver(defined);
  const tasks = new Map<TraceRequirement, TraceTask[]>();
  const tests = new Map<TraceRequirement, TraceMention[]>();
  const sources = new Map<TraceRequirement, TraceMention[]>();
  const allTasks = sorted(inputs.tasks);
  const { unknown, orphans } = linkTasks(resolver, allTasks, tasks);
  linkMentions(resolver, sorted(inputs.mentions), tests, sources, unknown);
  const { changes, changedBy } = resolveDeltas(deltas, resolver);
  const requirements = sorted(defined).map((requirement) =>
    traced(requirement, tasks.get(requirement), tests.get(requirement), sources.get(requirement), changedBy.get(requirement)),
  );
  return { requirements, tasks: allTasks, orphanTasks: orphans, unknown: sorted(unknown), changes };
}

/** An ID that could not be resolved, where it is cited. */
export type UnknownCitation = TraceGraph['unknown'][number];

/** How citations resolve against a set of requirements (see {@link buildTraceGraph}). */
export class TraceResolver {
  // ID → scope → the requirements of that ID stated there: an ID such as FR-001 is defined
  // in every feature, so a citation is resolved by two lookups, never by a scan.
  private readonly byId = new Map<string, Map<string, TraceRequirement[]>>();
  // The requirements of each scope, for tasks that cite them all.
  private readonly byScope = new Map<string, TraceRequirement[]>();

  constructor(requirements: readonly TraceRequirement[]) {
    for (const requirement of requirements) {
      let scopes = this.byId.get(requirement.id);
      if (!scopes) this.byId.set(requirement.id, (scopes = new Map()));
      pushTo(scopes, requirement.scope, requirement);
      pushTo(this.byScope, requirement.scope, requirement);
    }
  }

  /**
   * The requirements an ID cited in a scope means. A requirement restated in another
   * document of its feature is the same requirement: a citation there counts for each
   * statement of it. Elsewhere, only an ID of one feature is unambiguous, and never an
   * acceptance criterion's number, which every Kiro feature starts again at 1.1.
   */
  resolve(id: string, scope: string): readonly TraceRequirement[] {
    const scopes = this.byId.get(id);
    if (!scopes) return [];
    const here = scopes.get(scope);
    if (here) return here;
    if (scopes.size !== 1) return [];
    const only = [...scopes.values()][0] as TraceRequirement[];
    // An acceptance criterion's number (`1.2`) means something only in its own feature.
    return only.every((requirement) => requirement.kind === 'criterion') ? [] : only;
  }

  /** The requirements of an ID stated in a scope (none elsewhere). */
  inScope(id: string, scope: string): readonly TraceRequirement[] {
    return this.byId.get(id)?.get(scope) ?? [];
  }

  /** The acceptance criteria (`2.1`, `2.2` …) of the requirement numbered `number` in a scope. */
  private criteriaOf(number: string, scope: string): TraceRequirement[] {
    return (this.byScope.get(scope) ?? []).filter((requirement) => requirement.kind === 'criterion' && requirement.id.startsWith(`${number}.`));
  }

  /** Whether any scope defines the ID. */
  defines(id: string): boolean {
    return this.byId.has(id);
  }

  /** What a task cites: each requirement once per ID of it that resolves there, and the IDs no scope defines. */
  task(task: TraceTask): { requirements: TraceRequirement[]; unknown: string[] } {
    const requirements: TraceRequirement[] = [];
    const unknown: string[] = [];
    for (const id of new Set(task.cites)) {
      // `_Requirements: All_`: every requirement of the task's feature.
      let found = id === '*' ? (this.byScope.get(task.scope) ?? []) : this.resolve(id, task.scope);
      // A whole requirement cited by its number (`_Requirements: 2_`) whose acceptance criteria are traced instead: each of them.
      if (found.length === 0 && /^\d+$/.test(id)) found = this.criteriaOf(id, task.scope);
      for (const requirement of found) requirements.push(requirement);
      if (found.length === 0 && id !== '*' && !this.byId.has(id)) unknown.push(id);
    }
    return { requirements, unknown };
  }
}

/**
 * Links tasks (sorted) to the requirements they cite, into `into`; returns the IDs they
 * cite that no scope defines and the tasks that trace to nothing.
 */
export function linkTasks(resolver: TraceResolver, tasks: readonly TraceTask[], into: Map<TraceRequirement, TraceTask[]>): { unknown: UnknownCitation[]; orphans: TraceTask[] } {
  const unknown: UnknownCitation[] = [];
  const orphans: TraceTask[] = [];
  for (const task of tasks) {
    const cited = resolver.task(task);
    for (const requirement of cited.requirements) pushTo(into, requirement, task);
    for (const id of cited.unknown) unknown.push({ id, file: task.file, line: task.line });
    if (cited.requirements.length === 0) orphans.push(task);
  }
  // A task that only groups sub-tasks (`2.` over `2.1`, `2.2`) traces through them.
  const parents = new Set(tasks.flatMap((task) => (task.cites.length > 0 ? ancestors(task) : [])));
  return { unknown, orphans: orphans.filter((task) => !parents.has(key(task))) };
}

/** Links test and source mentions (sorted) to the requirements they cite; adds what no scope defines to `unknown`. */
export function linkMentions(
  resolver: TraceResolver,
  mentions: readonly TraceMention[],
  tests: Map<TraceRequirement, TraceMention[]>,
  sources: Map<TraceRequirement, TraceMention[]>,
  unknown: UnknownCitation[],
): void {
  for (const mention of mentions) {
    const requirements = resolver.resolve(mention.id, mention.scope);
    if (requirements.length === 0) {
      if (!resolver.defines(mention.id) && mention.from !== 'source') unknown.push({ id: mention.id, file: mention.file, line: mention.line });
      continue;
    }
    for (const requirement of requirements) {
      if (mention.from === 'test') pushTo(tests, requirement, mention);
      else if (mention.from === 'source') pushTo(sources, requirement, mention);
    }
  }
}

const none: readonly never[] = [];

/** A requirement with what cites it (mentions one per file and line). */
export function traced(
  requirement: TraceRequirement,
  tasks?: readonly TraceTask[],
  tests?: readonly TraceMention[],
  sources?: readonly TraceMention[],
  changes?: readonly TraceChange[],
): TracedRequirement {
  return { ...requirement, tasks: tasks ?? none, tests: tests ? dedupe(tests) : none, sources: sources ? dedupe(sources) : none, changes: changes ?? none };
}

/** The requirements of a list that a spec defines, and the entries of changes' spec deltas that name one. */
export function splitDeltas(requirements: readonly TraceRequirement[]): { defined: TraceRequirement[]; deltas: TraceChange[] } {
  const defined: TraceRequirement[] = [];
  const deltas: TraceChange[] = [];
  for (const requirement of requirements) {
    if (requirement.delta) deltas.push(requirement as TraceChange);
    else defined.push(requirement);
  }
  return { defined, deltas };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Resolves delta entries to the requirements they name: only in the spec they change (a
 * name is not an ID, and another capability's requirement of that name is another
 * requirement), and a modification under a rename's new name to the renamed requirement.
 * Modifications, removals and renames cite what they resolve to; an addition resolves
 * only to say that the name is taken.
 */
function resolveDeltas(
  deltas: readonly TraceChange[],
  resolver: TraceResolver,
): { changes: TraceChange[]; changedBy: Map<TraceRequirement, TraceChange[]> } {
  const renamedTo = new Map<string, string>();
  for (const delta of deltas) if (delta.delta.operation === 'renamed' && delta.delta.to !== undefined) renamedTo.set(`${delta.file}\u0000${delta.delta.to}`, delta.id);
  const lookup = (name: string, scope: string) => resolver.inScope(name, scope)[0];
  const changedBy = new Map<TraceRequirement, TraceChange[]>();
  const changes = sorted(deltas).map((delta): TraceChange => {
    let requirement = lookup(delta.id, delta.scope);
    if (!requirement && delta.delta.operation === 'modified') {
      const from = renamedTo.get(`${delta.file}\u0000${delta.id}`);
      if (from !== undefined) requirement = lookup(from, delta.scope);
    }
    if (!requirement) return delta;
    if (delta.delta.operation !== 'added') {
      const list = changedBy.get(requirement);
      if (list) list.push(delta);
      else changedBy.set(requirement, [delta]);
    }
    return { ...delta, requirement };
  });
  return { changes, changedBy };
}

const key = (task: TraceTask) => `${task.file}\u0000${task.id}`;

/** The tasks above a dotted task ID in its file: `2.1.3` → `2`, `2.1`. */
function ancestors(task: TraceTask): string[] {
  const parts = task.id.split('.');
  return parts.slice(1).map((_, i) => `${task.file}\u0000${parts.slice(0, i + 1).join('.')}`);
}

export function sorted<T extends { readonly file: string; readonly line: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/** One mention per file and line. */
function dedupe(mentions: readonly TraceMention[]): TraceMention[] {
  const seen = new Set<string>();
  return mentions.filter((mention) => {
    const key = `${mention.file}:${mention.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What open changes do to a requirement, for people: `modified in add-2fa; renamed to Sign-in flow in rename-auth` ('' for none). */
export function changesText(requirement: TracedRequirement): string {
  return requirement.changes.map(({ delta }) => `${delta.operation === 'renamed' && delta.to !== undefined ? `renamed to ${delta.to}` : delta.operation} in ${delta.change}`).join('; ');
}

/** The requirements a task of the graph resolves to, in the graph's order. */
export function resolvedRequirementsOf(graph: TraceGraph, task: TraceTask): readonly TracedRequirement[] {
  // Found for every task at once, the first time a graph is asked: a rule asks per task, in
  // every document, and the graph of a large workspace holds tens of thousands of each.
  const byTask = remembered(resolved, graph, () => {
    const found = new Map<TraceTask, TracedRequirement[]>();
    for (const requirement of graph.requirements) {
      for (const cited of requirement.tasks) {
        const list = found.get(cited);
        if (list) list.push(requirement);
        else found.set(cited, [requirement]);
      }
    }
    return found;
  });
  return byTask.get(task) ?? [];
}

const resolved = new WeakMap<TraceGraph, Map<TraceTask, TracedRequirement[]>>();

/** Coverage of a set of requirements: how many are cited by a task, and by a test. */
export interface Coverage {
  readonly total: number;
  readonly byTasks: number;
  readonly byTests: number;
}

export function coverageOf(all: readonly TracedRequirement[]): Coverage {
  const requirements = all.filter((requirement) => requirement.coverage !== false);
  return {
    total: requirements.length,
    byTasks: requirements.filter((requirement) => requirement.tasks.length > 0).length,
    byTests: requirements.filter((requirement) => requirement.tests.length > 0).length,
  };
}

/** A percentage, rounded down, of a part of a whole (100 for an empty whole). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part * 100) / whole);
}

/**
 * Per scope, the kinds of requirement its tasks trace: at least half of the scope's
 * requirements of that kind are cited by a task. Tasks that cite one FR in passing do not
 * make every FR expected.
 */
export function kindsCitedByTasks(requirements: readonly TracedRequirement[]): ReadonlyMap<string, ReadonlySet<string>> {
  return remembered(byTasks, requirements, () => kindsCitedBy(requirements, (requirement) => requirement.tasks.length > 0));
}

// Per graph's requirement list: every check of every document of a feature asks.
const byTasks = new WeakMap<readonly TracedRequirement[], Map<string, Set<string>>>();
const byTests = new WeakMap<readonly TracedRequirement[], Map<string, Set<string>>>();

function remembered<K extends object, V>(memo: WeakMap<K, V>, key: K, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) memo.set(key, (value = compute()));
  return value;
}

/** Per scope, the kinds of requirement of which at least half are cited (and one at least). */
function kindsCitedBy(requirements: readonly TracedRequirement[], cited: (requirement: TracedRequirement) => boolean): Map<string, Set<string>> {
  // Scope → kind → counts: no key strings made per requirement (a workspace has tens of thousands).
  const counts = new Map<string, Map<string, { cited: number; all: number }>>();
  for (const requirement of requirements) {
    if (requirement.coverage === false) continue;
    let byKind = counts.get(requirement.scope);
    if (!byKind) counts.set(requirement.scope, (byKind = new Map()));
    let count = byKind.get(requirement.kind);
    if (!count) byKind.set(requirement.kind, (count = { cited: 0, all: 0 }));
    count.all++;
    if (cited(requirement)) count.cited++;
  }
  const kinds = new Map<string, Set<string>>();
  for (const [scope, byKind] of counts) {
    for (const [kind, count] of byKind) {
      if (count.cited === 0 || count.cited * 2 < count.all) continue;
      let set = kinds.get(scope);
      if (!set) kinds.set(scope, (set = new Set()));
      set.add(kind);
    }
  }
  return kinds;
}

/**
 * Per scope, the kinds of requirement its tests trace: at least half of the scope's
 * requirements of that kind are cited by a test. One test that names a story in passing
 * does not make every story of every feature expected to be tested.
 */
export function kindsCitedByTests(requirements: readonly TracedRequirement[]): ReadonlyMap<string, ReadonlySet<string>> {
  return remembered(byTests, requirements, () => kindsCitedBy(requirements, (requirement) => requirement.tests.length > 0));
}

/**
 * The requirement an ID cited in a scope means: the one of that ID in the same scope,
 * else the only one of that ID in the workspace (one defined in several other scopes is
 * ambiguous, and means none).
 */
export function findRequirement<T extends TraceRequirement>(requirements: readonly T[], id: string, scope: string): T | undefined {
  const candidates = requirements.filter((requirement) => requirement.id === id);
  return candidates.find((candidate) => candidate.scope === scope) ?? (candidates.length === 1 ? candidates[0] : undefined);
}
