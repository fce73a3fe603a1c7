import type { Nodes, RootContent } from 'mdast';
import { detectFrontMatterFence, parseMarkdownSource, type FrontMatterClose } from './markdown';
import { detached } from './strings';

/**
 * The piecewise parse: a document is cut into pieces at headings that start at the left
 * margin, each piece is parsed on its own, and the pieces' trees are put side by side
 * with their positions re-based. The result equals a parse of the whole document (the
 * property tests in test/unit/incremental.test.ts hold it to that), and it is cheap to
 * keep up to date: after an edit only the pieces whose text changed are parsed again.
 *
 * Why this is exact. Markdown's block structure is read line by line. A line that starts
 * at the left margin with `#` (an ATX heading), or a line at the left margin after a
 * blank line that can only begin a paragraph (not a list item, block quote, fence or
 * HTML: the first line of a paragraph, a setext heading or a table), cannot continue an
 * open container (list item, block quote and footnote definition need indentation or a
 * marker; lazy lines only continue paragraphs) nor a paragraph, table or indented code.
 * Only a fenced code block or an HTML block left open can swallow it; inside a
 * container such a block would be closed by the line, but the container's end position
 * would then differ from where the end of a piece puts it. So a cut before such a line
 * is safe when the piece before it, parsed alone, ends with neither, at any depth: that
 * is checked on the piece's own tree after parsing it, and a cut that fails the check
 * is dropped (the two pieces become one). The line scanner that proposes cuts skips
 * fences and HTML blocks so that this is rare. Two quirks of the whole-document parse
 * are kept by parsing such documents in one piece: front matter opened but never closed
 * (remark-frontmatter then reads no list or block quote anywhere), and two byte-order
 * marks at the start (micromark skips the second, which shifts every offset).
 *
 * What Markdown shares across the whole document is definitions: `[label]` is a link
 * only if some `[label]: url` exists anywhere, `[^1]` a footnote call only if `[^1]:`
 * exists. A piece that mentions a label defined in another piece is therefore parsed
 * with those definitions written before it (and their nodes removed afterwards), so it
 * sees exactly the definitions the whole document has.
 */

type Point = { line: number; column: number; offset?: number };
interface Node {
  type: string;
  position?: { start: Point; end: Point };
  children?: Node[];
  [key: string]: unknown;
}

/** One parsed piece, shared between document versions that contain its text at any place. */
export interface PieceEntry {
  /** The cache key: the text, marked for the first piece (front matter, byte-order mark). */
  readonly key: string;
  /** The piece's text, a copy independent of any one version of the document. */
  readonly text: string;
  readonly first: boolean;
  /** Line endings in `text`. */
  readonly lineEndings: number;
  /** Whether a cut right after this piece is safe: nothing is left open that a following line could continue. */
  readonly clean: boolean;
  /** The first piece opens with `---` but micromark read no front matter (see the quirk in `layoutPieces`). */
  readonly frontMatterFailed: boolean;
  /** The definitions this piece makes, as `l:identifier` (links) and `f:identifier` (footnotes), each with the text that mentions of it must contain. */
  readonly definitions: readonly Definition[];
  /** The definitions of other pieces this parse was given (sorted keys). */
  readonly given: readonly string[];
  /** Where the tree below is placed: document offset and line of the piece's start. */
  start: number;
  line: number;
  /** The piece's top-level nodes, positioned for `start` and `line`. */
  children: RootContent[];
  /** The piece's end point, positioned the same way. */
  end: Point;
  /** The start point of the document's root (first piece only). */
  readonly rootStart: Point;
  /** Whether `children` went into some document's tree (then they are copied, not moved, to place them elsewhere). */
  handedOut: boolean;
  /** The document that last took `children` over (see {@link place}). */
  owner?: object;
  /**
   * Every position point in `children`, once each, so that moving the piece is one
   * loop over points instead of a walk over nodes of many shapes. Built on the first
   * move, which also makes nodes that start or end at the same place share one point;
   * dropped when `children` is replaced by a copy.
   */
  points?: Point[];
  /** Where the text that can mention definitions starts (after front matter in the first piece). */
  readonly bodyStart: number;
  /** That text case-folded, for mention checks; built when first needed. */
  folded?: string;
}

/** A definition a piece makes. */
export interface Definition {
  readonly key: string;
  /** What a piece's folded text must contain to possibly mention it ('' for anything, `[` for any piece with a bracket). */
  readonly mention: string;
  /** The line that defines it again, written before a piece that needs it. */
  readonly line: string;
}

/** A piece placed in one version of a document. */
export interface PlacedPiece {
  readonly start: number;
  readonly end: number;
  /** Zero-based line of `start`. */
  readonly line: number;
  /** The piece parsed without definitions from elsewhere: its cut check and its own definitions. */
  readonly plain: PieceEntry;
  /** The parse used in the tree: `plain`, or the piece parsed with the definitions it needs. */
  readonly entry: PieceEntry;
  /** Taken over from the previous version unchanged (its text, and so its needs, are the same). */
  readonly carried?: boolean;
}

/** The pieces of one version of a document, and what the next version can reuse. */
export interface PieceLayout {
  readonly text: string;
  readonly pieces: readonly PlacedPiece[];
  readonly close: FrontMatterClose | undefined;
  /** Every definition of the document, by key. */
  readonly definitions: ReadonlyMap<string, Definition>;
  /** `definitions`' keys, sorted and joined: equal strings, equal sets. */
  readonly definitionsKey: string;
  /** Parsed pieces by key, least recently used first; shared along a document's versions. */
  readonly cache: Map<string, PieceEntry>;
  /** How the layout was made, for tests and benchmarks. */
  readonly stats: { parsed: number; reused: number; merged: number };
}

/** Options for {@link layoutPieces}. */
export interface LayoutOptions {
  /**
   * Pieces shorter than this (UTF-16 code units) are not cut off where they could be.
   * Each parse has a fixed cost (remark assembles its parser and compiler anew, about
   * half a millisecond), so a document parsed for the first time is cut into pieces of
   * about two kilobytes (one piece when it is small); after an edit, the changed part is
   * cut wherever it can be, so that the next keystroke there parses as little as possible.
   */
  readonly minPieceSize?: number;
}

/** The default {@link LayoutOptions.minPieceSize} of a first parse. */
export const FIRST_PARSE_MIN_PIECE = 2 * 1024;

/** Pieces kept for reuse beyond those of the current version (undo, retyping). */
const SPARE_ENTRIES = 256;
/** Cuts a version may drop (pieces merged because one ended inside a fence or HTML block) before the rest is parsed as one piece. */
const MAX_MERGES = 16;
const BOM = 0xfeff;

/**
 * Cuts `text` into pieces and parses them, reusing the pieces of `previous` (an earlier
 * version of the same document) whose text is unchanged.
 */
export function layoutPieces(text: string, previous?: PieceLayout, options: LayoutOptions = {}): PieceLayout {
  const minPieceSize = options.minPieceSize ?? (previous ? 0 : FIRST_PARSE_MIN_PIECE);
  if (previous && previous.text === text) return previous;
  const close = detectFrontMatterFence(text);
  const cache = previous?.cache ?? new Map<string, PieceEntry>();
  const stats = { parsed: 0, reused: 0, merged: 0 };
  const old = previous && previous.close === close && firstKeyMatches(previous, text) ? previous.pieces : [];
  const oldText = previous?.text ?? '';
  const oldLength = oldText.length;
  const delta = text.length - oldLength;
  const same = old.length > 0 ? commonPrefix(oldText, text) : 0;
  const sameEnd = old.length > 0 ? commonSuffix(oldText, text, Math.min(oldLength, text.length) - same) : 0;

  // Unchanged pieces at the start: they end before the first difference (the last piece
  // ends with the document, which changed).
  let kept = 0;
  while (kept < old.length && (old[kept] as PlacedPiece).end <= same && (old[kept] as PlacedPiece).end < oldLength) kept++;
  // The first changed piece must still start at a cut.
  while (kept > 0 && !isCutAt(text, (old[kept] as PlacedPiece).start)) kept--;
  const regionStart = kept > 0 ? (old[kept] as PlacedPiece).start : 0;

  // Unchanged pieces at the end: they start after the last difference, moved by the
  // length difference.
  let suffix = old.length;
  while (suffix > Math.max(kept, 1) && (old[suffix - 1] as PlacedPiece).start >= oldLength - sameEnd && (old[suffix - 1] as PlacedPiece).start + delta >= regionStart) suffix--;

  const pieces: PlacedPiece[] = old.slice(0, kept).map((piece) => (piece.carried ? piece : { ...piece, carried: true }));
  stats.reused += kept;
  let start = regionStart;
  let line = kept > 0 ? (old[kept] as PlacedPiece).line : 0;
  // Quirk of remark-frontmatter: when a document opens with `---` but its front matter is
  // not closed, micromark reads no list or block quote anywhere after it. Such a document
  // is parsed in one piece, as its whole-document parse is the reference.
  // Likewise micromark skips a byte-order mark at the start of what it is given, so of two
  // at the start of a document the second shifts every offset after it.
  const single = (opensFrontMatter(text) && close === undefined) || text.startsWith('\uFEFF\uFEFF');
  const scanFrom = single ? text.length : start > 0 ? start : Math.max(frontMatterEnd(text, close), text.charCodeAt(0) === BOM ? 1 : 0);
  const scanner = new CutScanner(text, start, scanFrom);
  let next = suffix;
  for (;;) {
    // Back in step with the previous version: the rest is its pieces, moved.
    while (next < old.length && (old[next] as PlacedPiece).start + delta < start) next++;
    if (next < old.length && start > 0 && (old[next] as PlacedPiece).start + delta === start) {
      const lineDelta = line - (old[next] as PlacedPiece).line;
      for (let i = next; i < old.length; i++) {
        const piece = old[i] as PlacedPiece;
        pieces.push({ start: piece.start + delta, end: piece.end + delta, line: piece.line + lineDelta, plain: piece.plain, entry: piece.entry, carried: true });
      }
      stats.reused += old.length - next;
      break;
    }
    if (start >= text.length && !(start === 0 && pieces.length === 0)) break;
    let end = scanner.next();
    while (end - start < minPieceSize && end < text.length) end = scanner.next();
    let entry = pieceEntry(cache, text.slice(start, end), start === 0, close, [], stats);
    while (end < text.length && !entry.clean) {
      stats.merged++;
      end = stats.merged > MAX_MERGES || entry.frontMatterFailed ? text.length : scanner.next();
      entry = pieceEntry(cache, text.slice(start, end), start === 0, close, [], stats);
    }
    pieces.push({ start, end, line, plain: entry, entry });
    line += entry.lineEndings;
    start = end;
  }

  // Definitions: every piece sees those of the whole document it may mention.
  const definitions = new Map<string, Definition>();
  for (const piece of pieces) for (const definition of piece.plain.definitions) if (!definitions.has(definition.key)) definitions.set(definition.key, definition);
  const definitionsKey = [...definitions.keys()].sort().join('\u0000');
  // A piece taken over keeps the definitions it was given while the document's set is the same.
  const sameDefinitions = previous !== undefined && previous.definitionsKey === definitionsKey;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as PlacedPiece;
    if (piece.carried && sameDefinitions) continue;
    const needs = definitions.size > 0 ? neededDefinitions(piece.plain, definitions) : [];
    const entry = needs.length > 0 ? pieceEntry(cache, piece.plain.text, piece.plain.first, close, needs, stats) : piece.plain;
    if (entry !== piece.entry) pieces[i] = { ...piece, entry };
  }

  // Keep the cache bounded: drop the least recently used entries beyond the spares.
  const limit = pieces.length * 2 + SPARE_ENTRIES;
  if (cache.size > limit) {
    let excess = cache.size - limit;
    for (const key of cache.keys()) {
      if (excess-- <= 0) break;
      cache.delete(key);
    }
  }
  return { text, pieces, close, definitions, definitionsKey, cache, stats };
}

/**
 * The piece's nodes at `start` and `line`: the entry's own nodes when it is already
 * placed there, otherwise its nodes with moved positions (the entry then remembers
 * those). Nodes handed out to a document are copied before they are moved, unless the
 * caller takes them over: `owner` stands for the document being built, whose parse
 * retires every earlier version (their trees may then change); a piece placed twice in
 * one document is still copied the second time.
 */
export function place(entry: PieceEntry, start: number, line: number, owner?: object): RootContent[] {
  if (entry.start !== start || entry.line !== line) {
    const offsetBy = start - entry.start;
    const lineBy = line - entry.line;
    const copy = owner === undefined ? entry.handedOut : entry.owner === owner;
    if (copy) {
      entry.children = moved(entry.children as unknown as Node[], offsetBy, lineBy) as unknown as RootContent[];
      entry.points = undefined;
    } else {
      entry.points ??= pointsOf(entry.children as unknown as Node[]);
      shiftPoints(entry.points, offsetBy, lineBy);
    }
    entry.end = movePoint(entry.end, offsetBy, lineBy);
    entry.start = start;
    entry.line = line;
  }
  entry.handedOut = true;
  if (owner !== undefined) entry.owner = owner;
  return entry.children;
}

/** The length of the longest common prefix, compared in growing blocks (string equality is a memory comparison). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let low = 0;
  let step = 1024;
  while (low < max) {
    const high = Math.min(max, low + step);
    if (a.slice(low, high) === b.slice(low, high)) {
      low = high;
      step *= 2;
    } else if (high - low <= 32) {
      while (low < high && a.charCodeAt(low) === b.charCodeAt(low)) low++;
      return low;
    } else {
      step = (high - low) >> 1;
    }
  }
  return low;
}

/** The length of the longest common suffix, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let low = 0;
  let step = 1024;
  while (low < max) {
    const high = Math.min(max, low + step);
    if (a.slice(a.length - high, a.length - low) === b.slice(b.length - high, b.length - low)) {
      low = high;
      step *= 2;
    } else if (high - low <= 32) {
      while (low < high && a.charCodeAt(a.length - 1 - low) === b.charCodeAt(b.length - 1 - low)) low++;
      return low;
    } else {
      step = (high - low) >> 1;
    }
  }
  return low;
}

function firstKeyMatches(previous: PieceLayout, text: string): boolean {
  // The first piece is parsed differently when a byte-order mark appears or goes.
  return (previous.text.charCodeAt(0) === BOM) === (text.charCodeAt(0) === BOM);
}

/** Parses a piece, or finds it parsed. */
function pieceEntry(
  cache: Map<string, PieceEntry>,
  slice: string,
  first: boolean,
  close: FrontMatterClose | undefined,
  given: readonly Definition[],
  stats: { parsed: number; reused: number },
): PieceEntry {
  const head = first ? `\u0001${close ?? ''}\u0001` : '';
  const tail = given.length > 0 ? `\u0000${given.map((definition) => definition.key).join('\u0000')}` : '';
  const found = cache.get(head + slice + tail);
  if (found) {
    cache.delete(found.key);
    cache.set(found.key, found);
    stats.reused++;
    return found;
  }
  stats.parsed++;
  // Stored under a key built from the copy, so that the cache holds no view of the document
  // (nor do the node values parsed from it).
  const text = detached(slice);
  const entry = parsePiece(head + text + tail, text, first, close, given);
  cache.set(entry.key, entry);
  return entry;
}


function parsePiece(key: string, text: string, first: boolean, close: FrontMatterClose | undefined, given: readonly Definition[]): PieceEntry {
  const bom = first && text.charCodeAt(0) === BOM ? 1 : 0;
  let source = bom ? text.slice(1) : text;
  // Definitions from other pieces go before the piece's own content (after front matter).
  let insertAt = 0;
  let inserted = '';
  if (given.length > 0) {
    if (first) {
      const frontMatter = parseMarkdownSource(source, close).children[0];
      if (frontMatter?.type === 'yaml') insertAt = afterLine(source, frontMatter.position?.end.offset ?? 0);
    }
    // A thematic break after them closes a footnote definition, which would otherwise
    // take an indented first line of the piece as its own.
    inserted = `${given.map((definition) => `${definition.line}\n\n`).join('')}***\n\n`;
    source = source.slice(0, insertAt) + inserted + source.slice(insertAt);
  }
  const root = parseMarkdownSource(source, first ? close : undefined);
  const insertedLines = countLineEndings(inserted);
  const insertedEnd = insertAt + inserted.length;
  const children: RootContent[] = [];
  let dropped = 0;
  for (const node of root.children) {
    const offset = node.position?.start.offset ?? 0;
    if (inserted !== '' && offset >= insertAt && offset < insertedEnd) {
      const expected = dropped < given.length ? (given[dropped] as Definition).key[0] : '*';
      const found = node.type === 'definition' ? 'l' : node.type === 'footnoteDefinition' ? 'f' : node.type === 'thematicBreak' ? '*' : '?';
      if (found !== expected) throw new Error('Definitions given to a piece did not parse as definitions');
      dropped++;
      continue;
    }
    if (offset >= insertedEnd) shift(node as unknown as Node, bom - inserted.length, -insertedLines);
    else if (bom) shift(node as unknown as Node, bom, 0);
    children.push(node);
  }
  if (inserted !== '' && dropped !== given.length + 1) throw new Error('Definitions given to a piece did not parse as definitions');
  const rootEnd = root.position?.end ?? { line: 1, column: 1, offset: 0 };
  const end = movePoint(rootEnd, bom - inserted.length, (rootEnd.offset ?? 0) >= insertedEnd ? -insertedLines : 0);
  const rootStart = movePoint(root.position?.start ?? { line: 1, column: 1, offset: 0 }, bom, 0);
  const head = children[0];
  const frontMatterFailed = first && opensFrontMatter(text) && head?.type !== 'yaml';
  const bodyStart = first && head?.type === 'yaml' ? afterLine(text, head.position?.end.offset ?? 0) : 0;
  return {
    key,
    text,
    first,
    lineEndings: countLineEndings(text),
    clean: endsClean(text, children) && !frontMatterFailed,
    frontMatterFailed,
    definitions: given.length > 0 ? [] : definitionsOf(children),
    given: given.map((definition) => definition.key),
    start: 0,
    line: 0,
    children,
    end,
    rootStart,
    handedOut: false,
    bodyStart,
  };
}

function afterLine(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  if (code === 13) return text.charCodeAt(offset + 1) === 10 ? offset + 2 : offset + 1;
  return code === 10 ? offset + 1 : offset;
}

/** Moves a fresh tree in place (nothing else holds it yet). */
function shift(root: Node, offsetBy: number, lineBy: number): void {
  shiftPoints(pointsOf([root]), offsetBy, lineBy);
}

/**
 * The start and end points of every node under `nodes` (see `PieceEntry.points`); no
 * recursion. Equal points (a paragraph and its first text start at the same place, a
 * list item and its last paragraph end there) are replaced by one shared point, listed
 * once: a 1 MB spec has 40% fewer points to move. Nothing but a move changes a point.
 */
function pointsOf(nodes: readonly Node[]): Point[] {
  const points: Point[] = [];
  const byOffset = new Map<number, Point>();
  const shared = (point: Point): Point => {
    const known = point.offset === undefined ? undefined : byOffset.get(point.offset);
    if (known !== undefined && known.line === point.line && known.column === point.column) return known;
    if (known === undefined && point.offset !== undefined) byOffset.set(point.offset, point);
    points.push(point);
    return point;
  };
  const stack: Node[] = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const position = node.position;
    if (position) {
      position.start = shared(position.start);
      position.end = shared(position.end);
    }
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) stack.push(children[i] as Node);
  }
  return points;
}

function shiftPoints(points: readonly Point[], offsetBy: number, lineBy: number): void {
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as Point;
    if (point.offset !== undefined) point.offset += offsetBy;
    point.line += lineBy;
  }
}

/** Copies of `nodes` with every position moved; the originals stay as they are. */
function moved(nodes: readonly Node[], offsetBy: number, lineBy: number, depth = 0): Node[] {
  // Recursion is the fast way to copy; a tree nested deeper than any real document
  // (thousands of block quotes) is copied with an explicit stack instead.
  if (depth > 64) return movedDeep(nodes, offsetBy, lineBy);
  const result: Node[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    const copy: Node = { ...node };
    const position = node.position;
    if (position) copy.position = { start: movePoint(position.start, offsetBy, lineBy), end: movePoint(position.end, offsetBy, lineBy) };
    const children = node.children;
    if (children) copy.children = moved(children, offsetBy, lineBy, depth + 1);
    result[i] = copy;
  }
  return result;
}

function movedDeep(nodes: readonly Node[], offsetBy: number, lineBy: number): Node[] {
  const result: Node[] = [];
  const sources: (readonly Node[])[] = [nodes];
  const targets: Node[][] = [result];
  while (sources.length > 0) {
    const from = sources.pop() as readonly Node[];
    const to = targets.pop() as Node[];
    for (let i = 0; i < from.length; i++) {
      const node = from[i] as Node;
      const copy: Node = { ...node };
      const position = node.position;
      if (position) copy.position = { start: movePoint(position.start, offsetBy, lineBy), end: movePoint(position.end, offsetBy, lineBy) };
      const children = node.children;
      if (children) {
        const copies: Node[] = [];
        copy.children = copies;
        sources.push(children);
        targets.push(copies);
      }
        to.push(copy);
    }
  }
  return result;
}

function movePoint(point: Point, offsetBy: number, lineBy: number): Point {
  return point.offset === undefined
    ? { line: point.line + lineBy, column: point.column }
    : { line: point.line + lineBy, column: point.column, offset: point.offset + offsetBy };
}

function countLineEndings(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------
// Definitions

function definitionsOf(children: readonly RootContent[]): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [...children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'definition') {
      found.push({ key: `l:${node.identifier}`, mention: mentionOf(node.identifier), line: `[${node.identifier}]: #` });
    } else if (node.type === 'footnoteDefinition') {
      found.push({ key: `f:${node.identifier}`, mention: footnoteMentionOf(node.identifier), line: `[^${node.identifier}]: x` });
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return found;
}

// Labels match case-insensitively with white space collapsed (`[Foo  bar]` is `[foo bar]`),
// and inside block quotes a label's lines carry `>` markers. Every word of a label stands
// in the source unbroken, so a piece that does not contain the label's longest word,
// case-folded, cannot mention it. Non-ASCII labels fold in ways not worth predicting:
// any piece with a bracket may mention them.
const WORD_BREAK = /[\t\n\r [\]>|\\]+/;

function mentionOf(identifier: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(identifier)) return '[';
  let longest = '';
  for (const word of identifier.toUpperCase().split(WORD_BREAK)) if (word.length > longest.length) longest = word;
  return longest;
}

// A footnote call's label holds no white space, so the call stands in the source whole.
function footnoteMentionOf(identifier: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(identifier) ? `[^${identifier.toUpperCase()}` : '[';
}

function mentions(entry: PieceEntry, definition: Definition): boolean {
  if (definition.mention === '[' || definition.mention === '') return true; // the piece has a bracket
  entry.folded ??= entry.text.slice(entry.bodyStart).toLowerCase().toUpperCase();
  return entry.folded.includes(definition.mention);
}

/** The definitions of other pieces that this piece may mention, sorted by key. */
function neededDefinitions(entry: PieceEntry, all: ReadonlyMap<string, Definition>): Definition[] {
  if (!entry.text.includes('[', entry.bodyStart)) return [];
  const own = entry.definitions;
  const needs: Definition[] = [];
  for (const definition of all.values()) {
    if (own.some((mine) => mine.key === definition.key)) continue;
    if (mentions(entry, definition)) needs.push(definition);
  }
  return needs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// Where pieces may end

/**
 * Whether a line after this piece could be swallowed by it: a fenced code block or an
 * HTML block still open at its end. Inside a container (list, block quote, footnote) the
 * line would close the container instead, but the container's end position then differs
 * from where the end of the piece puts it, so those count as open too.
 */
function endsClean(text: string, children: readonly RootContent[]): boolean {
  let last: Nodes | undefined = children[children.length - 1];
  while (last && (last.type === 'list' || last.type === 'listItem' || last.type === 'blockquote' || last.type === 'footnoteDefinition') && last.children.length > 0) {
    last = last.children[last.children.length - 1] as Nodes;
  }
  if (!last) return true;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? text.length;
  if (last.type === 'code') return fenceClosed(text, start, end);
  if (last.type === 'html') return htmlClosed(last.value, text.slice(end));
  return true;
}

/**
 * Whether a heading added after a blank line at the end of a document would still be
 * inside its last top-level block: a code fence, or an HTML block that only a marker
 * ends (a comment, `<pre>`, `<script>`, `<?…`, `<!…`, CDATA), left open. Blocks inside
 * lists and quotes are closed by a heading at the margin, and a blank line ends the
 * other HTML blocks.
 */
export function endsInOpenBlock(text: string, children: readonly RootContent[]): boolean {
  const last = children[children.length - 1];
  if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
  const start = last.position?.start.offset ?? 0;
  const end = last.position?.end.offset ?? text.length;
  if (last.type === 'code') return !fenceClosed(text, start, end);
  const html = last.value.replace(/^ {0,3}/, '');
  const marker = htmlEndMarker(html);
  return marker !== undefined && !marker.test(html);
}

function lineStart(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor) {
    const code = text.charCodeAt(i - 1);
    if (code === 10 || code === 13) break;
    i--;
  }
  return i;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

function fenceClosed(text: string, start: number, end: number): boolean {
  const source = text.slice(start, end);
  const open = FENCE_OPEN.exec(source);
  if (!open) return true; // indented code: any line at the margin ends it
  const fence = open[1] as string;
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length < 2) return false;
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return closing.test(lines[lines.length - 1] as string);
}

// HTML blocks 1–5 (`<script>`, `<!--`, `<?`, `<!X`, `<![CDATA[`) end at a marker; 6 and 7
// at a blank line.
function htmlClosed(value: string, after: string): boolean {
  const html = value.replace(/^ {0,3}/, '');
  const marker = htmlEndMarker(html);
  if (marker) return marker.test(html);
  return /^(?:\r\n|\r(?!\n)|\n)[ \t]*[\r\n]/.test(after); // a blank line ended it, not the end of the piece
}

function htmlEndMarker(html: string): RegExp | undefined {
  if (/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i.test(html)) return /<\/(?:script|pre|style|textarea)>/i;
  if (html.startsWith('<!--')) return /^<!--[\s\S]*?-->/;
  if (html.startsWith('<?')) return /^<\?[\s\S]*?\?>/;
  if (html.startsWith('<![CDATA[')) return /^<!\[CDATA\[[\s\S]*?\]\]>/;
  if (/^<![A-Za-z]/.test(html)) return /^<![\s\S]*?>/;
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Proposing cuts

/** Whether the text opens with a front-matter fence (`---` on the first line, after an optional byte-order mark). */
function opensFrontMatter(text: string): boolean {
  return /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.test(text);
}

/** Offset of the line after the front matter's closing fence, or 0 without front matter. */
export function frontMatterEnd(text: string, close: FrontMatterClose | undefined): number {
  if (close === undefined) return 0;
  const opening = /---[ \t]*(\r\n|\r|\n)/y;
  opening.lastIndex = text.charCodeAt(0) === BOM ? 1 : 0;
  if (!opening.exec(text)) return 0;
  const closing = /^(---|\.\.\.)[ \t]*$/gm;
  closing.lastIndex = opening.lastIndex;
  const match = closing.exec(text);
  if (!match) return 0;
  return nextLine(text, match.index + match[0].length);
}

/** The start of the line after the one that holds `from`, or the end of the text. */
export function nextLine(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return i + 1;
    if (code === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

/** Where the line that holds `from` ends: its line break (`\n` or `\r`), or the end of the text. */
export function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return text.length;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** `#` to `######` at the margin, then a space, a tab or the end of the line. */
export function isAtxAt(text: string, at: number, eol: number): boolean {
  let i = at;
  while (i < eol && i - at < 7 && text.charCodeAt(i) === 35) i++;
  const hashes = i - at;
  if (hashes === 0 || hashes > 6) return false;
  const after = text.charCodeAt(i);
  return i === eol || after === 32 || after === 9;
}

/** A line at the margin that starts neither a list item, a block quote, a heading, code nor HTML: it can begin a paragraph after a blank line. */
function startsParagraph(text: string, at: number, eol: number): boolean {
  if (at >= eol) return false;
  const code = text.charCodeAt(at);
  if (code === BOM) return false; // micromark would skip it at the start of a piece
  // space, tab, # > - + * < ` ~ = |
  if (code === 32 || code === 9 || code === 35 || code === 62 || code === 45 || code === 43 || code === 42 || code === 60 || code === 96 || code === 126 || code === 61 || code === 124) return false;
  if (code >= 48 && code <= 57) {
    let i = at;
    while (i < eol && i - at < 10) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    const c = text.charCodeAt(i);
    if (c === 46 || c === 41) return false; // `1.` or `1)`: maybe a list item
  }
  return true;
}

/** Whether a piece may start at `at`, given that the piece before it ends clean. */
function isCutAt(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  if (before !== 10 && !(before === 13 && text.charCodeAt(at) !== 10)) return false;
  const eol = lineEnd(text, at);
  if (isAtxAt(text, at, eol)) return true;
  if (!startsParagraph(text, at, eol)) return false;
  // The line before must be blank.
  let previousEnd = at - 1;
  if (before === 10 && text.charCodeAt(at - 2) === 13) previousEnd = at - 2;
  const previousStart = lineStart(text, previousEnd, 0);
  return isBlank(text, previousStart, previousEnd);
}

/**
 * Reads lines and proposes cuts in order, outside fenced code and HTML blocks: ATX
 * headings at the margin, and lines at the margin after a blank line that can only
 * begin a paragraph (or a setext heading, or a table). Proposals are checked by parsing
 * (see `endsClean`); tracking fences here only keeps failed proposals rare.
 */
class CutScanner {
  private position: number;
  private fence: { char: number; length: number } | undefined;
  private htmlEnd: RegExp | 'blank' | undefined;
  private blankBefore = false;

  constructor(
    private readonly text: string,
    /** The start of the current piece: cuts come after it. */
    private readonly start: number,
    /** Where to start reading lines (after front matter for the first piece). */
    from: number,
  ) {
    this.position = from;
  }

  /** The next proposed cut after the last one, or the end of the text. */
  next(): number {
    const text = this.text;
    while (this.position < text.length) {
      const at = this.position;
      const eol = lineEnd(text, at);
      this.position = nextLine(text, eol);
      const cut = this.read(at, eol);
      if (cut > this.start) return cut;
    }
    return text.length;
  }

  /** Reads one line; returns a proposed cut, or -1. */
  private read(at: number, eol: number): number {
    const text = this.text;
    const blank = isBlank(text, at, eol);
    if (this.fence) {
      const indent = indentOf(text, at, eol);
      if (indent <= 3) {
        let i = at + indent;
        while (i < eol && text.charCodeAt(i) === this.fence.char) i++;
        if (i - at - indent >= this.fence.length && isBlank(text, i, eol)) this.fence = undefined;
      }
      this.blankBefore = false;
      return -1;
    }
    if (this.htmlEnd !== undefined) {
      if (this.htmlEnd === 'blank') {
        if (blank) {
          this.htmlEnd = undefined;
          this.blankBefore = true;
        }
        return -1;
      }
      if (this.htmlEnd.test(text.slice(at, eol))) this.htmlEnd = undefined;
      this.blankBefore = false;
      return -1;
    }
    if (blank) {
      this.blankBefore = true;
      return -1;
    }
    const blankBefore = this.blankBefore;
    this.blankBefore = false;
    const indent = indentOf(text, at, eol);
    if (indent === 0 && isAtxAt(text, at, eol)) return at;
    if (indent <= 3) {
      const i = at + indent;
      const code = text.charCodeAt(i);
      if (code === 96 || code === 126) {
        let j = i;
        while (j < eol && text.charCodeAt(j) === code) j++;
        if (j - i >= 3 && (code === 126 || !text.slice(j, eol).includes('`'))) {
          this.fence = { char: code, length: j - i };
          return -1;
        }
      }
      if (code === 60) {
        const line = text.slice(i, eol);
        const marker = htmlEndMarker(line);
        if (marker) {
          if (!marker.test(line)) this.htmlEnd = withoutStart(marker);
          return -1;
        }
        if (/^<\/?[A-Za-z]/.test(line)) {
          this.htmlEnd = 'blank';
          return -1;
        }
      }
    }
    return blankBefore && indent === 0 && startsParagraph(text, at, eol) ? at : -1;
  }
}

// The end marker of an HTML block, searched for on the lines after its first.
function withoutStart(marker: RegExp): RegExp {
  const source = marker.source;
  if (source.startsWith('^<!--')) return /-->/;
  if (source.startsWith('^<\\?')) return /\?>/;
  if (source.startsWith('^<!\\[CDATA')) return /\]\]>/;
  if (source.startsWith('^<!')) return />/;
  return marker;
}

function indentOf(text: string, at: number, eol: number): number {
  let i = at;
  while (i < eol && i - at < 4) {
    const code = text.charCodeAt(i);
    if (code === 32) i++;
    else if (code === 9) return 4;
    else break;
  }
  return i - at;
}
