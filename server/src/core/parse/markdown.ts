import type { Root } from 'mdast';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import type { Construct, Extension } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

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
  '---': unified().use(remarkParse).use(gfmForReading).use(remarkFrontmatter, ['yaml']),
  '...': unified()
    .use(remarkParse)
    .use(gfmForReading)
    .use(remarkFrontmatter, [{ type: 'yaml', fence: { open: '---', close: '...' } }]),
};

/**
 * GitHub Flavored Markdown (tables, task items, footnotes, strikethrough, literal `https://`
 * and `www.` links) as remark-gfm reads it, but a bare e-mail address stays text. micromark's
 * e-mail construct is tried at the start of every word, which made it about a third of the
 * whole parse of a corpus of specs; and the mdast transform that links addresses and URLs
 * micromark did not link again, over every text node, makes nodes without positions. Nothing
 * checked here depends on an address being a link; `[name](mailto:…)` and `<a@b.c>` still are.
 */
function gfmForReading(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: (FromMarkdownExtension | FromMarkdownExtension[])[] };
  (data.micromarkExtensions ??= []).push(withoutEmailLiterals(gfm()));
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown().map(({ transforms: _linksAgain, ...extension }) => extension));
}

function withoutEmailLiterals(extension: Extension): Extension {
  const text: NonNullable<Extension['text']> = {};
  for (const [code, constructs] of Object.entries(extension.text ?? {})) {
    const kept = ([] as Construct[]).concat(constructs as Construct | Construct[]).filter((construct) => construct.name !== 'emailAutolink');
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { ...extension, text };
}

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
