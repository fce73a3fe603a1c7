import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { readFrontMatter } from '../core/parse/front-matter';
import { detectFrontMatterFence, parseMarkdown, parseMarkdownSource } from '../core/parse/markdown';
import { range, type OffsetRange } from '../core/parse/range';
import { frontMatterEnd, isAtxAt, lineEnd, nextLine } from '../core/parse/piece-cuts';
import { prescan } from '../core/parse/prescan';
import { BUILT_IN_ID_PREFIXES, demoteRestatedTasks, findRequirementIds, requirementIdsOf, type IdDefinition, type IdOccurrence } from '../core/parse/requirement-ids';
import type { SpecDocument } from '../core/parse/spec-document';

/** What the workspace index keeps of a file it read: its title, its requirement IDs and whether its front matter opts it in. */
export interface TextIndex {
  /** The first top-level heading: its text (as `mdast-util-to-string` gives it, trimmed) and its range. */
  readonly title: { readonly text: string; readonly range: OffsetRange } | undefined;
  /**
   * What `findRequirementIds` finds in the whole document, in document order, with task IDs
   * restated in plain lists as references (as `requirementIdsOf` gives an open document's).
   */
  readonly occurrences: readonly IdOccurrence[];
  /** The front matter names a Specwright template (`specwright: <id>`). */
  readonly optedIn: boolean;
}

/** How {@link indexText} went, for tests and logs. */
export interface TextIndexStats {
  /** Code units given to the Markdown parser (the text's length when it was parsed whole). */
  readonly parsed: number;
  /** Why the whole text was parsed, or undefined when only parts of it were. */
  readonly whole: string | undefined;
}

const BOM = 0xfeff;

/**
 * The reference: parses the whole text, as the index always did. {@link indexText} must
 * give exactly this.
 */
export function indexTextWhole(text: string, idPrefixes: readonly string[] = []): TextIndex {
  // Parsed as the spec model parses it: pathological regions as plain text (see prescan.ts).
  const source = prescan(text).text;
  let root: Root;
  try {
    root = parseMarkdown(source);
  } catch {
    // The parser failed on a shape the pre-scan does not know: nothing to index.
    return { title: undefined, occurrences: [], optedIn: false };
  }
  return { title: titleOf(root.children), occurrences: demoteRestatedTasks(findRequirementIds(source, root, { extraPrefixes: idPrefixes })), optedIn: optedIn(source, root) };
}

/**
 * {@link indexTextWhole}, parsing only the parts of the text that can change the answer.
 *
 * The text is cut around ATX headings at the left margin (`#` … `######`) that no fenced
 * code block or HTML block at the top level can still hold open (see {@link cutsOf}).
 * Such a line closes every block and container before it and is a block of one line, so
 * the document parses as its pieces parsed one after another: what comes before the
 * first of these headings, then each heading line, then the text up to the next one.
 * The pieces needed are those up to the first heading line (front matter and the title:
 * the first top-level heading is before it or is it) and those where a requirement ID
 * can occur (a cheap search with no look-around, which finds a superset), with the text
 * after a heading that has one (a heading defines an ID for the blocks after it). Runs
 * of needed pieces are parsed as one text, a run that ends before a heading line
 * followed by that line, so that its last blocks end exactly as they do in the document;
 * the nodes of those lines are then dropped. What is found is moved back to document
 * offsets.
 *
 * Link and footnote definitions apply across the whole document: a piece that may
 * define a label a parsed piece may use is parsed too (see {@link neededForDefinitions}).
 * The whole text is parsed when the cut search is unsure from the start (no cut), for
 * front matter left open (remark-frontmatter then reads no list or block quote
 * anywhere), for a second byte-order mark, and whenever the parsed pieces do not come
 * out as expected.
 */
export function indexText(original: string, idPrefixes: readonly string[] = []): TextIndex & { readonly stats: TextIndexStats } {
  // Same length and line breaks as the original: every offset found holds for it too.
  const text = prescan(original).text;
  try {
    return indexParsedText(text, idPrefixes);
  } catch {
    return { title: undefined, occurrences: [], optedIn: false, stats: { parsed: text.length, whole: 'parser failed' } };
  }
}

function indexParsedText(text: string, idPrefixes: readonly string[]): TextIndex & { readonly stats: TextIndexStats } {
  const whole = (why: string) => ({ ...indexTextWhole(text, idPrefixes), stats: { parsed: text.length, whole: why } });
  if (text.charCodeAt(0) === BOM) return whole('byte-order mark');
  const close = detectFrontMatterFence(text);
  if (/^---[ \t]*(?:\r\n|\r|\n)/.test(text) && close === undefined) return whole('front matter not closed');
  const bodyStart = frontMatterEnd(text, close);
  const cuts = cutsOf(text, bodyStart);
  if (cuts.length === 0) return whole('no cut');

  // Pieces: what comes before the first cut, then each heading line and the body after it.
  const bounds: number[] = [];
  const isHeading: boolean[] = [];
  if (cuts[0] !== 0) {
    bounds.push(0);
    isHeading.push(false);
  }
  for (const [k, cut] of cuts.entries()) {
    bounds.push(cut);
    isHeading.push(true);
    const body = nextLine(text, cut);
    if (body < text.length && cuts[k + 1] !== body) {
      bounds.push(body);
      isHeading.push(false);
    }
  }
  bounds.push(text.length);
  const pieces = bounds.length - 1;
  const needed = new Uint8Array(pieces);
  // The title: the first top-level heading is before the first cut or the heading at it.
  const firstHeading = isHeading.indexOf(true);
  needed.fill(1, 0, firstHeading + 1);
  const candidate = idCandidates(idPrefixes);
  let piece = 0;
  for (let match = candidate.exec(text); match; match = candidate.exec(text)) {
    while ((bounds[piece + 1] as number) <= match.index) piece++;
    needed[piece] = 1;
    // A heading that defines an ID does so for the blocks after it: its body is needed too.
    if (isHeading[piece] && piece + 1 < pieces && !isHeading[piece + 1]) needed[piece + 1] = 1;
    // Nothing more to find in this piece.
    candidate.lastIndex = bounds[piece + 1] as number;
  }
  neededForDefinitions(text, bounds, needed);
  if (needed.every((flag) => flag === 1)) return whole('every piece needed');

  // The runs of needed pieces. A run that ends before a heading line is followed by that
  // line; one that ends with a heading line needs nothing after it.
  const segments: Segment[] = [];
  const closers: number[] = [];
  /** Where parsed heading lines start in the source: each must parse as one heading. */
  const headings = new Set<number>();
  let source = '';
  for (let i = 0; i < pieces; ) {
    if (!needed[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < pieces && needed[j]) j++;
    const start = bounds[i] as number;
    const end = bounds[j] as number;
    segments.push({ from: source.length, to: source.length + (end - start), shift: start - source.length });
    for (let k = i; k < j; k++) if (isHeading[k]) headings.add(source.length + (bounds[k] as number) - start);
    source += text.slice(start, end);
    if (j < pieces && isHeading[j]) {
      closers.push(source.length);
      source += text.slice(end, nextLine(text, end));
    }
    i = j;
  }
  const root = parseMarkdownSource(source, close);
  // Every closing line must be one heading of its own, and every other node inside one segment.
  const kept: RootContent[] = [];
  let closer = 0;
  for (const node of root.children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return whole('a node without a position');
    if (closer < closers.length && start >= (closers[closer] as number)) {
      if (start !== closers[closer] || node.type !== 'heading') return whole('a closing line did not parse as a heading');
      closer++;
      continue;
    }
    const segment = segmentAt(segments, start);
    if (!segment || end > segment.to) return whole('a node across a cut');
    if (headings.delete(start) && node.type !== 'heading') return whole('a heading line did not parse as a heading');
    kept.push(node);
  }
  if (closer !== closers.length || headings.size > 0) return whole('a heading at a cut went missing');
  // Front matter, if any, must end where the cuts were looked for from.
  const head = root.children[0];
  if ((head?.type === 'yaml') !== (close !== undefined) || (head?.type === 'yaml' && nextLine(text, head.position?.end.offset ?? 0) !== bodyStart)) {
    return whole('front matter not where expected');
  }

  const occurrences: IdOccurrence[] = [];
  for (const occurrence of findRequirementIds(source, root, { extraPrefixes: idPrefixes })) {
    const segment = segmentAt(segments, occurrence.range.start);
    if (!segment) return whole('an ID outside the parsed pieces');
    occurrences.push(moved(occurrence, segment.shift));
  }
  // The first segment runs from offset 0 to the first heading line at least: the title and
  // the front matter keep their offsets.
  const title = titleOf(kept);
  if (!title || title.range.end > (segments[0] as Segment).to) return whole('no title in the first pieces');
  return { title, occurrences: demoteRestatedTasks(occurrences), optedIn: mentionsSpecwright(text) && frontMatterOptsIn(source, root), stats: { parsed: source.length, whole: undefined } };
}

/**
 * Where a requirement ID may start: each built-in or given prefix and the digits it needs, with
 * none of the ID pattern's look-arounds, so that it finds a superset of the IDs.
 */
function idCandidates(idPrefixes: readonly string[]): RegExp {
  const alternatives = [...BUILT_IN_ID_PREFIXES, ...idPrefixes].map((prefix) => (prefix.endsWith('-') ? `${prefix}\\d` : `${prefix}\\d{3}`));
  return new RegExp(alternatives.join('|'), 'g');
}

/**
 * Marks as needed the pieces that may define a link or footnote label that a needed
 * piece may use: a label is matched case-insensitively with its white space collapsed
 * (`[Foo  bar]` uses `[foo bar]: /url`), so a use contains each word of the definition's
 * label, folded. A piece whose `]:` has no `[` before it is needed as well. Repeated
 * until no piece is added, so definitions are parsed in the same order as in the text
 * (the first definition of a label wins).
 */
function neededForDefinitions(text: string, bounds: readonly number[], needed: Uint8Array): void {
  const labels: { piece: number; word: string }[] = [];
  for (let i = 0; i < needed.length; i++) {
    if (needed[i]) continue;
    const end = bounds[i + 1] as number;
    for (let at = text.indexOf(']:', bounds[i]); at !== -1 && at < end; at = text.indexOf(']:', at + 2)) {
      // Labels are at most 999 characters and hold no unescaped bracket; the last `[` before
      // `]:` gives the label or, when a bracket inside it is escaped, a part of its end.
      const open = text.lastIndexOf('[', at);
      if (open === -1 || at - open > 1000) {
        needed[i] = 1;
        break;
      }
      const words = text.slice(open + 1, at).split(/[\t\n\r ]+/).filter((word) => word !== '');
      const word = words.reduce((longest, next) => (next.length > longest.length ? next : longest), '');
      labels.push({ piece: i, word: fold(word) });
    }
  }
  if (labels.length === 0) return;
  for (let changed = true; changed; ) {
    changed = false;
    let used = '';
    for (let i = 0; i < needed.length; i++) if (needed[i]) used += fold(text.slice(bounds[i], bounds[i + 1]));
    for (const label of labels) {
      if (!needed[label.piece] && used.includes(label.word)) {
        needed[label.piece] = 1;
        changed = true;
      }
    }
  }
}

/** Case folding as micromark matches labels (`normalizeIdentifier`). */
function fold(value: string): string {
  return value.toLowerCase().toUpperCase();
}

interface Segment {
  /** Where the segment lies in the parsed source. */
  readonly from: number;
  readonly to: number;
  /** Document offset minus source offset. */
  readonly shift: number;
}

function segmentAt(segments: readonly Segment[], offset: number): Segment | undefined {
  for (const segment of segments) if (offset >= segment.from && offset < segment.to) return segment;
  return undefined;
}

function moved(occurrence: IdOccurrence, by: number): IdOccurrence {
  if (by === 0) return occurrence;
  const at = range(occurrence.range.start + by, occurrence.range.end + by);
  const definition = occurrence.definition;
  if (!definition) return { ...occurrence, range: at };
  const { block, tableHead } = definition;
  const movedDefinition: IdDefinition = {
    ...definition,
    block: range(block.start + by, block.end + by),
    ...(tableHead ? { tableHead: range(tableHead.start + by, tableHead.end + by) } : {}),
  };
  return { ...occurrence, range: at, definition: movedDefinition };
}

export function titleOf(children: readonly RootContent[]): TextIndex['title'] {
  const heading = children.find((node): node is Heading => node.type === 'heading');
  const start = heading?.position?.start.offset;
  const end = heading?.position?.end.offset;
  return heading && start !== undefined && end !== undefined ? { text: toString(heading).trim(), range: range(start, end) } : undefined;
}

/**
 * What {@link indexText} finds, taken from a document that is parsed whole anyway (for its
 * trace): one parse of the file instead of two.
 */
export function indexOfDocument(document: SpecDocument, idPrefixes: readonly string[] = []): TextIndex {
  return { title: titleOf(document.root.children), occurrences: requirementIdsOf(document, { extraPrefixes: idPrefixes }), optedIn: optedIn(document.text, document.root) };
}

function optedIn(text: string, root: Root): boolean {
  return mentionsSpecwright(text) && frontMatterOptsIn(text, root);
}

function frontMatterOptsIn(text: string, root: Root): boolean {
  return readFrontMatter(text, root)?.entries.some((entry) => entry.key === 'specwright' && Boolean(entry.value)) ?? false;
}

/** Whether front matter at the top of `text` mentions `specwright` (a necessary condition for opting in). */
export function mentionsSpecwright(text: string): boolean {
  if (!/^---[ \t]*\r?\n/.test(text)) return false;
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(3));
  return text.slice(0, close ? close.index + 3 : text.length).includes('specwright');
}

function includesBetween(text: string, what: string, start: number, end: number): boolean {
  const at = text.indexOf(what, start);
  return at !== -1 && at + what.length <= end;
}

// ---------------------------------------------------------------------------------------
// Where the text can be cut

/**
 * The starts of the lines, from `from` on, that are ATX headings at the left margin
 * outside any fenced code block or HTML block at the top level: each closes every other
 * block before it (lists, block quotes, footnotes, tables, paragraphs, indented code).
 *
 * Only what is certain is used. A fence or an HTML comment that starts at the margin is
 * at the top level whatever came before (it interrupts a paragraph or a table, and a
 * container needs its indentation or marker), and its end is the same there. A line of
 * one to three spaces and a fence, or a line that may start any other HTML block (a tag
 * at the margin may also be the lazy text of a paragraph), could be inside a container
 * or not: from there on no line is taken as a cut. Lines indented four columns or more
 * open nothing at the top level, and no other line opens a block that a heading at the
 * margin would not close.
 */
export function cutsOf(text: string, from: number): number[] {
  const cuts: number[] = [];
  let fence: { char: number; length: number } | undefined;
  let comment = false;
  for (let at = from; at < text.length; ) {
    const eol = lineEnd(text, at);
    const next = nextLine(text, eol);
    let column = 0;
    let i = at;
    for (; i < eol; i++) {
      const code = text.charCodeAt(i);
      if (code === 32) column++;
      else if (code === 9) column += 4 - (column % 4);
      else break;
    }
    if (fence) {
      if (column <= 3 && closesFence(text, i, eol, fence)) fence = undefined;
    } else if (comment) {
      if (includesBetween(text, '-->', at, eol)) comment = false;
    } else if (i < eol && column <= 3) {
      const code = text.charCodeAt(i);
      if (code === 35) {
        if (column === 0 && isAtxAt(text, i, eol)) cuts.push(at);
      } else if (code === 96 || code === 126) {
        let j = i;
        while (j < eol && text.charCodeAt(j) === code) j++;
        if (j - i >= 3 && (code === 126 || !includesBetween(text, '`', j, eol))) {
          if (column > 0) return cuts;
          fence = { char: code, length: j - i };
        }
      } else if (code === 60) {
        const after = text.charCodeAt(i + 1);
        // `<` then a letter, `/`, `!` or `?` may start an HTML block; anything else is text.
        const isLetter = (after >= 65 && after <= 90) || (after >= 97 && after <= 122);
        if (isLetter || after === 47 || after === 33 || after === 63) {
          if (column > 0 || !text.startsWith('<!--', i)) return cuts;
          // `<!-->` and `<!--->` are whole comments; leave them to the parser.
          if (text.startsWith('>', i + 4) || text.startsWith('->', i + 4)) return cuts;
          comment = !includesBetween(text, '-->', i + 4, eol);
        }
      }
    }
    at = next;
  }
  return cuts;
}

function closesFence(text: string, at: number, eol: number, fence: { char: number; length: number }): boolean {
  let i = at;
  while (i < eol && text.charCodeAt(i) === fence.char) i++;
  if (i - at < fence.length) return false;
  for (; i < eol; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
