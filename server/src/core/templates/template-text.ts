import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { OffsetRange } from '../parse/range';

/**
 * Text compared across a document and its template: line endings unified, every run
 * of whitespace collapsed to one space, trimmed. Two texts that differ only in
 * indentation, wrapping or line endings normalize to the same string.
 */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\s+/g, ' ').trim();
}

/** A sentence as a family's description lists it: whitespace, emphasis marks and curly apostrophes aside (`Why should we _not_ do this?`). */
export function comparableSentence(source: string): string {
  return normalizeWhitespace(source.replace(/[\u2018\u2019]/g, "'").replace(/(?<![\w*])[*_]{1,2}|[*_]{1,2}(?![\w*])/g, ''));
}

/** The source span of a node (UTF-16 offsets, end exclusive), if the parser recorded one. */
export function spanOf(node: Nodes): OffsetRange | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * The words of a paragraph that is nothing but emphasis (`_What is shipped as of this
 * spec's date._`), whitespace-normalized: the way templates write instructions for the
 * author. Undefined for any other node.
 */
export function italicLineText(node: RootContent): string | undefined {
  if (node.type !== 'paragraph') return undefined;
  const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const only = meaningful[0];
  if (meaningful.length !== 1 || only?.type !== 'emphasis') return undefined;
  const words = normalizeWhitespace(toString(only));
  return words === '' ? undefined : words;
}

/** One HTML comment: where it is, and its inner text whitespace-normalized. */
export interface HtmlComment {
  readonly range: OffsetRange;
  readonly text: string;
}

/** The complete HTML comments (`<!-- … -->`) in an `html` node's source; none for other nodes. */
export function htmlComments(text: string, node: RootContent): HtmlComment[] {
  if (node.type !== 'html') return [];
  const span = spanOf(node);
  if (!span) return [];
  const source = text.slice(span.start, span.end);
  const comments: HtmlComment[] = [];
  for (const match of source.matchAll(/<!--([\s\S]*?)-->/g)) {
    const start = span.start + (match.index ?? 0);
    comments.push({ range: { start, end: start + match[0].length }, text: normalizeWhitespace(match[1] ?? '') });
  }
  return comments;
}

/**
 * Whether a top-level node is guidance rather than content: a thematic break, an
 * `html` node made only of comments, or a paragraph that is only emphasis.
 */
export function isGuidanceNode(text: string, node: RootContent): boolean {
  if (node.type === 'thematicBreak') return true;
  if (node.type === 'html') {
    const span = spanOf(node);
    return span !== undefined && text.slice(span.start, span.end).replace(/<!--[\s\S]*?-->/g, '').trim() === '' && /<!--/.test(node.value);
  }
  return italicLineText(node) !== undefined;
}
