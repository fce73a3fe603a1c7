// Checks a change's spec delta against the spec it changes, as the family's tools do when
// the change is archived (OpenSpec applies the deltas of `openspec/changes/<change>/specs/`
// to `openspec/specs/`): a modified or renamed requirement the spec does not have, an added
// one it already has, a rename onto a name that is taken, and a modified block that leaves
// out scenarios the current requirement has (the modified block replaces the whole
// requirement) make archiving fail; a removed requirement the spec does not have is a no-op
// there, so it is only a warning, unless the spec has it in another case or spacing. The
// delta's entries are read from the document; the spec's requirements from the workspace's
// trace graph, so nothing is reported without one, nor for an archived change (its path
// is not a delta's in the family's trace description: it was applied long ago).
import { rangeOnLine } from '../trace/context';
import { deltasIn } from '../trace/deltas';
import type { TraceRequirement } from '../trace/model';
import type { Report, Rule } from '../lint/types';

export const specDeltaTarget: Rule = {
  meta: {
    id: 'spec-delta-target',
    description: 'Spec deltas that do not apply to the current spec: requirements not found, already there, or modified without their scenarios.',
    rationale:
      'When a change is archived its spec delta is applied to the spec of its capability: a modified, renamed or ' +
      'removed requirement must be there under that exact name, an added one must not be, and a modified block ' +
      'replaces the whole requirement, so every scenario the requirement has must be in it. Otherwise archiving ' +
      'fails (or, with older tools, the scenarios are lost). A removed requirement the spec does not have is a ' +
      'warning: archiving treats it as removed already. Correct the name, move the requirement to the right ' +
      'operation, or copy the missing scenarios into the modified block. Needs the workspace (the language server ' +
      'and `specwright lint` read it); an archived change is never checked, as the specs have moved on since.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, family, trace, report }) {
    if (!trace) return;
    const entries = deltasIn(document, trace.file, family);
    if (entries.length === 0) return;
    const scopes = new Set(entries.map((entry) => entry.scope));
    const current = new Map<string, Map<string, TraceRequirement>>();
    for (const requirement of trace.graph.requirements) {
      if (!scopes.has(requirement.scope)) continue;
      let names = current.get(requirement.scope);
      if (!names) current.set(requirement.scope, (names = new Map()));
      if (!names.has(requirement.id)) names.set(requirement.id, requirement);
    }
    const renamedTo = new Map(entries.filter((entry) => entry.delta?.operation === 'renamed').map((entry) => [entry.delta?.to ?? '', entry.id]));
    for (const entry of entries) {
      const delta = entry.delta;
      if (!delta) continue;
      const names = current.get(entry.scope);
      const found = names?.get(entry.id);
      const range = rangeOnLine(document, entry.line, entry.id) ?? { start: 0, end: 0 };
      const say = (message: string, problem: string, severity?: Report['severity'], extra: Record<string, unknown> = {}) =>
        report({ message, range, ...(severity ? { severity } : {}), data: { problem, name: entry.id, operation: delta.operation, target: delta.target, ...extra } });
      const nearMiss = () => [...(names?.keys() ?? [])].find((name) => name !== entry.id && fold(name) === fold(entry.id));
      const notFound = (consequence: string, severity?: Report['severity']) => {
        const near = nearMiss();
        if (!names) {
          say(`Expected a requirement \`${entry.id}\` in \`${delta.target}\`, found no spec with requirements there: ${consequence}`, 'no-target-spec', severity);
        } else if (near !== undefined) {
          say(`Expected a requirement \`${entry.id}\` in \`${delta.target}\`, found \`${near}\`: names must match exactly`, 'near-miss', undefined, { found: near });
        } else {
          say(`Expected a requirement \`${entry.id}\` in \`${delta.target}\`, found none: ${consequence}`, 'not-found', severity);
        }
      };
      switch (delta.operation) {
        case 'added':
          // The same block already there is a change synced early: archiving skips it.
          if (found && found.fingerprint !== entry.fingerprint) {
            say(`Expected \`${entry.id}\` to be new to \`${delta.target}\`, found it there already: modify it instead, or give it a new name`, 'exists');
          }
          break;
        case 'modified': {
          const from = renamedTo.get(entry.id);
          const requirement = found ?? (from === undefined ? undefined : names?.get(from));
          if (!requirement) {
            notFound(names ? 'archiving the change fails' : 'a new capability takes added requirements only');
            break;
          }
          const dropped = missingParts(requirement.parts ?? [], entry.parts ?? []);
          if (dropped.length > 0) {
            say(
              `Expected the modified \`${entry.id}\` to keep every scenario of the current requirement, found ${dropped.map((name) => `\`${name}\``).join(', ')} missing: the block replaces the whole requirement, so copy ${dropped.length === 1 ? 'it' : 'them'} in`,
              'dropped-scenarios',
              undefined,
              { dropped },
            );
          }
          break;
        }
        case 'removed':
          if (!found) notFound('archiving treats it as already removed', 'warning');
          break;
        case 'renamed': {
          const to = delta.to ?? '';
          const target = names?.get(to);
          if (!found) {
            // Only the new name there is a rename synced early: archiving skips it.
            if (target && nearMiss() === undefined) break;
            notFound(names ? 'archiving the change fails' : 'a new capability takes added requirements only');
          } else if (target) {
            say(`Expected the new name \`${to}\` to be free in \`${delta.target}\`, found a requirement of that name`, 'rename-target-exists', undefined, { to });
          }
          break;
        }
      }
    }
  },
};

/** Names fold as the tools compare them for typos: case and runs of white space aside. */
const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/** The parts `current` has that `incoming` lacks, counting each name as often as it occurs. */
function missingParts(current: readonly string[], incoming: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const name of incoming) left.set(name, (left.get(name) ?? 0) + 1);
  const missing: string[] = [];
  for (const name of current) {
    const count = left.get(name) ?? 0;
    if (count > 0) left.set(name, count - 1);
    else missing.push(name);
  }
  return missing;
}
