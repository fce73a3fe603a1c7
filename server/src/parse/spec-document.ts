import type { Root } from 'mdast';
import { findUnclosedFrontMatter, readFrontMatter, type FrontMatter } from './front-matter';
import { parseMarkdown } from './markdown';
import { findPlaceholders, type Placeholder } from './placeholders';
import type { OffsetRange } from './range';
import { buildOutline, type Outline } from './sections';

/**
 * Everything the rules and features know about one spec document. Built once per
 * document version by {@link parseSpec}; all ranges are UTF-16 offsets into `text`.
 */
export interface SpecDocument {
  readonly text: string;
  readonly root: Root;
  readonly frontMatter: FrontMatter | undefined;
  /** The opening fence of front matter that is never closed, if any. */
  readonly unclosedFrontMatter: OffsetRange | undefined;
  readonly outline: Outline;
  readonly placeholders: readonly Placeholder[];
}

/**
 * Parses a spec. Never throws on user content: malformed Markdown is still Markdown,
 * and YAML problems are recorded on `frontMatter.errors`.
 */
export function parseSpec(text: string): SpecDocument {
  const root = parseMarkdown(text);
  const frontMatter = readFrontMatter(text, root);
  return {
    text,
    root,
    frontMatter,
    unclosedFrontMatter: findUnclosedFrontMatter(text, frontMatter !== undefined),
    outline: buildOutline(text, root),
    placeholders: findPlaceholders(text, root, frontMatter),
  };
}
