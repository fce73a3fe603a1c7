import { builtInFamilies } from '../core/families/built-in';
import type { Family } from '../core/families/family';
import { familiesByPath, identifyFamily } from '../core/families/identify';
import type { IdOccurrence } from '../core/parse/requirement-ids';
import { parseSpec, type SpecDocument } from '../core/parse/spec-document';
import { detached } from '../core/parse/strings';
import { deltasIn } from '../core/trace/deltas';
import { requirementsFromIds, requirementsIn, tasksIn } from '../core/trace/markdown';
import type { TraceMention, TraceRequirement, TraceTask } from '../core/trace/model';

// What one spec adds to the trace graph, found the same way by the CLI's walk, the
// language server's walk of the disk and its open documents: requirements by ID
// everywhere, and (where the document's family traces more than IDs: user stories by
// heading, acceptance criteria, task lines, OpenSpec's requirement blocks) by the
// family's forms on a full parse. A change's spec delta adds its entries to the
// requirements, marked as such (see `TraceRequirement.delta`): they cite the requirements
// of the spec they change.

/** The requirements a spec defines and the tasks it lists, with paths relative to its workspace folder. */
export interface SpecTrace {
  readonly requirements: readonly TraceRequirement[];
  readonly tasks: readonly TraceTask[];
}

export const NO_TRACE: SpecTrace = { requirements: [], tasks: [] };

/** Whether a document at `where` (the path its family is identified by) belongs to a family kind that traces requirements or tasks. */
export function isTracedPath(where: string, families: readonly Family[] = builtInFamilies()): boolean {
  return familiesByPath(families, where).some(({ family, kind }) => family.kinds[kind]?.trace !== undefined);
}

/**
 * A spec's trace from its text and the ID occurrences an index found in it: the whole
 * document is parsed only when its family traces more than IDs. `file` names it in the
 * graph; `where` is the path its family is identified by (the same, unless a config
 * decides paths from elsewhere). `families` are its workspace folder's, as the
 * repository's own conventions shape them (translated OpenSpec words, say).
 */
export function specTraceOfText(
  text: string,
  file: string,
  where: string,
  occurrences: () => readonly IdOccurrence[],
  idPrefixes: readonly string[] = [],
  families: readonly Family[] = builtInFamilies(),
): SpecTrace {
  if (!isTracedPath(where, families)) {
    const defines = !isChecklist(file) && familiesByPath(families, where).every(({ family, kind }) => definesRequirements(family, kind));
    return { requirements: defines ? requirementsFromIds(text, occurrences(), file) : [], tasks: [] };
  }
  return specTraceOfDocument(parseSpec(text), file, where, idPrefixes, families);
}

/** A spec's trace from its parsed document (an open document, or a traced one parsed in full). */
export function specTraceOfDocument(
  document: SpecDocument,
  file: string,
  where: string,
  idPrefixes: readonly string[] = [],
  families: readonly Family[] = builtInFamilies(),
): SpecTrace {
  const family = identifyFamily({ document, families, path: where });
  const defines = !isChecklist(file) && (!family || definesRequirements(family.family, family.kind));
  const deltas = deltasIn(document, file, family);
  const requirements = defines ? requirementsIn(document, file, family, idPrefixes) : [];
  return { requirements: deltas.length > 0 ? [...requirements, ...deltas] : requirements, tasks: tasksIn(document, file, family, idPrefixes) };
}

/**
 * Whether a document of a family's kind states requirements of its own: where the family
 * says which kind defines them (spec-kit's spec, Kiro's requirements), the other kinds
 * (plans, research, designs, task lists) restate them.
 */
function definesRequirements(family: Family, kind: string): boolean {
  const defining = Object.entries(family.kinds).filter(([, description]) => (description.trace?.requirements.length ?? 0) > 0);
  return defining.length === 0 || defining.some(([name]) => name === kind);
}

/**
 * A feature's checklist (`checklists/*.md`) reviews its spec: the IDs it lists are the
 * spec's, restated, not requirements of its own.
 */
function isChecklist(file: string): boolean {
  return /(?:^|\/)checklists\/[^/]+$/i.test(file);
}

/**
 * The same trace with every string copied, so that an index that keeps it does not keep
 * the file's whole text alive (a substring can hold on to the string it was cut from).
 */
export function detachedTrace(trace: SpecTrace): SpecTrace {
  return {
    requirements: trace.requirements.map((requirement) => ({
      ...requirement,
      id: detached(requirement.id),
      kind: detached(requirement.kind),
      text: detached(requirement.text),
      ...(requirement.parts ? { parts: requirement.parts.map(detached) } : {}),
      ...(requirement.delta
        ? { delta: { ...requirement.delta, change: detached(requirement.delta.change), ...(requirement.delta.to !== undefined ? { to: detached(requirement.delta.to) } : {}) } }
        : {}),
    })),
    tasks: trace.tasks.map((task) => ({
      ...task,
      id: detached(task.id),
      text: detached(task.text),
      section: detached(task.section),
      cites: task.cites.map(detached),
      loose: task.loose.map(detached),
    })),
  };
}

/** Mentions with their IDs copied out of the file's text. */
export function detachedMentions(mentions: readonly TraceMention[]): TraceMention[] {
  return mentions.map((mention) => ({ ...mention, id: detached(mention.id) }));
}

/**
 * Whether a spec's trace has a requirement that tests and code can cite (an OpenSpec
 * requirement, named rather than numbered, and a change's delta entry cannot): only then
 * are a folder's test and source files worth reading.
 */
export function citableByCode(trace: SpecTrace): boolean {
  return trace.requirements.some((requirement) => requirement.coverage !== false && !requirement.delta);
}
