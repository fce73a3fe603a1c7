import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { range, type OffsetRange } from './range';
import { detached } from './strings';

/** A heading and everything under it up to the next heading of the same or a higher level. */
export interface Section {
  /** The heading's text as a reader sees it (`Problem Statement`, emphasis and code unwrapped). */
  readonly title: string;
  /** 1–6. */
  readonly depth: number;
  /** Whether the heading is written `## Title` (atx) or underlined (setext). */
  readonly style: 'atx' | 'setext';
  /** The heading line(s), markers included. */
  readonly headingRange: OffsetRange;
  /** The 1-based line the heading starts on (line breaks are `\r\n`, `\r` or `\n`). */
  readonly line: number;
  /** The heading's text inside the markers. */
  readonly titleRange: OffsetRange;
  /** From the start of the heading to the end of the section (the start of the next heading at this level or above). */
  readonly range: OffsetRange;
  /** From the end of the heading to the end of the section. */
  readonly bodyRange: OffsetRange;
  /** The part of the body before the first subsection: the section's own content. */
  readonly ownRange: OffsetRange;
  /** The top-level mdast nodes of the section's own content. */
  readonly ownNodes: readonly RootContent[];
  readonly children: readonly Section[];
}

/** The section tree of a document, plus what stands before the first heading. */
export interface Outline {
  readonly sections: readonly Section[];
  /** Every section in document order (a flat view of the tree). */
  readonly flat: readonly Section[];
  /** Content between the front matter and the first heading. */
  readonly preamble: OffsetRange;
  readonly preambleNodes: readonly RootContent[];
}

interface MutableSection extends Omit<Section, 'children' | 'range' | 'bodyRange' | 'ownRange' | 'ownNodes'> {
  children: MutableSection[];
  range: OffsetRange;
  bodyRange: OffsetRange;
  ownRange: OffsetRange;
  ownNodes: RootContent[];
}

/** The top-level headings of a document: their facts, and where they are in `root.children`. */
export interface TopHeadings {
  readonly facts: readonly HeadingFacts[];
  /** `facts[i]` is the heading at `root.children[at[i]]`; increasing. */
  readonly at: readonly number[];
}

/**
 * Builds the section tree from the top-level headings of the mdast (headings inside
 * lists, block quotes and code are content, not sections). Iterative, so a document
 * with tens of thousands of headings cannot overflow the stack. `headings`, when given,
 * must be what {@link topHeadings} finds; the nodes between two headings are then taken
 * as a slice, without looking at each one.
 */
export function buildOutline(text: string, root: Root, headings: TopHeadings = topHeadings(text, root)): Outline {
  const flat: MutableSection[] = [];
  const top: MutableSection[] = [];
  const open: MutableSection[] = [];
  const children = root.children;
  const docEnd = text.length;
  const { facts, at } = headings;
  // Front matter is only ever the first node.
  const bodyFrom = children[0]?.type === 'yaml' ? 1 : 0;
  const preambleNodes = children.slice(bodyFrom, Math.max(bodyFrom, at[0] ?? children.length));
  for (let i = 0; i < facts.length; i++) {
    const index = at[i] as number;
    const section = fromFacts(facts[i] as HeadingFacts, children[index]?.position?.start.line ?? 1);
    const ownEnd = at[i + 1] ?? children.length;
    if (ownEnd > index + 1) section.ownNodes = children.slice(index + 1, ownEnd);
    const start = section.headingRange.start;
    while (open.length > 0 && (open[open.length - 1] as MutableSection).depth >= section.depth) {
      close(open.pop() as MutableSection, start);
    }
    // A section's own content ends where the next heading starts, at whatever level.
    const previous = flat[flat.length - 1];
    if (previous) previous.ownRange = range(previous.headingRange.end, start);
    const parent = open[open.length - 1];
    if (!parent) top.push(section);
    else if (parent.children === NONE) parent.children = [section];
    else parent.children.push(section);
    open.push(section);
    flat.push(section);
  }
  const last = flat[flat.length - 1];
  if (last) last.ownRange = range(last.headingRange.end, docEnd);
  while (open.length > 0) close(open.pop() as MutableSection, docEnd);
  const firstHeading = flat[0]?.headingRange.start ?? docEnd;
  const bodyStart = Math.min(bodyFrom === 1 ? (children[0]?.position?.end.offset ?? 0) : 0, firstHeading);
  return { sections: top, flat, preamble: range(bodyStart, firstHeading), preambleNodes };
}

/**
 * The top-level headings that become sections: those with a position (every heading
 * the parser makes). A heading without one would be left out of the outline but kept
 * in its section's nodes.
 */
export function topHeadings(text: string, root: { readonly children: readonly RootContent[] }): { facts: HeadingFacts[]; at: number[] } {
  const facts: HeadingFacts[] = [];
  const at: number[] = [];
  const children = root.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i] as RootContent;
    if (node.type !== 'heading' || !hasOffsets(node)) continue;
    facts.push(headingFacts(text, node) as HeadingFacts);
    at.push(i);
  }
  return { facts, at };
}

/** Whether a node's position has both offsets (then {@link headingFacts} gives a heading's facts). */
export function hasOffsets(node: RootContent): boolean {
  return node.position?.start.offset !== undefined && node.position.end.offset !== undefined;
}

/** What a section takes from its heading: worked out once per heading and kept with a parsed piece. */
export interface HeadingFacts {
  readonly title: string;
  readonly depth: number;
  readonly style: 'atx' | 'setext';
  readonly headingRange: OffsetRange;
  readonly titleRange: OffsetRange;
}

/** The facts of a heading node with a position (headings from the parser always have one). */
export function headingFacts(text: string, node: Heading): HeadingFacts | undefined {
  const titleRange = titleRangeOf(node);
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (!titleRange || start === undefined || end === undefined) return undefined;
  const style = text.charCodeAt(start) === 0x23 /* # */ || /^[ \t]{0,3}#/.test(text.slice(start, start + 4)) ? 'atx' : 'setext';
  // A flat copy: the title is looked up in maps on every version, and a view into the
  // parsed text is several times slower to hash and compare (and keeps that text alive).
  return { title: detached(toString(node).trim()), depth: node.depth, style, headingRange: range(start, end), titleRange };
}

/** The heading's text inside its markers; undefined for a heading without a position. */
export function titleRangeOf(node: Heading): OffsetRange | undefined {
  const end = node.position?.end.offset;
  if (node.position?.start.offset === undefined || end === undefined) return undefined;
  const first = node.children[0]?.position?.start.offset ?? end;
  const last = node.children[node.children.length - 1]?.position?.end.offset ?? first;
  return range(first, last);
}

// The ranges that depend on where a section ends are set once its end is known (in
// `buildOutline` and `close`); a large outline has thousands of sections.
// Likewise most sections have no subsections: they share one empty list until they do.
const UNSET: OffsetRange = { start: 0, end: 0 };
const NONE: never[] = [];

function fromFacts(facts: HeadingFacts, line: number): MutableSection {
  return {
    title: facts.title,
    depth: facts.depth,
    style: facts.style,
    headingRange: facts.headingRange,
    line,
    titleRange: facts.titleRange,
    range: UNSET,
    bodyRange: UNSET,
    ownRange: UNSET,
    ownNodes: NONE,
    children: NONE,
  };
}

function close(section: MutableSection, end: number): void {
  section.range = range(section.headingRange.start, end);
  section.bodyRange = range(section.headingRange.end, end);
}
