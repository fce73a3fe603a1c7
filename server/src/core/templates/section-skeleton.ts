// The skeleton of a template section and where it goes in a spec that lacks it: shared by
// the missing-section rule's fixes, section completion and the spec summary, so all three
// insert the same text at the same place.
import type { OffsetRange } from '../parse/range';
import type { Section } from '../parse/sections';
import type { SectionMatch } from './match';
import type { Template, TemplateSection } from './template';

/**
 * Template sections with no heading in the document, in template order, leaving out those
 * whose enclosing section is missing too (its skeleton brings them along). By default only
 * required sections count; `include` widens that (for example to optional ones).
 */
export function missingSections(template: Template, match: SectionMatch, include: (section: TemplateSection) => boolean = (section) => section.required): TemplateSection[] {
  const missing = new Set<number>();
  const result: TemplateSection[] = [];
  for (const section of template.sections) {
    if (match.byTemplate.has(section.index)) continue;
    if (section.parent !== undefined && missing.has(section.parent)) {
      missing.add(section.index);
      continue;
    }
    if (!include(section)) continue;
    missing.add(section.index);
    result.push(section);
  }
  return result;
}

/** An insertion into the document: offsets are UTF-16 code units, `start` equals `end`. */
export interface InsertionEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

/** Where and how a missing section goes into the document. */
export interface SectionInsertion {
  readonly edit: InsertionEdit;
  /** Where the text goes (the edit's offset). */
  readonly offset: number;
  /** The heading level the section gets there. */
  readonly depth: number;
  /** The number its title gets: a string, `null` to drop the template's number, undefined to keep the title as written. */
  readonly number: string | null | undefined;
  readonly lead: string;
  readonly body: string;
  readonly trail: string;
  /** The heading as inserted, for the fix title. */
  readonly heading: string;
  /** Where the finding is shown: the enclosing section's heading, else the start of the document. */
  readonly reportAt: { start: number; end: number };
}

/** Options for {@link planInsertion}. */
export interface PlanOptions {
  /**
   * Sections already planned for insertion, by template index: a missing earlier sibling
   * planned here goes in the same place, so this one follows it, numbered after it.
   */
  readonly planned?: ReadonlyMap<number, SectionInsertion>;
  /** Spans of the template's text to leave out of the skeleton (sorted, not overlapping). */
  readonly omit?: readonly OffsetRange[];
}

/**
 * Where and what to insert: after the last present section among the missing one's
 * earlier siblings (in template order), else at the end of the enclosing section's own
 * content, else after the front matter. The heading level follows the document, and a
 * numbered title continues the numbering of the section before it.
 */
export function planInsertion(text: string, template: Template, match: SectionMatch, section: TemplateSection, eol: string, options: PlanOptions = {}): SectionInsertion {
  const parentSection = section.parent === undefined ? undefined : match.byTemplate.get(section.parent);
  let previous: { doc: Section; template: TemplateSection } | undefined;
  let plannedBefore: { insertion: SectionInsertion; template: TemplateSection } | undefined;
  for (let i = section.index - 1; i >= 0; i--) {
    const candidate = template.sections[i] as TemplateSection;
    if (candidate.parent !== section.parent) continue;
    const doc = match.byTemplate.get(candidate.index);
    if (doc) {
      previous = { doc, template: candidate };
      break;
    }
    const insertion = options.planned?.get(candidate.index);
    if (insertion) {
      plannedBefore = { insertion, template: candidate };
      break;
    }
  }
  let offset: number;
  let depth: number;
  if (plannedBefore) {
    offset = plannedBefore.insertion.offset;
    depth = Math.min(6, Math.max(1, section.depth + plannedBefore.insertion.depth - plannedBefore.template.depth));
  } else if (previous) {
    offset = previous.doc.range.end;
    depth = Math.min(6, Math.max(1, section.depth + previous.doc.depth - previous.template.depth));
  } else if (parentSection) {
    offset = parentSection.ownRange.end;
    depth = Math.min(6, parentSection.depth + 1);
  } else {
    offset = firstSectionStart(text, match);
    depth = section.depth;
  }
  const numberText = plannedBefore ? nextNumber(section, plannedBefore.insertion.number) : continuedNumber(text, section, previous?.doc, parentSection);
  const skeleton = sectionSkeleton(template, section, depth - section.depth, numberText, options.omit);
  // A thematic break (`---`) that closes the section before belongs between it and what
  // follows: the new section goes before it, and gets one of its own when such breaks
  // separate sections of its level.
  let separator = '';
  if (!plannedBefore && previous) {
    const closing = closingBreak(text, offset);
    if (closing !== undefined) {
      offset = closing;
      let next: Section | undefined;
      for (const candidate of match.byTemplate.values()) {
        if (candidate.headingRange.start >= offset && (!next || candidate.headingRange.start < next.headingRange.start)) next = candidate;
      }
      if (next !== undefined && next.depth >= depth) separator = `${closingBreakText(text, closing)}${eol}${eol}`;
    }
  }
  // A lone `\r` before the offset and an inserted `\n` would read as one `\r\n` break.
  const merges = text[offset - 1] === '\r' && eol.startsWith('\n');
  const breaks = lineBreaksBefore(text, offset) - (merges ? 1 : 0);
  const lead = `${offset === 0 || breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol}${separator}`;
  const trail = offset < text.length ? eol : '';
  const body = skeleton.replace(/\r?\n/g, eol);
  const heading = body.split(/\r?\n/)[0] as string;
  const reportAt = parentSection ? parentSection.headingRange : { start: 0, end: 0 };
  return {
    edit: { range: { start: offset, end: offset }, newText: `${lead}${body}${eol}${trail}` },
    offset,
    depth,
    number: numberText,
    lead,
    body,
    trail,
    heading: `\`${heading}\``,
    reportAt,
  };
}

/** How many line breaks (`\r\n`, `\n` or `\r`, each counted once) end `text` before `offset`. */
function lineBreaksBefore(text: string, offset: number): number {
  let count = 0;
  let at = offset;
  while (at > 0) {
    if (text[at - 1] === '\n' && text[at - 2] === '\r') at -= 2;
    else if (text[at - 1] === '\n' || text[at - 1] === '\r') at -= 1;
    else break;
    count++;
  }
  return count;
}

const BREAK_LINE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Where a thematic break that ends the text before `offset` starts (its line), when one
 * does: the last non-blank line is `---`, `***` or `___` and a blank line comes before it
 * (so it is not the underline of a setext heading).
 */
function closingBreak(text: string, offset: number): number | undefined {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  let start = end;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  if (start === 0 || !BREAK_LINE.test(text.slice(start, end))) return undefined;
  return lineBreaksBefore(text, start) >= 2 ? start : undefined;
}

function closingBreakText(text: string, start: number): string {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end).trim();
}

function firstSectionStart(text: string, match: SectionMatch): number {
  let first = text.length;
  for (const section of match.byTemplate.values()) first = Math.min(first, section.range.start);
  return first === text.length ? text.length : first;
}

const NUMBER = /^(\d+(?:\.\d+)*)(\.?)(\s+)/;

/**
 * The number the inserted heading gets, or undefined to keep the template's title as
 * written: one more than the previous sibling's last number component, else the
 * enclosing section's number with `.1`. Without numbers in the document, none.
 */
function continuedNumber(text: string, section: TemplateSection, previous: Section | undefined, parent: Section | undefined): string | null | undefined {
  if (!NUMBER.test(section.title)) return undefined;
  const numberOf = (s: Section) => NUMBER.exec(text.slice(s.titleRange.start, s.titleRange.end))?.[1];
  if (previous) {
    const number = numberOf(previous);
    if (!number) return null;
    const parts = number.split('.');
    parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
    return parts.join('.');
  }
  if (parent) {
    const number = numberOf(parent);
    return number ? `${number}.1` : null;
  }
  return undefined;
}

/** The number after a sibling planned with `number` (see {@link continuedNumber}). */
function nextNumber(section: TemplateSection, number: string | null | undefined): string | null | undefined {
  if (!NUMBER.test(section.title) || number === undefined) return undefined;
  if (number === null) return null;
  const parts = number.split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
  return parts.join('.');
}

/**
 * The template's text for a section (heading, content, subsections) without trailing
 * blank lines and thematic breaks, headings shifted by `shift` levels, and the title's
 * number replaced (`null`: removed) — in subsection titles too. Spans of the template's
 * text in `omit` (sorted, not overlapping, never in a heading line) are left out.
 */
export function sectionSkeleton(template: Template, section: TemplateSection, shift: number, number: string | null | undefined, omit: readonly OffsetRange[] = []): string {
  let end = section.range.end;
  const tail = /(?:\n[ \t]*(?:---|\*\*\*|___)?[ \t]*)*\n?$/.exec(template.text.slice(section.range.start, end));
  if (tail) end -= tail[0].length;
  const old = NUMBER.exec(section.title)?.[1];
  const inside = template.sections.filter((s) => s.range.start >= section.range.start && s.range.end <= section.range.end);
  const copy = (from: number, to: number): string => {
    let kept = '';
    for (const span of omit) {
      if (span.end <= from || span.start >= to) continue;
      kept += template.text.slice(from, Math.max(from, span.start));
      from = Math.max(from, span.end);
    }
    return from < to ? kept + template.text.slice(from, to) : kept;
  };
  let out = '';
  let cursor = section.range.start;
  for (const sub of inside) {
    const { start, end: headingEnd } = sub.headingRange;
    if (start < cursor || headingEnd > end) continue;
    out += copy(cursor, start);
    const line = template.text.slice(start, headingEnd);
    const atx = /^(#{1,6})([ \t]+)(.*)$/s.exec(line);
    if (!atx) {
      out += line;
    } else {
      const level = Math.min(6, Math.max(1, (atx[1] as string).length + shift));
      out += `${'#'.repeat(level)}${atx[2]}${renumber(atx[3] as string, old, number)}`;
    }
    cursor = headingEnd;
  }
  out += copy(cursor, end);
  // Left-out text at the end may leave blank lines there.
  return omit.length > 0 ? out.replace(/(?:\r?\n[ \t]*)+$/, '') : out;
}

function renumber(title: string, old: string | undefined, number: string | null | undefined): string {
  if (number === undefined || old === undefined) return title;
  const match = NUMBER.exec(title);
  if (!match || !(match[1] === old || (match[1] as string).startsWith(`${old}.`))) return title;
  if (number === null) return title.slice(match[0].length);
  return `${number}${(match[1] as string).slice(old.length)}${match[2]}${match[3]}${title.slice(match[0].length)}`;
}

/** Insertions at the same offset become one edit, in template order, one blank line between sections. */
export function mergeInsertions(insertions: readonly SectionInsertion[], eol: string): InsertionEdit[] {
  const byOffset = new Map<number, SectionInsertion[]>();
  for (const insertion of insertions) {
    const offset = insertion.edit.range.start;
    byOffset.set(offset, [...(byOffset.get(offset) ?? []), insertion]);
  }
  return [...byOffset]
    .sort((a, b) => a[0] - b[0])
    .map(([offset, group]) => {
      const first = group[0] as SectionInsertion;
      const newText = `${first.lead}${group.map((insertion) => insertion.body).join(eol + eol)}${eol}${first.trail}`;
      return { range: { start: offset, end: offset }, newText };
    });
}
