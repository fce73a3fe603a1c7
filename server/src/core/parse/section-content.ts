import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Placeholder } from './placeholders';
import type { OffsetRange } from './range';
import { hasOffsets, type Section } from './sections';
import { perPiece, type Move, type PieceView, type SpecDocument } from './spec-document';

/**
 * What a section's own content (before its first subsection) amounts to: `none` (nothing,
 * or only guidance — whitespace, HTML comments, thematic breaks, a lone italic line — and
 * link reference definitions, which show nothing: the Rust RFC template's `[summary]: #summary`),
 * `placeholders` (only placeholders and markup), or `content` (words the author wrote).
 * `placeholders` must be the document's placeholders, sorted by start.
 */
export type ContentVerdict = 'none' | 'placeholders' | 'content';

/** Judges a section's own content; see {@link ContentVerdict}. */
export function sectionContent(text: string, section: Section, placeholders: readonly Placeholder[]): ContentVerdict {
  const nodes = section.ownNodes; // worked out on each access
  return verdictOf(text, nodes, 0, nodes.length, placeholders);
}

/** A heading's verdict as judged in its piece, and the end of the own content it was judged on. */
interface PieceVerdict {
  /** Where the heading starts. */
  start: number;
  ownEnd: number;
  readonly verdict: ContentVerdict;
  /** Not a heading: the piece opens with nodes before its first heading, from `start`. */
  readonly leading?: true;
}

/**
 * The verdicts of a document's sections ({@link sectionContent}), judged piece by piece
 * and kept with the piece: after an edit, only the sections in the edited piece are
 * judged again. A section whose own content does not end where its piece assumed (it
 * runs into the next piece) is judged on the spot.
 */
export function contentVerdicts(document: SpecDocument): (section: Section) => ContentVerdict {
  const { text, placeholders } = document;
  const known = perPiece(document, 'own-content', (piece) => pieceVerdicts(piece, placeholders), MOVE_VERDICT, { withPlaceholders: true });
  return (section) => {
    let index = atOrAfter(known, section.headingRange.start);
    if (known[index]?.leading) index++;
    const found = known[index];
    // The next piece may open with nodes of this section that start where its next heading
    // does (a link definition, then a setext heading whose paragraph it began): the piece's
    // verdict did not see them.
    const next = known[index + 1];
    const runsOn = next?.leading === true && next.start === found?.ownEnd;
    if (found && !runsOn && found.start === section.headingRange.start && found.ownEnd === section.ownRange.end) return found.verdict;
    return sectionContent(text, section, placeholders);
  };
}

/** Each top-level heading of a piece with the verdict on the nodes up to the next one (or the piece's end). */
function pieceVerdicts(piece: PieceView, placeholders: readonly Placeholder[]): PieceVerdict[] {
  const { nodes, text } = piece;
  const verdicts: PieceVerdict[] = [];
  const first = nodes[0];
  const firstStart = first?.position?.start.offset;
  if (first && firstStart !== undefined && (first.type !== 'heading' || !hasOffsets(first))) {
    verdicts.push({ start: firstStart, ownEnd: firstStart, verdict: 'none', leading: true });
  }
  let heading = -1;
  for (let i = 0; i <= nodes.length; i++) {
    const node = nodes[i];
    // The same headings the outline makes sections of (see `topHeadings`).
    if (node && (node.type !== 'heading' || !hasOffsets(node))) continue;
    const start = nodes[heading]?.position?.start.offset;
    if (start !== undefined) {
      const ownEnd = node ? (node.position?.start.offset as number) : piece.end;
      verdicts.push({ start, ownEnd, verdict: verdictOf(text, nodes, heading + 1, i, placeholders) });
    }
    heading = i;
  }
  return verdicts;
}

const MOVE_VERDICT: Move<PieceVerdict> = {
  copy: (item, by) => ({ start: item.start + by, ownEnd: item.ownEnd + by, verdict: item.verdict, ...(item.leading ? { leading: true as const } : {}) }),
  shift: (item, by) => {
    item.start += by;
    item.ownEnd += by;
  },
};

/** The index of the first verdict starting at or after `offset` (verdicts are in document order). */
function atOrAfter(verdicts: readonly PieceVerdict[], offset: number): number {
  let low = 0;
  let high = verdicts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((verdicts[middle] as PieceVerdict).start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The verdict on `nodes[from..to)`. */
function verdictOf(text: string, nodes: readonly RootContent[], from: number, to: number, placeholders: readonly Placeholder[]): ContentVerdict {
  let verdict: ContentVerdict = 'none';
  for (let i = from; i < to; i++) {
    const node = nodes[i] as RootContent;
    if (isGuidance(node)) continue;
    const span = spanOf(node);
    if (!span || !hasOwnWords(text, span, placeholders)) {
      verdict = 'placeholders';
      continue;
    }
    return 'content';
  }
  return verdict;
}

function isGuidance(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'definition') return true;
  if (node.type === 'html') return /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  // A list of bullets holding only comments (MADR's bare `- <!-- option -->`) shows bullets and no text.
  if (node.type === 'list') return node.children.every((item) => item.children.every((child) => (child.type === 'html' || child.type === 'list') && isGuidance(child)));
  if (node.type === 'paragraph') {
    // Exactly one child that is not blank text, and it is emphasis.
    let emphasis = false;
    for (const child of node.children) {
      if (child.type === 'text' && child.value.trim() === '') continue;
      if (emphasis || child.type !== 'emphasis') return false;
      emphasis = true;
    }
    const said = toString(node);
    return emphasis && !SAYS_NONE.test(said) && !STATES_NONE_ANYWHERE.test(said) && !STATUS_VALUE.test(said.trim()) && !READER_NOTE.test(said);
  }
  return false;
}

/**
 * An italic line that tells the reader about the text around it ("*The content below documents
 * the original decision for historical reference.*") is the author's note, not guidance; guidance
 * asks the author to do something ("*Describe the options below.*", "_Document patterns, not file
 * trees …_") or asks a question.
 */
const READER_NOTE =
  /^(?!\s*(?:describe|list|explain|add|provide|include|summari[sz]e|state|write|document|outline|define|specify|identify|enumerate|note|mention|give|insert|replace|fill|use|keep|remove|delete|link|record|capture|detail|ensure|check|choose|pick|select|consider|what|why|how|who|when|which|where|if|optional|e\.g\.)\b)(?![^.?!]*\?)[^\r\n]*\b(?:below|above|following)\b/iu;

/**
 * An italic line that says the section has nothing to hold ("_None._", "*N/A*", "*No setup
 * tasks required*", "*No separate research.md; all documentation is in README.md.*") is the
 * author's answer, not guidance.
 */
const SAYS_NONE =
  /^\s*(?:none|n\/a|not applicable|nothing\b|no\s.{0,60}\b(?:required|needed|necessary|applicable|planned|identified|known|expected)\b|not\s+(?:required|needed|necessary|applicable)\b|no\s+(?:violations?|deviations?|exceptions?)\b|no\s+(?:separate|additional|dedicated|extra|further)\s)/iu;

/** "*No violations of the constitution. Section intentionally empty.*": the author says so, wherever in the line. */
const STATES_NONE_ANYWHERE = /\bintentionally\s+(?:left\s+)?(?:empty|blank)\b/iu;

/**
 * A status given in italics as the section's whole text (`## Proposal Status` then `***Draft***`):
 * the author's value, not guidance.
 */
const STATUS_VALUE =
  /^(?:draft|proposed|accepted|approved|implemented|implementable|provisional|rejected|declined|deprecated|superseded|withdrawn|deferred|postponed|final|active|obsolete|replaced|completed?|done|in[ -]progress|(?:in|under)[ -]review)\.?$/iu;

function spanOf(node: RootContent): OffsetRange | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

// Whether the node's source has a letter or digit outside placeholders: markup, bullets
// and emoji alone (`- ✅ [Criterion 1]`) are not something the author wrote.
function hasOwnWords(text: string, span: OffsetRange, placeholders: readonly Placeholder[]): boolean {
  let cursor = span.start;
  for (let i = firstEndingAfter(placeholders, span.start); i < placeholders.length; i++) {
    const placeholder = placeholders[i] as Placeholder;
    if (placeholder.range.start >= span.end) break;
    if (hasWordBetween(text, cursor, placeholder.range.start)) return true;
    cursor = Math.max(cursor, placeholder.range.end);
  }
  return hasWordBetween(text, cursor, span.end);
}

const WORD_AT = /[\p{L}\p{N}]/uy;

/** Whether `text` has a letter or digit in `[start, end)`: ASCII checked by hand, the rest by Unicode property. */
export function hasWordBetween(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const lower = code | 0x20;
      if ((code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) return true;
      continue;
    }
    // A low surrogate here has no pair inside the range: not a letter. A letter outside
    // ASCII (or a surrogate pair for one) must end inside the range.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    WORD_AT.lastIndex = i;
    if (WORD_AT.test(text) && WORD_AT.lastIndex <= end) return true;
  }
  return false;
}

// Placeholders do not overlap, so sorted by start they are sorted by end too: a binary
// search finds the first that ends after `offset`, keeping a long document linear.
function firstEndingAfter(placeholders: readonly Placeholder[], offset: number): number {
  let low = 0;
  let high = placeholders.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((placeholders[middle] as Placeholder).range.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
