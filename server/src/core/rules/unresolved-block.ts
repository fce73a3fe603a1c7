// Reports each block a family uses to mark open debate that is still in a document: a
// KEP's `<<[UNRESOLVED subject ]>>` … `<<[/UNRESOLVED]>>`, one finding per block, on its
// opening line, with the subject it names. A block opened and never closed is reported
// as such. Blocks shown as syntax in code or inside an HTML comment (a template
// explaining the markup) are not blocks. Its severity follows the document's status, as other completeness rules do.
import { codeRanges } from '../parse/code-ranges';
import type { Rule } from '../lint/types';

export const unresolvedBlock: Rule = {
  meta: {
    id: 'unresolved-block',
    description: 'Blocks that mark open debate, such as a KEP’s UNRESOLVED blocks, still in the document.',
    rationale:
      'Some formats mark a question still being argued with a block (a KEP’s `<<[UNRESOLVED …]>>` … ' +
      '`<<[/UNRESOLVED]>>`). Each one left is a decision not yet taken: resolve the debate, write down ' +
      'the outcome, and remove the markers. A block that is opened and never closed swallows the rest ' +
      'of the document, and is reported as well.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check({ document, family, report }) {
    const blocks = family?.family.openBlocks;
    if (!blocks) return;
    const { text } = document;
    const code = codeRanges(document.root.children, { html: true });
    const inCode = (offset: number) => code.some((range) => range.start <= offset && offset < range.end);
    const open = new RegExp(blocks.open.source, `${blocks.open.flags.replace('g', '')}g`);
    const close = new RegExp(blocks.close.source, `${blocks.close.flags.replace('g', '')}g`);
    const closes: number[] = [];
    for (let m = close.exec(text); m; m = close.exec(text)) if (!inCode(m.index)) closes.push(m.index);
    let lastClose = -1;
    for (let m = open.exec(text); m; m = open.exec(text)) {
      if (inCode(m.index)) continue;
      const subject = (m[1] ?? '').trim();
      const closing = closes.find((at) => at > m!.index && at > lastClose);
      if (closing !== undefined) lastClose = closing;
      report({
        message:
          closing === undefined
            ? `Expected the ${blocks.name}${subject ? ` “${subject}”` : ''} to be resolved and closed, found it open to the end of the document`
            : `Expected the ${blocks.name}${subject ? ` “${subject}”` : ''} to be resolved, found it still open`,
        range: { start: m.index, end: m.index + m[0].length },
        data: { subject, closed: closing !== undefined },
      });
    }
  },
};
