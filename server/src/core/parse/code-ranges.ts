import type { Nodes } from 'mdast';
import type { OffsetRange } from './range';

/**
 * Inline code and code blocks, in document order: where text is quoted, not written. With
 * `html`, raw HTML too (comments, which readers never see).
 */
export function codeRanges(nodes: readonly Nodes[], options: { html?: boolean } = {}): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  const stack: Nodes[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'code' || node.type === 'inlineCode' || (options.html === true && node.type === 'html')) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) ranges.push({ start, end });
    } else if ('children' in node) {
      stack.push(...(node.children as Nodes[]));
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
