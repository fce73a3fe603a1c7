// Checks requirement blocks where a document's family has them (OpenSpec's `### Requirement:`
// with `#### Scenario:` children): each block has its text, written with the family's normative
// words (SHALL, MUST), at least the children it needs, none of them empty, and a unique name;
// no block heading stands outside the sections that hold blocks (a delta names what it removes
// by its heading: that is no block), and no heading that belongs
// in another kind of document (a change's delta section in a main spec) is there. Severities
// follow the family's own validator: a missing text, scenario or name is an error, text
// without a normative word a warning, a very long text a note. Facts come from the family
// description, never from this file.
import { blockOf, blocksIn, sameTitle, usesWord, type Block } from '../families/blocks';
import type { RequirementBlocks } from '../families/family';
import type { Section } from '../parse/sections';
import type { Report, Rule } from '../lint/types';

export const requirementBlock: Rule = {
  meta: {
    id: 'requirement-block',
    description: 'Requirement blocks without text, normative wording or scenarios, duplicated, or out of place.',
    rationale:
      'Where a family writes requirements as blocks — OpenSpec\'s `### Requirement: Name`, its text with SHALL or ' +
      'MUST, and `#### Scenario:` children — its tools read only well-formed blocks inside the requirements section: ' +
      'a block without text or scenarios, a duplicate name, or a block outside that section is invisible to them or ' +
      'breaks an update. Write the text with the normative word, add a scenario, rename the duplicate, or move the block.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, family, report }) {
    const kind = family?.family.kinds[family.kind];
    const blocks = kind?.blocks;
    if (!kind || !blocks) return;
    const holders = document.outline.flat.filter((section) => blocks.sections.some((title) => sameTitle(section.title, title)));
    const inside = new Set<Section>();
    let count = 0;
    for (const holder of holders) {
      const found = blocksIn(document, holder, blocks);
      count += found.length;
      const seen = new Map<string, Block>();
      for (const block of found) {
        inside.add(block.section);
        checkBlock(block, blocks, report);
        const earlier = seen.get(block.name);
        if (earlier) {
          report({
            message: `Expected a unique name in \`${holder.title}\`, found \`${block.name}\` again (first on line ${earlier.section.line})`,
            range: block.section.headingRange,
            data: { problem: 'duplicate', name: block.name, section: holder.title },
          });
        } else seen.set(block.name, block);
      }
    }
    if (holders.length > 0 && count < blocks.min) {
      const first = holders[0] as Section;
      report({
        message: `Expected at least ${blocks.min} requirement ${blocks.min === 1 ? 'block' : 'blocks'} in \`${first.title}\`, found ${count}`,
        range: first.headingRange,
        data: { problem: 'too-few', found: count },
      });
    }
    // A delta names the requirements it removes by their headings: those are not blocks left outside.
    const removed = new Set<Section>();
    const collect = (section: Section) => {
      removed.add(section);
      section.children.forEach(collect);
    };
    if (kind.deltas) for (const holder of document.outline.flat.filter((section) => sameTitle(section.title, kind.deltas?.removed ?? ''))) holder.children.forEach(collect);
    for (const section of document.outline.flat) {
      if (!inside.has(section) && !removed.has(section) && blockOf(document, section, blocks)) {
        report({
          message: `Expected \`${section.title}\` inside ${blocks.sections.map((title) => `\`${title}\``).join(' or ')}, found it outside, where it is not read as a requirement`,
          range: section.headingRange,
          data: { problem: 'outside' },
        });
      }
      if (blocks.misplaced?.test(section.title.trim())) {
        report({
          message: `Expected no \`${section.title}\` section in this document, found one: it belongs in a change's spec delta`,
          range: section.headingRange,
          data: { problem: 'misplaced' },
        });
      }
    }
  },
};

function checkBlock(block: Block, blocks: RequirementBlocks, report: (finding: Report) => void): void {
  const heading = block.section.headingRange;
  if (block.text === '') {
    const inHeading = usesWord(block.name, blocks.normative);
    report({
      message: inHeading
        ? `Expected the requirement text of \`${block.name}\` on the line after its heading, found it only in the heading`
        : `Expected text for the requirement \`${block.name}\`, found none`,
      range: heading,
      data: { problem: 'no-text', name: block.name },
    });
  } else if (blocks.normative.length > 0 && !usesWord(block.text, blocks.normative)) {
    report({
      message: `Expected the requirement \`${block.name}\` to say ${blocks.normative.map((word) => `\`${word}\``).join(' or ')}, found neither`,
      range: heading,
      severity: 'warning',
      data: { problem: 'no-normative-word', name: block.name },
    });
  }
  if (blocks.maxTextLength !== undefined && block.text.length > blocks.maxTextLength) {
    report({
      message: `Expected the requirement \`${block.name}\` in at most ${blocks.maxTextLength} characters, found ${block.text.length}: consider splitting it`,
      range: heading,
      severity: 'information',
      data: { problem: 'long-text', name: block.name },
    });
  }
  const children = blocks.children;
  if (!children) return;
  const empty = block.children.filter((child) => child.children.length === 0 && child.ownNodes.length === 0);
  for (const child of empty) {
    report({
      message: `Expected steps in the ${children.label} \`${child.title}\`, found none`,
      range: child.headingRange,
      data: { problem: 'empty-child', name: block.name },
    });
  }
  // An empty child is reported above; counting it as missing too would say the same twice.
  if (empty.length === 0 && block.children.length < children.min) {
    report({
      message: `Expected at least ${children.min} ${children.label}${children.min === 1 ? '' : 's'} (a level-${children.depth} heading) under \`${block.name}\`, found ${block.children.length}`,
      range: heading,
      data: { problem: 'no-children', name: block.name },
    });
  }
}
