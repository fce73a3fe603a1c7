// Reports guidance the template wrote for the author that is still in the spec: an HTML
// comment or an italic instruction line equal to one in the template (`<!-- High-level
// technical approach in 2-3 sentences -->`, `_What is shipped and working as of this
// spec's date._`), and sections the template's manifest marks as guidance ("Notes for
// Tech Leads"). Such text is scaffolding: a finished spec reads cleaner without it, and a
// comment the author never deleted is a hint that the section under it was never revisited.
// Lines are removed whole, with one blank line where removing them would leave two.
import type { RootContent } from 'mdast';
import { familyInstructionRanges } from '../families/placeholders';
import type { OffsetRange } from '../parse/range';
import { contentVerdicts } from '../parse/section-content';
import type { SpecDocument } from '../parse/spec-document';
import type { Section } from '../parse/sections';
import { normalizeTitle } from '../templates/section-keys';
import { headingLabel } from '../templates/section-tree';
import type { Template } from '../templates/template';
import { htmlComments, italicLineText, spanOf } from '../templates/template-text';
import { shorten } from '../lint/quote';
import type { Fix, Rule, TextEdit } from '../lint/types';

export const leftoverGuidance: Rule = {
  meta: {
    id: 'leftover-guidance',
    description: 'Template guidance left in a spec: comments, italic instruction lines and guidance sections.',
    rationale:
      'Templates talk to the author in HTML comments, italic lines and whole sections of advice. Readers of ' +
      'the finished spec do not need them, and guidance still in place often marks a section nobody ' +
      'revisited. A comment or italic line is reported when its text (whitespace aside) is one of the ' +
      'template\'s, in a section that has been written (under an empty heading it is still the author\'s instructions); ' +
      'the fix removes it with its line. A section the template\'s manifest marks as guidance is ' +
      'reported at its heading; its fix removes the whole section, which you should only do once you have ' +
      'read it. Only documents that follow a template are checked (a Specwright template, spec-kit\'s, or the ' +
      'one your repository keeps beside its documents, such as MADR\'s `adr-template.md`). Comments that ' +
      'instruct a tool rather than the author (`<!-- toc -->`, `<!-- markdownlint-disable-next-line MD025 -->`) ' +
      'are left alone.',
    defaultSeverity: 'information',
    fixable: true,
  },
  check({ document, template, family, report }) {
    if (!template) return;
    const { text } = document;
    // The sections a family keeps as its instructions (a spec-kit plan's phases) keep their guidance.
    const instructions = familyInstructionRanges(document, family);
    const known = templateGuidance(template.template);
    const label = template.template.manifest.label;

    const guidanceSections: OffsetRange[] = [];
    // A guidance section pasted twice matches the template once: the copy is guidance too.
    const guidanceByTitle = new Map(template.template.sections.filter((section) => section.guidance).map((section) => [normalizeTitle(section.title), section]));
    document.outline.flat.forEach((section, position) => {
      const index = template.match.byDocument.get(position);
      const templateSection = index === undefined ? guidanceByTitle.get(normalizeTitle(section.title)) : template.template.sections[index];
      if (!templateSection?.guidance) return;
      const last = guidanceSections[guidanceSections.length - 1];
      if (last && section.range.start < last.end) return;
      guidanceSections.push(section.range);
      report({
        message: `Expected no template guidance in a finished spec, found the section \`${headingLabel(section)}\` from the template \`${label}\``,
        range: section.headingRange,
        data: { kind: 'section', section: section.title, templateSection: templateSection.title },
        fixes: [{ title: `Remove section \`${headingLabel(section)}\``, edits: [{ range: sectionRemoval(text, section), newText: '' }] }],
      });
    });

    const found: Guidance[] = [];
    const written = writtenSections(document);
    for (const node of document.root.children) {
      if (node.type === 'yaml') continue;
      for (const item of guidanceIn(text, node, known)) {
        if (guidanceSections.some((range) => item.range.start >= range.start && item.range.end <= range.end)) continue;
        if (instructions.some((range) => item.range.start >= range.start && item.range.end <= range.end)) continue;
        // Guidance under a heading nobody has written under yet is the author's instructions, not left over.
        if (!written(item.range.start)) continue;
        found.push(item);
      }
    }
    const fixes = removals(text, found);
    found.forEach((item, i) => {
      const what = item.kind === 'comment' ? 'comment' : 'italic line';
      report({
        message: `Expected no template guidance, found the ${what} \`${shorten(item.text, 60)}\``,
        range: item.range,
        data: { kind: item.kind, text: item.text },
        fixes: [fixes[i] as Fix],
      });
    });
  },
};

/**
 * Whether the section holding an offset has been written: its own content, or that of a
 * section under it, is more than guidance and placeholders. Text before the first
 * heading counts as written.
 */
function writtenSections(document: SpecDocument): (offset: number) => boolean {
  const verdictOf = contentVerdicts(document);
  const known = new Map<object, boolean>();
  const written = (section: SpecDocument['outline']['flat'][number]): boolean => {
    let answer = known.get(section);
    if (answer === undefined) {
      answer = verdictOf(section) === 'content' || section.children.some(written);
      known.set(section, answer);
    }
    return answer;
  };
  return (offset) => {
    let holder: SpecDocument['outline']['flat'][number] | undefined;
    for (const section of document.outline.flat) {
      if (section.headingRange.start > offset) break;
      if (offset < section.ownRange.end) holder = section;
    }
    return holder === undefined || written(holder);
  };
}

interface Guidance {
  readonly kind: 'comment' | 'italic';
  readonly range: OffsetRange;
  readonly text: string;
}

interface KnownGuidance {
  readonly comments: ReadonlySet<string>;
  readonly italics: ReadonlySet<string>;
}

// Templates are immutable once built: their guidance is collected once.
const cache = new WeakMap<Template, KnownGuidance>();

function templateGuidance(template: Template): KnownGuidance {
  let known = cache.get(template);
  if (!known) {
    const comments = new Set<string>();
    const italics = new Set<string>();
    for (const node of template.document.root.children) {
      for (const comment of htmlComments(template.text, node)) if (isProse(comment.text)) comments.add(comment.text);
      const italic = italicLineText(node);
      if (italic !== undefined) italics.add(italic);
    }
    cache.set(template, (known = { comments, italics }));
  }
  return known;
}

/**
 * Whether a comment's text is words for the author rather than an instruction to a tool,
 * which must stay: a single word (`toc` and `/toc` around a generated table of contents) or
 * a directive (`markdownlint-disable-next-line MD025`, `prettier-ignore`), nor the file's
 * copyright or licence header.
 */
function isProse(text: string): boolean {
  const words = text.split(' ');
  return !DIRECTIVE.test(words[0] ?? '') && !LICENCE_HEADER.test(text) && words.filter((word) => /\p{L}/u.test(word)).length >= 2;
}

/** A file's copyright or licence header, which every document keeps: `Copyright The Shipwright Contributors SPDX-License-Identifier: Apache-2.0`. */
const LICENCE_HEADER = /^(?:copyright\b|\(c\)|©)|\bSPDX-License-Identifier:/i;

const DIRECTIVE = /^[a-z]+(?:[-:][a-z]+)+$/;

const removalsInTemplate = new WeakMap<Template, readonly OffsetRange[]>();

/**
 * What this rule's fixes remove from the template's own text (template offsets, sorted,
 * not overlapping): its guidance comments and italic lines with their lines. Text copied
 * from the template without these spans has nothing this rule reports, so a fix that
 * inserts template text (a missing section) leaves them out, and "fix all" is done in one go.
 */
export function guidanceRemovalsInTemplate(template: Template): readonly OffsetRange[] {
  let ranges = removalsInTemplate.get(template);
  if (!ranges) {
    const known = templateGuidance(template);
    const found = template.document.root.children.flatMap((node) => (node.type === 'yaml' ? [] : guidanceIn(template.text, node, known)));
    const sorted = removals(template.text, found)
      .flatMap((fix) => fix.edits.map((edit) => edit.range))
      .sort((a, b) => a.start - b.start);
    const merged: OffsetRange[] = [];
    for (const next of sorted) {
      const last = merged[merged.length - 1];
      if (last && next.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
      else merged.push(next);
    }
    removalsInTemplate.set(template, (ranges = merged));
  }
  return ranges;
}

function guidanceIn(text: string, node: RootContent, known: KnownGuidance): Guidance[] {
  if (node.type === 'html') {
    return htmlComments(text, node)
      .filter((comment) => known.comments.has(comment.text))
      .map((comment) => ({ kind: 'comment', range: comment.range, text: comment.text }));
  }
  const italic = italicLineText(node);
  const span = spanOf(node);
  return italic !== undefined && span && known.italics.has(italic) ? [{ kind: 'italic', range: span, text: italic }] : [];
}


/** A line of the document: `[start, end)` without its break, and `next`, where the following line starts. */
interface Line {
  readonly start: number;
  readonly end: number;
  readonly next: number;
}

function lineAt(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const next = text.startsWith('\r\n', end) ? end + 2 : end < text.length ? end + 1 : end;
  return { start, end, next };
}

/** The line before `line`, or undefined at the start of the text. */
function lineBefore(text: string, line: Line): Line | undefined {
  if (line.start === 0) return undefined;
  const breakStart = text.startsWith('\r\n', line.start - 2) ? line.start - 2 : line.start - 1;
  return lineAt(text, breakStart);
}

function isBlank(text: string, line: Line): boolean {
  return /^[ \t]*$/.test(text.slice(line.start, line.end));
}

/**
 * One preferred fix per guidance item, removing exactly it. An item alone on its lines
 * goes with its lines; consecutive such items form a run, and the last fix of a run also
 * removes one blank line next to the run when the run sits between blank lines (or
 * between a blank line and the end of the text), so that applying any of the fixes, or
 * all of them, never leaves two blank lines in a row. An item that shares a line with
 * other text is removed with the spaces after it.
 */
function removals(text: string, items: readonly Guidance[]): Fix[] {
  const fixes: Fix[] = [];
  let runStart: Line | undefined;
  items.forEach((item, i) => {
    const first = lineAt(text, item.range.start);
    const last = lineAt(text, item.range.end);
    if (!wholeLines(text, item)) {
      let end = item.range.end;
      while (end < last.end && (text[end] === ' ' || text[end] === '\t')) end++;
      fixes.push(fix([{ range: { start: item.range.start, end }, newText: '' }]));
      runStart = undefined;
      return;
    }
    if (!runStart) runStart = first;
    const nextItem = items[i + 1];
    const continues = nextItem !== undefined && lineAt(text, nextItem.range.start).start === last.next && wholeLines(text, nextItem);
    const edits: TextEdit[] = [{ range: { start: first.start, end: last.next }, newText: '' }];
    if (!continues) {
      const before = lineBefore(text, runStart);
      const after = last.next < text.length ? lineAt(text, last.next) : undefined;
      const blankBefore = before === undefined || isBlank(text, before);
      if (after && isBlank(text, after) && blankBefore) {
        edits[0] = { range: { start: first.start, end: after.next }, newText: '' };
      } else if (!after && before && isBlank(text, before)) {
        edits.unshift({ range: { start: before.start, end: runStart.start }, newText: '' });
      }
      runStart = undefined;
    }
    fixes.push(fix(mergeAdjacent(edits)));
  });
  return fixes;
}

function wholeLines(text: string, item: Guidance): boolean {
  const first = lineAt(text, item.range.start);
  const last = lineAt(text, item.range.end);
  return /^[ \t]*$/.test(text.slice(first.start, item.range.start)) && /^[ \t]*$/.test(text.slice(item.range.end, last.end));
}

function mergeAdjacent(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const previous = merged[merged.length - 1];
    if (previous && previous.range.end === edit.range.start) merged[merged.length - 1] = { range: { start: previous.range.start, end: edit.range.end }, newText: '' };
    else merged.push(edit);
  }
  return merged;
}

function fix(edits: readonly TextEdit[]): Fix {
  return { title: 'Remove template guidance', edits, preferred: true };
}

/**
 * A section's whole range; at the end of the text, also the blank lines before it, so
 * the text still ends with a single line break.
 */
function sectionRemoval(text: string, section: Section): OffsetRange {
  const { start, end } = section.range;
  if (end < text.length) return { start, end };
  let first = lineAt(text, start);
  for (let before = lineBefore(text, first); before && isBlank(text, before); before = lineBefore(text, before)) first = before;
  return { start: first.start, end };
}
