import { codeRanges } from './code-ranges';
import { shiftRange, type OffsetRange } from './range';
import type { Move, PieceView } from './spec-document';

/**
 * Mojibake: UTF-8 text decoded as Windows-1252 (or Windows-1254), found and restored
 * exactly. The mojibake rule reports it; section keys read headings through it, so a
 * heading that differs from its template's only by mojibake still matches.
 */
export interface MojibakeRun extends OffsetRange {
  readonly restored: string;
}

// Each run is its own object (see `findMojibake`).
export const MOVE_RUN: Move<MojibakeRun> = {
  copy: (run, by) => ({ ...run, start: run.start + by, end: run.end + by }),
  shift: shiftRange,
};

// Windows-1252 0x80–0x9F; `\0` marks the five bytes it leaves undefined (0x81, 0x8D,
// 0x8F, 0x90, 0x9D), which decoders drop or pass through as C1 controls.
const CP1252_HIGH = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';
/** Undefined in Windows-1252: a decoder that drops them loses exactly one byte. */
const DROPPED_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
const VARIATION_SELECTOR_16 = 0xfe0f;
const ZERO_WIDTH_JOINER = 0x200d;
const RIGHT_DOUBLE_QUOTE = 0x201d;

/** Code point → the byte it came from, for every character such a decoder can produce. */
const BYTE_OF = (() => {
  const table = new Map<number, number>();
  // C1 controls are what Latin-1 and lenient 1252 decoders make of 0x80–0x9F.
  for (let byte = 0x80; byte <= 0x9f; byte++) table.set(byte, byte);
  [...CP1252_HIGH].forEach((char, i) => {
    if (char !== '\0') table.set(char.codePointAt(0) as number, 0x80 + i);
  });
  for (let byte = 0xa0; byte <= 0xff; byte++) table.set(byte, byte);
  // Windows-1254 (Turkish) differs from 1252 in six letters; `ğ` (0xF0) leads every emoji.
  for (const [char, byte] of [['Ğ', 0xd0], ['İ', 0xdd], ['Ş', 0xde], ['ğ', 0xf0], ['ı', 0xfd], ['ş', 0xfe]] as const) {
    table.set(char.codePointAt(0) as number, byte);
  }
  return table;
})();

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Characters a restored sequence may not be: controls, surrogates, unassigned code points. */
const IMPLAUSIBLE = /[\p{Cc}\p{Cs}\p{Cn}]/u;

interface Sequence {
  readonly start: number;
  readonly end: number;
  readonly lead: number;
  readonly bytes: number;
  readonly char: string;
}

/**
 * Finds mojibake in `text` between `from` and `to`: maximal runs of characters that
 * re-encode through Windows-1252 (or 1254) to valid multi-byte UTF-8. A run is reported
 * when it holds a sequence of three or more bytes, two or more sequences, or one
 * two-byte sequence led by `Â` or `Ã` (the Latin-1 range: `Ã©`, `Â°`); a single
 * `É—` or `Ö»` is ordinary text. Text that was garbled twice is restored fully.
 */
export function findMojibake(text: string, from = 0, to = text.length): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  let i = from;
  while (i < to) {
    // ASCII is never part of a sequence: step over it without the table lookup.
    if (text.charCodeAt(i) < 0x80) {
      i++;
      continue;
    }
    const first = readSequence(text, i, to);
    if (!first) {
      i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    const sequences = [first];
    for (let next = readSequence(text, first.end, to); next; next = readSequence(text, next.end, to)) sequences.push(next);
    let end = (sequences.at(-1) as Sequence).end;
    if (plausible(sequences)) {
      let restored = restoreAll(sequences.map((s) => s.char).join(''));
      // Text garbled twice may go on past the run: `Ã©â€”` and a no-break space restore to `é—`
      // and that space, which are `闠` garbled once. Restored to the end, so that a second pass finds nothing.
      for (let extra = 1; extra <= 3 && end + extra <= to; extra++) {
        const tail = text.slice(end, end + extra);
        if (/\p{ASCII}/u.test(tail)) break;
        const combined = restored + tail;
        const last = findMojibake(combined).at(-1);
        if (last && last.start < restored.length && last.end === combined.length) {
          restored = restoreAll(combined);
          end += extra;
          break;
        }
      }
      runs.push({ start: i, end, restored });
    }
    i = end;
  }
  return runs;
}

function plausible(sequences: readonly Sequence[]): boolean {
  if (sequences.length > 1 || sequences.some((s) => s.bytes > 2)) return true;
  const lead = (sequences[0] as Sequence).lead;
  return lead === 0xc2 || lead === 0xc3;
}

// Decodes once more while the result is still mojibake (text garbled twice or more).
function restoreAll(restored: string): string {
  for (let pass = 0; pass < 3; pass++) {
    const runs = findMojibake(restored);
    if (runs.length === 0) break;
    let next = '';
    let cursor = 0;
    for (const run of runs) {
      next += restored.slice(cursor, run.start) + run.restored;
      cursor = run.end;
    }
    restored = next + restored.slice(cursor);
  }
  return restored;
}

/** Reads one UTF-8 sequence spelled in 1252 characters at `start`, or undefined. */
function readSequence(text: string, start: number, to: number): Sequence | undefined {
  const lead = byteAt(text, start, to);
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return undefined;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  const bytes = [lead];
  let end = start + 1;
  while (bytes.length < length) {
    const byte = byteAt(text, end, to);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) break;
    bytes.push(byte);
    end++;
  }
  if (bytes.length === length) {
    const char = decode(bytes);
    return char === undefined ? undefined : { start, end, lead, bytes: length, char };
  }
  // One byte missing: a decoder dropped an undefined 1252 byte (`âš ï¸` is `⚠️` without its
  // final 0x8F, `âŒ` is `❌` without its middle 0x9D). Restore it only where the answer is clear.
  if (length >= 3 && bytes.length === length - 1) {
    const candidates: string[] = [];
    for (let at = 1; at <= bytes.length; at++) {
      for (const byte of DROPPED_BYTES) {
        const char = decode([...bytes.slice(0, at), byte, ...bytes.slice(at)]);
        if (char !== undefined && !candidates.includes(char)) candidates.push(char);
      }
    }
    const char = pickDropped(candidates, byteAt(text, end, to));
    return char === undefined ? undefined : { start, end, lead, bytes: length, char };
  }
  return undefined;
}

function pickDropped(candidates: readonly string[], nextByte: number | undefined): string | undefined {
  const find = (codePoint: number) => candidates.find((c) => c.codePointAt(0) === codePoint);
  // Emoji with a presentation selector (⚠️ ❤️ ✔️) and typographic quotes are what text
  // holds in practice; a joiner sits between two emoji, so before another four-byte lead.
  return (
    find(VARIATION_SELECTOR_16) ??
    (nextByte !== undefined && nextByte >= 0xf0 && nextByte <= 0xf4 ? find(ZERO_WIDTH_JOINER) : find(RIGHT_DOUBLE_QUOTE)) ??
    (candidates.length === 1 ? candidates[0] : undefined) ??
    onlyPictographic(candidates)
  );
}

/** The one emoji among the candidates, if exactly one is: a heading's `âŒ` is `❌`, not `⌌`. */
function onlyPictographic(candidates: readonly string[]): string | undefined {
  const emoji = candidates.filter((candidate) => /\p{Extended_Pictographic}/u.test(candidate));
  return emoji.length === 1 ? emoji[0] : undefined;
}

function byteAt(text: string, index: number, to: number): number | undefined {
  if (index >= to) return undefined;
  return BYTE_OF.get(text.charCodeAt(index));
}

function decode(bytes: readonly number[]): string | undefined {
  try {
    const char = utf8.decode(Uint8Array.from(bytes));
    return IMPLAUSIBLE.test(char) ? undefined : char;
  } catch {
    return undefined;
  }
}

/** Spells out characters that would be invisible or confusing inside a message. */
export function visible(text: string): string {
  return text.replace(/[\p{Cc}\u00a0\u00ad]/gu, (char) => `<U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Mojibake in a piece of the document, except in inline code and code blocks. */
export function findMojibakeOutsideCode(piece: PieceView): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  let from = piece.start;
  for (const code of codeRanges(piece.nodes)) {
    for (const run of findMojibake(piece.text, from, code.start)) runs.push(run);
    from = Math.max(from, code.end);
  }
  for (const run of findMojibake(piece.text, from, piece.end)) runs.push(run);
  return runs;
}

/** `text` with every run of mojibake restored (the text itself when it has none). */
export function withoutMojibake(text: string): string {
  const runs = findMojibake(text);
  if (runs.length === 0) return text;
  let result = '';
  let cursor = 0;
  for (const run of runs) {
    result += text.slice(cursor, run.start) + run.restored;
    cursor = run.end;
  }
  return result + text.slice(cursor);
}
