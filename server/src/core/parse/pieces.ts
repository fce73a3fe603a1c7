import type { Root, RootContent } from 'mdast';
import { detectFrontMatterFence, parseMarkdownSource, type FrontMatterClose } from './markdown';
import { BOM, CutScanner, frontMatterEnd, isCutAt, opensFrontMatter } from './piece-cuts';
import { definitionsOf, neededDefinitions } from './piece-definitions';
import { endsClean } from './piece-ends';
import { afterLine, countLineEndings, movePoint, moved, pointsOf, shift, shiftPoints, type Node, type Point } from './piece-positions';
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
  /** Every `[^…]` in that folded text (to the first `]`), for footnote mentions; built when first needed. */
  footnoteCalls?: ReadonlySet<string>;
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
  /**
   * Where a first parse (no previous version) keeps its parsed pieces: given the same map
   * again, a parse that was abandoned half-way (its document changed) is not started over.
   */
  readonly pieceCache?: Map<string, PieceEntry>;
}

/** The default {@link LayoutOptions.minPieceSize} of a first parse. */
export const FIRST_PARSE_MIN_PIECE = 2 * 1024;

/** Pieces kept for reuse beyond those of the current version (undo, retyping). */
const SPARE_ENTRIES = 256;
/** Cuts a first parse passes over because a definition starts there, in a row. */
const MAX_DEFINITION_SKIPS = 8;
/** A line that opens with a link or footnote label and a colon: `[label]:` or `[^label]:`. */
const DEFINITION_START = /\[(?:[^\]\\\r\n]|\\.){1,999}\]:/y;

function startsDefinition(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 91) return false;
  DEFINITION_START.lastIndex = at;
  return DEFINITION_START.test(text);
}

/** Cuts a version may drop (pieces merged because one ended inside a fence or HTML block) before the rest is parsed as one piece. */
const MAX_MERGES = 16;

/**
 * A Markdown parse that the piecewise parse needs: `source` parsed by
 * `parseMarkdownSource(source, close)`. The steps of a parse ({@link layoutPiecesSteps})
 * yield one for each piece that is not in the cache, and go on with its tree; whoever
 * drives them decides where and when it is parsed.
 */
export interface ParseRequest {
  readonly source: string;
  readonly close: FrontMatterClose | undefined;
}

/** What a parse request is answered with: the tree, or why there is none. */
export type ParseAnswer = Root | ParseFailure;

/** A parse that could not be done (the parser ran out of time or memory elsewhere). */
export interface ParseFailure {
  readonly type: 'parse-failure';
  /** Why, for people: one sentence. */
  readonly reason: string;
}

/** Thrown out of the steps of a parse when a request was answered with a {@link ParseFailure}. */
export class PieceParseFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * A point between two parts of putting a version together, where other work may run.
 * Unlike a {@link ParseRequest}, the steps after it must be run to the end: the previous
 * version may already be partly moved into the new one.
 */
export interface ParsePause {
  /** `must-finish`: the previous version may be partly moved; `may-stop`: nothing has changed yet (see `PassBreak`). */
  readonly pause: 'must-finish' | 'may-stop';
  /**
   * Parses the steps expect to ask for next, in order, so that whoever drives them may
   * start on them at once, side by side; they are still asked for one by one (a guess
   * that turns out wrong costs a parse, never the result).
   */
  readonly prefetch?: readonly ParseRequest[];
}

/** The pause every step after which must be run. */
export const PAUSE: ParsePause = { pause: 'must-finish' };

/** The steps of a parse, one yield per Markdown parse (answered) or pause (answered with nothing). */
export type ParseSteps<T> = Generator<ParseRequest | ParsePause, T, ParseAnswer | undefined>;

/** Runs the steps of a parse here and now, each request parsed as it comes (by `parse`, which parses it as {@link ParseRequest} says). */
export function runParseSteps<T>(steps: ParseSteps<T>, parse: (source: string, close: FrontMatterClose | undefined) => Root = parseMarkdownSource): T {
  let step = steps.next();
  while (!step.done) {
    if ('pause' in step.value) {
      step = steps.next();
      continue;
    }
    let root: Root;
    try {
      root = parse(step.value.source, step.value.close);
    } catch (error) {
      step = steps.throw(error);
      continue;
    }
    step = steps.next(root);
  }
  return step.value;
}

function* requestParse(source: string, close: FrontMatterClose | undefined): ParseSteps<Root> {
  const answer = yield { source, close };
  if (answer === undefined) throw new Error('A parse request was answered with nothing');
  if (answer.type === 'parse-failure') throw new PieceParseFailed(answer.reason);
  return answer;
}

/**
 * Cuts `text` into pieces and parses them, reusing the pieces of `previous` (an earlier
 * version of the same document) whose text is unchanged.
 */
export function layoutPieces(text: string, previous?: PieceLayout, options: LayoutOptions = {}): PieceLayout {
  return runParseSteps(layoutPiecesSteps(text, previous, options));
}

/** {@link layoutPieces} as steps: it yields each Markdown parse it needs. Nothing of `previous` changes before the last step. */
export function* layoutPiecesSteps(text: string, previous?: PieceLayout, options: LayoutOptions = {}): ParseSteps<PieceLayout> {
  const minPieceSize = options.minPieceSize ?? (previous ? 0 : FIRST_PARSE_MIN_PIECE);
  if (previous && previous.text === text) return previous;
  const close = detectFrontMatterFence(text);
  const cache = previous?.cache ?? options.pieceCache ?? new Map<string, PieceEntry>();
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
  // A first parse asks for every piece: say which ahead, as far as cutting can tell before
  // the pieces are parsed (a cut dropped because a piece ended inside a fence or HTML block
  // changes the pieces after it).
  if (old.length === 0 && minPieceSize > 0 && !single) yield* announcePieces(text, cache, close, start, scanFrom, minPieceSize);
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
    let end = pieceEnd(text, scanner, start, minPieceSize);
    let entry = yield* pieceEntry(cache, text.slice(start, end), start === 0, close, [], stats);
    while (end < text.length && !entry.clean) {
      stats.merged++;
      end = stats.merged > MAX_MERGES || entry.frontMatterFailed ? text.length : scanner.next();
      entry = yield* pieceEntry(cache, text.slice(start, end), start === 0, close, [], stats);
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
  const needed = pieces.map((piece) => (definitions.size > 0 && !(piece.carried && sameDefinitions) ? neededDefinitions(piece.plain, definitions) : []));
  // Those parsed again, given definitions, are said ahead too (not the first piece: where
  // they go in it depends on its front matter).
  if (old.length === 0) {
    const ahead: ParseRequest[] = [];
    pieces.forEach((piece, i) => {
      const needs = needed[i] as readonly Definition[];
      if (needs.length > 0 && !piece.plain.first && !cache.has(givenKey(piece.plain.text, needs))) ahead.push({ source: definitionsPrelude(needs) + piece.plain.text, close: undefined });
    });
    for (let i = 0; i < ahead.length; i += PREFETCH_BATCH) yield { pause: 'may-stop', prefetch: ahead.slice(i, i + PREFETCH_BATCH) };
  }
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as PlacedPiece;
    if (piece.carried && sameDefinitions) continue;
    const needs = needed[i] as readonly Definition[];
    const entry = needs.length > 0 ? yield* pieceEntry(cache, piece.plain.text, piece.plain.first, close, needs, stats) : piece.plain;
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

/** Where the piece that starts at `start` ends, as far as cutting can tell (before it is parsed). */
function pieceEnd(text: string, scanner: CutScanner, start: number, minPieceSize: number): number {
  let end = scanner.next();
  while (end - start < minPieceSize && end < text.length) end = scanner.next();
  // A piece cut off right before a definition would be parsed a second time, given it,
  // when it mentions it (a footnote call and its note, one after the other): on a first
  // parse, where pieces are large anyway, the cut moves to the next line that can take one.
  for (let skipped = 0; minPieceSize > 0 && skipped < MAX_DEFINITION_SKIPS && end < text.length && startsDefinition(text, end); skipped++) end = scanner.next();
  return end;
}

/** Pieces announced to whoever drives the steps at a time. */
const PREFETCH_BATCH = 32;
/** Text cut (UTF-16 code units) between two announcements, however few pieces it makes. */
const PREFETCH_SCAN = 64 * 1024;

/** Yields, in batches, the parses a first parse will ask for when no cut is dropped (see {@link ParsePause.prefetch}). */
function* announcePieces(text: string, cache: ReadonlyMap<string, PieceEntry>, close: FrontMatterClose | undefined, from: number, scanFrom: number, minPieceSize: number): ParseSteps<void> {
  const scanner = new CutScanner(text, from, scanFrom);
  let batch: ParseRequest[] = [];
  let scanned = 0;
  for (let start = from; start < text.length; ) {
    const end = pieceEnd(text, scanner, start, minPieceSize);
    const slice = text.slice(start, end);
    const first = start === 0;
    if (!cache.has(first ? `\u0001${close ?? ''}\u0001${slice}` : slice)) batch.push({ source: first && slice.charCodeAt(0) === BOM ? slice.slice(1) : slice, close: first ? close : undefined });
    scanned += end - start;
    // Sent every few pieces, or sooner where pieces are long (cutting them is a pass over their lines).
    if (batch.length >= PREFETCH_BATCH || scanned >= PREFETCH_SCAN) {
      yield { pause: 'may-stop', prefetch: batch };
      batch = [];
      scanned = 0;
    }
    start = end;
  }
  if (batch.length > 0) yield { pause: 'may-stop', prefetch: batch };
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
function* pieceEntry(
  cache: Map<string, PieceEntry>,
  slice: string,
  first: boolean,
  close: FrontMatterClose | undefined,
  given: readonly Definition[],
  stats: { parsed: number; reused: number },
): ParseSteps<PieceEntry> {
  const head = first ? `\u0001${close ?? ''}\u0001` : '';
  const found = cache.get(head + givenKey(slice, given));
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
  const entry = yield* parsePiece(head + givenKey(text, given), text, first, close, given);
  cache.set(entry.key, entry);
  return entry;
}


/** The cache key of a piece (not the first) parsed with `given`. */
function givenKey(slice: string, given: readonly Definition[]): string {
  return given.length > 0 ? `${slice}\u0000${given.map((definition) => definition.key).join('\u0000')}` : slice;
}

/**
 * What goes before a piece's content when it is given definitions: the definitions, then
 * a thematic break, which closes a footnote definition that would otherwise take an
 * indented first line of the piece as its own.
 */
function definitionsPrelude(given: readonly Definition[]): string {
  return `${given.map((definition) => `${definition.line}\n\n`).join('')}***\n\n`;
}

function* parsePiece(key: string, text: string, first: boolean, close: FrontMatterClose | undefined, given: readonly Definition[]): ParseSteps<PieceEntry> {
  const strip = first && text.charCodeAt(0) === BOM ? 1 : 0;
  let source = strip ? text.slice(1) : text;
  // micromark drops a BOM that starts its input too: with two, offsets shift by both.
  const bom = strip + (strip && source.charCodeAt(0) === BOM ? 1 : 0);
  // Definitions from other pieces go before the piece's own content (after front matter).
  let insertAt = 0;
  let inserted = '';
  if (given.length > 0) {
    if (first) {
      const frontMatter = (yield* requestParse(source, close)).children[0];
      if (frontMatter?.type === 'yaml') insertAt = afterLine(source, frontMatter.position?.end.offset ?? 0);
    }
    inserted = definitionsPrelude(given);
    source = source.slice(0, insertAt) + inserted + source.slice(insertAt);
  }
  const root = yield* requestParse(source, first ? close : undefined);
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
