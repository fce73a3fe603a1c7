import type { OffsetRange } from './range';

/**
 * A part of a document that the Markdown parser is not given as written, because the
 * parser (micromark, under remark) would take seconds, gigabytes or its whole stack on
 * it. Offsets are UTF-16 code units into the document, end exclusive.
 */
export interface DegradedRegion extends OffsetRange {
  readonly kind: DegradedKind;
  /** What was read as plain text and why, for people (Markdown, one sentence). */
  readonly reason: string;
}

/** The shapes {@link prescan} neutralises. */
export type DegradedKind =
  | 'container-nesting'
  | 'underline-run'
  | 'unclosed-front-matter'
  | 'delimiter-run'
  | 'wide-row'
  | 'definitions'
  | 'long-block'
  | 'parser-failure';

/** What the parser is given instead of the document, and where the two differ. */
export interface Prescan {
  /** The document with each region's Markdown syntax made inert; same length, same line breaks. */
  readonly text: string;
  readonly regions: readonly DegradedRegion[];
}

/** Block containers (`>`, list markers, footnote definitions) opened on one line. */
export const MAX_NESTING = 32;
/** Consecutive lines of `=` (each can end a setext heading). */
export const MAX_UNDERLINE_RUN = 64;
/** Code units of front matter that opens and never closes. */
export const MAX_UNCLOSED_FRONT_MATTER = 100 * 1024;
/** Emphasis and strikethrough delimiters (`*`, `_`, `~`) in one block of non-blank lines. */
export const MAX_DELIMITERS = 1000;
/** Lines in one block of non-blank lines (one paragraph can hold them all). */
export const MAX_BLOCK_LINES = 1000;
/** Pipes on one line (table cells). */
export const MAX_PIPES = 1024;
/** Link and footnote definitions in one document. */
export const MAX_DEFINITIONS = 1000;

/**
 * Stands for neutralised syntax: WORD JOINER, which Markdown reads as neither
 * whitespace nor punctuation, so it opens, closes and continues nothing. One code unit,
 * so every offset stays where it was.
 */
export const INERT = '\u2060';

const BOM = 0xfeff;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * Finds, in one pass over the text, the shapes on which the Markdown parser is
 * super-linear or recurses once per level, and returns the text with their syntax
 * replaced by {@link INERT}, so that the parser reads them as plain text:
 *
 * - more than {@link MAX_NESTING} block containers opened on one line (`- - - … item`,
 *   `>>>> …`, `[^a]: [^a]: …`): the markers past the limit;
 * - a run of more than {@link MAX_UNDERLINE_RUN} lines of `=`: every line but the first;
 * - front matter that opens and is not closed within {@link MAX_UNCLOSED_FRONT_MATTER}
 *   code units: its opening `---`;
 * - more than {@link MAX_DELIMITERS} `*`, `_` or `~` in one block of non-blank lines: all of them;
 * - a line with more than {@link MAX_PIPES} `|`: all of them;
 * - link and footnote definitions past the first {@link MAX_DEFINITIONS}: their `[`;
 * - more than {@link MAX_BLOCK_LINES} lines with no blank line between them (micromark
 *   is super-linear on one long paragraph): every {@link MAX_BLOCK_LINES}th line is read
 *   as blank (its characters as spaces), which ends the paragraph there.
 *
 * The limits are far above what a spec written by people reaches, and a document that
 * stays within them is returned as it is (the same string). The result depends on the
 * whole text only through these counts, so every parse of a document (whole, in
 * pieces, or the index's) is given the same text.
 */
export function prescan(text: string): Prescan {
  const steps = prescanSteps(text);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** A point in a long pass where other work may run; nothing needs finishing after it. */
export interface PassBreak {
  readonly pause: 'may-stop';
}

const BREAK: PassBreak = { pause: 'may-stop' };
/** Lines between two {@link PassBreak}s of the pre-scan. */
const LINES_PER_BREAK = 4096;
/** Characters between two {@link PassBreak}s, however few lines they make. */
const CHARS_PER_BREAK = 256 * 1024;
/** Characters made inert between two {@link PassBreak}s of the rewrite. */
const EDITS_PER_BREAK = 32 * 1024;

/** {@link prescan} in steps: it yields a {@link PassBreak} every few thousand lines. */
export function* prescanSteps(text: string): Generator<PassBreak, Prescan, unknown> {
  // Most text has no carriage return: a native search then finds each line's end.
  const lfOnly = !text.includes('\r');
  const endOf = (from: number) => {
    if (!lfOnly) return lineEnd(text, from);
    const lf = text.indexOf('\n', from);
    return lf === -1 ? text.length : lf;
  };
  const nextOf = (from: number) => {
    const end = endOf(from);
    return end >= text.length ? text.length : lfOnly ? end + 1 : nextLine(text, end);
  };
  const inert: number[] = [];
  const blanked: number[] = [];
  const regions: DegradedRegion[] = [];
  const neutralise = (at: number) => {
    inert.push(at);
  };

  const frontMatter = unclosedFrontMatter(text);
  if (frontMatter) {
    neutralise(frontMatter.start);
    regions.push(frontMatter);
  }

  let definitions = 0;
  let firstExtraDefinition = -1;
  let lastExtraDefinition = -1;
  let runStart = -1;
  let runLines = 0;
  let runEnd = -1;
  let blockStart = -1;
  let blockEnd = -1;
  let delimiters = 0;
  let blockLines = 0;
  const endUnderlineRun = () => {
    if (runLines > MAX_UNDERLINE_RUN) {
      let line = nextOf(runStart);
      while (line < runEnd) {
        neutralise(line + indentOf(text, line));
        line = nextOf(line);
      }
      regions.push({ start: runStart, end: runEnd, kind: 'underline-run', reason: `${runLines} lines of \`=\` in a row (more than ${MAX_UNDERLINE_RUN}) were read as text` });
    }
    runLines = 0;
  };
  const endBlock = () => {
    if (delimiters > MAX_DELIMITERS) {
      for (let i = blockStart; i < blockEnd; i++) if (isDelimiter(text.charCodeAt(i))) neutralise(i);
      regions.push({ start: blockStart, end: blockEnd, kind: 'delimiter-run', reason: `${delimiters} emphasis delimiters in one block (more than ${MAX_DELIMITERS}) were read as text` });
    }
    if (blockLines > MAX_BLOCK_LINES) {
      let count = 0;
      for (let line = blockStart; line < blockEnd; line = nextOf(line)) if (++count % MAX_BLOCK_LINES === 0) blanked.push(line);
      regions.push({
        start: blockStart,
        end: blockEnd,
        kind: 'long-block',
        reason: `${blockLines} lines with no blank line between them (more than ${MAX_BLOCK_LINES}); every ${MAX_BLOCK_LINES}th was read as a blank line`,
      });
    }
    delimiters = 0;
    blockLines = 0;
    blockStart = -1;
  };

  let lines = 0;
  let sinceBreak = 0;
  for (let start = text.charCodeAt(0) === BOM ? 1 : 0; start < text.length; ) {
    // A break every few thousand lines, or sooner where lines are long.
    if (++lines % LINES_PER_BREAK === 0 || sinceBreak > CHARS_PER_BREAK) {
      yield BREAK;
      sinceBreak = 0;
    }
    const end = endOf(start);
    sinceBreak += end - start + 1;
    const next = nextOf(end);
    const indent = indentOf(text, start);
    const blank = start + indent === end;

    if (isUnderline(text, start + indent, end) && indent < 4) {
      if (runLines === 0) runStart = start;
      runLines++;
      runEnd = end;
    } else endUnderlineRun();

    if (blank) {
      if (blockStart >= 0) endBlock();
    } else {
      if (blockStart < 0) blockStart = start;
      blockEnd = end;
      blockLines++;
    }

    let pipes = 0;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      // `_` inside a word never delimits emphasis (`snake_case`), so it costs the parser nothing.
      if (isDelimiter(code) && !(code === 95 && isWordChar(text.charCodeAt(i - 1)) && isWordChar(text.charCodeAt(i + 1)))) delimiters++;
      else if (code === 124) pipes++;
    }
    if (pipes > MAX_PIPES) {
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 124) neutralise(i);
      regions.push({ start, end, kind: 'wide-row', reason: `A line with ${pipes} \`|\` (more than ${MAX_PIPES}) was read as text, not as a table row` });
    }

    const nesting = containerMarkers(text, start, end);
    if (nesting !== undefined) {
      neutralise(nesting.at);
      regions.push({ start, end, kind: 'container-nesting', reason: `${nesting.count} lists, block quotes or footnote definitions opened on one line (more than ${MAX_NESTING}); those past the limit were read as text` });
    }

    if (indent < 4 && text.charCodeAt(start + indent) === 91 && isDefinition(text, start + indent + 1, end)) {
      definitions++;
      if (definitions > MAX_DEFINITIONS) {
        neutralise(start + indent);
        if (firstExtraDefinition < 0) firstExtraDefinition = start;
        lastExtraDefinition = end;
      }
    }
    start = next;
  }
  endUnderlineRun();
  if (blockStart >= 0) endBlock();
  if (firstExtraDefinition >= 0) {
    regions.push({
      start: firstExtraDefinition,
      end: lastExtraDefinition,
      kind: 'definitions',
      reason: `${definitions} link and footnote definitions (more than ${MAX_DEFINITIONS}); those past the limit were read as text`,
    });
  }
  regions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text: inert.length + blanked.length > 0 ? yield* rewrite(text, inert, blanked) : text, regions };
}

/** The text with {@link INERT} at each of `inert` and each line starting at one of `blanked` made spaces. */
function* rewrite(text: string, inert: readonly number[], blanked: readonly number[]): Generator<PassBreak, string, unknown> {
  // Positions as typed arrays: a wide row or a long run of delimiters gives a hundred
  // thousand of them, which sort and walk far faster than objects.
  const at = Int32Array.from(inert).sort();
  const lines = Int32Array.from(blanked).sort();
  const parts: string[] = [];
  let from = 0;
  let line = 0;
  const blank = (start: number) => {
    if (start < from) return;
    const end = lineEnd(text, start);
    parts.push(text.slice(from, start), ' '.repeat(end - start));
    from = end;
  };
  for (let k = 0; k < at.length; k++) {
    const position = at[k] as number;
    // A line read as blank wins over an inert character on it.
    while (line < lines.length && (lines[line] as number) <= position) blank(lines[line++] as number);
    if (position < from) continue;
    parts.push(text.slice(from, position), INERT);
    from = position + 1;
    if (k % EDITS_PER_BREAK === EDITS_PER_BREAK - 1) yield BREAK;
  }
  while (line < lines.length) blank(lines[line++] as number);
  parts.push(text.slice(from));
  yield BREAK;
  return parts.join('');
}

/** The opening fence of front matter that is not closed within the bound, as a region. */
function unclosedFrontMatter(text: string): DegradedRegion | undefined {
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  const opening = /---[ \t]*(\r\n|\r|\n)/y;
  opening.lastIndex = start;
  if (!opening.exec(text)) return undefined;
  const closing = /^(---|\.\.\.)[ \t]*$/gm;
  closing.lastIndex = opening.lastIndex;
  const match = closing.exec(text);
  const end = match ? match.index : text.length;
  if (end - start <= MAX_UNCLOSED_FRONT_MATTER || match) return undefined;
  return {
    start,
    end: start + 3,
    kind: 'unclosed-front-matter',
    reason: `Front matter that is never closed, in a document of more than ${MAX_UNCLOSED_FRONT_MATTER / 1024} KB, was read as text`,
  };
}

/**
 * Where the first block container past {@link MAX_NESTING} opens on the line, and how
 * many open there, or undefined within the limit (or on a thematic break such as `- - -`).
 */
function containerMarkers(text: string, start: number, end: number): { at: number; count: number } | undefined {
  let count = 0;
  let at = -1;
  let i = start;
  for (;;) {
    while (i < end && isSpaceOrTab(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const code = text.charCodeAt(i);
    let after: number;
    if (code === 62) after = i + 1;
    else if (code === 91 && text.charCodeAt(i + 1) === 94) {
      // A footnote definition, `[^label]:`, holds blocks like a list item.
      let j = i + 2;
      while (j < end && j - i < 1000 && text.charCodeAt(j) !== 93 && text.charCodeAt(j) !== 91) j++;
      if (j === i + 2 || text.charCodeAt(j) !== 93 || text.charCodeAt(j + 1) !== 58) break;
      after = j + 2;
    }
    else if ((code === 45 || code === 42 || code === 43) && (i + 1 === end || isSpaceOrTab(text.charCodeAt(i + 1)))) after = i + 1;
    else if (code >= 48 && code <= 57) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
      const mark = text.charCodeAt(j);
      if ((mark !== 46 && mark !== 41) || !(j + 1 === end || isSpaceOrTab(text.charCodeAt(j + 1)))) break;
      after = j + 1;
    } else break;
    count++;
    if (count === MAX_NESTING + 1) at = i;
    i = after;
  }
  if (count <= MAX_NESTING || isThematicBreak(text, start, end)) return undefined;
  return { at, count };
}

function isThematicBreak(text: string, start: number, end: number): boolean {
  let marker = 0;
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isSpaceOrTab(code)) continue;
    if (marker === 0 && (code === 45 || code === 42 || code === 95)) marker = code;
    if (code !== marker) return false;
    count++;
  }
  return count >= 3;
}

/** `=` repeated, then optional spaces or tabs, from `from` to the line end. */
function isUnderline(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && text.charCodeAt(i) === 61) i++;
  if (i === from) return false;
  while (i < end && isSpaceOrTab(text.charCodeAt(i))) i++;
  return i === end;
}

/** After a `[` at the start of a line: a label closed by `]:` on the same line. */
function isDefinition(text: string, from: number, end: number): boolean {
  for (let i = from; i < end && i - from <= 1000; i++) {
    const code = text.charCodeAt(i);
    if (code === 92) i++;
    else if (code === 91) return false;
    else if (code === 93) return i > from && text.charCodeAt(i + 1) === 58;
  }
  return false;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function indexLimit(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpaceOrTab(text.charCodeAt(i))) i++;
  return i;
}

function indentOf(text: string, from: number): number {
  return indexLimit(text, from) - from;
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) break;
    i++;
  }
  return i;
}

function nextLine(text: string, from: number): number {
  const end = lineEnd(text, from);
  if (end >= text.length) return text.length;
  return text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
}

function isDelimiter(code: number): boolean {
  return code === 42 || code === 95 || code === 126;
}

function isSpaceOrTab(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
