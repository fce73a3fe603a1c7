import type { Blockquote, Definition, List, ListItem, Nodes, Root } from 'mdast';
import { isCollection, isMap, isScalar, visit as visitYaml, type Node as YamlNode } from 'yaml';
import type { FrontMatter } from './front-matter';
import { BRACES, BRACKET, CLARIFICATION, DATE_MASK, GENERIC_ITEM, ORDERED_DATE_MASK, TODO_WORD, VARIABLE } from './placeholder-patterns';
import { range, type OffsetRange } from './range';
import { escapeRegExp } from './strings';

/** What a placeholder asks the author for. */
export type PlaceholderKind = 'text' | 'choice' | 'variable' | 'date' | 'clarification' | 'todo';

/** A piece of template text the author still has to replace. */
export interface Placeholder {
  readonly kind: PlaceholderKind;
  /** The placeholder's source span, brackets included (UTF-16 offsets, end exclusive). */
  readonly range: OffsetRange;
  /** The source text of `range`. */
  readonly text: string;
  /** What it asks for, without brackets or braces: `Feature Name`, `CONVERSATION_HISTORY`. */
  readonly label: string;
  /** For `choice`: the options in order. */
  readonly choices?: readonly string[];
  /** For `date`: whether the mask asks for a date or a date and time. */
  readonly format?: 'date' | 'date-time';
  /** True when the placeholder sits in the YAML front matter. */
  readonly inFrontMatter: boolean;
  /**
   * A form that counts only where the document's family or template uses it: a choice
   * list of `/`-separated words without brackets (`High/Medium/Low` on its own), or
   * MADR's `{single braces}`; or a field left blank (`- Start Date:`), which the family's
   * reading finds and which is described as such.
   * Absent for the forms every spec can have.
   */
  readonly form?: 'bare-choice' | 'braces' | 'blank-field';
}

const FILLER = '\u0001';
const DATE_ONLY = new RegExp(`^(?:${DATE_MASK}|${ORDERED_DATE_MASK})$`);
const ORDERED_DATE_ONLY = new RegExp(`^(?:${ORDERED_DATE_MASK})$`);

/**
 * The date `isoDate` (`YYYY-MM-DD`) written as `mask` asks: `12/06/2026` for `MM/DD/YYYY`,
 * `06.12.2026` for `DD.MM.YYYY`; as it is for an ISO mask.
 */
export function dateForMask(mask: string, isoDate: string): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return orderedDate(mask, year, month, day) ?? isoDate;
}

/** A mask in another order than ISO's with its year, month and day put in; undefined for an ISO mask. */
export function orderedDate(mask: string, year: string, month: string, day: string): string | undefined {
  if (!ORDERED_DATE_ONLY.test(mask)) return undefined;
  return mask.replace(/YYYY|yyyy/, () => year).replace(/MM|mm/, () => month).replace(/DD|dd/, () => day);
}
const MASKED_INLINE = new Set(['inlineCode', 'link', 'image', 'imageReference', 'footnoteReference', 'html', 'inlineMath']);
const CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Finds the placeholders of a parsed spec: in paragraphs, headings and table cells
 * of the Markdown body, in link definitions that are really filled-in template
 * lines (`- [Metric]: fast`), and in front-matter values. Code (inline and fenced),
 * links, images, footnotes, HTML and task boxes are never placeholders. Results are
 * in document order and never overlap.
 */
export function findPlaceholders(text: string, root: Root, frontMatter: FrontMatter | undefined): Placeholder[] {
  const body = collectPlaceholderSources(root.children);
  const found = scanPlaceholderSources(text, 0, body, new Set(body.realDefinitions));
  if (frontMatter) scanFrontMatter(text, frontMatter, found);
  return normalizePlaceholders(found);
}

/** Where placeholders can be in some top-level nodes, collected in document order. */
export interface PlaceholderSources {
  /** Paragraphs, headings and table cells. */
  readonly containers: readonly Nodes[];
  /** Identifiers of link definitions with a real destination: references to them are links. */
  readonly realDefinitions: readonly string[];
  /** Link definitions that are really filled-in template lines (`- [Metric]: fast`). */
  readonly fakeDefinitions: readonly Definition[];
  /** The paragraphs a list item opens with, where a generic sample item (`- Task 1`) can stand: whether it is all the item holds. */
  readonly itemParagraphs: ReadonlyMap<Nodes, boolean>;
  /**
   * HTML blocks that are one slot in angle brackets (`- <explicitly excluded items>` on a line of
   * its own reads as a tag `explicitly` with two attributes).
   */
  readonly angleBlocks: readonly Nodes[];
}

/** Collects what {@link scanPlaceholderSources} scans, from consecutive top-level nodes. */
export function collectPlaceholderSources(nodes: readonly Nodes[]): PlaceholderSources {
  const realDefinitions: string[] = [];
  const fakeDefinitions: Definition[] = [];
  const containers: Nodes[] = [];
  const itemParagraphs = new Map<Nodes, boolean>();
  const angleBlocks: Nodes[] = [];
  const stack: Nodes[] = [];
  // Lists that are a table of contents (an item links to a heading), with the lists inside them.
  const contents = new Set<Nodes>();
  const unlinked = new Set<Nodes>();
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i] as Nodes);
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'list' && (contents.has(node) || linksToHeadings(node))) {
      for (const item of node.children) {
        for (const child of item.children) if (child.type === 'list') contents.add(child);
        if (isUnlinkedEntry(item)) unlinked.add(item);
      }
    }
    if (node.type === 'listItem' && unlinked.has(node)) continue;
    if (node.type === 'listItem' && node.children[0]?.type === 'paragraph') itemParagraphs.set(node.children[0], node.children.length === 1);
    if (node.type === 'definition') {
      if (isRealDefinition(node)) realDefinitions.push(node.identifier);
      else fakeDefinitions.push(node);
    } else if (CONTAINERS.has(node.type)) {
      containers.push(node);
    } else if (node.type === 'html' && isAngleSlot(node.value.trim())) {
      angleBlocks.push(node);
    } else if (node.type === 'blockquote' && isAttributedQuotation(node)) {
      // Someone else's words, with their source: brackets in it are the quoting author's
      // insertions and elisions (`OKR [is] a …`, `[...]`), not slots to fill.
      continue;
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return { containers, realDefinitions, fakeDefinitions, itemParagraphs, angleBlocks };
}

/**
 * Whether a list is a table of contents: an item, or an item of a list inside one, links to a
 * heading (gh-md-toc nests every entry under the title's: `* [Title]` over `* [Goals](#goals)`).
 */
function linksToHeadings(list: List): boolean {
  return list.children.some((item) => linksToHeading(item) || item.children.some((child) => child.type === 'list' && linksToHeadings(child)));
}

/** A list item whose text is one link to a heading of the document: `- [Goals](#goals)`. */
function linksToHeading(item: ListItem): boolean {
  const paragraph = item.children[0];
  const only = paragraph?.type === 'paragraph' && paragraph.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'link' && only.url.startsWith('#');
}

/**
 * An entry of a table of contents whose link was never written (`+ [Change in Policy
 * Behaviour]` among `* [Example](#example)`): a heading's name, not a slot.
 */
function isUnlinkedEntry(item: ListItem): boolean {
  const paragraph = item.children[0];
  // Its own entries may follow it, nested (gh-md-toc's title entry).
  const only = paragraph?.type === 'paragraph' && paragraph.children.length === 1 ? paragraph.children[0] : undefined;
  return only?.type === 'text' && /^\[[^\][\r\n]+\]$/.test(only.value) && item.children.slice(1).every((child) => child.type === 'list');
}

/**
 * Scans collected sources for placeholders, unsorted. `source` is document text from
 * offset `base` on (the whole text with base 0, or one piece of it); the nodes' offsets
 * and the results' ranges are document offsets. `realDefinitions` are those of the
 * whole document.
 */
export function scanPlaceholderSources(source: string, base: number, sources: PlaceholderSources, realDefinitions: ReadonlySet<string>): Placeholder[] {
  const found: Placeholder[] = [];
  for (const container of sources.containers) {
    scanContainer(source, base, container, realDefinitions, found, container.type !== 'heading');
    const alone = sources.itemParagraphs.get(container);
    if (alone !== undefined) genericItem(source, base, container, alone, found);
    if (container.type === 'paragraph') reasonLeftOut(source, base, container, alone, found);
  }
  for (const definition of sources.fakeDefinitions) {
    const span = spanOf(definition);
    if (span) scan(source.slice(span.start - base, span.end - base), span.start, false, found, false);
  }
  for (const block of sources.angleBlocks) {
    const span = spanOf(block);
    if (span) scan(source.slice(span.start - base, span.end - base), span.start, false, found, false);
  }
  return found;
}

/** The placeholders in the front matter's values, unsorted (`text` is the document, or a prefix of it that holds the front matter). */
export function frontMatterPlaceholders(text: string, frontMatter: FrontMatter): Placeholder[] {
  const found: Placeholder[] = [];
  scanFrontMatter(text, frontMatter, found);
  return found;
}

/**
 * A blockquote that names its source on a line of its own at the end: `-- <cite>…</cite>`,
 * `— Jane Doe, *Title*`, or a `<cite>` element.
 */
function isAttributedQuotation(node: Blockquote): boolean {
  const last = node.children[node.children.length - 1];
  if (!last || last.type !== 'paragraph') return false;
  const first = last.children[0];
  if (first?.type === 'html' && /^<cite\b/i.test(first.value)) return true;
  // The attribution opens the last paragraph, or is its last line: a dash, then the source.
  const lines = textOf(last).split('\n');
  // A source that is itself a slot (`— [Customer name]`) makes the quotation a template's sample.
  const attribution = (line: string) => ATTRIBUTION.test(line) && /[\p{L}\p{N}<]/u.test(line) && !/[[{]/.test(line);
  return attribution(lines[0] as string) || attribution(lines[lines.length - 1] as string);
}

/** A node's text, with inline HTML kept as written (`<cite>`). */
function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join('') : '';
}

const ATTRIBUTION = /^(?:--|\u2014|\u2013|\u2015)(?=\s|$)/;

/** Whether a link definition has a real destination, so references to it are links rather than placeholders. */
export function isRealDefinition(node: Definition): boolean {
  return isUrlLike(node.url);
}

function spanOf(node: Nodes): OffsetRange | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : range(start, end);
}

// A definition whose destination is a single word (`- [Metric]: fast`) is a filled-in
// template line that Markdown happens to read as a link definition, not a link.
function isUrlLike(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:|\/|\.{1,2}\/|#|<)/i.test(url) || /[./]/.test(url);
}

function scanContainer(
  source: string,
  base: number,
  container: Nodes,
  realDefinitions: ReadonlySet<string>,
  out: Placeholder[],
  bareChoices: boolean,
): void {
  const masked = maskedContainer(source, base, container, realDefinitions);
  if (masked) {
    const from = out.length;
    scan(masked.source, masked.start, bareChoices, out, false, masked.original);
    for (let i = out.length - 1; i >= from; i--) {
      const found = out[i] as Placeholder;
      // `## Open Questions [optional]`, `### [Optional] Goals`, `#### Upgrade Strategy [if necessary]`: the template's tag on a heading its authors keep, not a slot.
      if (
        container.type === 'heading' &&
        /^\[(?:optional|if (?:applicable|necessary|needed|relevant))\]$/i.test(found.text) &&
        (masked.original.slice(found.range.end - masked.start).trim() === '' || masked.original.slice(0, found.range.start - masked.start).trim() === '')
      ) {
        out.splice(i, 1);
      }
      // An example person counts on a line that names people: `- Owner: Your Name`, `| Authors | @your-handle |`.
      else if (isExampleIdentity(found.text) && !namesIdentities(source, found.range.start - base)) out.splice(i, 1);
    }
  }
  if ('children' in container) standInLinks(source, base, container.children as Nodes[], out);
}

/**
 * A template's generic sample item, the whole text of a list item: `- Task 1`, `1. Question 1?`,
 * `- Possible Answer A`, `- Option B`, `- Benefit 2`. A finished document names its tasks and
 * options; written bold, over items of its own (`- **Phase 1**` then its steps), it is a heading.
 */
const GENERIC_ITEM_LINE = new RegExp(`^${GENERIC_ITEM}$`, 'i');

function genericItem(source: string, base: number, paragraph: Nodes, alone: boolean, out: Placeholder[]): void {
  const span = spanOf(paragraph);
  if (!span || !('children' in paragraph) || paragraph.children.some((child) => child.type !== 'text' && child.type !== 'strong')) return;
  const text = source.slice(span.start - base, span.end - base);
  const bold = /^\*\*([^*\r\n]+)\*\*$/.exec(text);
  if ((bold && !alone) || !GENERIC_ITEM_LINE.test(bold ? (bold[1] as string) : text)) return;
  out.push({ kind: 'text', label: text.replace(/^\*\*|\*\*$/g, ''), range: range(span.start, span.end), text, inFrontMatter: false });
}

/** An argument whose reason was never written, as MADR's bare template leaves them: `Good, because`, `Bad, because`. */
const ARGUMENT_STUB = /^(?:\*\*|__)?(?:good|bad|neutral)(?:\*\*|__)?,[ \t]*because[ \t]*$/i;
/** The decision's option never named: `Chosen option: "", because`. */
const UNNAMED_CHOICE = /^(?:\*\*|__)?chosen option(?:\*\*|__)?:[ \t]*(?:""|''|“”)[ \t]*,[ \t]*because\b/i;

/**
 * A sentence MADR's bare template leaves for the author: an argument that stops at `because` and
 * is all its item holds, or the chosen option's name left empty. `* Good, because` over a list of
 * reasons, and `Chosen option: "MADR", because` over one, are written.
 */
function reasonLeftOut(source: string, base: number, paragraph: Nodes, alone: boolean | undefined, out: Placeholder[]): void {
  const span = spanOf(paragraph);
  if (!span) return;
  const text = source.slice(span.start - base, span.end - base);
  if (!(UNNAMED_CHOICE.test(text) || (alone === true && ARGUMENT_STUB.test(text)))) return;
  out.push({ kind: 'text', label: text.trim(), range: range(span.start, span.end), text, inFrontMatter: false });
}

/** A link to pull request, issue or Jira ticket number 0000: a template's stand-in for the number to come. */
const ZERO_NUMBERED = /\/(?:(?:pull|pulls|issues|merge_requests)\/|browse\/[A-Z][A-Z0-9_]*-)0+(?:[/?#]|$)/;
/** A link's address left as a note to write it: `(TODO)`, `(#TBD)`, `(<!--TODO-->)` (whose address Markdown reads as `!--TODO--`). */
const TODO_ADDRESS = /^(?:(?:#|!--[ \t]*)?(?:TODO|TBD|FIXME)(?:[ \t]*--)?|#)$/i;

/** A link whose text is words in braces, as MADR writes a slot: `[{trace label}](…/traces/{id})`. */
const BRACED_LINK_TEXT = /^\[\{\p{L}[^{}[\]\n]*\s[^{}[\]\n]*\}\]\(/u;
/** A link whose text is a number's mask, alone or after an ID's prefix or a repository: `[#XXX](…/issues/XXX)`, `[SPEC-XXX](spec.md)`, `[org/repo#NNNNN](…)`. */
const MASKED_LINK_TEXT = /^\[(?:(?:[\w.-]+\/[\w.-]+)?#|[A-Z][A-Z0-9]{0,9}-)(?:X{3,5}|N{3,5}|Y{3,5}|#{3,5})\]\(/;

/**
 * Links whose address is a pull request, issue or Jira ticket numbered zero (`[#0000](…/pull/0000)`,
 * as RFC templates write the PR field; `[PROJ-0000](…/browse/PROJ-0000)`), a note that it is
 * still to come (`[Logging standards](<!--TODO-->)`) or a bare `#` (`[Discussion Forum](#)`), and
 * links whose text is a slot in braces (`[{trace label}](…)`) or a number's mask (`[#XXX](…/issues/XXX)`):
 * placeholders for the real address, link text and all.
 */
function standInLinks(source: string, base: number, nodes: readonly Nodes[], out: Placeholder[]): void {
  for (const node of nodes) {
    if (node.type !== 'link') continue;
    const span = spanOf(node);
    if (!span) continue;
    const text = source.slice(span.start - base, span.end - base);
    if (!(ZERO_NUMBERED.test(node.url) || TODO_ADDRESS.test(node.url) || BRACED_LINK_TEXT.test(text) || MASKED_LINK_TEXT.test(text))) continue;
    const label = /^\[([^\]]*)\]/.exec(text)?.[1] ?? text;
    out.push({ kind: 'text', label, range: range(span.start, span.end), text, inFrontMatter: false });
  }
}

/**
 * A paragraph's, heading's or table cell's source with code, links, HTML and escapes masked
 * (each masked character but line breaks replaced by U+0001, so offsets hold), and where it starts.
 */
export function maskedContainerText(text: string, container: Nodes, realDefinitions: ReadonlySet<string>): { source: string; start: number } | undefined {
  const masked = maskedContainer(text, 0, container, realDefinitions);
  return masked && { source: masked.source, start: masked.start };
}

/** A container's source with code, links, HTML and escapes masked out, and where it starts. */
function maskedContainer(
  source: string,
  base: number,
  container: Nodes,
  realDefinitions: ReadonlySet<string>,
): { source: string; original: string; start: number } | undefined {
  if (!('children' in container) || container.children.length === 0) return undefined;
  const first = spanOf(container.children[0] as Nodes);
  const last = spanOf(container.children[container.children.length - 1] as Nodes);
  if (!first || !last) return undefined;
  const start = first.start;
  const original = source.slice(start - base, last.end - base);
  // The spans to mask, gathered first: the text is then copied once, in slices, rather
  // than split into one string per character (a paragraph can be hundreds of kilobytes).
  const spans: { start: number; end: number }[] = [];
  const stack: Nodes[] = [...(container.children as Nodes[])];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    const masked =
      (MASKED_INLINE.has(node.type) && !(node.type === 'html' && (isAngleSlot(node.value) || FIELD_NOUN_TAG.test(node.value)))) ||
      (node.type === 'linkReference' && realDefinitions.has(node.identifier));
    const span = masked ? spanOf(node) : undefined;
    if (span) {
      const from = Math.max(0, span.start - start);
      const to = Math.min(original.length, span.end - start);
      if (from < to) spans.push({ start: from, end: to });
    } else if (!masked && 'children' in node) {
      stack.push(...(node.children as Nodes[]));
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let from = 0;
  for (const span of spans) {
    if (span.end <= from) continue;
    const at = Math.max(from, span.start);
    parts.push(original.slice(from, at), original.slice(at, span.end).replace(LINE_CONTENT, FILLER));
    from = span.end;
  }
  parts.push(original.slice(from));
  return { source: maskEscapes(parts.join('')), original, start };
}

/**
 * A slot in angle brackets: `<the decision>`, `<Short descriptive title>`, `<年份>`, `<PCB 制板？>`.
 * Words, not a tag: no attribute with a value, and the first word names no HTML element; one
 * word only in a script other than Latin, holding a number's mask (`<NNN-slug>`) or asking for
 * the reader's own value (`<your-name>`): `<version>` alone may be notation of a command's
 * syntax, and `Promise<Result>`, glued to a word, is a type.
 */
const ANGLE = /(?<![\w<\\])<(?![/!?\s])([^<>\r\n]{1,160})(?<!\s)>(?![\w(])/gu;

/** The nouns templates put alone in angle brackets as a field's value: `- Related ADR: <link>`, `- Similar composition: <path>`. */
const FIELD_NOUNS = 'link|url|path|name|file|title|description|owner|team|date|email|version|ticket|issue|repo|repository|service|component|reason|details|summary';
/** One of {@link FIELD_NOUNS} as Markdown reads it, an HTML tag: shown to the field scan below, whatever element it names. */
const FIELD_NOUN_TAG = new RegExp(`^<(?:${FIELD_NOUNS})>$`);
/** One of {@link FIELD_NOUNS} in angle brackets as the whole value of a field: `- Related ADR: <link>`. */
const FIELD_NOUN_ANGLE = new RegExp(
  `(?<=^[ \\t]*(?:>[ \\t]*)*(?:[-*+][ \\t]+)?(?:\\*\\*)?\\p{L}[\\p{L}\\p{N} /-]{0,30}(?:\\*\\*)?[ \\t]*[:：](?:\\*\\*)?[ \\t]*)<(${FIELD_NOUNS})>(?=[ \\t]*$)`,
  'gmu',
);

/**
 * A slot in angle brackets escaped so that Markdown shows them (`- Issue: \\<link to issue\\>`):
 * in masked text each escape is two fillers, so the original says which escapes they were (see
 * `scan`). Words, as in {@link ANGLE}; an HTML element's name may open them, as the escape says it
 * is no tag.
 */
const ESCAPED_ANGLE = new RegExp(`(?<![\\w<${FILLER}])${FILLER}${FILLER}(?![/!?\\s])([^<>${FILLER}\\r\\n]{1,80})(?<!\\s)${FILLER}${FILLER}(?![\\w(])`, 'gu');

/** A date mask in angle brackets (`Дата: <YYYY-MM-DD>`), which Markdown reads as a tag: scanned as the date it stands for. */
const ANGLED_DATE = new RegExp(`^<(?:${DATE_MASK})>$`);

function isAngleSlot(html: string): boolean {
  if (ANGLED_DATE.test(html)) return true;
  ANGLE.lastIndex = 0;
  const m = ANGLE.exec(html);
  return m !== null && m.index === 0 && m[0].length === html.length && angleWords(m[1] as string);
}

function angleWords(inner: string, escaped = false): boolean {
  // The slot's words set in emphasis inside the brackets: `<*include full examples*>`.
  const emphasised = /^(\*{1,2}|_{1,2})(?=\S)([^*_]+)(?<=\S)\1$/.exec(inner);
  if (emphasised) return angleWords(emphasised[2] as string, escaped);
  if (/[="'`{}[\]]|\/$|^[\p{P}\p{S}]|:\/\//u.test(inner)) return false;
  if (/^[A-Za-z][\w.+-]*@/.test(inner)) return false;
  const words = inner.split(/\s+/);
  const first = (words[0] ?? '').toLowerCase();
  // The reader's own value asked for in one word: `<your-name>`, `<todays-date>`.
  if (/^(?:your|today'?s?)[-_][a-z]+(?:[-_][a-z]+)*$/i.test(inner)) return true;
  // A custom element's name is written in lower case (`<my-widget>`); `<NNN-slug>` is no element.
  if (!escaped && (HTML_ELEMENTS.has(first) || /^[a-z]+-[a-z-]+$/.test(words[0] ?? ''))) return false;
  if (words.length >= 2) return /\p{L}/u.test(inner);
  // One word: in a script other than Latin, or holding a number's mask (`<NNN-slug>`, `<XXXX>`).
  return (/[^\p{ASCII}]/u.test(inner) && /\p{L}/u.test(inner)) || /(?<![A-Za-z])(?:N{3,5}|X{3,5})(?![A-Za-z])/.test(inner);
}

/** Names of HTML elements (and SVG's), which an author writes as tags, not as slots. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo big blockquote body br button canvas caption center cite code col colgroup data datalist dd del ' +
    'details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img ' +
    'input ins kbd label legend li link main map mark menu meta meter nav nobr noscript object ol optgroup option output p param picture pre progress q rp ' +
    'rt ruby s samp script search section select slot small source span strike strong style sub summary sup table tbody td template textarea tfoot th ' +
    'thead time title tr track tt u ul var video wbr svg path g circle rect line polyline polygon ellipse text tspan defs use symbol math mi mo mn'
  ).split(' '),
);

const LINE_CONTENT = /[^\r\n]/g;
// `\[` and `\]` are brackets the author meant; `\|` is a pipe inside a table cell.
const ESCAPE = /\\[!-/:-@[-`{-~]/g;

function maskEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(ESCAPE, (escape) => (escape[1] === '|' ? `${FILLER}|` : FILLER + FILLER));
}


// The lookahead comes first, so that the look back along the line runs only where the marker is:
// looked for at every offset, it made a line of 50,000 table cells quadratic.
const BARE_CLARIFICATION = /(?=NEEDS CLARIFICATION)(?<=^[ \t]*(?:[-*+][ \t]+)?(?:\*\*[^*\r\n]{1,40}\*\*[ \t]*:?[ \t]*)?[^\p{L}\p{N}[\r\n]*|\|[^\p{L}\p{N}|[\r\n]*)NEEDS CLARIFICATION(?![\w:-])/gmu;

/**
 * The example people templates name where the author's own go: `@janedoe`, `@oscardoe`, `@your-handle`, `@XXX`,
 * the roles they stand for (`@you`, `@main-reviewer-1`, `@maybe-another-author`),
 * `Jane Doe`, `Your Name`, `alice@example.com` (not `ana@example.org`, a real name at an example
 * domain). Counted only in a field that names people
 * (front matter's `authors:`, a line's `Owner:`), as a story's persona may be called Jane Doe.
 */
const EXAMPLE_IDENTITY =
  /(?<![\w.@-])(?:@?(?:[Jj]ane|[Jj]ohn|[Aa]lice|[Bb]ob|[Oo]scar|[Cc]arol|[Cc]harlie|[Dd]ave|[Ee]ve)[ _.-]?(?:[Dd]oe)|@(?:you|(?:(?:maybe|main|another|other|second|first|some)-)+(?:author|reviewer|approver|owner|assignee)(?:-?\d{1,2})?|(?:author|reviewer|approver|owner|assignee)-?\d{1,2})|@(?:your|my)[-_]?(?:name|handle|username|user|login|github(?:[-_]?(?:handle|username|user|id))?)|@(?:name|username|user-?name|handle|github-?(?:handle|username|user)|X{3,}|Y{3,}|Z{3,})|(?:Your|your|YOUR)[ _-](?:Name|name|NAME|Handle|handle)|(?:you|your[._-]?(?:name|email)?|name|user|username|author|someone|email|me|first[._]?last|first[._]?name[._]?last[._]?name|alice|bob|jdoe|jane[._]?doe|john[._]?doe)@(?:example|email|domain|company)\.(?:com|org|net))(?![\w@-])/g;

/** A bracket over lines of prose, four words or more with no code or links in it (masked), is a slot. */
function spanningSlot(inner: string): Omit<Placeholder, 'range' | 'text' | 'inFrontMatter'> | undefined {
  if (inner.includes(FILLER)) return undefined;
  const label = inner.replace(/\s+/g, ' ').trim();
  return label.split(' ').filter((word) => /\p{L}/u.test(word)).length >= 4 ? { kind: 'text', label } : undefined;
}

function isExampleIdentity(text: string): boolean {
  EXAMPLE_IDENTITY.lastIndex = 0;
  const m = EXAMPLE_IDENTITY.exec(text);
  return m !== null && m.index === 0 && m[0].length === text.length;
}

/** Whether the line up to `at` is a field that names people (`- **Authors**: …`, `| Authors | …`). */
function namesIdentities(source: string, at: number): boolean {
  const lineStart = Math.max(source.lastIndexOf('\n', at - 1), source.lastIndexOf('\r', at - 1)) + 1;
  const before = source.slice(Math.max(lineStart, at - 120), at);
  return IDENTITY_FIELD.test(before) || inPeopleColumn(source, lineStart, at);
}

/** Whether `at` is in a table cell whose column's header names people (`| Authors | Creation Date |`, then `| @name | date |`). */
function inPeopleColumn(source: string, lineStart: number, at: number): boolean {
  if (source[lineStart] !== '|' && !/^[ \t]{0,3}\|/.test(source.slice(lineStart, lineStart + 4))) return false;
  const column = cellsBefore(source.slice(lineStart, at));
  // Up the table to its delimiter row (`|---|---|`); the header row is the one above it.
  let end = lineStart - 1;
  for (let rows = 0; end > 0 && rows < 200; rows++) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, end).replace(/\r$/, '');
    if (!line.trimStart().startsWith('|')) return false;
    if (/^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$/.test(line)) {
      const headerStart = source.lastIndexOf('\n', start - 2) + 1;
      const header = source.slice(headerStart, start - 1).replace(/\r$/, '');
      const cell = header.split('|')[column];
      return cell !== undefined && PEOPLE_CELL.test(cell);
    }
    end = start - 1;
  }
  return false;
}

/** How many cell borders (`|`, not escaped) a table row has before the end of `prefix`. */
function cellsBefore(prefix: string): number {
  let count = 0;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] === '|' && prefix[i - 1] !== '\\') count++;
  return count;
}

/** Words that name people in a field: `authors`, `Owner(s)`, `Reviewers`, `deciders`. */
const PEOPLE_WORDS =
  '(?:authors?|owners?|reviewers?|approvers?|deciders?|champions?|sponsors?|shepherds?|editors?|creators?|contributors?|maintainers?|assignees?|proposers?|submitters?|leads?|drivers?|consulted|informed|participants?)';
/** A table's header cell that names people: `| Authors |`, `| **Owner(s)** |`. */
const PEOPLE_CELL = new RegExp(`^[ \\t*_]*${PEOPLE_WORDS}(?:\\(s\\))?[ \\t*_]*$`, 'i');
/** Who a field names: `authors:`, `- Owner(s): …`, `**Reviewers**: …`, `| Deciders | … |`. */
const IDENTITY_FIELD = new RegExp(`\\b${PEOPLE_WORDS}\\b(?:\\(s\\))?\\**[ \\t]*[:：|]`, 'i');
/** Front-matter keys whose values are people. */
const IDENTITY_KEY = new RegExp(`^${PEOPLE_WORDS}$`, 'i');
/** A date mask in another order, written bare in prose. */
const ORDERED_DATE_WORD = new RegExp(`(?<![\\w./-])(?:${ORDERED_DATE_MASK})(?![\\w/-]|\\.\\w)`, 'g');

/**
 * `TBA` and `TBC` (to be announced, to be confirmed), counted only as a whole value (`1. TBA`,
 * `* RFC PR: TBA`, a table cell): "TBC: headless demo" and "exact steps TBC" mark an item tentative.
 */
const TO_BE_ANNOUNCED = /(?<![\w-])TB[AC](?![\w-])/g;

/**
 * A document's number not given yet, after its kind's prefix, as a field's whole value:
 * `**CP-ID**: CP-NNN`, `- Requires: RFC-XXXX`, `- Enables: RFC-YYYY` (a second one), or a table cell's. In
 * prose it names the pattern IDs follow ("FR-XXX or NFR-XXX").
 */
const ID_MASK = /(?<![\w-])[A-Z]{2,6}-(?:N{3,5}|X{3,5}|Y{3,5})(?![\w-])/g;

/**
 * A number not given yet as the whole value of a field that names a number or an ID
 * (`Spec ID: NNN`, `**ADR Number**: XXXX`, `> No.: NNNN`).
 */
const NUMBER_FIELD_MASK = /(?<=(?:^|[ \t*>|-])(?:ID|Id|No\.?|Number|Nr\.?|Num|#)(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t]*)(?:N{3,5}|X{3,5})(?=[ \t]*(?:$|\|))/gm;

/**
 * The sample documents the KEP template's lineage names in its `see-also`, `replaces` and
 * `superseded-by` fields (`/docs/proposals/20190101-we-heard-you-like-proposals.md`,
 * `/keps/sig-aaa/1234-we-heard-you-like-keps`): the whole path, a sample to replace.
 */
const SAMPLE_PROPOSAL_PATH =
  /(?<![\w./-])[\w./-]*?(?:we-heard-you-like-(?:keps|proposals|enhancements)|everyone-gets-an?-(?:kep|proposal|enhancement)|replaced-(?:kep|proposal|enhancement)|super[sc]eding-(?:kep|proposal|enhancement))(?:\.md)?(?![\w-])/g;

/** A front-matter key that names a number or an ID: `kep-number`, `iep_number`, `id`, `No`. */
const NUMBER_KEY = /(?:^|[-_ ])(?:number|num|no|nr|id)$/i;

/** An environment variable named for a place or a credential: `${PROJECT_ROOT}`, `${API_BASE}`, `${GITHUB_TOKEN}`. */
const ENVIRONMENT_VARIABLE = /^\$\{[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ROOT|DIR|PATH|HOME|URL|URI|BASE|HOST|PORT|TOKEN|KEY|SECRET|FILE|ENV)\}$/;

/** A message's field written as code writes it, `key: value` (`levelOfAssurance: …`, `pid: …`), after a line's start or list marker, a comma, a cell's bar or a brace. */
const MESSAGE_FIELD = /(?:^[ \t]*(?:[-*+][ \t]+)?|,[ \t]*|\|[ \t]*|\{[ \t]*)[a-z][A-Za-z0-9_]*:[ \t]/g;

/**
 * A variable that is a value in a message the line writes out as `key: value` pairs
 * (`scenario: SUCCESS_MATCH, levelOfAssurance: ${specified loa}, pid: ${specified PID}`): the
 * message's format, filled in when the message is sent, not a slot left in the document.
 */
function inMessageFormat(source: string, start: number): boolean {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  if (!/(?:^|[\s,{|])[a-z][A-Za-z0-9_]*:[ \t]*\[?$/.test(source.slice(lineStart, start))) return false;
  const lineEnd = source.indexOf('\n', start);
  return (source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).match(MESSAGE_FIELD)?.length ?? 0) >= 2;
}

/**
 * A `{{name}}` on a line that speaks of variables as such ("template variables in the format
 * {{variableName}}", "standard variables: {{specName}}, {{specPath}}", "a placeholder in a
 * prompt template (e.g., {{specName}})"): syntax the document defines, not a slot left in it.
 */
function variableSyntaxNamed(source: string, start: number, text: string): boolean {
  if (!/^\{\{[ \t]*[A-Za-z_][\w.]*[ \t]*\}\}$/.test(text)) return false;
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', start);
  // The line's words outside its variables: `{{variable}}` alone does not speak of variables.
  const words = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\{\{[^{}\r\n]*\}\}/g, ' ');
  return /\b(?:variables?|placeholders?|in the format)\b/i.test(words);
}

/** A word a question asks about, not a marker: "What parts of the design are still TBD?". */
function askedAbout(m: RegExpExecArray): boolean {
  return m.input[m.index + m[0].length] === '?' && /\b(?:still|are|is|remain)\s+$/i.test(m.input.slice(Math.max(0, m.index - 12), m.index));
}

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => Omit<Placeholder, 'range' | 'text' | 'inFrontMatter'> | undefined][] = [
  [new RegExp(CLARIFICATION, 'g'), (m) => ({ kind: 'clarification', label: m[0].slice(1, -1).trim() })],
  [new RegExp(BRACKET, 'g'), (m) => classifyBracket(m[1] as string)],
  // `${t.name}`: a member of an object in a JavaScript template string, not a variable to fill.
  // `${CLAUDE_PLUGIN_ROOT}`, `${SCRATCHPAD_DIR}`: the environment's setting a path or address is read from, not a slot.
  [new RegExp(VARIABLE, 'g'), (m) => (/^\$\{\s*[a-z_$][\w$]*(?:\.[\w$]+)+\s*\}$/.test(m[0]) || ENVIRONMENT_VARIABLE.test(m[0]) ? undefined : { kind: 'variable', label: m[0].replace(/^\$?\{\{?|\}\}?$/g, '').trim().replace(/^\./, '') })],
  [new RegExp(`(?<![\\w-])(?:${DATE_MASK})(?![\\w-])`, 'g'), (m) => ({ kind: 'date', label: m[0], format: dateFormat(m[0]) })],
  [ORDERED_DATE_WORD, (m) => ({ kind: 'date', label: m[0], format: 'date' })],
  // A number not given yet is one too: `KEP-TBD`, `RFC-TODO` (an ID's prefix, then the word).
  [new RegExp(`(?:(?<![\\w-])|(?<=(?<![\\w-])[A-Z]{2,6}-))(?:${TODO_WORD})(?![\\w-])|\\?{3,}`, 'g'), (m) => (askedAbout(m) ? undefined : { kind: 'todo', label: m[0] })],
  // The marker without brackets, as a field's or a table cell's value: `**Testing**: NEEDS
  // CLARIFICATION`, `| ⚠️ NEEDS CLARIFICATION - no test framework |`. In prose ("scan for
  // NEEDS CLARIFICATION") it names the marker.
  [BARE_CLARIFICATION, () => ({ kind: 'clarification', label: 'NEEDS CLARIFICATION' })],
  [ANGLE, (m) => (angleWords(m[1] as string) ? { kind: 'text', label: (m[1] as string).trim() } : undefined)],
  [FIELD_NOUN_ANGLE, (m) => ({ kind: 'text', label: m[1] as string })],
  [ESCAPED_ANGLE, (m) => (angleWords(m[1] as string, true) ? { kind: 'text', label: (m[1] as string).trim() } : undefined)],
  // A slot that spans lines of its paragraph: `[Document the selected structure and reference the real⏎directories captured above]`.
  [/(?<![\w\]\\])\[(?=[^[\]\r\n]*\S)([^[\]\r\n]*(?:\r?\n[^[\]\r\n]*)+)\](?![([:])/g, (m) => spanningSlot(m[1] as string)],
  // A date not known yet: `2025-04-??`, `2023-08-**`, `2024-03-XX`, `xxxx-xx-xx`, `20XX-XX-XX`.
  [/(?<![\w-])(?:\d{4}|\d{2}XX|\d{2}xx|XXXX|xxxx)-(?:\d{2}|\?\?|\*\*|XX|xx)-(?:\?\?|\*\*|XX|xx)(?![\w-])/g, (m) => ({ kind: 'todo', label: m[0] })],
  [TO_BE_ANNOUNCED, (m) => ({ kind: 'todo', label: m[0] })],
  [ID_MASK, (m) => ({ kind: 'text', label: m[0] })],
  [NUMBER_FIELD_MASK, (m) => ({ kind: 'text', label: m[0] })],
  [SAMPLE_PROPOSAL_PATH, (m) => ({ kind: 'text', label: m[0] })],
  [EXAMPLE_IDENTITY, (m) => ({ kind: 'text', label: m[0] })],
];

/**
 * Scans `source` (document text from `offset`, with code and links already masked
 * by the caller) for placeholders and appends them to `out`. Choice lists without
 * brackets are looked for only where `bareChoices` says a line is a value (paragraphs
 * and table cells, not headings or YAML). `original` is `source` before masking: a
 * placeholder's text is what the document holds, even where a link inside it was masked.
 */
function scan(source: string, offset: number, bareChoices: boolean, out: Placeholder[], inFrontMatter = false, original = source, namesPeople = false): void {
  let quotes: QuoteSpan[] | undefined;
  for (const [pattern, classify] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
      const info = classify(m);
      if (!info) continue;
      if (!inFrontMatter && info.kind !== 'clarification' && info.kind !== 'todo' && insideQuotedText(source, m.index, m.index + m[0].length, (quotes ??= quotationsOf(source)))) continue;
      if (info.kind === 'todo' && todoUsedAsWord(source, m.index, m.index + m[0].length)) continue;
      if (info.kind === 'variable' && (inMessageFormat(source, m.index) || variableSyntaxNamed(source, m.index, m[0]))) continue;
      if (info.kind === 'date' && namesTheFormat(source, m.index, m.index + m[0].length)) continue;
      // In the body, whether the line names people is decided where the whole line is known (a table row's first cell).
      if (pattern === EXAMPLE_IDENTITY && inFrontMatter && !namesPeople) continue;
      // Written bare in prose, a mask in another order counts only as a value; in brackets (`[MM/DD/YYYY]`), always.
      if (pattern === ORDERED_DATE_WORD && !inFrontMatter && !standsAsValue(source, m.index, m.index + m[0].length)) continue;
      if (pattern === TO_BE_ANNOUNCED && !(standsAsValue(source, m.index, m.index + m[0].length) && /^[ \t]*(?:[\r\n|]|$)/.test(source.slice(m.index + m[0].length)))) continue;
      if (pattern === ID_MASK && !(standsAsValue(source, m.index, m.index + m[0].length) && /^[ \t]*(?:\*\*)?[ \t]*(?:[\r\n|]|$)/.test(source.slice(m.index + m[0].length)))) continue;
      if (info.kind === 'text' && elidesText(info.label, source, m.index, m.index + m[0].length)) continue;
      if (pattern === ESCAPED_ANGLE && !(original.startsWith('\\<', m.index) && original.startsWith('\\>', m.index + m[0].length - 2))) continue;
      if ((pattern === ANGLE || pattern === ESCAPED_ANGLE) && namedBySentence(original, m.index, m.index + m[0].length)) continue;
      if ((info.kind === 'text' || info.kind === 'choice') && source[m.index] === '[' && bracketIsNotation(info.label, source, m.index, m.index + m[0].length, original)) continue;
      const spanText = original.slice(m.index, m.index + m[0].length);
      out.push({ ...info, range: range(offset + m.index, offset + m.index + spanText.length), text: spanText, inFrontMatter });
    }
  }
  if (bareChoices) scanBareChoices(source, offset, out, original);
}

/** A slot a sentence says what it stands for: "…, where <aliased page title> would be a link to it". */
function namedBySentence(source: string, start: number, end: number): boolean {
  return /\bwhere[ \t]+$/i.test(source.slice(Math.max(0, start - 8), start)) && /^[ \t]+(?:is|are|was|would be|will be|stands for|means)\b/i.test(source.slice(end, end + 16));
}

/**
 * `[...]` or `[…]` with more words after it on its line: a quoting author's elision
 * ("how much the attacker knows [...]. It tries …"), not a slot left to fill; so is one that
 * is a whole line, such as a list's last item (`- […]` after its examples: "and so on").
 */
function elidesText(label: string, source: string, start: number, end: number): boolean {
  if (!/^(?:\.\s*){3,}$|^…$/.test(label)) return false;
  // The rest of a list in data (`{ total_count:, items: [...] }`, `tags = […]`).
  if (/(?:[\w"']:|=)[ \t]*$/.test(source.slice(Math.max(0, start - 30), start))) return true;
  const lineEnd = source.indexOf('\n', end);
  const rest = source.slice(end, lineEnd < 0 ? source.length : lineEnd);
  if (/^[ \t]*$/.test(rest) && /(?:^|\n)[ \t]*$/.test(source.slice(0, start))) return true;
  return /[\p{L}\p{N}]/u.test(rest);
}

/** A bracket of words in capitals set apart by a space inside it: `[ TODO ]`, `[ IN PROGRESS ]`. */
/** A link to an issue, a pull or merge request of a code host: `https://github.com/o/r/issues/10174`. */
const ISSUE_LINK = /\bhttps?:\/\/\S+\/(?:issues|pull|pulls|merge_requests)\/\d+/;

const PADDED_CAPITALS = /^\[ [A-Z][A-Z ]*[A-Z] \]$/;

/** How many brackets of {@link PADDED_CAPITALS} the line holding `at` has. */
function badgesOnLine(source: string, at: number): number {
  return lineAround(source, at).match(/\[ [A-Z][A-Z ]*[A-Z] \]/g)?.length ?? 0;
}

/** The line holding `at`. */
function lineAround(source: string, at: number): string {
  const newline = source.indexOf('\n', at);
  return source.slice(source.lastIndexOf('\n', at - 1) + 1, newline < 0 ? source.length : newline);
}

/** The line holding `at`, up to it. */
function lineBefore(source: string, at: number): string {
  return source.slice(source.lastIndexOf('\n', at - 1) + 1, at);
}

/** Requirement numbers, each after a word or not: `需求 1.1, 1.2`, `Req 2, Req 5`, `1.1、2.3` (a sample ID such as `任務A1` is not one). */
const REQUIREMENT_NUMBERS = /^(?:\p{L}{1,12}(?:[ \t]+|(?=\d+\.\d)))?\d+(?:\.\d+)*(?:[ \t]*[,、，][ \t]*(?:\p{L}{1,12}(?:[ \t]+|(?=\d+\.\d)))?\d+(?:\.\d+)*)*$/u;

/**
 * Whether a bracket is notation the document writes, not a slot, by what stands around it:
 * - a segment of a path, as routers name them (`app/services/[id]/page.tsx`,
 *   `pages/[slug].tsx`): one identifier between a slash and more of the path; a mask
 *   such as `###` (`specs/[###-feature]/`) and a file named by a noun
 *   (`src/models/[entity].py`) are still a template's slots;
 * - a value glued to the word before it by a hyphen (`min-h-[44px]`, a utility class's
 *   arbitrary value; `ADR-[NNNN]` is a slot), or a name glued to the word after it
 *   (`[Behavior]Tests`, a naming pattern);
 * - an attribute or annotation of code (`[Collection("Web")]`, "the [Encrypted] attribute");
 * - a change tag (`**[NEW]**`), a task's state after a list marker (`- [~]`), or the kind of
 *   a link an item opens with (`* [Related to] ADR-0002`).
 */
function bracketIsNotation(label: string, source: string, start: number, end: number, original: string): boolean {
  const before = source.slice(Math.max(0, start - 2), start);
  const after = source.slice(end, end + 12);
  // Brackets glued together: keys (`[↑][Tab]`), or a reference link whose definition is missing (`[tokio][tokio]`).
  if (before.endsWith(']') || after.startsWith('[')) return true;
  // A command-line option's argument, as usage lines write it: `(-n|--name [chaincode_name])`, `-o [orderer_address]`.
  if (/(?:^|[\s(|])--?[A-Za-z][\w-]*[ =]$/.test(lineBefore(source, start)) && /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(label)) return true;
  // A box ticked after the option it marks: `**Contracts**: Service [X] / State [X]` (cc-sdd's `Service [ ] / API [ ]`).
  if (/^[xX]$/.test(label) && /[\p{L}\p{N}][ \t]$/u.test(before) && /^[ \t]*(?:$|[\r\n/,|)])/.test(after)) return true;
  // Badges drawn in text, words in capitals set apart inside their brackets, more than one on the
  // line: `"[ TODO ]"`, `"[ IN PROGRESS ]"`, `"[ OVERDUE ]"`.
  if (PADDED_CAPITALS.test(source.slice(start, end)) && badgesOnLine(source, start) >= 2) return true;
  // A reference definition run on after another on one line (`[s4]: ../a.md [s5]: ../b.md`), which
  // Markdown takes for text: its label, not a slot.
  if (/^:[ \t]*<?(?:https?:\/\/|\.{1,2}\/|\/|#)/.test(original.slice(end, end + 12))) return true;
  // A range of digits beside a class of letters (`列[a-h]×行[1-8]`, a board's columns and rows).
  if (/^\[\d-\d\]$/.test(source.slice(start, end)) && /\[(?:[a-z]-[a-z]|[A-Z]-[A-Z])+\]/.test(lineAround(source, start))) return true;
  // A route's parameter the sentence names: `"/tasks/[id]" where [id] is the task's identifier`.
  // Or a part of a name it names so: `KanjiDetailSection[Name] where [Name] is the section`.
  if (/\bwhere[ \t]+$/i.test(source.slice(Math.max(0, start - 8), start)) && new RegExp(`[\\p{L}\\p{N}_/-]${escapeRegExp(source.slice(start, end))}`, 'u').test(lineBefore(source, start))) return true;
  // A part of a name glued to the rest in a pattern the line names: `the naming pattern use-kanji-detail-[feature]-handlers.ts`.
  if (/[\p{L}\p{N}_-]$/u.test(before) && /\b(?:pattern|naming|convention|format)\b/i.test(lineBefore(source, start))) return true;
  // A list of requirements cited by their numbers: `[需求 1.1, 1.2, 1.3]`, `[Req 2, Req 5]`.
  if (REQUIREMENT_NUMBERS.test(label) && (/,|、|，/.test(label) || /\d\.\d/.test(label))) return true;
  // A formula: `T(x,y) = m(x,y) * [1 + k * (s(x,y) / R - 1)]`.
  if (/\(.*\)/.test(label) && /[+*^]|\s[/-]\s/.test(label)) return true;
  // A link Markdown did not take, for a destination with spaces (`[Intro](#Intro Text)`, `[KEP](3. Provide …)`)
  // or a URL written right after it without parentheses (`[Error Handling]https://…`). A template's
  // `[Link type](link to adr)` names the link it wants: a slot.
  if (/^\((?:#|\.{0,2}\/|https?:|\d+\.\s)/.test(after) || /^<?https?:\/\//.test(original.slice(end, end + 10))) return true;
  // A regular expression's class before its quantifier (`^[A-Za-z0-9_-]{1,64}$`), a link whose address
  // was set apart by a space (`[kubebuilder] (https://…)`), and a configuration file's section
  // (`Cargo.toml [lints]`, "the [worktree] section").
  if (/^\{\d+(?:,\d*)?\}/.test(after) || (/^[+*?](?![*_])/.test(after) && /^\^?(?:[A-Za-z0-9]-[A-Za-z0-9]|\\[dwsDWS]|[_.-])+$/.test(label))) return true;
  if (/^[ \t]\(https?:/.test(original.slice(end, end + 10))) return true;
  if (/^[a-z][\w.-]*$/.test(label) && (/\.(?:toml|ini|cfg|conf)[ \t]+$/i.test(source.slice(Math.max(0, start - 30), start)) || /^[ \t]+(?:section|table|block)\b/i.test(after))) return true;
  // A TOML table with its keys after it: `[build-system]: requires = ["hatchling"]`.
  if (/^[a-z][\w.-]*$/.test(label) && /^:?[ \t]+[a-z][\w.-]*[ \t]*=[ \t]*\S/.test(original.slice(end, end + 60))) return true;
  // An issue's title quoted with its tag, beside a link to the issue or pull request:
  // `- [Debugger] Active sessions cause … [#10174](https://github.com/…/issues/10174)`.
  if (/^[\p{L}][\p{L}\p{N} ._-]{0,30}$/u.test(label) && ISSUE_LINK.test(lineAround(original, start)) && /^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?$/.test(lineBefore(source, start))) return true;
  // A tag the text explains: "Items marked [Security] indicate …", "tasks labelled [P] run in parallel".
  if (/\b(?:marked|labell?ed|tagged|flagged)(?:\s+(?:as|with))?\s+$/i.test(source.slice(Math.max(0, start - 24), start))) return true;
  // A part of a name the sentence defines, quoted: `"[verb]_[the-nouns].md", where "[verb]" is the
  // action … and "[the-nouns]" are …` (a template's "where [condition] is met" is a slot).
  if (
    (/["“'‘`]$/.test(before) || /^["“'‘`]/.test(label)) &&
    DEFINED_AFTER.test(after + original.slice(end + 12, end + 40)) &&
    /\bwhere\b[^.!?;]{0,120}$/i.test(source.slice(Math.max(0, start - 120), start))
  ) {
    return true;
  }
  // A GitHub alert's marker with the `!` outside its brackets (`> ![NOTE]`), which GitHub does not render as one.
  if (before.endsWith('!') && ALERT.test(label)) return true;
  // Indexing in code written as prose: `data_[key].value`; a Rust attribute: `#[test]`.
  if (before.endsWith('_')) return true;
  if (before.endsWith('#') && /^(?:test|inline|must_use|non_exhaustive|ignore|derive|cfg|allow|deny|warn|repr|macro_export)\b|::/.test(label)) return true;
  // A call's argument (`LOCK([T])`), a plural of the thing in brackets (`send [prog ID + BTF type ID]s`)
  // and a sequence of a type (`types [T...]`): notation of the protocol the author describes.
  if (/[\p{L}\p{N}_]\($/u.test(before) && after.startsWith(')')) return true;
  if (/^s(?![\p{L}\p{N}])/u.test(after)) return true;
  if (/^[A-Za-z](?:\.{3}|…)$/.test(label)) return true;
  if (before.endsWith('/') && /^(?:\.{3}\w+|id|slug|locale|lang|\w+Id|\w+_id)$/.test(label)) return true;
  if (before.endsWith('/') && /^(?:\.{3})?[a-z][A-Za-z0-9]*$/.test(label)) {
    // A folder of routes (`[id]/`, `[locale]/`); as a file, only a route's parameter (`[slug].tsx`,
    // `[...all].ts`): `src/models/[entity].py` is a template's slot.
    if (/^\/[\p{L}\p{N}[]/u.test(after)) return true;
    if (/^\.[a-z]{1,5}\b/.test(after) && /^(?:\.{3}\w+|id|slug|locale|lang|\w+Id|\w+_id)$/.test(label)) return true;
  }
  if (/[\p{L}\p{N}]-$/u.test(before) && /\d/.test(label) && !/\s/.test(label)) return true;
  if (/^[\p{L}]{2}/u.test(after)) return true;
  if (/^[A-Z][\w.]*\(.*\)$/.test(label)) return true;
  // A YAML key with its list, quoted in prose: `(needs: [build])`, `branches: [main, release]`;
  // a field's slot (`owner: [name]`) names what goes there.
  if (
    /(?:^|[\s(`])[a-z][a-z0-9_-]*:[ \t]?$/.test(source.slice(Math.max(0, start - 40), start)) &&
    /^[a-z][a-z0-9_.-]*(?:,[ \t]*[a-z][a-z0-9_.-]*)*$/.test(label) &&
    !label.split(/,\s*/).some((item) => SLOT_WORDS.test(item))
  ) {
    return true;
  }
  if (/^[A-Z][A-Za-z]*$/.test(label) && /^\*{0,2}\s+(?:attributes?|annotations?|decorators?)\b/i.test(after)) return true;
  // A change tag in capitals or bold (`[NEW]`, `**[unchanged]**`); `v[old] → v[new]` are slots.
  if (CHANGE_TAG.test(label) && (label === label.toUpperCase() || (before.endsWith('**') && after.startsWith('**')))) return true;
  // `- [~]`, `- [/]`, `- [>]`, `- [!]`: a task's state besides `[ ]` and `[x]` (in progress, moved, blocked).
  // A list item's paragraph starts after its marker, so the state opens the text scanned.
  const opensItem = start === 0 || /(?:^|[\r\n])[ \t]*(?:[-*+]|\d+[.)])[ \t]+$/.test(source.slice(Math.max(0, start - 12), start));
  if ((/^[~/>!?*-]$/.test(label) || STATE_TAG.test(label)) && opensItem) return true;
  // A state tagged onto an item or a heading in capitals or bold (`**T049** Migrate data **[DEFERRED]**`,
  // `### Contract Tests [Parallel]` at the end of its line).
  if (STATE_TAG.test(label.replace(/\s+-\s.*$/, '')) && (label === label.toUpperCase() || (before.endsWith('**') && after.startsWith('**')) || /^\**[ \t]*(?:\r?\n|$)/.test(after))) return true;
  // The kind of a link an item gives: `* [Related to] ADR-0002 …`, `* [External] [go-cache](…)`
  // (a template's `* [Link type] [Link to ADR]` is followed by a slot, not a reference).
  return opensItem && /^[ \t]+(?:\[[^\]\r\n]*\]\(|<?https?:\/\/|[A-Z][A-Z0-9]*-\d+\b|See\b)/.test(original.slice(end, end + 200));
}

/**
 * Pandoc's citations: `@` then a key with the year in it (`@gall1977systemantics`, `@doe99`), one
 * or more, separated by semicolons, each with an optional prefix and locator. `[@username]` alone,
 * a handle to give, has no year and stays a slot.
 */
const PANDOC_KEY = String.raw`(?:[^@;\]\r\n]{0,30}\s)?-?@[A-Za-z][\w:.#$%&+?<>~/-]*\d{2,4}[\w:.#$%&+?<>~/-]*(?:,[^;@\]\r\n]{0,30})?`;
const PANDOC_CITATION = new RegExp(`^${PANDOC_KEY}(?:\\s*;\\s*${PANDOC_KEY})*$`);

/** The kinds of GitHub's (and Obsidian's) alerts. */
const ALERT = /^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION|INFO|DANGER)$/i;

/** The verb of a definition right after a term (`[verb]" is the action`, `[x] stands for`). */
const DEFINED_AFTER = /^["”'’`]*[ \t]+(?:is|are|means|stands for|denotes|represents|refers to)\b/i;

/** Words that name what goes in a slot, not a value: `owner: [name]`, `tags: [tag]`. */
const SLOT_WORDS = /^(?:name|names|value|values|description|title|date|owner|type|id|url|link|path|version|number|tag|tags|item|items|text|summary|details|email|user|username|team|component|service|feature|project|status|role|key|label|todo|tbd|placeholder|option|options|choice|example)$/;

/**
 * Change tags of a list of files or items: `**[NEW]** FileHandler.php`, `[unchanged]`, and the
 * imperative ones implementation plans put before each file (`### [MODIFY] SQLToolbar.tsx`).
 */
const CHANGE_TAG =
  /^(?:new|added|changed|modified|updated|removed|deleted|deprecated|unchanged|renamed|moved|fixed|breaking|add|create|modify|update|change|edit|delete|remove|rename|move|replace|refactor)$/i;

/** The state of an item, opening it: `- [Done] M0: …`, `- [WIP] …`. */
const STATE_TAG = /^(?:done|wip|in progress|pending|blocked|skipped|complete|completed|passed|failed|ok|deferred|postponed|cancell?ed|dropped|parallel)$/i;

function classifyBracket(inner: string): Omit<Placeholder, 'range' | 'text' | 'inFrontMatter'> | undefined {
  const label = inner.replaceAll(FILLER, '').trim();
  if (label === '' || label === 'x' || label.startsWith('^')) return undefined;
  // Code or data, not words: `[$id1, $id2]`, `[{ rank, title }]`, `[__{IssueId}__]`.
  if (/[{}]|\$[A-Za-z_]/.test(label)) return undefined;
  // A section of a standard, cited by its stable name: `[atomics.order]`, `[thread.sharedmutex]`.
  if (/^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_-]*)+$/.test(label)) return undefined;
  // A repository, named as its host names it (`[pingcap/docs-tidb-operator]`, a reference link
  // whose definition is missing): an owner and a name joined by a hyphen or a dot, not choices.
  if (/^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w]*[-.][\w.-]*$/.test(label)) return undefined;
  // A reference to a section or an issue: `[Spec §FR-012]`, `[review #46 M2 / #45 M2]`.
  if (/§|(?:^|\s)#\d+\b/u.test(label)) return undefined;
  // `[1]`: a numbered citation and its entry in the references; `[-75.00]`: a value in a list of sample amounts.
  if (/^[-+]?\d+(?:[.,]\d+)?$/.test(label)) return undefined;
  // `[#section-anchor]`: a link to a heading of the document, written as a shortcut reference.
  if (/^#[\p{L}\p{N}_-]+$/u.test(label)) return undefined;
  // `> [!WARNING]`: the marker of a GitHub (or Obsidian) alert.
  if (/^![A-Za-z]+$/.test(label)) return undefined;
  // A range of numbers (`[0..9]`, `[1..n]`), an IPv6 address as URLs write it (`[2001:db8::1]`,
  // `[::1]`), and words quoted one after another (`["exec" "arg1"]`, a command's array): notation.
  if (/^[-+]?\d+(?:\.\d+)?\s*(?:\.\.\.?|…)\s*(?:[-+]?\d+(?:\.\d+)?|[nNkKmM])$/.test(label)) return undefined;
  // A class of characters by their ranges, as a pattern writes it: `[a-h]`, `[A-Za-z0-9]` (a
  // range of digits alone, `[1-5]`, is as often a score to give).
  if (/^(?:[a-z]-[a-z]|[A-Z]-[A-Z]|\d-\d)*(?:[a-z]-[a-z]|[A-Z]-[A-Z])(?:[a-z]-[a-z]|[A-Z]-[A-Z]|\d-\d)*$/.test(label)) return undefined;
  if (/^(?=[^:]*:[^:]*:)[0-9A-Fa-f:.]+(?:%[\w.-]+)?$/.test(label) && /::|[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(label)) return undefined;
  if (/^(?:"[^"\r\n]*"|'[^'\r\n]*')(?:\s+(?:"[^"\r\n]*"|'[^'\r\n]*'))+$/.test(label)) return undefined;
  // A control drawn in text (`[▼]`, `[✎]`, `[🔴 HIGH]`, `[All Materiality ▾]`, `[View S-4 >]`): a screen's picture, not a slot.
  if (/[\p{Extended_Pictographic}\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2700-\u27bf]|\s>$/u.test(label)) return undefined;
  // An ID's pattern (`[US#]`, `[US*]`): the tags a task list uses, named.
  if (/^[A-Z]{1,5}-?\d*[#*]$/.test(label)) return undefined;
  // A severity or priority given as a tag (`### A-1 [HIGH] Authority transfer …`).
  if (/^(?:critical|high|medium|low|blocker|major|minor|trivial)$/i.test(label)) return undefined;
  // The same with its priority's code (`### US1: Deterministic runner [P0 - Critical]`, `[P2 - Critical/High]`).
  if (/^P\d\s*[-–—:]\s*(?:critical|high|medium|low|blocker|major|minor|trivial)(?:\s*[-/]\s*(?:critical|high|medium|low|blocker|major|minor|trivial))*$/i.test(label)) return undefined;
  // A changelog's sections (`CHANGELOG.md under [Unreleased]`, `[1.20.1] section`) and Ruby's symbols (`only: [:index, :show]`).
  if (/^(?:Unreleased|v?\d+\.\d+\.\d+(?:[-+][\w.]+)?)$/.test(label) || /^:\w+(?:\s*,\s*:\w+)*$/.test(label)) return undefined;
  // A regular expression's class (`^[a-z]+:.+$`), data of tuples (`[("Groceries", 200.00)]`) and a file
  // named by its path (`**Spec**: [specs/003-llm/spec.md]`).
  if ((/^\^?(?:[A-Za-z0-9]-[A-Za-z0-9]|\\[dwsDWS]|[_.])+$/.test(label) && /[A-Za-z]-[A-Za-z]|\\[dwsDWS]|-.*-/.test(label)) || /\(\s*["']/.test(label)) return undefined;
  if (/^\/?(?:[\w.-]+\/)+[\w.-]+\.[A-Za-z]{1,5}$/.test(label) && !/#{2,}|\b(?:NNN|XXX)\b|\bpath\/to\b|\byour\b|\bexample\b/i.test(label)) return undefined;
  // An address in brackets, as a link written the wrong way round gives it (`(link)[https://…]`).
  if (/^(?:https?:\/\/|www\.)\S+$/.test(label) && !/#{2,}|\b(?:NNN|XXX|TBD|TODO)\b|\byour\b|\bexample\.(?:com|org)\b|[<{]/i.test(label)) return undefined;
  // A standard cited by its number (`Token Exchange [RFC 8693]`, `[ISO 8601]`), and an interval of
  // percentages or numbers (`a random offset of [0%, +20%]`).
  if (/^(?:RFC|ISO(?:\/IEC)?|IEC|IEEE|BCP|STD|FIPS|ECMA|PEP|JSR|CVE|NIST SP)[ -]?\d[\w.:-]*$/i.test(label)) return undefined;
  if (/^[-+]?\d+(?:[.,]\d+)?\s*%?\s*[,;]\s*[-+]?\d+(?:[.,]\d+)?\s*%?$/.test(label)) return undefined;
  // A mark of text withheld on purpose (`[REDACTED]`, `**666**: [CLASSIFIED]`): what a reader is shown, not a slot.
  if (/^(?:redacted|classified|censored|expunged|withheld)$/i.test(label)) return undefined;
  // A requirement level of RFC 2119 tagging a goal or a line (`* [MUST] Store …`).
  if (/^(?:MUST(?: NOT)?|SHOULD(?: NOT)?|SHALL(?: NOT)?|MAY|REQUIRED|RECOMMENDED|OPTIONAL)$/.test(label)) return undefined;
  if (inner.includes(FILLER) && label.length === 0) return undefined;
  // A list of names in code, as an array writes them (`(`name`, [`value`, `valueFrom`])`): notation.
  if (inner.includes(FILLER) && /^,(?:\s*,)*$/.test(label.replace(/\s+/g, ''))) return undefined;
  // A citation key of Pandoc's Markdown (`[@gall1977systemantics]`, `[see @doe99, p. 33; @smith2004]`).
  if (PANDOC_CITATION.test(label)) return undefined;
  // A value written in the template's brackets (`- Date: [2022-12-08]`, `- Deciders: [@ana, @bo]`):
  // a calendar date or people's handles are the author's, brackets and all.
  // A handle that names a role (`[@username]`, `[@your-handle]`) is still a slot.
  if (/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/.test(label) || (/^@[\w-]+(?:\s*,\s*@[\w-]+)*$/.test(label) && !/@(?:your[-_]?)?(?:user(?:[-_]?name)?|handle|name|author|owner|me|you|someone|github[-_]?(?:user|handle|id)?|login|assignee|reviewer|approver|person)\b/i.test(label))) return undefined;
  if (DATE_ONLY.test(label)) return { kind: 'date', label, format: dateFormat(label) };
  const choices = splitChoices(label, 2);
  if (choices && choices.every(isQuotedString)) return undefined;
  return choices ? { kind: 'choice', label, choices } : { kind: 'text', label };
}

/** `string | null`, `mlockall(MCL_CURRENT | MCL_FUTURE)`: a type that may be null, or flags in a call: code, not a choice. */
function isCodeUnion(options: readonly string[]): boolean {
  return options.some((option) => /^(?:null|undefined|None|nil)$/.test(option) || (option.split('(').length !== option.split(')').length));
}

/** `'usage'`, `"hot"`: a literal of code; a list of them (`'usage' | 'likes'`) is a type's union, not a choice to make. */
function isQuotedString(option: string): boolean {
  return /^(?:'[^']*'|"[^"]*"|`[^`]*`)$/.test(option);
}

function dateFormat(mask: string): 'date' | 'date-time' {
  return mask.length > 'YYYY-MM-DD'.length ? 'date-time' : 'date';
}

/** Splits `A/B/C` or `A|B|C` into short options; undefined when it is not such a list. */
function splitChoices(value: string, minimum: number): string[] | undefined {
  const separator = value.includes('|') ? '|' : value.includes('/') ? '/' : undefined;
  if (!separator) return undefined;
  // A path is no choice: `"/docs/proposals/our-past-effort.md"`, `./scripts/build.sh`.
  if (separator === '/' && (/^["'`]?\.{0,2}\//.test(value.trim()) || /\.[A-Za-z][A-Za-z0-9]{0,4}["'`]?$/.test(value.trim()))) return undefined;
  const options = value.split(separator).map((option) => option.replaceAll(FILLER, '').trim());
  if (options.length < minimum) return undefined;
  // `Draft|In Review` separates options; `components/systems involved` joins words.
  const maxWords = separator === '|' || /\s\/\s/.test(value) ? 4 : 2;
  const short = options.every(
    (option) => option !== '' && !option.includes(':') && option.length <= 32 && option.split(/\s+/).length <= maxWords && !/e\.g\./i.test(option),
  );
  return short ? options : undefined;
}

// Choice lists written without brackets, as a whole line or cell: `🟡 Draft | 🟢 Approved`
// after a `**Label:**`, `Tier: 1 | 2 | 3 | 4`, `High/Medium/Low` in a table cell.
function scanBareChoices(source: string, offset: number, out: Placeholder[], original: string): void {
  const line = /[^\r\n]+/g;
  for (let m = line.exec(source); m; m = line.exec(source)) {
    // A paragraph's later lines inside a block quote keep their `>` markers in the source.
    const label = /^\s*(?:>[ \t]?)*\s*(?:\*\*[^*]{1,40}\*\*\s*[:：]?|[A-Za-z][\w ]{0,30}:)?\s*/.exec(m[0]);
    const valueStart = label ? label[0].length : 0;
    const value = m[0].slice(valueStart).trimEnd();
    // An option may link the document it names (`accepted | superseded by [ADR-0005](0005-example.md)`):
    // the link, masked here, is read as its text.
    const written = value.includes(FILLER) ? linkTexts(original.slice(m.index + valueStart, m.index + valueStart + value.length)) : value;
    // One option ticked and the rest kept (`[x] Draft | Under Review | Approved`) is still the list.
    const options = written.replace(/^\[[ xX]\][ \t]+(?=[^|[]+\|)/, '');
    // Not a route (`POST /api/jobs/{id}/cancel`): a path's segments are no choice.
    // A line read back from its source holds no code span or angle slot a mask had hidden either.
    if (written.includes(FILLER) || options.includes('[') || (written !== value && /[`<]/.test(options)) || /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s/.test(value)) continue;
    // A legend that explains the marks the document uses (`**Legend**: ✅ Done | 🔄 In progress`, `**圖例**: …`), not options.
    if (label && /^\s*(?:\*\*)?(?:legend|key|图例|圖例|凡例|legende|légende|leyenda)(?:\*\*)?\s*[:：]/iu.test(label[0])) continue;
    // Fields side by side (`**Version**：1.9.0 | **Created**：2026-04-09`), not options.
    if (/\*\*[^*\r\n]{1,40}\*\*\s*[:：]/.test(value)) continue;
    // A list a template keeps in braces (`{Minimal|Standard|Extended}`): the braces are not part of its options.
    const choices = splitChoices(/^\{[^{}]+\}$/.test(options) ? options.slice(1, -1) : options, options.includes('|') ? 2 : 3);
    if (!choices || choices.some((c) => c.split(/\s+/).length > 3 || c.length > 24 || /[.,;:!?]$/.test(c)) || choices.every(isQuotedString) || isCodeUnion(choices)) continue;
    // A field of a data model and the values it takes: `- **phase**: recording | idle`, `status: active | done`,
    // `role: owner | admin（required）`; a state's transitions: `open → in_progress | blocked | done`.
    if (label && /^\s*(?:\*\*)?[a-z][A-Za-z0-9_]*(?:\*\*)?\s*:/.test(label[0]) && choices.every((c) => /^[a-z][a-z0-9_-]*(?:\s*[（(][^）)]*[）)])?$/.test(c))) continue;
    if (/^[^|]*(?:→|->)/.test(value)) continue;
    if (partsOfOneProject(choices)) continue;
    const start = offset + m.index + valueStart;
    // `A | B | C` on its own is a choice wherever it stands; `a/b/c` also joins words in
    // prose (`schemas/formats/structure`), so it counts only where a template or family says.
    const text = original.slice(m.index + valueStart, m.index + valueStart + value.length);
    const placeholder: Placeholder = { kind: 'choice', label: written, choices, range: range(start, start + value.length), text, inFrontMatter: false };
    out.push(value.includes('|') ? placeholder : { ...placeholder, form: 'bare-choice' });
  }
}

/**
 * Whether options name the parts of one project, as a field of what a proposal touches lists
 * them (`barca-core | python/barca | HTTP server`): two of them are package-like names, joined
 * with `-` or `/`, that share a word.
 */
function partsOfOneProject(options: readonly string[]): boolean {
  const names = options.filter((option) => /^[a-z][a-z0-9]*(?:[-/][a-z0-9]+)+$/.test(option)).map((option) => new Set(option.split(/[-/]/)));
  return names.some((name, i) => names.slice(i + 1).some((other) => [...name].some((word) => word.length >= 3 && other.has(word))));
}

/**
 * `text`, with each inline link to a document that words of an option lead to (`superseded by
 * [ADR-0005](0005-example.md)`) as its text; `FILLER` where there is more than such links (a row of
 * links, `[spec.md](../spec.md) | [plan.md](../plan.md)`, is a way to other documents).
 */
function linkTexts(text: string): string {
  const linked = text.replace(/(?<=\p{L}[ \t]+)\[([^\][\r\n]{1,24})\]\([^()\s]{1,80}\)/gu, '$1');
  return /[[\]()]/.test(linked) ? FILLER : linked;
}

/** Quotation marks that open a quoted message, with the mark that closes it: `"…"`, `“…”`, `「…」`, `『…』`, `«…»`. */
const OPENING_QUOTES = new Map([
  ['"', '"'],
  ['\u201c', '\u201d'],
  ['\u300c', '\u300d'],
  ['\u300e', '\u300f'],
  ['\u00ab', '\u00bb'],
]);

/**
 * Whether `[start, end)` of `source` lies inside a quoted string (`"…"`, `“…”`, `「…」`) on its line that
 * holds more than it: `"retry in [seconds left] s"`, `"Archy - YYYY-MM-DD HH:MM"`. Such a
 * slot is part of a message or format the spec quotes, filled at run time, not by the
 * author. A quote that holds only the placeholder (`"[Feature Name]"`) still counts, unless it is a
 * tag in capitals quoted in a sentence (`shall append "[DEMO MODE]" to …`).
 */
function insideQuotedText(source: string, start: number, end: number, quotes: readonly QuoteSpan[]): boolean {
  // The last quotation that opens before the slot (quotations never overlap).
  let low = 0;
  let high = quotes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((quotes[middle] as QuoteSpan).open < start) low = middle + 1;
    else high = middle;
  }
  const quote = quotes[low - 1];
  if (!quote || quote.close < end) return false;
  const around = (source.slice(quote.open + 1, start) + source.slice(end, quote.close)).replaceAll(FILLER, '');
  if (/[\p{L}\p{N}]/u.test(around)) return true;
  // A tag in capitals the text says to print, quoted in a sentence and not as a field's value:
  // `shall append "[DEMO MODE]" to …`, `(e.g., "[DEMO MODE]")`, `shows "[?] [?] [?]"`.
  const inside = source.slice(quote.open + 1, quote.close);
  const lead = lineBefore(source, quote.open);
  return PRINTED_TAGS.test(inside) && /[\p{L}\p{N}.][,)]?[ \t]*[(（]?$/u.test(lead) && !/[:：][ \t]*$/.test(lead);
}

/** Only bracketed tags in capitals or question marks, one or more, padded or not: `[DEMO MODE]`, `[RANDOM RESULTS - NOT REAL]`, `[?] [?]`, `[ SYSTEM VIEW ]`. */
const PRINTED_TAGS = /^(?:[ \t]*\[ ?(?:\?+|[A-Z][A-Z0-9 _.!?-]*[A-Z0-9!?]) ?\])+[ \t]*$/;

/** A quotation on one line: the offsets of its opening and closing marks. */
interface QuoteSpan {
  readonly open: number;
  readonly close: number;
}

/**
 * The quotations of `source`, in order: each opening mark paired with the next closing mark
 * on its line (an opening mark with none is no quotation). One pass, so that a line of
 * thousands of slots is not read again for each of them.
 */
function quotationsOf(source: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  let closeChar = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\n' || char === '\r') {
      open = -1;
      closeChar = '';
    } else if (closeChar === '') {
      const closing = OPENING_QUOTES.get(char);
      if (closing !== undefined) {
        open = i;
        closeChar = closing;
      }
    } else if (char === closeChar) {
      spans.push({ open, close: i });
      open = -1;
      closeChar = '';
    }
  }
  return spans;
}

const QUOTES = new Map([
  ['"', '"'],
  ["'", "'"],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
]);

/** Words after which `TODO` or `TBD` followed by a lower-case word modifies a noun: "the TBD placeholder", "a brief TBD note". */
const DETERMINERS = /(?:^|[^\p{L}])(?:the|a|an|any|no|each|every|all|some|its|their|of|for|with|without)\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}$/iu;

/** An article or a number (capitalised at a sentence's start), and up to two words in lower case, before `TODO` used as a noun: "a minor TODO", "A TODO remains". */
const TODO_AS_NOUN = /(?:^|[^\p{L}])(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Tt]his|[Tt]hat|[Ee]ach|[Ee]very|[Aa]ny|[Nn]o)\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}$/u;

/**
 * Whether a TODO word is written about rather than left in: "TODO/FIXME comments", "the TBD
 * placeholder", "a TODO marker". Left in, it stands on its own: `TODO`, `TODO: …`, "Owner is
 * TBD.", "TODO write the tests".
 */
function todoUsedAsWord(source: string, start: number, end: number): boolean {
  if (source[start - 1] === '/' || source[end] === '/') return true;
  // A file's name: `TODO.md`, `TODO.txt`.
  if (/^\.[A-Za-z]{1,5}\b/.test(source.slice(end, end + 7))) return true;
  // The first part of a compound in a script written without spaces: `TODO管理` (to-do
  // management), `TODOリスト`, as "TODO list" is in English. Left as a marker it ends there
  // (`ここはTODO。`).
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(source[end] ?? '')) return true;
  // Quoted on its own (`"TBD"`, `‘TODO’`): the word is named, as in "issues reference "TBD" instead of real numbers".
  const before = source[start - 1];
  const after = source[end];
  if (before !== undefined && after !== undefined && QUOTES.get(before) === after) return true;
  // "TODO comments", "TBD markers", "TODO List": the marker named by what it is, or a to-do list.
  if (/^[ -](?:comments?|markers?|items?|lists?|tags?|notes?|entries|entry|placeholders?)\b/iu.test(source.slice(end, end + 14))) return true;
  // A TODO inside a sentence, a word in lower case on each side: "Replace TODO in apply_entries",
  // "per TODO document", "yorumdaki TODO öylece kalmış", "代码中的 TODO 和 FIXME" — the marker is
  // named. (TBD inside a sentence still says what is undecided: "production scale TBD with the API".)
  if (source.slice(start, end) === 'TODO' && /[\p{Ll}\p{Lo}][ \t]$/u.test(source.slice(Math.max(0, start - 2), start)) && /^[ \t][\p{Ll}\p{Lo}]/u.test(source.slice(end, end + 2))) return true;
  // A badge's word (`"[ TODO ]", "[ OVERDUE ]"`, see {@link PADDED_CAPITALS}).
  if (source.slice(start - 2, start) === '[ ' && source.slice(end, end + 2) === ' ]' && badgesOnLine(source, start) >= 2) return true;
  // The abbreviation of the words before it, in parentheses: "Trunk-Based Development (TBD)".
  if (source[start - 1] === '(' && source[end] === ')' && abbreviates(source.slice(start, end), source.slice(Math.max(0, start - 80), start - 1))) return true;
  // One of a list of states in capitals: "four columns: TODO, IN PROGRESS, DONE, and OVERDUE".
  if (/^,[ \t]+[A-Z]{2,}/.test(source.slice(end, end + 6)) || /[A-Z]{2,},[ \t]+$/.test(source.slice(Math.max(0, start - 12), start))) return true;
  // A to-do named as a thing after an article: "PASS with a minor TODO.", "one TODO left".
  if (source.slice(start, end) === 'TODO' && TODO_AS_NOUN.test(source.slice(Math.max(0, start - 40), start))) return true;
  if (!/^ \p{Ll}/u.test(source.slice(end, end + 2))) return false;
  return DETERMINERS.test(source.slice(Math.max(0, start - 40), start));
}

/** Whether `letters` are the initials of the last words of `before` (split at spaces and hyphens): `TBD` of "Trunk-Based Development ". */
function abbreviates(letters: string, before: string): boolean {
  const words = before.trimEnd().split(/[\s-]+/).filter((word) => word !== '');
  const initials = words
    .slice(-letters.length)
    .map((word) => word[0] ?? '')
    .join('');
  return words.length >= letters.length && initials.toUpperCase() === letters && /^\p{Lu}$/u.test(initials[0] ?? '');
}

/**
 * Whether the text from `start` to `end` is the whole value of its line, list item or table
 * cell, after an optional label (`**Date**:`, `Date:`) and before a colon that introduces what
 * happened then (`- [ ] MM/DD/YYYY: Proposal opened`).
 */
function standsAsValue(source: string, start: number, end: number): boolean {
  const lineStart = Math.max(source.lastIndexOf('\n', start - 1), source.lastIndexOf('\r', start - 1)) + 1;
  const before = source.slice(lineStart, start);
  const opens =
    /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:\*\*[^*\r\n]{1,40}\*\*[ \t]*[:：]?[ \t]*|\p{L}[\p{L}\p{N} _-]{0,30}[:：][ \t]*)?$/u.test(before) ||
    /\|[ \t]*$/.test(before);
  if (!opens) return false;
  const lineEnd = source.slice(end).search(/[\r\n]/);
  const after = source.slice(end, lineEnd < 0 ? source.length : end + lineEnd);
  return /^[ \t]*(?:$|[:：|]|[-–—][ \t])/u.test(after);
}

/** Whether a date mask names the format dates are written in: "ISO format (YYYY-MM-DD)", "formatted as YYYY-MM-DD". */
function namesTheFormat(source: string, start: number, end: number): boolean {
  const before = source.slice(Math.max(0, start - 40), start);
  if (/(?:\b(?:format(?:ted)?|ISO[ -]?8601)\b|格式|形式|フォーマット|書式)[^.\n]{0,14}$/i.test(before)) return true;
  // Named as a format after it: "log files named with YYYY-MM-DD format", "dates in YYYY-MM-DD notation", `YYYY-MM-DD形式`.
  if (/^(?:[ T]?[Hh]{2}:[Mm]{2}(?::[Ss]{2})?)?[ \t]*(?:(?:format|notation|pattern)\b|の?(?:形式|格式|フォーマット|書式))/iu.test(source.slice(end, end + 24))) return true;
  // A field's format in parentheses after its name: `startDate（YYYY-MM-DD，company time zone）`, `Created (YYYY-MM-DD)`.
  // (A name in code is masked: the filler stands for it.)
  const opened = /[ \t]?[（(]$/u.exec(before);
  const named = opened !== null && (/[\p{L}\p{N}_`*]$/u.test(before.slice(0, opened.index)) || before.slice(0, opened.index).endsWith(FILLER));
  return named && /^[）),，、;；]/u.test(source.slice(end, end + 1));
}

const BRACES_PATTERN = new RegExp(BRACES, 'g');

/**
 * Placeholders in single braces (`{title of solved problem}`, as MADR writes them) in the
 * paragraphs, headings and table cells of a parsed document, with code, links, HTML and
 * escapes masked as for other placeholders. Only some families use this form, so it is
 * not part of {@link findPlaceholders}; the family decides (see `core/families`).
 */
export function findBracePlaceholders(text: string, root: Root): Placeholder[] {
  return bracesIn(text, root, BRACES_PATTERN, (m, start) => {
    // A link inside is code or a URL in braces, unless the braces hold a list of choices with a
    // link as one of them (MADR's `{proposed | accepted | superseded by [NNNN](NNNN-*.md)}`).
    if ((m[0] as string).includes(FILLER) && !/\s\|\s/.test((m[1] as string).replaceAll(FILLER, ''))) return undefined;
    const label = text.slice(start + 1, start + m[0].length - 1).trim();
    return { kind: 'text', label, range: range(start, start + m[0].length), text: text.slice(start, start + m[0].length), inFrontMatter: false, form: 'braces' };
  });
}

/**
 * Words in single braces, one or several, in any script (`{role}`, `{…}`, `{1–3 предложения: что
 * меняем и зачем}`): the slots of a template that writes them all in braces. Not after a `$`, a
 * brace, a letter or a path's mark (`${var}`, `{{x}}`, `/api/{id}`); not code-like (`{code: "X"}`,
 * `{a = 1}`).
 */
const LOOSE_BRACES = /(?<![{$\p{L}\p{N}_.\\/])\{(?![{\s])([^{}\r\n"=`]{1,160}?)(?<!\s)\}(?![}\p{L}\p{N}_])/gu;
const DATE_IN_BRACES = new RegExp(`^(?:${DATE_MASK})$`);

/**
 * {@link findBracePlaceholders} in a wider form: every slot in single braces, for a document that
 * writes its slots so (the family decides whether it does; see `core/families`).
 */
export function findLooseBracePlaceholders(text: string, root: Root): Placeholder[] {
  return bracesIn(text, root, LOOSE_BRACES, (m, start) => {
    const inner = m[1] as string;
    // Code or a link inside is part of the slot's words (`{why; link to the PRD: `prd.md`}`), not the whole of it.
    // Not a tuple (`{X, 0}`) nor an object's field (`{code: 1}`).
    if (!/[\p{L}…]|\.{3}/u.test(inner.replaceAll(FILLER, '')) || /^[a-z_]\w*\s*:\s/.test(inner) || /^\w{1,3}(?:\s*,\s*\w{1,3})+$/.test(inner)) return undefined;
    const written = text.slice(start, start + m[0].length);
    const label = written.slice(1, -1).trim();
    // A date's mask in braces (`{YYYY-MM-DD}`) is a date to fill, as it is without them.
    const date = DATE_IN_BRACES.test(label) ? { kind: 'date' as const, format: dateFormat(label) } : { kind: 'text' as const };
    return { ...date, label, range: range(start, start + m[0].length), text: written, inFrontMatter: false, form: 'braces' };
  });
}

/** The matches of a braces pattern in the paragraphs, headings and table cells of a parsed document, masked as for other placeholders, each read by `read` (given where it starts). */
function bracesIn(text: string, root: Root, pattern: RegExp, read: (m: RegExpExecArray, start: number) => Placeholder | undefined): Placeholder[] {
  const sources = collectPlaceholderSources(root.children);
  const realDefinitions = new Set(sources.realDefinitions);
  const found: Placeholder[] = [];
  for (const container of sources.containers) {
    const masked = maskedContainer(text, 0, container, realDefinitions);
    if (!masked) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(masked.source); m; m = pattern.exec(masked.source)) {
      const placeholder = read(m, masked.start + m.index);
      if (placeholder) found.push(placeholder);
    }
  }
  return normalizePlaceholders(found);
}

function scanFrontMatter(text: string, frontMatter: FrontMatter, out: Placeholder[]): void {
  const base = frontMatter.contentRange.start;
  for (const entry of frontMatter.entries) {
    if (!entry.valueNode) continue;
    // MADR's `{list everyone involved in the decision}`, which YAML reads as a mapping of one key with no value.
    const braced = bracedSlot(entry.valueNode);
    if (braced && entry.valueRange) {
      const r = entry.valueRange;
      out.push({ kind: 'text', label: braced, range: range(r.start, r.end), text: text.slice(r.start, r.end), inFrontMatter: true });
      continue;
    }
    const single = singleItemFlowList(entry.valueNode);
    if (single && entry.valueRange) {
      const info = classifyFlowPlaceholder(single);
      if (info) {
        const r = entry.valueRange;
        // A range of its own, not the entry's: a placeholder's range may be moved in place.
        out.push({ ...info, range: range(r.start, r.end), text: text.slice(r.start, r.end), inFrontMatter: true });
        continue;
      }
    }
    visitYaml(entry.valueNode, {
      Scalar(_key, node) {
        if (!node.range || typeof node.value !== 'string') return;
        const start = base + node.range[0];
        const choice = node.type === 'PLAIN' && !TITLE_KEYS.test(entry.key) ? frontMatterChoice(node.value) : undefined;
        if (choice) {
          out.push({ kind: 'choice', label: node.value.trim(), choices: choice, range: range(start, base + node.range[1]), text: text.slice(start, base + node.range[1]), inFrontMatter: true });
          return;
        }
        const value = text.slice(start, base + node.range[1]);
        // A field whose whole value is one word in angle brackets (`title: <Title>`, `- <Name>`):
        // a field holds a value, not a tag or a command's syntax.
        const angled = node.type === 'PLAIN' ? FIELD_ANGLE.exec(value) : null;
        if (angled) {
          out.push({ kind: 'text', label: angled[1] as string, range: range(start, start + value.length), text: value, inFrontMatter: true });
          return;
        }
        // A number not given yet, as a field naming a number holds it: `iep-number: NNNN`, `id: XXXX`.
        if (node.type === 'PLAIN' && NUMBER_KEY.test(entry.key) && /^(?:N{3,5}|X{3,5})$/.test(value)) {
          out.push({ kind: 'text', label: value, range: range(start, start + value.length), text: value, inFrontMatter: true });
          return;
        }
        scan(value, start, false, out, true, value, IDENTITY_KEY.test(entry.key));
      },
    });
  }
}

/** A front-matter value that is one word in angle brackets: `<Title>`, `<Name>`. */
const FIELD_ANGLE = /^<(\p{L}[\p{L}\p{N}_.-]{0,40})>$/u;

/** Keys whose value is a line of text, where `A | B` is a title's separator, not options. */
const TITLE_KEYS = /^(?:title|name|description|summary|subtitle|tagline|excerpt)$/i;

/**
 * A front-matter value (written plain, not quoted) that is a list of options to pick from (`Category: Informational |
 * Standards`, `status: provisional|implementable|implemented`): a field holds one value, so a
 * field holding the template's choices was not filled. Options are short words, not code.
 */
function frontMatterChoice(value: string): string[] | undefined {
  if (!value.includes('|') || /[[\]{}<>"'`$=()]/.test(value.replace(/\([^()|]*\)/g, ''))) return undefined;
  const choices = splitChoices(value, 2);
  if (!choices || choices.every(isQuotedString) || isCodeUnion(choices)) return undefined;
  return choices;
}

/**
 * A MADR slot as a front-matter value, `{list everyone involved in the decision}` (Prettier may
 * add `: null`): YAML reads a flow mapping of one key of several words with no value. Its words.
 */
function bracedSlot(node: YamlNode): string | undefined {
  if (!isMap(node) || !node.flow || node.items.length !== 1) return undefined;
  const pair = node.items[0];
  const key = pair && isScalar(pair.key) ? pair.key.value : undefined;
  const value = pair?.value;
  if (typeof key !== 'string' || !/\S\s+\S+\s+\S/.test(key.trim())) return undefined;
  return value === null || value === undefined || (isScalar(value) && value.value === null) ? key.trim() : undefined;
}

function singleItemFlowList(node: YamlNode): string | undefined {
  if (!isCollection(node) || !node.flow || node.items.length !== 1) return undefined;
  const item = node.items[0];
  return isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
}

// In YAML `status: [Draft|Review]` is a one-item list. Such a list is a placeholder when
// its item reads like one (a choice, a date mask, an ALL_CAPS name or a phrase), not a
// real one-item list such as `tags: [payments]`.
function classifyFlowPlaceholder(item: string): Omit<Placeholder, 'range' | 'text' | 'inFrontMatter'> | undefined {
  const label = item.trim();
  if (DATE_ONLY.test(label)) return { kind: 'date', label, format: dateFormat(label) };
  if (label.includes('|')) {
    const choices = splitChoices(label, 2);
    if (choices) return { kind: 'choice', label, choices };
  }
  if (/^[A-Z][A-Z0-9_.-]{2,}$/.test(label) || label.split(/\s+/).length >= 3) return { kind: 'text', label };
  return undefined;
}

// Keeps the earliest, longest placeholder where matches overlap (`[YYYY-MM-DD]` is one
// date placeholder, not a bracket and a date) and sorts by position.
export function normalizePlaceholders(found: Placeholder[]): Placeholder[] {
  found.sort((a, b) => a.range.start - b.range.start || b.range.end - a.range.end);
  const result: Placeholder[] = [];
  let end = -1;
  for (const placeholder of found) {
    if (placeholder.range.start < end) continue;
    result.push(placeholder);
    end = placeholder.range.end;
  }
  return result;
}
