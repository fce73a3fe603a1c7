import type { RootContent } from 'mdast';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import type { RequirementBlocks } from './family';

/** One requirement block of a document: its heading section and what it holds. */
export interface Block {
  readonly name: string;
  readonly section: Section;
  /** The block's text before its first child heading, fenced code left out; metadata lines (`**ID**: …`) count only when nothing else is there. */
  readonly text: string;
  /** Its child sections at the children's level (scenarios). */
  readonly children: readonly Section[];
}

/** Titles compared as a reader would: case, surrounding space and a trailing colon aside. */
export function sameTitle(a: string, b: string): boolean {
  const fold = (title: string) => title.replace(/\s+/g, ' ').replace(/:$/, '').trim().toLowerCase();
  return fold(a) === fold(b);
}

/** The sections titled `title`, anywhere in the outline. */
export function sectionsTitled(document: SpecDocument, title: string): Section[] {
  return document.outline.flat.filter((section) => sameTitle(section.title, title));
}

/** The block a heading section opens, if its title has the blocks' form. */
export function blockOf(document: SpecDocument, section: Section, blocks: RequirementBlocks): Block | undefined {
  if (blocks.depth !== undefined && section.depth !== blocks.depth) return undefined;
  const match = blocks.heading.exec(section.title.trim());
  const name = match?.[1]?.trim();
  if (!match || !name) return undefined;
  const children = blocks.children ? section.children.filter((child) => child.depth === blocks.children?.depth) : [];
  return { name, section, text: ownText(document, section), children };
}

/** The blocks inside a section (at any depth below it). */
export function blocksIn(document: SpecDocument, parent: Section, blocks: RequirementBlocks): Block[] {
  const found: Block[] = [];
  const stack = [...parent.children].reverse();
  while (stack.length > 0) {
    const section = stack.pop() as Section;
    const block = blockOf(document, section, blocks);
    if (block) found.push(block);
    else for (let i = section.children.length - 1; i >= 0; i--) stack.push(section.children[i] as Section);
  }
  return found;
}

const METADATA_LINE = /^\*\*[^*]+\*\*:/;

/** A section's own text, without fenced or indented code; metadata lines only when nothing else is there. */
export function ownText(document: SpecDocument, section: Section): string {
  const lines: string[] = [];
  const metadata: string[] = [];
  for (const node of section.ownNodes as readonly RootContent[]) {
    if (node.type === 'code' || node.type === 'html') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    for (const line of document.text.slice(start, end).split(/\r\n?|\n/)) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      (METADATA_LINE.test(trimmed) ? metadata : lines).push(trimmed);
    }
  }
  return (lines.length > 0 ? lines : metadata).join('\n');
}

/** A section's whole text (its own and its subsections'), trimmed. */
export function bodyText(document: SpecDocument, section: Section): string {
  return document.text.slice(section.bodyRange.start, section.bodyRange.end).trim();
}

/** Whether `text` uses one of `words` as a whole word. */
export function usesWord(text: string, words: readonly string[]): boolean {
  return words.some((word) => new RegExp(`(?<![\\p{L}\\p{N}_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u').test(text));
}
