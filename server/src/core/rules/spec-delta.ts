// Checks a change's spec delta, where a family writes changes to another document's
// requirement blocks as sections by operation (OpenSpec's `## ADDED|MODIFIED|REMOVED|RENAMED
// Requirements`): the delta has such sections, each holds entries, no requirement is named
// twice in one operation, and no requirement is in two operations that contradict each other
// (modified and removed, added and modified, renamed from a name that is also removed …). A
// delta the tools cannot apply unambiguously is rejected when the change is archived; this
// says so while it is written. Headings in the added or modified sections that are not
// requirement blocks are noted, as they are skipped. Section titles come from the family.
import { blockOf, blocksIn, sectionsTitled } from '../families/blocks';
import { removedNames, renamePairs } from '../families/delta-entries';
import type { RequirementBlocks } from '../families/family';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import type { Report, Rule } from '../lint/types';

type Operation = 'added' | 'modified' | 'removed' | 'renamed';

export const specDelta: Rule = {
  meta: {
    id: 'spec-delta',
    description: 'Spec deltas without operations or entries, with duplicates, or with contradicting operations.',
    rationale:
      'A change\'s spec delta lists requirements by operation: added, modified, removed, renamed. A delta with no ' +
      'operation sections, an empty one, a requirement named twice, or one requirement both modified and removed ' +
      'cannot be applied; the family\'s tools refuse it when the change is archived. Give each requirement one ' +
      'operation, under its new name once renamed.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, family, report }) {
    const kind = family?.family.kinds[family.kind];
    const deltas = kind?.deltas;
    const blocks = kind?.blocks;
    if (!kind || !deltas || !blocks) return;
    const sections = (operation: Operation) => sectionsTitled(document, deltas[operation]);
    const present = (['added', 'modified', 'removed', 'renamed'] as const).filter((operation) => sections(operation).length > 0);
    if (present.length === 0) {
      const first = document.outline.flat[0];
      report({
        message: `Expected a delta section (${Object.values(deltas).map((title) => `\`## ${title}\``).join(', ')}), found none`,
        range: first?.headingRange ?? { start: 0, end: 0 },
        data: { problem: 'no-delta-sections' },
      });
      return;
    }
    const names: Record<Operation, Map<string, Section>> = { added: new Map(), modified: new Map(), removed: new Map(), renamed: new Map() };
    const renames: { from: string; to: string; at: Section }[] = [];
    let entries = 0;
    for (const operation of present) {
      for (const holder of sections(operation)) {
        const found: { name: string; at: Section }[] =
          operation === 'removed'
            ? removedNames(document, holder, blocks.heading)
            : operation === 'renamed'
              ? []
              : blocksIn(document, holder, blocks).map((block) => ({ name: block.name, at: block.section }));
        if (operation === 'renamed') renames.push(...renamePairs(document, holder, blocks.heading));
        if (operation === 'added' || operation === 'modified') noteSkippedHeadings(document, holder, blocks, report);
        entries += operation === 'renamed' ? renames.length : found.length;
        for (const { name, at } of found) {
          if (names[operation].has(name)) {
            report({ message: `Expected \`${name}\` once in \`${holder.title}\`, found it again`, range: at.headingRange, data: { problem: 'duplicate', operation, name } });
          } else names[operation].set(name, at);
        }
      }
    }
    const seenFrom = new Set<string>();
    const seenTo = new Set<string>();
    for (const { from, to, at } of renames) {
      if (seenFrom.has(from)) report({ message: `Expected \`${from}\` to be renamed once, found it renamed again`, range: at.headingRange, data: { problem: 'duplicate-from', name: from } });
      if (seenTo.has(to)) report({ message: `Expected one rename to \`${to}\`, found another`, range: at.headingRange, data: { problem: 'duplicate-to', name: to } });
      seenFrom.add(from);
      seenTo.add(to);
    }
    if (entries === 0) {
      const first = sections(present[0] as Operation)[0] as Section;
      report({
        message: `Expected requirement entries in ${present.map((operation) => `\`${deltas[operation]}\``).join(', ')}, found none`,
        range: first.headingRange,
        data: { problem: 'no-entries' },
      });
    }
    const conflict = (name: string, at: Section, what: string) =>
      report({ message: `Expected one operation for \`${name}\`, found it ${what}`, range: at.headingRange, data: { problem: 'conflict', name } });
    for (const [name, at] of names.modified) {
      if (names.removed.has(name)) conflict(name, at, 'both modified and removed');
      if (names.added.has(name)) conflict(name, at, 'both modified and added');
    }
    for (const [name, at] of names.added) if (names.removed.has(name)) conflict(name, at, 'both added and removed');
    const fold = (name: string) => name.toLowerCase().replace(/\s+/g, ' ');
    const removedFolded = new Map([...names.removed.keys()].map((name) => [fold(name), name]));
    for (const { from, to, at } of renames) {
      if (names.modified.has(from)) conflict(from, names.modified.get(from) as Section, `modified under its old name; it is renamed to \`${to}\``);
      if (names.added.has(to)) conflict(to, at, 'both renamed to and added');
      if (removedFolded.has(fold(from))) conflict(from, at, 'both renamed and removed');
    }
  },
};

/** Headings one level below an added or modified section that are not blocks: skipped by the tools, so noted. */
function noteSkippedHeadings(document: SpecDocument, holder: Section, blocks: RequirementBlocks, report: (finding: Report) => void): void {
  for (const section of holder.children) {
    if (blocks.depth !== undefined && section.depth !== blocks.depth) continue;
    if (blockOf(document, section, blocks)) continue;
    report({
      message: `Expected a requirement heading in \`${holder.title}\`, found \`${section.title}\`, which is skipped: name it like the others to have it read`,
      range: section.headingRange,
      severity: 'information',
      data: { problem: 'skipped-heading', section: holder.title },
    });
  }
}
