import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RootContent } from 'mdast';
import { perPiece, type Move, type SpecDocument } from '../../core/parse/spec-document';
import { oncePerVersion, type VersionFeature } from './per-version';
import { lineOf } from '../../workspace/positions';

/**
 * Folding ranges: each section from its heading to its last non-blank line, the
 * front matter block, and multi-line code blocks and HTML comments. Computed once per
 * parsed version; callers must not change the result.
 */
export const foldingRanges: VersionFeature<FoldingRange[]> = oncePerVersion(computeRanges);

function computeRanges(document: TextDocument, spec: SpecDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const text = spec.text;
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    let last = end;
    while (last > start && /\s/.test(text.charAt(last - 1))) last--;
    const startLine = lineOf(document, start);
    const endLine = lineOf(document, Math.max(start, last - 1));
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  if (spec.frontMatter) add(spec.frontMatter.range.start, spec.frontMatter.range.end, FoldingRangeKind.Region);
  for (const section of spec.outline.flat) add(section.range.start, section.range.end);
  // Found piece by piece: after an edit, only the edited piece's blocks are looked for again.
  for (const block of perPiece(spec, 'folding-blocks', (piece) => foldableBlocks(piece.nodes), MOVE_BLOCK)) {
    add(block.start, block.end, block.comment ? FoldingRangeKind.Comment : undefined);
  }
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** A top-level code block or HTML comment, by offsets. */
interface Block {
  start: number;
  end: number;
  readonly comment: boolean;
}

const MOVE_BLOCK: Move<Block> = {
  copy: (block, by) => ({ start: block.start + by, end: block.end + by, comment: block.comment }),
  shift: (block, by) => {
    block.start += by;
    block.end += by;
  },
};

function foldableBlocks(nodes: readonly RootContent[]): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    if (node.type !== 'code' && !(node.type === 'html' && node.value.startsWith('<!--'))) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) blocks.push({ start, end, comment: node.type === 'html' });
  }
  return blocks;
}
