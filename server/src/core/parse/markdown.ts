import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * How the document's front matter block is fenced, found by {@link detectFrontMatterFence}.
 * YAML front matter opens with `---` on the first line and closes with `---` or `...`.
 */
export type FrontMatterClose = '---' | '...';

const BOM = 0xfeff;

// remark-frontmatter recognises one closing fence per matter definition, and two
// definitions that share the `---` opening confuse micromark, so keep one processor
// for each closing style and pick it per document.
const processors = {
  '---': unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']),
  '...': unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, [{ type: 'yaml', fence: { open: '---', close: '...' } }]),
};

/**
 * Finds the closing fence of YAML front matter that opens on the first line
 * (after an optional BOM). Returns undefined when the document has no front
 * matter or when it is never closed.
 */
export function detectFrontMatterFence(text: string): FrontMatterClose | undefined {
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  const opening = /---[ \t]*(\r\n|\r|\n)/y;
  opening.lastIndex = start;
  if (!opening.exec(text)) return undefined;
  const closing = /^(---|\.\.\.)[ \t]*$/gm;
  closing.lastIndex = opening.lastIndex;
  const match = closing.exec(text);
  return match ? (match[1] as FrontMatterClose) : undefined;
}

/**
 * Parses Markdown (CommonMark + GFM + YAML front matter) into an mdast tree whose
 * `position.*.offset` values are UTF-16 offsets into `text` itself. micromark drops
 * a leading BOM and counts from the character after it; that shift is undone here.
 */
export function parseMarkdown(text: string): Root {
  const hasBom = text.charCodeAt(0) === BOM;
  const source = hasBom ? text.slice(1) : text;
  const root = parseMarkdownSource(source, detectFrontMatterFence(text));
  // micromark drops a BOM that starts its input too: with two, offsets shift by both.
  if (hasBom) shiftOffsets(root, source.charCodeAt(0) === BOM ? 2 : 1);
  return root;
}

/**
 * Parses `source` as it stands (no BOM handling; offsets count from its first character)
 * with the processor for front matter closed by `close` (the `---` one when undefined).
 * The building block of {@link parseMarkdown} and of the piecewise parse in `pieces.ts`.
 */
export function parseMarkdownSource(source: string, close: FrontMatterClose | undefined): Root {
  const root = processors[close ?? '---'].parse(source) as Root & { checked?: unknown };
  // A task box on a line that lazily continues an empty list item (`-` then `[x] …`) is
  // marked on the node above its paragraph, which there is the root; a root is no task.
  delete root.checked;
  return root;
}

interface Positioned {
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Positioned[];
}

function shiftOffsets(root: Positioned, by: number): void {
  const stack: Positioned[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Positioned;
    if (node.position) {
      if (node.position.start.offset !== undefined) node.position.start.offset += by;
      if (node.position.end.offset !== undefined) node.position.end.offset += by;
    }
    if (node.children) stack.push(...node.children);
  }
}
