import { codeRanges } from '../parse/code-ranges';
import { findBracePlaceholders, findLooseBracePlaceholders, normalizePlaceholders, type Placeholder } from '../parse/placeholders';
import { TODO_WORD } from '../parse/placeholder-patterns';
import type { OffsetRange } from '../parse/range';
import type { SpecDocument } from '../parse/spec-document';
import { normalizeTitle } from '../templates/section-keys';
import type { TemplateChoice } from '../templates/detect';
import type { FamilyChoice } from './identify';
import type { Family, ItemLines } from './family';
import { linesOutsideFences } from './items';
import { keptTemplateSlots } from './template-slots';

const braces = new WeakMap<SpecDocument, readonly Placeholder[]>();
const ellipses = new WeakMap<SpecDocument, readonly Placeholder[]>();
const templateChoices = new WeakMap<SpecDocument, ReadonlySet<string>>();

/**
 * The placeholders a document still holds, read in its family's dialect: the family's
 * own markup (`[P]`, `[US1]` in spec-kit) is not a placeholder; a choice list written
 * without brackets counts only where the family uses that form or the document's
 * template has the same list; MADR's `{single braces}` count in families that use them;
 * sections the kit keeps as its instructions (a spec-kit plan's phases) hold none.
 * Without a family, every placeholder the parser found counts, as before families.
 * Sorted by position.
 */
export function familyPlaceholders(document: SpecDocument, family: FamilyChoice | undefined, template: TemplateChoice | undefined): readonly Placeholder[] {
  if (!family) return document.placeholders;
  // A document that is not a spec (an agent's context) has nothing left to fill.
  if (family.family.kinds[family.kind]?.checked === false) return [];
  const { markup, placeholders: dialect } = family.family;
  const templateLists = template ? bareChoicesOf(template.template.document) : undefined;
  const instructions = instructionRanges(document, family.family.kinds[family.kind]?.sections.instructions ?? []);
  const tags = itemTagsOf(document, family.family.kinds[family.kind]?.itemLines);
  const isMarkup = (placeholder: Placeholder) =>
    !placeholder.inFrontMatter &&
    (tags.has(placeholder.text) || markup.some((entry) => entry.pattern.test(placeholder.text) && (!entry.after || entry.after.test(restOfLine(document.text, placeholder.range.end)))));
  // Slots of the repository's template kept as it has them where the scanner does not look
  // (code, a bracket nesting another) or the family does not (its instructions' example table).
  // An open question asked there (`→ [NEEDS CLARIFICATION: How many rounds are acceptable?]`) is
  // the author's, not the kit's own wording (`[NEEDS CLARIFICATION: specific question]`).
  const inInstructions = (placeholder: Placeholder) =>
    instructions.some((r) => placeholder.range.start >= r.start && placeholder.range.start < r.end) && !(placeholder.kind === 'clarification' && /[?？]\s*\]$/u.test(placeholder.text));
  const templateSlots = template?.how === 'repository' ? keptTemplateSlots(document, template.template).filter((slot) => !isMarkup(slot)) : [];
  // The template's slots in the instructions' example tables are reported (rows to replace); in
  // their code (an execution flow naming the markers) they are not. Code is looked for only then.
  const instructionCode =
    templateSlots.length > 0 && instructions.length > 0 ? codeRanges(document.root.children).filter((r) => instructions.some((i) => r.start >= i.start && r.start < i.end)) : [];
  const fromTemplate = instructionCode.length === 0 ? templateSlots : templateSlots.filter((slot) => !instructionCode.some((r) => slot.range.start >= r.start && slot.range.start < r.end));
  // `# [Superseded by [ADR-0017](…)] Do not persist Dex`: a decision's status, tagged onto its title.
  const statusTag = statusTagPattern(family.family);
  const legend = legendTagsOf(document);
  const titleTag = authorsTitleBracket(document);
  const names = bracketedSectionNames(document);
  const named = toDoWordsAsNames(document);
  const kept = document.placeholders.filter((placeholder) => {
    if (inInstructions(placeholder)) return false;
    if (placeholder.kind === 'todo' && named.has(placeholder.text)) return false;
    if (placeholder === titleTag) return false;
    if (names.has(placeholder.range.start)) return false;
    if (!placeholder.inFrontMatter && legend.has(placeholder.text)) return false;
    // Not a choice of statuses (`[Proposed | Accepted | Deprecated]`), which is the template's slot.
    if (placeholder.kind !== 'choice' && !/[|]/.test(placeholder.text) && statusTag?.test(placeholder.text)) return false;
    if (!placeholder.inFrontMatter && tags.has(placeholder.text)) return false;
    if (placeholder.form === 'bare-choice' && !dialect.bareChoices && !templateLists?.has(comparableChoice(placeholder.label))) return false;
    if (!placeholder.inFrontMatter && markup.some((entry) => entry.pattern.test(placeholder.text) && (!entry.after || entry.after.test(restOfLine(document.text, placeholder.range.end))))) {
      return false;
    }
    return true;
  });
  let alone = ellipses.get(document);
  if (!alone) {
    alone = [...ellipsisSections(document), ...headingSlots(document)];
    ellipses.set(document, alone);
  }
  const itemLines = family.family.kinds[family.kind]?.itemLines;
  if (itemLines) {
    const masks = maskedItemIds(document, itemLines);
    if (masks.length > 0) alone = [...alone, ...masks];
  }
  if (dialect.fieldInstruction) alone = [...alone, ...fieldInstructions(document, dialect.fieldInstruction)];
  if (dialect.codeSlots) alone = [...alone, ...codeSlotsOf(document, dialect.codeSlots)];
  if (dialect.emptyFields) alone = [...alone, ...emptyFieldsOf(document, dialect.emptyFields)];
  const blank = blankFieldsOf(document);
  if (blank.length > 0) alone = [...alone, ...blank];
  if (fromTemplate.length > 0) alone = [...alone, ...fromTemplate];
  if (!dialect.braces) {
    const braced = bracesOfBraceTemplate(document);
    if (braced.length > 0) alone = [...alone, ...braced];
    if (alone.length > 0) return normalizePlaceholders([...kept, ...alone]);
    return kept.length === document.placeholders.length ? document.placeholders : kept;
  }
  let inBraces = braces.get(document);
  if (!inBraces) {
    inBraces = normalizePlaceholders([...findBracePlaceholders(document.text, document.root), ...frontMatterBraces(document)]).filter(
      (placeholder) => !writtenOutElsewhere(document.text, placeholder),
    );
    braces.set(document, inBraces);
  }
  return inBraces.length === 0 && alone.length === 0 ? kept : normalizePlaceholders([...kept, ...inBraces, ...alone]);
}

const blankFields = new WeakMap<SpecDocument, readonly Placeholder[]>();

/** A list item that is only a field's label, its value not written: `- Start Date:`, `- **Risks**:`, `- 当前问题：`. */
const BLANK_FIELD = /^(?:\*\*)?\p{L}[\p{L}\p{N} /&'’()-]{0,38}?(?:\*\*)?[ \t]*[:：](?:\*\*)?$/u;
/** A field of a document's header the author gives: its date, its authors or owners, its name. */
const AUTHORS_FIELD = /^(?:(?:start|creation|created|decision|last[ -]updated)[ -]?)?dates?$|^(?:authors?|owners?|deciders?)$|^(?:(?:feature|rfc|proposal|document|change)[ -])?(?:name|title)$/i;
/** A field someone else fills when they review or sign off: `Reviewer name:`, `Approved by:`, `评审人：`. */
const SIGN_OFF_FIELD = /review|approv|sign(?:ed|ature|[ -]?off)|评审|审批|审核|批准|承認|承认|レビュー/i;

/**
 * The fields of a form left blank: in a list where two items or more are only a label and its
 * colon, with nothing in them or under them (`- Positive:`, `- Negative:`; `- PR:`, `- Issue:`
 * under References), each such item. One alone is more often a label whose content the author
 * wrote after the list, and so is one followed by items holding only a list. In the header under
 * the title (a list before any section), only the fields the author gives (`- Start Date:`,
 * `- Authors:`): the others wait for someone else or may stay empty (`- RFC PR:`, `- Supersedes:`,
 * `- Implementation Owner:`). Nowhere the fields of a sign-off (`- Reviewer name:`, `- Approved by:`).
 */
function blankFieldsOf(document: SpecDocument): readonly Placeholder[] {
  const cached = blankFields.get(document);
  if (cached) return cached;
  const found: Placeholder[] = [];
  const { text } = document;
  // The header ends at the first section: a heading after the title, or any heading where the
  // document has no title (RFCs whose sections are all `#`).
  const headings = document.root.children.filter((node) => node.type === 'heading');
  const title = headings[0]?.depth === 1 && headings.filter((heading) => heading.depth === 1).length === 1 ? headings[0] : undefined;
  let inHeader = true;
  for (const node of document.root.children) {
    if (node.type === 'heading' && node !== title) inHeader = false;
    // Not a numbered list: its items are steps (`1. SpecKit runs:`), not a form's fields.
    if (node.type !== 'list' || node.ordered) continue;
    const blank: { start: number; text: string }[] = [];
    for (const [index, item] of node.children.entries()) {
      if (item.checked !== null && item.checked !== undefined) continue;
      // A label for the items after it, written as items of their own (`- Fields:` then `-  - source_path`).
      if (node.children[index + 1]?.children[0]?.type === 'list') continue;
      const only = item.children.length === 1 ? item.children[0] : undefined;
      const start = only?.type === 'paragraph' ? only.position?.start.offset : undefined;
      const end = only?.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      const field = text.slice(start, end).trimEnd();
      if (BLANK_FIELD.test(field) && field.split(/\s+/).length <= 5) blank.push({ start, text: field });
    }
    if (blank.length < 2) continue;
    for (const field of blank) {
      const label = field.text.replace(/\*\*/g, '').replace(/[ \t]*[:：]$/, '');
      if ((inHeader && !AUTHORS_FIELD.test(label.trim())) || SIGN_OFF_FIELD.test(label)) continue;
      found.push({ kind: 'text', label, range: { start: field.start, end: field.start + field.text.length }, text: field.text, inFrontMatter: false, form: 'blank-field' });
    }
  }
  blankFields.set(document, found);
  return found;
}

const braceTemplates = new WeakMap<SpecDocument, readonly Placeholder[]>();

/** A line whose value is a slot in braces, as the raw text shows it: a cheap look before the document's braces are read. */
const WHOLE_VALUE_BRACE_LINE = /^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:[^{}\r\n]{0,60}[:：](?:\*\*)?[ \t]*)?@?\{[^{}\r\n]+\}[ \t]*[.;]?[ \t]*(?:\|[ \t]*)?$|\|[ \t]*\{[^{}|\r\n]+\}[ \t]*\|/gm;

/** How many lines of `text` hold a slot in braces as their value, up to three. */
function wholeValueBraceLines(text: string): number {
  if (!text.includes('{')) return 0;
  let count = 0;
  WHOLE_VALUE_BRACE_LINE.lastIndex = 0;
  while (count < 3 && WHOLE_VALUE_BRACE_LINE.exec(text)) count++;
  return count;
}

/** Front-matter keys of an agent's definition (Kiro's, Copilot's, Claude's agents and prompts). */
const AGENT_KEYS = new Set(['tools', 'allowed-tools', 'allowedTools', 'model', 'agent', 'mode']);

/** Braces that stand for a whole value: a paragraph, a list item or a table cell, or a field's value after its label. */
const WHOLE_VALUE_BRACES = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:(?:\*\*[^*\r\n]{1,40}\*\*[ \t]*[:：]?|\*\*[^*\r\n]{1,40}[:：]\*\*|[^\s{}|:：][^{}|:：\r\n]{0,40}[:：])[ \t]*)?@?$/u;

/**
 * The slots in single braces of a document written that way in a family that does not use
 * braces otherwise (a team's own template: `**Owner:** @{engineer-or-team}`, `- {…}`,
 * `As a {role}, I want {capability}`). A document writes its slots in braces when at least three
 * of them stand for a whole value (a paragraph, a list item, a table cell or a field's value) and
 * one of those reads as words to replace, not a name (`{…}`, `{what changes and why}`): an
 * interpolation in a message format (`Subject: {title}`) is a name. Otherwise none.
 */
function bracesOfBraceTemplate(document: SpecDocument): readonly Placeholder[] {
  let found = braceTemplates.get(document);
  if (found) return found;
  found = [];
  // An agent's definition (front matter naming its tools) or prompt (opening "You are a … agent")
  // writes the format the agent answers in: its braces are that format's.
  const opening = document.root.children.find((node) => node.type === 'paragraph');
  const start = opening?.position?.start.offset;
  const agent =
    (document.frontMatter?.entries.some((entry) => AGENT_KEYS.has(entry.key)) ?? false) ||
    (start !== undefined && /^You are (?:a|an|the)\b/.test(document.text.slice(start, start + 16)));
  if (!agent && wholeValueBraceLines(document.text) >= 3) {
    const braces = findLooseBracePlaceholders(document.text, document.root);
    const whole = braces.filter((placeholder) => {
      const lineStart = document.text.lastIndexOf('\n', placeholder.range.start - 1) + 1;
      const newline = document.text.indexOf('\n', placeholder.range.end);
      const after = document.text.slice(placeholder.range.end, newline < 0 ? document.text.length : newline).replace(/\r$/, '');
      const before = document.text.slice(lineStart, placeholder.range.start);
      if (/^[ \t]*\|/.test(before)) return /\|[ \t]*$/.test(before) && /^[ \t]*\|/.test(after);
      return WHOLE_VALUE_BRACES.test(before) && /^[ \t]*[.;]?[ \t]*$/.test(after);
    });
    if (whole.length >= 3 && whole.some((placeholder) => /\p{L}{2,}\S*\s+\S*\p{L}{2,}|^(?:…|\.{3})$/u.test(placeholder.label))) found = braces;
  }
  braceTemplates.set(document, found);
  return found;
}

const ELLIPSIS = /^(?:\.{3}|…)$/u;

const toDoNames = new WeakMap<SpecDocument, ReadonlySet<string>>();

/**
 * The to-do words a document writes as a name: in the possessive (`TBD's development efforts`, an
 * organisation called TBD), in an identifier (`TODO_Icon`), quoted in a sentence (a line containing
 * "TODO"), or more than once as the thing a feature handles (`TODO comments`, `TODO markers`).
 * Everywhere in such a document, the word is that name, not a marker. One mention of TODO comments
 * alone is not enough: a task list that asks for a TODO comment to be removed may keep a marker too.
 */
function toDoWordsAsNames(document: SpecDocument): ReadonlySet<string> {
  let found = toDoNames.get(document);
  if (!found) {
    const weights = new Map<string, number>();
    for (const m of document.text.matchAll(NAMED_TO_DO)) {
      const word = (m[1] ?? m[2] ?? m[3] ?? '').toUpperCase();
      weights.set(word, (weights.get(word) ?? 0) + (m[2] !== undefined ? 1 : 2));
    }
    found = new Set([...weights].filter(([word, weight]) => word !== '' && weight >= 2).map(([word]) => word));
    toDoNames.set(document, found);
  }
  return found;
}

/** A to-do word as a name: possessive or in an identifier (group 1), as a thing named (group 2), quoted after a word (group 3). */
const NAMED_TO_DO = new RegExp(
  `(?<![\\w-])(?:(${TODO_WORD})(?:['’]s\\b|_[A-Za-z])|(${TODO_WORD})[ -](?:comments?|markers?|icons?|patterns?|formats?|highlight(?:s|ing)?)\\b)|(?<=\\p{L} )["“](${TODO_WORD})["”]`,
  'gu',
);

/**
 * Whether a slot in braces holds words of two or more that the document also writes outside
 * braces: the author's own text, kept in the template's braces (a MADR option's heading
 * `### {Change ECS to OOP}`, listed as "* Change ECS to OOP" under Considered Options).
 */
function writtenOutElsewhere(text: string, placeholder: Placeholder): boolean {
  const label = placeholder.label.trim();
  if (label.split(/\s+/).length < 2) return false;
  for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + 1)) {
    if (at >= placeholder.range.start && at < placeholder.range.end) continue;
    if (text[at - 1] !== '{' && text[at + label.length] !== '}') return true;
  }
  return false;
}

/** Words a template's title slot is made of: `[Feature Name]`, `[short title of solved problem]`, `[CHECKLIST TYPE]`. */
const TITLE_SLOT_WORDS = /\b(?:names?|titles?|types?|descriptions?|short|brief|your|placeholder|insert|enter|describe|here|todo|tbd|x{2,}|components?|projects?|products?|services?|modules?|systems?)\b/i;

/**
 * The bracket that opens a document's title and is the author's, not a slot: the whole title
 * kept inside the template's `# [Title]` brackets (`# [CPython version support]`), or a tag
 * before the title's words (`# [PT2.1 Feature Proposal] SDPA CPU Optimization`, `# [RFC] …`).
 * Not when the bracket says what to write (`# [Feature Name]`, `# [CHECKLIST TYPE] Checklist:
 * [FEATURE NAME]`), holds a single word, or shares the title with another slot.
 */
function authorsTitleBracket(document: SpecDocument): Placeholder | undefined {
  const title = document.outline.flat[0];
  if (!title || title.depth !== 1) return undefined;
  const inTitle = document.placeholders.filter((p) => p.range.start >= title.headingRange.start && p.range.end <= title.headingRange.end);
  const only = inTitle[0];
  if (inTitle.length !== 1 || !only || only.kind !== 'text' || !only.text.startsWith('[')) return undefined;
  const heading = document.text.slice(title.headingRange.start, title.headingRange.end);
  const textStart = title.headingRange.start + (/^\s{0,3}#{1,6}\s*/.exec(heading)?.[0].length ?? 0);
  // Words joined as an identifier count too: `[feature_name]`, `[project-name]`.
  if (only.range.start !== textStart || TITLE_SLOT_WORDS.test(only.label.replace(/[_-]/g, ' '))) return undefined;
  const rest = document.text.slice(only.range.end, title.headingRange.end).replace(/#+\s*$/, '').trim();
  const words = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return (rest === '' && words(only.label) >= 2) || words(rest) >= 2 ? only : undefined;
}

const codeSlots = new WeakMap<SpecDocument, readonly Placeholder[]>();

/**
 * The kit's own slots in the document's code spans and code blocks (`**Branch**:
 * \`[###-feature-name]\``, `specs/[###-feature]/` in a plan's layout block): so distinctive
 * that they are slots there too, where other brackets are code. Looked for only where the
 * text holds one, so a document without them costs one search.
 */
function codeSlotsOf(document: SpecDocument, pattern: RegExp): readonly Placeholder[] {
  let found = codeSlots.get(document);
  if (found) return found;
  const slots: Placeholder[] = [];
  pattern.lastIndex = 0;
  if (pattern.test(document.text)) {
    for (const code of codeRanges(document.root.children)) {
      const text = document.text.slice(code.start, code.end);
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        const start = code.start + m.index;
        slots.push({ kind: 'text', label: m[0].slice(1, -1), range: { start, end: start + m[0].length }, text: m[0], inFrontMatter: false });
      }
    }
  }
  found = slots;
  codeSlots.set(document, found);
  return found;
}

const legends = new WeakMap<SpecDocument, ReadonlySet<string>>();

/** `section [info_namespace]`, `clause **[scheduler.task_arena]**`, `§ [basic.life]`: a section named by an identifier in brackets. */
const SECTION_CITATION = /(?<![\p{L}\p{N}])(?:[Ss]ections?|[Cc]lauses?|§)[ \t]*(?:\*\*|__|\*|_)?(\[[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)+\])/gu;

/**
 * A list item that opens with a bracketed tag, in bold or as code, and says what it means:
 * `- **[SHARED]** — implemented once …`, `` - `[TEST]` means observe the failure first ``.
 */
const LEGEND_LINE = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\*\*|__|`)?(\[[^\][\r\n]{1,30}\])(?:\*\*|__|`)?[ \t]*(?:[:：\u2014\u2013]|-(?=[ \t])|means\b)[ \t]*([^\r\n]*)$/gmu;

/**
 * A list item that opens with a bracketed tag, in bold or not, and goes on in words: `- [Future Plan] Refactor …`;
 * or a paragraph that opens with one in bold: `**[Must Address]** Creation of a shim …`.
 */
const ITEM_TAG_LINE = /^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\*\*|__)?|\*\*(?=\[[^\][\r\n]{1,30}\]\*\*)|__(?=\[[^\][\r\n]{1,30}\]__))(\[[^\][\r\n]{1,30}\])(?:\*\*|__)?:?[ \t]+([^\r\n]*)$/gmu;

/**
 * The bracketed tags a document defines in a legend and then uses: a list item that opens
 * with the tag and explains it in words (`- **[KAFKA]** — Kafka producer-side change.`),
 * where the tag appears again elsewhere (`**FR-6 [KAFKA] — …**`). Syntax the document
 * defines, not slots. A template's `- [Entity]: [what it represents]` explains nothing in
 * words of its own, and its slot is not used again. Also a tag that opens two or more items
 * followed by the author's words (`- [Future Plan] Refactor the executor.`): a template's
 * slots differ from item to item or are followed by more slots.
 */
function legendTagsOf(document: SpecDocument): ReadonlySet<string> {
  let found = legends.get(document);
  if (found) return found;
  const tags = new Set<string>();
  if (document.placeholders.length > 0) {
    LEGEND_LINE.lastIndex = 0;
    for (let m = LEGEND_LINE.exec(document.text); m; m = LEGEND_LINE.exec(document.text)) {
      const tag = m[1] as string;
      const meaning = m[2] as string;
      if (meaning.includes('[') || !/\p{L}{2,}/u.test(meaning) || tags.has(tag)) continue;
      if (document.text.indexOf(tag, document.text.indexOf(tag) + tag.length) >= 0) tags.add(tag);
    }
    // The same tag opening two or more items, each with the author's words after it:
    // `- [Future Plan] Refactor the executor.`, `1. **[H]** 对可支持变配的场景 …`.
    const openings = new Map<string, number>();
    ITEM_TAG_LINE.lastIndex = 0;
    for (let m = ITEM_TAG_LINE.exec(document.text); m; m = ITEM_TAG_LINE.exec(document.text)) {
      const tag = m[1] as string;
      // The author's links in it (`… long-term plan for [PROM-29](https://…)`) are words, not slots.
      const rest = (m[2] as string).replace(/\[[^\][\r\n]*\]\([^()\s]*\)/g, 'link');
      if (rest.includes('[') || rest.includes('{') || !/\p{L}{2,}.*\p{L}{2,}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{4,}/u.test(rest) || /\d/.test(tag)) continue;
      openings.set(tag, (openings.get(tag) ?? 0) + 1);
    }
    for (const [tag, count] of openings) if (count >= 2) tags.add(tag);
    // A section of a specification cited by its stable name, as the C++ standard names its
    // clauses (`section **[info_namespace]** of the oneTBB specification`): the name, wherever
    // the document writes it.
    SECTION_CITATION.lastIndex = 0;
    for (let m = SECTION_CITATION.exec(document.text); m; m = SECTION_CITATION.exec(document.text)) tags.add(m[1] as string);
  }
  found = tags;
  legends.set(document, found);
  return found;
}

/**
 * A front-matter field whose whole value is a slot in single braces, quoted or not:
 * `deciders: {list everyone involved in the decision}`, `nav_order: { NNNN which matches the
 * ADR number }`. YAML reads the unquoted form as a
 * mapping; words with a space and no `key: value` in them are the template's slot.
 */
const FRONT_MATTER_BRACES = /^[ \t]*[\p{L}\p{N}_-]+:[ \t]*(["']?)(\{(?!\{)([^{}\r\n]*\p{L}[^{}\r\n]*)\})\1[ \t]*$/u;

const statusTags = new WeakMap<Family, RegExp | undefined>();

/** A bracket that opens with one of the family's statuses (`[Superseded by …]`, `[Deprecated]`), for a family with a lifecycle. */
function statusTagPattern(family: Family): RegExp | undefined {
  if (statusTags.has(family)) return statusTags.get(family);
  const values = family.status?.statuses.map((status) => status.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) ?? [];
  const pattern = values.length > 0 ? new RegExp(`^\\[\\s*(?:${values.join('|')})\\b`, 'i') : undefined;
  statusTags.set(family, pattern);
  return pattern;
}

/** Brace slots that are front-matter values, one per field (see {@link FRONT_MATTER_BRACES}). */
function frontMatterBraces(document: SpecDocument): Placeholder[] {
  const range = document.frontMatter?.contentRange;
  if (!range) return [];
  const found: Placeholder[] = [];
  const pattern = /[^\r\n]*(?:\r\n|\r|\n|$)/gy;
  pattern.lastIndex = range.start;
  for (let match = pattern.exec(document.text); match && match[0].length > 0 && match.index < range.end; match = pattern.exec(document.text)) {
    const line = match[0].replace(/\r?\n$|\r$/, '');
    const slot = FRONT_MATTER_BRACES.exec(line);
    const text = slot?.[2];
    const label = slot?.[3]?.trim() ?? '';
    // Words, not a flow mapping of several keys (`{ a, b }`): `{ NNNN which matches the ADR number }` is a slot too.
    if (text === undefined || !/\s/.test(label) || /:(?:\s|$)|"/.test(label) || (/^\{\s|\s\}$/.test(text) && label.includes(','))) continue;
    const start = match.index + line.lastIndexOf(text);
    found.push({ kind: 'text', label, range: { start, end: start + text.length }, text, inFrontMatter: true, form: 'braces' });
  }
  return found;
}

const questionnaires = new WeakMap<SpecDocument, { readonly labels: ReadonlySet<string>; readonly found: readonly Placeholder[] }>();

/**
 * An option of a questionnaire (`- [ ] Feature gate (also fill in values in kep.yaml)`, or without
 * its box as older KEPs write it, `- Events`): its indent and, with a box, whether it is ticked.
 */
const OPTION = /^([ \t]*)[-*+][ \t]+(?:\[([ xX])\][ \t]|(?=[^:\r\n]+$))/;
/** A field under an option, its label, a colon and its value, if any: `  - Feature gate name:`, `  - [Optional] Aggregation method:`. */
const FIELD = /^([ \t]*)[-*+][ \t]+(?:\[optional\][ \t]+)?([^:\n]{2,80}?):[ \t]*(.*)$/i;

/**
 * The fields of the family's questionnaires (a KEP's production-readiness answers, `- Feature
 * gate name:` under `- [ ] Feature gate`), one placeholder a field at its label, when the
 * document has answered none of them: no option ticked, no field given a value on its line or
 * below it. A document that answered some leaves the rest blank on purpose (the options it did
 * not choose, a field that does not apply).
 */
function emptyFieldsOf(document: SpecDocument, labels: ReadonlySet<string>): readonly Placeholder[] {
  const cached = questionnaires.get(document);
  if (cached?.labels === labels) return cached.found;
  const blank: Placeholder[] = [];
  let answered = false;
  let questionnaire: string | undefined;
  let pending: { placeholder: Placeholder; indent: number } | undefined;
  for (const { line, start } of linesOutsideFences(document.text)) {
    const indent = line.length - line.trimStart().length;
    // A field's value written below its label (`- Components depending on the feature gate:` then `- kube-apiserver`).
    if (pending && line.trim() !== '') {
      if (indent > pending.indent) answered = true;
      else blank.push(pending.placeholder);
      pending = undefined;
    }
    const option = OPTION.exec(line);
    if (option && (questionnaire === undefined || questionnaire === option[1])) {
      questionnaire = option[1] as string;
      if (option[2] !== undefined && option[2] !== ' ') answered = true;
      continue;
    }
    const field = questionnaire === undefined ? null : FIELD.exec(line);
    if (field && (field[1] as string).length > (questionnaire as string).length) {
      const label = (field[2] as string).trim();
      if (!labels.has(label.toLowerCase())) continue;
      if ((field[3] as string).trim() !== '') {
        answered = true;
        continue;
      }
      const at = start + line.indexOf(label);
      pending = { placeholder: { kind: 'text', label, range: { start: at, end: at + label.length + 1 }, text: `${label}:`, inFrontMatter: false, form: 'blank-field' }, indent };
      continue;
    }
    // A field's words wrapped onto the next line keep the questionnaire going; anything else ends it.
    if (questionnaire !== undefined && line.trim() !== '' && indent > questionnaire.length) continue;
    if (line.trim() !== '') questionnaire = undefined;
  }
  if (pending) blank.push(pending.placeholder);
  const found = answered ? [] : blank;
  questionnaires.set(document, { labels, found });
  return found;
}

const fields = new WeakMap<SpecDocument, { readonly pattern: RegExp; readonly found: readonly Placeholder[] }>();

/**
 * Header fields whose value is still the template's parenthesised instruction, in the
 * family's words (`- RFC PR: (leave this empty)`): the instruction, one placeholder a field.
 * Lines in fenced code are examples.
 */
function fieldInstructions(document: SpecDocument, pattern: RegExp): readonly Placeholder[] {
  const cached = fields.get(document);
  if (cached?.pattern === pattern) return cached.found;
  const found: Placeholder[] = [];
  const body = document.frontMatter ? document.frontMatter.range.end : 0;
  for (const { line, start } of linesOutsideFences(document.text)) {
    const match = pattern.exec(line);
    const value = match?.[1];
    if (!match || value === undefined) continue;
    const at = start + line.lastIndexOf(value);
    found.push({ kind: 'text', label: value.slice(1, -1).trim(), range: { start: at, end: at + value.length }, text: value, inFrontMatter: start < body });
  }
  fields.set(document, { pattern, found });
  return found;
}

const itemTags = new WeakMap<SpecDocument, ReadonlySet<string>>();
const NO_TAGS: ReadonlySet<string> = new Set();

/**
 * The tags a task list gives its items: the bracketed words between an item's ID and its
 * description (`- [ ] T012 [P] [TDD] [AUTH-US1] Write …`), and the legend lines that
 * explain them (`- **[TEST]**: Test task`). Teams add tags of their own to the kit's
 * `[P]` and `[US1]`; wherever else the document names one, it is the tag, not text left
 * to fill in. Lines in fenced code are examples, not items.
 */
function itemTagsOf(document: SpecDocument, lines: ItemLines | undefined): ReadonlySet<string> {
  if (!lines?.tags) return NO_TAGS;
  let found = itemTags.get(document);
  if (found) return found;
  const tags = new Set<string>();
  for (const { line } of linesOutsideFences(document.text)) {
    const legend = LEGEND.exec(line);
    if (legend) {
      tags.add(legend[1] as string);
      continue;
    }
    const head = lines.line.exec(line);
    if (!head) continue;
    // The ID may be bold: `- [x] **T001** [P] [Setup] …`.
    let rest = line.slice(head[0].length).replace(/^(\*\*|__)([^*_\s]+)\1/, '$2');
    const id = lines.idLike.exec(rest);
    if (!id) continue;
    rest = rest.slice(id[0].length).replace(/^\s+/, '');
    for (let tag = lines.tags.exec(rest); tag && tag[0].length > 0; tag = lines.tags.exec(rest)) {
      // A tag is a word or two; `[Describe the task]` where the tags go is a template's placeholder.
      if (TAG_WORDS.test(tag[0].trim())) tags.add(tag[0].trim());
      rest = rest.slice(tag[0].length);
    }
  }
  found = tags.size === 0 ? NO_TAGS : tags;
  itemTags.set(document, found);
  return found;
}

const TAG_WORDS = /^\[[^\s\]]+(?: [^\s\]]+)?\]$/u;

/** A heading that opens with a slot for the title: `[Title]`, `[Proposal Title] …`, `[Feature Name]`. */
export const TITLE_SLOT = /^\s*\[(?:[^\]\r\n]{0,30}[ _-])?(?:title|name)\]/i;

const sectionNames = new WeakMap<SpecDocument, ReadonlySet<number>>();

/**
 * Where headings start that are one bracket with the section's text written under them
 * (`## [Related Issues]` over a list of issues, as Presto's RFC template names its sections): the
 * section's name in the template's style. Over nothing, or naming a title (`## [Title]`), the bracket is a slot.
 */
function bracketedSectionNames(document: SpecDocument): ReadonlySet<number> {
  let found = sectionNames.get(document);
  if (found) return found;
  const starts = new Set<number>();
  const { text } = document;
  for (const section of document.outline.flat) {
    const { start, end } = section.headingRange;
    const lead = /^\s{0,3}#{1,6}[ \t]+/.exec(text.slice(start, end))?.[0].length;
    // Words in title case, as a section's name is written (`[Related Issues]`); `[option 1]` and `[カテゴリ 1]` are samples to replace.
    if (lead === undefined || !/^\[\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,3}\][ \t]*#*[ \t]*$/u.test(text.slice(start + lead, end))) continue;
    // `## [Title]` over the proposers' list is still the title to give.
    if (TITLE_SLOT.test(text.slice(start + lead, end))) continue;
    if (section.ownNodes.some((node) => node.type !== 'html' && node.type !== 'definition' && node.type !== 'thematicBreak')) starts.add(start + lead);
  }
  found = starts;
  sectionNames.set(document, found);
  return found;
}

const maskedIds = new WeakMap<SpecDocument, readonly Placeholder[]>();

/** An item's ID whose number is still a mask: `TXXX`, `T###`, `TNNN`, `REQ-XX`. */
const ID_MASK = /^(?:\*\*|__)?([A-Z]{1,4}-?(?:X{2,}|N{2,}|#{2,}))(?=(?:\*\*|__)?(?:[ \t:]|$))/;

/**
 * Task lines of the family's form whose ID is still a mask (`- [ ] TXXX [P] Documentation
 * updates`): the template's sample task, numbered by nobody yet.
 */
function maskedItemIds(document: SpecDocument, lines: ItemLines): readonly Placeholder[] {
  let found = maskedIds.get(document);
  if (found) return found;
  const masks: Placeholder[] = [];
  for (const { line, start } of linesOutsideFences(document.text)) {
    const head = lines.line.exec(line);
    if (!head || head.index !== 0) continue;
    const id = ID_MASK.exec(line.slice(head[0].length));
    if (!id) continue;
    const at = start + head[0].length + id[0].length - (id[1] as string).length;
    masks.push({ kind: 'todo', label: id[1] as string, range: { start: at, end: at + (id[1] as string).length }, text: id[1] as string, inFrontMatter: false });
  }
  found = masks;
  maskedIds.set(document, found);
  return found;
}

/** A legend line of a task list's tags: `- **[TEST]**: Test task`. */
const LEGEND = /^\s*[-*+]\s+\*\*(\[[^\]\s][^\]]{0,40}\])\*\*\s*[:：]/u;

/**
 * Headings that are a template's slots in words: a title that is the word itself (`# Title`,
 * `# Proposal title`, and a front matter's `title: Short Title`), and a label whose value is an
 * ellipsis (`### Alternative 1: ...`). Read as placeholders in every family; `# Title Insurance
 * Claims` and `### Options: see below` are the author's.
 */
function headingSlots(document: SpecDocument): Placeholder[] {
  const found: Placeholder[] = [];
  const { text } = document;
  for (const section of document.outline.flat) {
    const { start, end } = section.headingRange;
    const heading = text.slice(start, end);
    // A setext heading (`Title of the Design` over `===`) has no marks: its title is its first line.
    const atx = /^\s{0,3}#{1,6}[ \t]*/.exec(heading);
    const lead = atx ? atx[0].length : heading.length - heading.trimStart().length;
    const body = (atx ? heading.slice(lead).replace(/[ \t]+#+[ \t]*$/, '') : (heading.slice(lead).split(/\r?\n/)[0] ?? '')).trimEnd();
    if (section.depth === 1 && TITLE_WORD.test(body)) {
      found.push({ kind: 'text', label: body, range: { start: start + lead, end: start + lead + body.length }, text: body, inFrontMatter: false });
      continue;
    }
    const value = LABELLED_ELLIPSIS.exec(body);
    if (value) {
      const at = start + lead + body.length - (value[1] as string).length;
      found.push({ kind: 'todo', label: value[1] as string, range: { start: at, end: at + (value[1] as string).length }, text: value[1] as string, inFrontMatter: false });
    }
  }
  // The same in front matter: `title: Short Title`.
  const title = document.frontMatter?.entries.find((entry) => entry.key === 'title');
  if (title?.valueRange && typeof title.value === 'string' && TITLE_WORD.test(title.value.trim())) {
    const written = text.slice(title.valueRange.start, title.valueRange.end);
    const at = title.valueRange.start + written.length - written.trimStart().length;
    const value = written.trim();
    found.push({ kind: 'text', label: title.value.trim(), range: { start: at, end: at + value.length }, text: value, inFrontMatter: true });
  }
  return found;
}

/** A kind of document, as a title slot names it (`Title of the Design/Proposal`). */
const DOCUMENT_WORD = '(?:design|proposal|rfc|kep|adr|decision|document|feature|spec|specification|enhancement|change)';

/**
 * A title that names itself: `Title`, `Proposal title`, `RFC Title`, `Title here`, `Short Title`,
 * `Title of the Design/Proposal`, `Title of your RFC`.
 */
const TITLE_WORD = new RegExp(
  '^(?:(?:(?:short|brief|descriptive)\\s+)?(?:(?:proposal|rfc|kep|adr|decision|design|document|feature|spec|project|your)\\s+)?title(?:\\s+here)?' +
    `|title\\s+of\\s+(?:the|this|your|a|an)\\s+(?:new\\s+)?${DOCUMENT_WORD}(?:\\s*\\/\\s*${DOCUMENT_WORD})?)$`,
  'i',
);

/** A heading's label followed by only an ellipsis: `Alternative 1: ...`. */
const LABELLED_ELLIPSIS = /^[^:：]{1,60}[:：][ \t]*(\.{3}|…)$/u;

/**
 * Sections whose only text is an ellipsis (`...`, `…`), with no subsections: the author
 * kept the heading and wrote nothing yet. Link reference definitions (the Rust RFC
 * template's `[summary]: #summary`) and HTML comments around it are not text. Read as a
 * placeholder in every family.
 */
function ellipsisSections(document: SpecDocument): Placeholder[] {
  const found: Placeholder[] = [];
  for (const section of document.outline.flat) {
    if (section.children.length > 0) continue;
    const written = section.ownNodes.filter((node) => node.type !== 'definition' && !(node.type === 'html' && node.value.trimStart().startsWith('<!--')));
    const only = written.length === 1 ? written[0] : undefined;
    const start = only?.position?.start.offset;
    const end = only?.position?.end.offset;
    if (only?.type !== 'paragraph' || start === undefined || end === undefined) continue;
    const text = document.text.slice(start, end);
    if (!ELLIPSIS.test(text)) continue;
    found.push({ kind: 'todo', label: text, range: { start, end }, text, inFrontMatter: false });
  }
  return found;
}

/**
 * Where the sections the document's family keeps as its instructions are (a spec-kit
 * plan's Execution Flow and phases), subsections included: they hold no placeholders,
 * and their template text and guidance are meant to stay.
 */
export function familyInstructionRanges(document: SpecDocument, family: FamilyChoice | undefined): readonly OffsetRange[] {
  return instructionRanges(document, family?.family.kinds[family.kind]?.sections.instructions ?? []);
}

/** Where the sections named as the kit's instructions are, subsections included. */
function instructionRanges(document: SpecDocument, titles: readonly string[]): readonly OffsetRange[] {
  if (titles.length === 0) return [];
  const keys = new Set(titles.map(normalizeTitle));
  return document.outline.flat.filter((section) => keys.has(normalizeTitle(section.title))).map((section) => section.range);
}

/** The choice lists without brackets that a template holds, compared without spaces and case. */
function bareChoicesOf(templateDocument: SpecDocument): ReadonlySet<string> {
  let lists = templateChoices.get(templateDocument);
  if (!lists) {
    lists = new Set(templateDocument.placeholders.filter((p) => p.form === 'bare-choice').map((p) => comparableChoice(p.label)));
    templateChoices.set(templateDocument, lists);
  }
  return lists;
}

function comparableChoice(label: string): string {
  return label.replace(/\s+/g, '').toLowerCase();
}

/** The text from `offset` to the end of its line. */
function restOfLine(text: string, offset: number): string {
  let end = offset;
  while (end < text.length && end - offset < 200 && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(offset, end);
}
