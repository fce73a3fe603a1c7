// Reports a reference to a requirement ID that nothing defines: `FR-007` in prose when no
// table row, list item, heading or bold line introduces `FR-007`. With the workspace's specs
// known (the language server indexes them) an ID defined in any of them counts, and only IDs of
// a kind some spec defines are judged (`SC-28` beside `AC-12` names a standard's control). Linted on
// its own, a spec can only judge IDs of a kind it defines itself: a reference to `FR-009`
// in a spec that defines `FR-001`…`FR-005` is reported, a reference to `US-001` in a spec
// that defines no user stories is not (they may live in another file). While the workspace
// is still being read, nothing is reported. With the workspace's trace graph, what a task
// cites in its family's own form (`[US9]`, `_Requirements: 7.2_`) and no spec defines is
// reported too.
import { requirementIdsOf } from '../parse/requirement-ids';
import { rangeOnLine } from '../trace/context';
import type { Rule } from '../lint/types';

export const unknownId: Rule = {
  meta: {
    id: 'unknown-id',
    description: 'References to requirement IDs that no spec defines.',
    rationale:
      'A reference to an ID that is defined nowhere is usually a typo, or points at a requirement that was ' +
      'renumbered or removed, so the trace from plan or task to requirement is broken. Correct the ID ' +
      '(completion after `FR-` lists the existing ones), or define the requirement it refers to.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, workspace, trace, idPrefixes, report }) {
    if (workspace && !workspace.complete) return;
    const occurrences = requirementIdsOf(document, { extraPrefixes: idPrefixes });
    // What a task cites in its family's own form (`[US9]`, `_Requirements: 7.2_`) and no
    // spec defines, as the workspace's trace graph resolved it.
    if (trace) {
      const ids = new Set(occurrences.map((occurrence) => `${occurrence.id}@${occurrence.range.start}`));
      for (const unknown of trace.graph.unknown) {
        if (unknown.file !== trace.file) continue;
        const range = rangeOnLine(document, unknown.line, unknown.id);
        if (!range || ids.has(`${unknown.id}@${range.start}`)) continue;
        report({
          message: `Expected a definition of \`${unknown.id}\` in the workspace’s specs, found none`,
          range,
          data: { id: unknown.id, scope: 'workspace' },
        });
      }
    }
    const defined = new Set<string>();
    const definedPrefixes = new Set<string>();
    for (const occurrence of occurrences) {
      if (occurrence.role !== 'definition') continue;
      defined.add(occurrence.id);
      definedPrefixes.add(occurrence.prefix);
    }
    for (const occurrence of occurrences) {
      if (occurrence.role !== 'reference' || defined.has(occurrence.id)) continue;
      // An ID of a kind no spec defines (`SC-28` beside `AC-12` and `SI-10`, a standard's controls) names something else.
      if (workspace ? workspace.definitions(occurrence.id).length > 0 || !(definedPrefixes.has(occurrence.prefix) || workspace.definesKind(occurrence.id)) : !definedPrefixes.has(occurrence.prefix)) continue;
      report({
        message: `Expected a definition of \`${occurrence.id}\` ${workspace ? 'in the workspace’s specs' : 'in this spec'}, found none`,
        range: occurrence.range,
        data: { id: occurrence.id, scope: workspace ? 'workspace' : 'document' },
      });
    }
  },
};
