import type { Nodes, Root, RootContent } from 'mdast';
import { findUnclosedFrontMatter, readFrontMatter, type FrontMatter } from './front-matter';
import { parseMarkdown, parseMarkdownSource } from './markdown';
import type { ParsedTrees } from './parsed-trees';
import { prescan, prescanSteps, type DegradedRegion, type Prescan } from './prescan';
import { layoutPiecesSteps, PAUSE, PieceParseFailed, place, runParseSteps, type LayoutOptions, type ParseSteps, type PieceEntry, type PieceLayout } from './pieces';
import {
  collectPlaceholderSources,
  findPlaceholders,
  frontMatterPlaceholders,
  normalizePlaceholders,
  scanPlaceholderSources,
  type Placeholder,
} from './placeholders';
import { range, shiftRange, type OffsetRange } from './range';
import { buildOutline, hasOffsets, topHeadings, type HeadingFacts, type Outline } from './sections';

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
  /** Parts of the text the parser read as plain text (see `prescan.ts`), in document order; absent when none. */
  readonly degraded?: readonly DegradedRegion[];
}

/** How {@link parseSpec} may work; none of it changes the result. */
export interface ParseOptions extends LayoutOptions {
  /**
   * The previous version will not be used again, nor any version it was parsed from:
   * its tree may be moved into the new one instead of copied (after an edit near the
   * start of a large document, most of the tree moves). Their text, outline,
   * placeholders and front matter stay as they are, but their nodes' positions do not.
   */
  readonly retirePrevious?: boolean;
  /** `prescan(text)`, when the caller has it already. */
  readonly prescanned?: Prescan;
  /** Trees parsed ahead of time for some pieces' exact source (see `parsed-trees.ts`); the others are parsed. */
  readonly trees?: ParsedTrees;
}

/** What a parse leaves for parsing the next version of the same document. */
const layouts = new WeakMap<SpecDocument, PieceLayout>();

/**
 * Parses a spec. Never throws on user content: malformed Markdown is still Markdown,
 * and YAML problems are recorded on `frontMatter.errors`.
 *
 * Pass the spec of an earlier version of the same document as `previous` to parse
 * incrementally: the document is parsed in pieces cut at headings (see `pieces.ts`),
 * and only pieces whose text changed are parsed again. The result is the same either
 * way, and the same as {@link parseSpecWhole}. `options` tune how the text is cut (for
 * tests and benchmarks), never the result.
 */
export function parseSpec(text: string, previous?: SpecDocument, options?: ParseOptions): SpecDocument {
  const trees = options?.trees;
  if (!trees) return runParseSteps(parseSpecSteps(text, previous, options));
  return runParseSteps(parseSpecSteps(text, previous, options), (source, close) => trees.get(source, close) ?? parseMarkdownSource(source, close));
}

/**
 * {@link parseSpec} as steps: it yields each Markdown parse it needs (see `ParseRequest`
 * in pieces.ts), so that whoever drives it can parse elsewhere or between other work,
 * then a pause between the pieces it puts together. Nothing of `previous` changes before
 * the first pause: steps abandoned before it leave it as it was; once a pause is reached
 * the steps must be run to the end. A request answered with a failure gives the document read as text, with a
 * `parse-degraded` region that says why.
 */
export function* parseSpecSteps(text: string, previous?: SpecDocument, options?: ParseOptions): ParseSteps<SpecDocument> {
  let layout: PieceLayout;
  // The parser is given the text with its pathological regions made inert: same length,
  // so every offset is the same; each parse of the document is given the same text.
  const scan = options?.prescanned ?? (yield* prescanSteps(text));
  try {
    layout = yield* layoutPiecesSteps(scan.text, previous ? layouts.get(previous) : undefined, options);
  } catch (error) {
    if (error instanceof PieceParseFailed) return readAsText(text, scan.text, error.reason);
    // A piece did not parse the way cutting assumes (see pieces.ts); the whole-document
    // parse is always right. Tests check that this never happens on what they generate.
    return parseSpecWhole(text);
  }
  const children: RootContent[] = [];
  const placeholders: Placeholder[] = [];
  const pieces = layout.pieces;
  const realDefinitions = documentRealDefinitions(layout);
  let frontMatter: FrontMatter | undefined;
  const parts: DocumentPiece[] = [];
  const owner = options?.retirePrevious ? {} : undefined;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as (typeof pieces)[number];
    // When retiring the previous version, `place` moves a piece's tree itself, unless the
    // piece already stands earlier in this version (then it copies): its results may move too.
    const retiring = owner !== undefined && piece.entry.owner !== owner;
    const nodes = place(piece.entry, piece.start, piece.line, owner);
    parts.push({ entry: piece.entry, start: piece.start, end: piece.end, from: children.length, to: children.length + nodes.length, retiring });
    for (const node of nodes) children.push(node);
    if (i === 0) frontMatter = frontMatterOf(piece.entry);
    for (const placeholder of piecePlaceholders(piece.entry, realDefinitions, i === 0 ? frontMatter : undefined, retiring)) placeholders.push(placeholder);
    // Putting a large document together takes a while: others may go first between pieces.
    if (i + 1 < pieces.length) yield PAUSE;
  }
  const first = (pieces[0] as (typeof pieces)[number]).entry;
  const last = (pieces[pieces.length - 1] as (typeof pieces)[number]).entry;
  const root: Root = {
    type: 'root',
    children,
    position: { start: { ...first.rootStart }, end: { ...last.end } } as Root['position'],
  };
  const spec: SpecDocument = {
    text,
    root,
    frontMatter,
    unclosedFrontMatter: findUnclosedFrontMatter(text, frontMatter !== undefined),
    // Headings' titles are worked out once per piece, not again for every version.
    outline: buildOutline(text, root, { facts: piecewise(parts, text, children, 'headings', headingsOfPiece, MOVE_HEADING), at: headingsAt(parts) }),
    placeholders,
    ...(scan.regions.length > 0 ? { degraded: scan.regions } : {}),
  };
  layouts.set(spec, layout);
  documentPieces.set(spec, parts);
  realDefinitionsKeys.set(spec, [...realDefinitions].sort().join('\u0000'));
  return spec;
}

/**
 * Parses a spec as one piece, the straightforward way: the reference the piecewise
 * {@link parseSpec} is tested against.
 */
export function parseSpecWhole(text: string): SpecDocument {
  const scan = prescan(text);
  let root: Root;
  try {
    root = parseMarkdown(scan.text);
  } catch (error) {
    // The last resort, for a shape the pre-scan does not know (the parser recursing past
    // the stack, say): the document is read as plain text, and says why.
    return readAsText(text, scan.text, `The Markdown parser failed (${error instanceof Error ? error.message : String(error)}); the document was read as text`);
  }
  return specOfTree(text, scan.text, root, scan.regions);
}

/** The document read as plain text, with a `parser-failure` region that says why. */
function readAsText(text: string, scanned: string, reason: string): SpecDocument {
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
  return specOfTree(text, scanned, root, [{ start: 0, end: text.length, kind: 'parser-failure', reason }]);
}

function specOfTree(text: string, scanned: string, root: Root, degraded: readonly DegradedRegion[]): SpecDocument {
  const frontMatter = readFrontMatter(text, root);
  return {
    text,
    root,
    frontMatter,
    unclosedFrontMatter: findUnclosedFrontMatter(text, frontMatter !== undefined),
    outline: buildOutline(text, root),
    // Scanned in the text the parser read, as the piecewise parse scans its pieces.
    placeholders: findPlaceholders(scanned, root, frontMatter),
    ...(degraded.length > 0 ? { degraded } : {}),
  };
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: text.length - lineStart + 1, offset: text.length };
}

// ---------------------------------------------------------------------------------------
// Results computed piece by piece

/** A piece as placed in one document version: its span and its top-level nodes (`root.children[from..to)`). */
interface DocumentPiece {
  readonly entry: PieceEntry;
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
  /** The previous version that held this piece is retired: results kept with the piece may be moved in place. */
  readonly retiring: boolean;
}

/**
 * How results kept with a piece follow it to where it now starts. `copy` leaves the
 * item as it was (a previous version may still use it); `shift`, when given, moves the
 * item itself, and is used when that version is retired. An item's ranges must be its
 * own, not shared with another item, or `shift` would move them twice.
 * `'no offsets'`: the results hold no positions and stay as they are.
 */
export type Move<T> = { readonly copy: (item: T, by: number) => T; readonly shift?: (item: T, by: number) => void } | 'no offsets';

/** What {@link perPiece} gives the function that computes one piece's results. */
export interface PieceView {
  /** The document's text: offsets are the document's. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The piece's top-level nodes, positioned in the document. */
  readonly nodes: readonly RootContent[];
}

const documentPieces = new WeakMap<SpecDocument, readonly DocumentPiece[]>();
/** The link definitions with real destinations, which decide which references are placeholders. */
const realDefinitionsKeys = new WeakMap<SpecDocument, string>();
/** A piece's results under one name, for the piece placed at `start`. */
interface PieceResults<T> {
  start: number;
  readonly items: readonly T[];
}
const pieceResults = new WeakMap<PieceEntry, Map<string, PieceResults<unknown>>>();

/**
 * Results of a computation that only looks at one piece of text at a time (the nodes
 * and text of a run of top-level blocks that starts and ends at a line start), in
 * document order. After an edit only the pieces whose text changed are computed again;
 * the others' results are moved to where their piece now starts with `move`. A document
 * parsed as a whole is one piece. `name` tells computations apart; `compute` must
 * depend on nothing but the piece (and `name`) and must not throw, except that with
 * `withPlaceholders` it may use the document's placeholders inside the piece.
 */
export function perPiece<T>(
  document: SpecDocument,
  name: string,
  compute: (piece: PieceView) => readonly T[],
  move: Move<T>,
  options: { readonly withPlaceholders?: boolean } = {},
): T[] {
  const parts = documentPieces.get(document);
  if (!parts) return [...compute({ text: document.text, start: 0, end: document.text.length, nodes: document.root.children })];
  // Which link references are placeholders depends on definitions anywhere in the document.
  const key = options.withPlaceholders ? `${name}\u0000${realDefinitionsKeys.get(document) ?? ''}` : name;
  return piecewise(parts, document.text, document.root.children, key, compute, move);
}

function piecewise<T>(
  parts: readonly DocumentPiece[],
  text: string,
  children: readonly RootContent[],
  name: string,
  compute: (piece: PieceView) => readonly T[],
  move: Move<T>,
): T[] {
  const all: T[] = [];
  for (const part of parts) {
    let results = pieceResults.get(part.entry);
    if (!results) pieceResults.set(part.entry, (results = new Map()));
    let known = results.get(name) as PieceResults<T> | undefined;
    if (!known) {
      const nodes = children.slice(part.from, part.to);
      known = { start: part.start, items: compute({ text, start: part.start, end: part.end, nodes }) };
      results.set(name, known);
    } else if (known.start !== part.start) {
      known = movedTo(known, part.start, part.retiring, move);
      results.set(name, known);
    }
    for (const item of known.items) all.push(item);
  }
  return all;
}

/**
 * A piece's results for where the piece now starts: the same object, its items moved in
 * place, when the version that held them is retired (or they hold no offsets); moved
 * copies otherwise.
 */
function movedTo<T>(known: PieceResults<T>, start: number, retiring: boolean, move: Move<T>): PieceResults<T> {
  const by = start - known.start;
  if (move === 'no offsets') {
    known.start = start;
    return known;
  }
  if (retiring && move.shift) {
    for (const item of known.items) move.shift(item, by);
    known.start = start;
    return known;
  }
  return { start, items: known.items.map((item) => move.copy(item, by)) };
}

/**
 * How many pieces a spec was parsed in, and how many of them were parsed (not reused)
 * for it; undefined when it was parsed as a whole (by {@link parseSpecWhole}, or as the
 * fallback of {@link parseSpec}).
 */
export function parseStats(spec: SpecDocument): { pieces: number; parsed: number; reused: number; merged: number } | undefined {
  const layout = layouts.get(spec);
  return layout ? { pieces: layout.pieces.length, ...layout.stats } : undefined;
}

// ---------------------------------------------------------------------------------------
// Per-piece results, kept with each parsed piece

interface PieceFacts {
  /** Link definitions with a real destination (references to them are links, not placeholders). */
  readonly realDefinitions: readonly string[];
  /** The identifiers of the piece's link references. */
  readonly references: readonly string[];
  /** The placeholders as last computed under `key`, for the piece placed at `results.start`. */
  placeholders?: { key: string; results: PieceResults<Placeholder> };
  frontMatter?: { value: FrontMatter | undefined };
}

const facts = new WeakMap<PieceEntry, PieceFacts>();

function factsOf(entry: PieceEntry): PieceFacts {
  let found = facts.get(entry);
  if (!found) {
    const references = new Set<string>();
    const stack: Nodes[] = [...entry.children];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      if (node.type === 'linkReference') references.add(node.identifier);
      if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
    }
    found = { realDefinitions: collectPlaceholderSources(entry.children).realDefinitions, references: [...references].sort() };
    facts.set(entry, found);
  }
  return found;
}

/** The identifiers of the document's link definitions with real destinations. */
function documentRealDefinitions(layout: PieceLayout): ReadonlySet<string> {
  const all = new Set<string>();
  if (layout.definitions.size === 0) return all;
  for (const piece of layout.pieces) {
    if (piece.plain.definitions.length === 0) continue;
    for (const identifier of factsOf(piece.plain).realDefinitions) all.add(identifier);
  }
  return all;
}

function frontMatterOf(entry: PieceEntry): FrontMatter | undefined {
  const known = factsOf(entry);
  // The first piece starts the document, so its offsets are the document's.
  known.frontMatter ??= { value: readFrontMatter(entry.text, { type: 'root', children: entry.children }) };
  return known.frontMatter.value;
}

/**
 * The placeholders of a placed piece, in order. They depend on the piece's tree and on
 * which of its link references point at real definitions anywhere in the document.
 */
function piecePlaceholders(entry: PieceEntry, realDefinitions: ReadonlySet<string>, frontMatter: FrontMatter | undefined, retiring: boolean): readonly Placeholder[] {
  const known = factsOf(entry);
  const key = known.references.filter((identifier) => realDefinitions.has(identifier)).join('\u0000');
  const cached = known.placeholders;
  if (cached && cached.key === key) {
    if (cached.results.start !== entry.start) cached.results = movedTo(cached.results, entry.start, retiring, MOVE_PLACEHOLDER);
    return cached.results.items;
  }
  const found = scanPlaceholderSources(entry.text, entry.start, collectPlaceholderSources(entry.children), realDefinitions);
  if (frontMatter) for (const placeholder of frontMatterPlaceholders(entry.text, frontMatter)) found.push(placeholder);
  const items = normalizePlaceholders(found);
  known.placeholders = { key, results: { start: entry.start, items } };
  return items;
}

// Each placeholder has a range of its own (see `placeholders.ts`).
const MOVE_PLACEHOLDER: Move<Placeholder> = {
  copy: (placeholder, by) => ({ ...placeholder, range: range(placeholder.range.start + by, placeholder.range.end + by) }),
  shift: (placeholder, by) => shiftRange(placeholder.range, by),
};

function headingsOfPiece(piece: PieceView): HeadingFacts[] {
  return topHeadings(piece.text, { children: piece.nodes }).facts;
}

/** Where each piece's headings are among its nodes: positions do not move them. */
const headingSlots = new WeakMap<PieceEntry, readonly number[]>();

/** Where the document's headings (those {@link headingsOfPiece} finds) are in `root.children`. */
function headingsAt(parts: readonly DocumentPiece[]): number[] {
  const at: number[] = [];
  for (const part of parts) {
    let slots = headingSlots.get(part.entry);
    if (!slots) {
      const found: number[] = [];
      part.entry.children.forEach((node, index) => {
        if (node.type === 'heading' && hasOffsets(node)) found.push(index);
      });
      headingSlots.set(part.entry, (slots = found));
    }
    for (const slot of slots) at.push(part.from + slot);
  }
  return at;
}

// A heading's two ranges are its own (see `headingFacts`).
const MOVE_HEADING: Move<HeadingFacts> = {
  copy: (facts, by) => ({ ...facts, headingRange: range(facts.headingRange.start + by, facts.headingRange.end + by), titleRange: range(facts.titleRange.start + by, facts.titleRange.end + by) }),
  shift: (facts, by) => {
    shiftRange(facts.headingRange, by);
    shiftRange(facts.titleRange, by);
  },
};
