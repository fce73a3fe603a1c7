import type { TraceRequirement } from './model';

/**
 * The trace lock (`.specwright/trace.lock`): for each requirement, the fingerprint of its
 * text when its citations were last reviewed. It is committed with the specs, one
 * requirement per line in a stable order, so a review shows in a diff which requirements
 * changed and were accepted. A citation of a requirement whose text no longer has the
 * recorded fingerprint is suspect (`stale-reference`) until someone reviews the tasks
 * and tests that cite it and records the new fingerprint (`specwright trace --accept`).
 */
export interface TraceLock {
  /** Requirement key (see {@link requirementKey}) → fingerprint at the last review. */
  readonly reviewed: ReadonlyMap<string, string>;
}

/** Where the lock lives, relative to the workspace folder. */
export const TRACE_LOCK_PATH = '.specwright/trace.lock';

/** A requirement's key in the lock: its scope (the feature folder) and its ID. */
export function requirementKey(requirement: Pick<TraceRequirement, 'scope' | 'id'>): string {
  return `${requirement.scope}#${requirement.id}`;
}

/** Reads a lock; a lock that cannot be read is reported, and counts as empty. */
export function parseTraceLock(text: string): { lock: TraceLock; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { lock: { reviewed: new Map() }, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const requirements = (value as { requirements?: unknown } | null)?.requirements;
  if ((value as { version?: unknown } | null)?.version !== 1 || typeof requirements !== 'object' || requirements === null || Array.isArray(requirements)) {
    return { lock: { reviewed: new Map() }, problem: 'expected { "version": 1, "requirements": { "<folder>#<ID>": "<fingerprint>" } }' };
  }
  const reviewed = new Map<string, string>();
  for (const [key, fingerprint] of Object.entries(requirements as Record<string, unknown>)) {
    if (typeof fingerprint === 'string') reviewed.set(key, fingerprint);
  }
  return { lock: { reviewed } };
}

/** Writes a lock: keys sorted, one per line, so that diffs show what changed. */
export function serializeTraceLock(reviewed: ReadonlyMap<string, string>): string {
  const keys = [...reviewed.keys()].sort();
  const lines = keys.map((key, i) => `    ${JSON.stringify(key)}: ${JSON.stringify(reviewed.get(key))}${i < keys.length - 1 ? ',' : ''}`);
  return `{\n  "version": 1,\n  "requirements": {\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}  }\n}\n`;
}

/**
 * The lock after accepting the current text of `requirements` (all of them, or those whose
 * ID is in `only`): their fingerprints recorded, the rest kept; requirements that no longer
 * exist are dropped when everything is accepted.
 */
export function acceptRequirements(lock: TraceLock, requirements: readonly TraceRequirement[], only?: ReadonlySet<string>): Map<string, string> {
  const next = new Map(only ? lock.reviewed : []);
  for (const requirement of requirements) {
    if (only && !only.has(requirement.id)) continue;
    next.set(requirementKey(requirement), requirement.fingerprint);
  }
  return next;
}

/** Whether a requirement's text changed since its citations were reviewed (unknown to the lock: not stale). */
export function isStale(lock: TraceLock | undefined, requirement: TraceRequirement): boolean {
  const reviewed = lock?.reviewed.get(requirementKey(requirement));
  return reviewed !== undefined && reviewed !== requirement.fingerprint;
}
