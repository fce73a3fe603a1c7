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
  const flat: OutlineSection[] = [];
  const top: OutlineSection[] = [];
  const open: OutlineSection[] = [];
  const children = root.children;
  const docEnd = text.length;
  const { facts, at } = headings;
  // Front matter is only ever the first node.
  const bodyFrom = children[0]?.type === 'yaml' ? 1 : 0;
  const preambleNodes = children.slice(bodyFrom, Math.max(bodyFrom, at[0] ?? children.length));
  for (let i = 0; i < facts.length; i++) {
    const index = at[i] as number;
    const section = new OutlineSection(facts[i] as HeadingFacts, children[index]?.position?.start.line ?? 1, children, index + 1, at[i + 1] ?? children.length);
    const start = section.headingRange.start;
    while (open.length > 0 && (open[open.length - 1] as OutlineSection).depth >= section.depth) {
      (open.pop() as OutlineSection).end = start;
    }
    // A section's own content ends where the next heading starts, at whatever level.
    const previous = flat[flat.length - 1];
    if (previous) previous.ownEnd = start;
    const parent = open[open.length - 1];
    if (!parent) top.push(section);
    else if (parent.children === NONE) parent.children = [section];
    else parent.children.push(section);
    open.push(section);
    flat.push(section);
  }
  const last = flat[flat.length - 1];
  if (last) last.ownEnd = docEnd;
  while (open.length > 0) (open.pop() as OutlineSection).end = docEnd;
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

// Most sections have no subsections: they share one empty list until they do.
const NONE: never[] = [];

/**
 * A section as {@link buildOutline} makes it. The outline is built again for every
 * version of a document, and a large spec has thousands of sections, which live until
 * the next version: so a section keeps its heading's facts and a few numbers, and works
 * out its ranges and own nodes when asked (each time: callers keep what they need).
 */
class OutlineSection implements Section {
  children: OutlineSection[] = NONE;
  /** Where the section ends; set once the next heading at its level or above is found. */
  end = 0;
  /** Where its own content ends: the start of the next heading, at any level. */
  ownEnd = 0;
  /** The document's top-level nodes; the section's own are `[from, to)`. Private, so that comparing two outlines does not compare whole trees. */
  readonly #nodes: readonly RootContent[];

  constructor(
    readonly facts: HeadingFacts,
    readonly line: number,
    nodes: readonly RootContent[],
    readonly from: number,
    readonly to: number,
  ) {
    this.#nodes = nodes;
  }

  get title(): string {
    return this.facts.title;
  }
  get depth(): number {
    return this.facts.depth;
  }
  get style(): 'atx' | 'setext' {
    return this.facts.style;
  }
  get headingRange(): OffsetRange {
    return this.facts.headingRange;
  }
  get titleRange(): OffsetRange {
    return this.facts.titleRange;
  }
  get range(): OffsetRange {
    return range(this.facts.headingRange.start, this.end);
  }
  get bodyRange(): OffsetRange {
    return range(this.facts.headingRange.end, this.end);
  }
  get ownRange(): OffsetRange {
    return range(this.facts.headingRange.end, this.ownEnd);
  }
  get ownNodes(): readonly RootContent[] {
    return this.to > this.from ? this.#nodes.slice(this.from, this.to) : NONE;
  }
}
