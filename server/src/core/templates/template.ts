import type { ParsedTrees } from '../parse/parsed-trees';
import type { OffsetRange } from '../parse/range';
import { contentVerdicts } from '../parse/section-content';
import type { Section } from '../parse/sections';
import { parseSpec, type SpecDocument } from '../parse/spec-document';
import type { TemplateManifest } from './manifest';
import { keyOfSection, writtenTitle, type SectionKey } from './section-keys';

import type { TemplateOrigin } from '../../../../common/src/protocol';

export type { TemplateOrigin };

/** One heading of a template: a section a spec from the template is expected to have. */
export interface TemplateSection extends SectionKey {
  /** Position in the template's flat outline. */
  readonly index: number;
  /** The heading text as written in the template. */
  readonly title: string;
  readonly depth: number;
  /** Index of the enclosing template section, if any. */
  readonly parent: number | undefined;
  /** The document title (the first top-level heading, when it is the only one at its level). */
  readonly isTitle: boolean;
  /** One instance of a repeated block (its title has a placeholder, or the manifest says so). */
  readonly example: boolean;
  readonly optional: boolean;
  /** Written for the author; a finished spec should not contain it. */
  readonly guidance: boolean;
  /** A spec must have a section with this key: not the title, an example, optional or guidance, and with a key. */
  readonly required: boolean;
  /** The section in the template text: heading, own content and subsections. */
  readonly range: OffsetRange;
  readonly headingRange: OffsetRange;
  /** The section's own content (before its first subsection). */
  readonly ownRange: OffsetRange;
}

/** A spec template: its Markdown text, parsed, and its manifest. */
export interface Template {
  readonly id: string;
  readonly manifest: TemplateManifest;
  readonly origin: TemplateOrigin;
  /** Where it was read from, for people: a path, or `built-in/<id>`. */
  readonly location: string;
  readonly text: string;
  readonly document: SpecDocument;
  readonly sections: readonly TemplateSection[];
  /** Manifest entries that name no heading of the template (a mistake in the manifest). */
  readonly unknownSectionNames: readonly string[];
}

const MANDATORY = /\(mandatory\)/i;

/** A template's text as it is read: no byte-order mark, `\n` line breaks. */
export function normalizeTemplateText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Builds a template from its Markdown text and manifest. The template's headings
 * become its sections; nothing about sections is hard-coded. Never throws. `trees`
 * are Markdown trees parsed ahead of time (the built-in templates'); the result is the same without them.
 */
export function createTemplate(
  manifest: TemplateManifest,
  text: string,
  origin: TemplateOrigin,
  location: string,
  trees?: ParsedTrees,
  /** The text already parsed, used when it is exactly the text the template is read from. */
  parsed?: SpecDocument,
): Template {
  const normalized = normalizeTemplateText(text);
  const document = parsed?.text === normalized ? parsed : parseSpec(normalized, undefined, trees ? { trees } : undefined);
  const flat = document.outline.flat;
  const named = (names: readonly string[]) => new Set(names.map((name) => name.replace(/\s+/g, ' ').trim()));
  const optional = named(manifest.sections.optional);
  const examples = named(manifest.sections.examples);
  const guidance = named(manifest.sections.guidance);
  const titles = flat.map((section) => writtenTitle(normalized, section));
  const holes = holesOf(normalized, document, manifest);
  const first = flat[0];
  // The title: the first heading when no other is at its level, or a top-level heading that
  // opens the template with nothing under it (a template's name line, `# ADR template`,
  // followed by more top-level headings).
  const titleIsAlone =
    first !== undefined && (flat.filter((section) => section.depth <= first.depth).length === 1 || opensEmpty(normalized, document, first));
  // spec-kit's templates mark the sections a spec must have `*(mandatory)*`; the rest are
  // examples to keep or drop (`Phase N: Polish`, `Parallel Example: User Story 1`).
  const onlyMarked = origin === 'spec-kit';
  const parents: (number | undefined)[] = [];
  const stack: number[] = [];
  flat.forEach((section, index) => {
    while (stack.length > 0 && (flat[stack[stack.length - 1] as number] as typeof section).depth >= section.depth) stack.pop();
    parents.push(stack[stack.length - 1]);
    stack.push(index);
  });
  const sections = flat.map((section, index): TemplateSection => {
    const title = titles[index] as string;
    const key = keyOfSection(normalized, section, holes);
    const parent = parents[index];
    const inGuidance = guidance.has(title) || (parent !== undefined && isUnder(parents, index, (i) => guidance.has(titles[i] as string)));
    const isTitle = index === 0 && titleIsAlone;
    const example = key.open || examples.has(title) || (parent !== undefined && isUnder(parents, index, (i) => examples.has(titles[i] as string) || flatKeyOpen(i)));
    const isOptional = optional.has(title) || (parent !== undefined && isUnder(parents, index, (i) => optional.has(titles[i] as string)));
    return {
      ...key,
      index,
      title,
      depth: section.depth,
      parent,
      isTitle,
      example,
      optional: isOptional,
      guidance: inGuidance,
      required: !isTitle && !example && !isOptional && !inGuidance && key.key !== '' && (!onlyMarked || MANDATORY.test(title)),
      range: section.range,
      headingRange: section.headingRange,
      ownRange: section.ownRange,
    };
    function flatKeyOpen(i: number): boolean {
      const other = flat[i];
      return other !== undefined && keyOfSection(normalized, other, holes).open && i !== 0;
    }
  });
  const allTitles = new Set(titles);
  const unknownSectionNames = [...optional, ...examples, ...guidance].filter((name) => !allTitles.has(name));
  return { id: manifest.id, manifest, origin, location, text: normalized, document, sections, unknownSectionNames };
}

/** Placeholders plus the text the manifest fills in (which may sit in code, like `` `[FEATURE_NAME]` ``), by start. */
function holesOf(text: string, document: SpecDocument, manifest: TemplateManifest): { range: OffsetRange }[] {
  const holes: { range: OffsetRange }[] = document.placeholders.map((placeholder) => ({ range: placeholder.range }));
  for (const key of Object.keys(manifest.fill)) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
      holes.push({ range: { start: at, end: at + key.length } });
    }
  }
  return holes.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
}

function isUnder(parents: readonly (number | undefined)[], index: number, test: (ancestor: number) => boolean): boolean {
  for (let ancestor = parents[index]; ancestor !== undefined; ancestor = parents[ancestor]) {
    if (test(ancestor)) return true;
  }
  return false;
}

/** The status values of a template, in lifecycle order. */
export function statusesOf(template: Template): readonly string[] {
  return template.manifest.lifecycle?.statuses.map((status) => status.value) ?? [];
}

/** A top-level heading with only front matter before it, and no content or subsection of its own. */
function opensEmpty(text: string, document: SpecDocument, section: Section): boolean {
  if (section.depth !== 1 || section.children.length > 0) return false;
  const before = text.slice(document.frontMatter?.range.end ?? 0, section.headingRange.start);
  return before.trim() === '' && contentVerdicts(document)(section) === 'none';
}
