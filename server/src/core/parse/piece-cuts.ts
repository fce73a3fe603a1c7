import type { FrontMatterClose } from './markdown';
import { htmlEndMarker, lineStart } from './piece-ends';

// Proposing cuts: a linear line scanner that finds where a document may be cut into
// pieces (a heading or a paragraph's first line at the left margin, after a blank
// line), skipping fences, HTML blocks and front matter (see pieces.ts).

/** A byte-order mark. */
export const BOM = 0xfeff;

/** Whether the text opens with a front-matter fence (`---` on the first line, after an optional byte-order mark). */
export function opensFrontMatter(text: string): boolean {
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
export function isCutAt(text: string, at: number): boolean {
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
export class CutScanner {
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
