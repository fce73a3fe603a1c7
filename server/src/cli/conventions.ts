import { builtInFamilies } from '../core/families/built-in';
import { applyConventions } from '../core/families/conventions';
import type { Family } from '../core/families/family';
import { loadConventions, type ConventionProblem } from '../workspace/conventions-store';

const cache = new Map<string, Promise<{ families: readonly Family[]; problems: readonly ConventionProblem[] }>>();

/**
 * The families for a folder the CLI treats as a workspace, as the folder's own conventions
 * shape them (OpenSpec's `openspec/AGENTS.md`, its config and schema), and the problems with
 * those files. Loaded once per folder and thread.
 */
export function familiesForBase(base: string): Promise<{ families: readonly Family[]; problems: readonly ConventionProblem[] }> {
  let pending = cache.get(base);
  if (!pending) {
    pending = loadConventions(base).then(({ conventions, problems }) => ({
      families: conventions.length === 0 ? builtInFamilies() : applyConventions(builtInFamilies(), conventions),
      problems,
    }));
    cache.set(base, pending);
  }
  return pending;
}
