import { deltaEntries } from '../families/delta-entries';
import type { FamilyChoice } from '../families/identify';
import type { SpecDocument } from '../parse/spec-document';
import { fingerprintOf } from './fingerprint';
import { fill, lineOf, lineStarts, partsOf, traceScope } from './markdown';
import type { TraceRequirement } from './model';

/**
 * The entries of a change's spec delta, as graph inputs that name the requirements of the
 * spec the change alters (OpenSpec's `## MODIFIED Requirements` and the like): each with
 * the scope of that spec, so that it resolves there. Only a delta whose path its family's
 * trace description matches has any: an archived change was applied long ago, and the
 * specs have moved on since. Lines are 1-based.
 */
export function deltasIn(document: SpecDocument, path: string, family: FamilyChoice | undefined): TraceRequirement[] {
  const kind = family?.family.kinds[family.kind];
  const trace = kind?.trace?.deltas;
  if (!kind || !trace) return [];
  const match = trace.path.exec(path);
  if (!match) return [];
  const target = fill(trace.target, match);
  const change = fill(trace.change, match);
  const scope = traceScope(target);
  const lines = lineStarts(document.text);
  return deltaEntries(document, kind).map((entry) => {
    const range = entry.block ? entry.block.section.range : entry.range;
    return {
      id: entry.name,
      kind: 'delta',
      file: path,
      line: lineOf(lines, entry.range.start),
      text: document.text.slice(entry.range.start, entry.range.end).replace(/^\s*(?:#{1,6}|[-*+])\s*/, '').trim(),
      scope,
      fingerprint: fingerprintOf(document.text.slice(range.start, range.end)),
      ...(entry.block && trace.parts ? { parts: partsOf(entry.block.section, trace.parts) } : {}),
      delta: { operation: entry.operation, change, target, ...(entry.to !== undefined ? { to: entry.to } : {}) },
    };
  });
}
