// Slots of a repository's own template that a document started from it still holds where
// the placeholder scanner does not look, or does not see them whole: in code (spec-kit's
// `` `[###-feature-name]` ``, `# [REMOVE IF UNUSED] Option 1: …` in the plan's layout
// tree), in a table the family keeps as instructions (the plan's Complexity Tracking
// example rows), a bracket that nests another (`[Business metric, e.g., "… [X] …"]`) or
// spans lines, a `$VARIABLE` or a `{slot}` of the template. Code is never searched for slots in
// general (`a[i]`, `[package]`): only text the template holds and the document kept
// unchanged, a code span, a line of code or a table row as the template has it, is reported.
import type { Nodes, Root } from 'mdast';
import { BRACKET, DATE_MASK } from '../parse/placeholder-patterns';
import { collectPlaceholderSources, maskedContainerText, type Placeholder } from '../parse/placeholders';
import type { SpecDocument } from '../parse/spec-document';
import { escapeRegExp } from '../parse/strings';
import type { Template } from '../templates/template';
import { spanOf } from '../templates/template-text';

/** A slot at `offset` (UTF-16 units) from the start of the piece of text holding it. */
interface Slot {
  readonly offset: number;
  readonly text: string;
}

interface TemplateSlots {
  /** A code span's text between its backticks → the slots in it. */
  readonly spans: ReadonlyMap<string, readonly Slot[]>;
  /** A line of a code block, trimmed → the slots in it. */
  readonly codeLines: ReadonlyMap<string, readonly Slot[]>;
  /** A table row's line, trimmed → the placeholders in it. */
  readonly rows: ReadonlyMap<string, readonly Slot[]>;
  /** Slots in prose that the scanner cannot see (nested, spanning lines, `$VARIABLE`), whitespace-insensitive. */
  readonly prose: RegExp | undefined;
  /** A header field's line whose value is the template's instruction in parentheses (`- Status Date: (date of …)`), trimmed → that value. */
  readonly fields: ReadonlyMap<string, Slot>;
}

const models = new WeakMap<Template, TemplateSlots>();
const found = new WeakMap<SpecDocument, { readonly template: Template; readonly slots: readonly Placeholder[] }>();

/**
 * The slots of `template` (a repository's own) that `document` still holds as the template
 * has them, where the placeholder scanner does not report them; unsorted, and possibly
 * overlapping the document's own placeholders (the caller normalizes).
 */
export function keptTemplateSlots(document: SpecDocument, template: Template): readonly Placeholder[] {
  const known = found.get(document);
  if (known?.template === template) return known.slots;
  let model = models.get(template);
  if (!model) models.set(template, (model = buildModel(template)));
  const slots = findSlots(document, model);
  found.set(document, { template, slots });
  return slots;
}

function buildModel(template: Template): TemplateSlots {
  const { text, root } = template.document;
  const spans = new Map<string, Slot[]>();
  const codeLines = new Map<string, Slot[]>();
  const rows = new Map<string, Slot[]>();
  const proseSlots = new Set<string>();
  // A template whose prose has `{{title}}` slots has them in its code spans too (`` `konbini/{{feature}}-task-1` ``).
  const mustache = template.document.placeholders.some((placeholder) => placeholder.text.startsWith('{{'));
  walk(root, (node) => {
    const span = spanOf(node);
    if (!span) return;
    if (node.type === 'inlineCode') {
      // A span the template introduces as the form lines take ("each scenario looks like:
      // `- [ ] E2E-### [USx/FR-xxx] …`") shows a syntax; it is not a slot.
      if (FORM_INTRODUCED.test(text.slice(Math.max(0, span.start - 40), span.start))) return;
      const inner = codeSpanInner(text.slice(span.start, span.end));
      // A code span that is only a date mask (`YYYY-MM-DD`, a header field's value) is a slot too.
      // So are the template's `{slots}` in it (`` `{path/to/new/file}.tsx` ``).
      const slots =
        DATE_SPAN.test(inner.text) || PATH_TO.test(inner.text)
          ? [{ offset: 0, text: inner.text }]
          : [...codeSlots(inner.text), ...bracedSlots(inner.text), ...angledSlots(inner.text), ...(mustache ? doubleBracedSlots(inner.text) : [])];
      if (slots.length > 0 && !spans.has(inner.text)) spans.set(inner.text, slots);
    } else if (node.type === 'code') {
      for (const line of text.slice(span.start, span.end).split('\n')) {
        const trimmed = line.trim();
        const slots = codeSlots(trimmed);
        if (slots.length > 0 && !codeLines.has(trimmed)) codeLines.set(trimmed, slots);
      }
    } else if (node.type === 'tableRow') {
      const line = lineAround(text, span.start);
      const trimmed = text.slice(line.start, line.end).trim();
      const lead = line.start + (text.slice(line.start, line.end).length - text.slice(line.start, line.end).trimStart().length);
      const slots = template.document.placeholders
        .filter((placeholder) => placeholder.range.start >= line.start && placeholder.range.end <= line.end)
        .map((placeholder) => ({ offset: placeholder.range.start - lead, text: placeholder.text }));
      if (slots.length > 0 && !rows.has(trimmed)) rows.set(trimmed, slots);
    }
  });
  const sources = collectPlaceholderSources(root.children);
  const definitions = new Set(sources.realDefinitions);
  for (const container of sources.containers) {
    const masked = maskedContainerText(text, container, definitions);
    if (!masked) continue;
    const candidates = nestedBrackets(masked.source);
    for (const pattern of [SPANNING, DOLLAR_VARIABLE, BRACED]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(masked.source); m; m = pattern.exec(masked.source)) {
        // A brace inside a larger one (`{justification, e.g., … resolves force {force} | …}`) is part of that slot.
        if (pattern === BRACED && insideBraces(masked.source, m.index)) continue;
        candidates.push({ start: m.index, end: m.index + m[0].length });
      }
    }
    for (const { start, end } of candidates) {
      if (!masked.source.slice(start, end).includes(FILLER)) proseSlots.add(text.slice(masked.start + start, masked.start + end));
    }
  }
  const prose =
    proseSlots.size === 0
      ? undefined
      : new RegExp([...proseSlots].map((slot) => slot.trim().split(/\s+/).map(escapeRegExp).join('\\s+')).join('|'), 'g');
  const fields = new Map<string, Slot>();
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/\r$/, '').trim();
    const field = INSTRUCTION_FIELD.exec(trimmed);
    if (field) fields.set(trimmed, { offset: (field[1] as string).length, text: field[2] as string });
  }
  return { spans, codeLines, rows, prose, fields };
}

/**
 * A list item that is a header field whose value is an instruction in parentheses, two words or
 * more, closed at the end of the line or running on to the next, perhaps after a sample address
 * or a sample value in code (`` `0000-my-awesome-feature` (fill me in with a unique ident) ``):
 * `- Status Date: (date of first submission or last status change)`, `* Author: (Github
 * username(s) or real names, as you prefer)`, `* Introduced in: https://…/pull/1 (please update
 * once you open your PR)`. Kept as the template has it, the author has not filled it in.
 */
const INSTRUCTION_FIELD =
  /^([-*+][ \t]+(?:\*\*)?\p{L}[^:()\n]{0,40}?(?:\*\*)?[:：](?:\*\*)?[ \t]*)((?:(?:https?:\/\/[^\s()]+|`[^`\n]+`)[ \t]+)?\(\p{L}[^\n]*?[ \t][^\n]*\)|\(\p{L}[^()\n]*?[ \t][^()\n]*)$/u;

function findSlots(document: SpecDocument, model: TemplateSlots): Placeholder[] {
  const { text, root } = document;
  const out: Placeholder[] = [];
  const add = (start: number, slot: Slot) => out.push(placeholderAt(start + slot.offset, slot.text));
  if (model.spans.size > 0 || model.codeLines.size > 0 || model.rows.size > 0) {
    walk(root, (node) => {
      const span = spanOf(node);
      if (!span) return;
      if (node.type === 'inlineCode' && model.spans.size > 0) {
        const inner = codeSpanInner(text.slice(span.start, span.end));
        for (const slot of model.spans.get(inner.text) ?? []) add(span.start + inner.offset, slot);
      } else if (node.type === 'code' && model.codeLines.size > 0) {
        let start = span.start;
        for (const line of text.slice(span.start, span.end).split(/\n/)) {
          const body = line.replace(/\r$/, '');
          const lead = body.length - body.trimStart().length;
          for (const slot of model.codeLines.get(body.trim()) ?? []) add(start + lead, slot);
          start += line.length + 1;
        }
      } else if (node.type === 'tableRow' && model.rows.size > 0) {
        const line = lineAround(text, span.start);
        const body = text.slice(line.start, line.end);
        const lead = body.length - body.trimStart().length;
        for (const slot of model.rows.get(body.trim()) ?? []) add(line.start + lead, slot);
      }
    });
  }
  if (model.fields.size > 0) {
    let start = 0;
    for (const line of text.split('\n')) {
      const body = line.replace(/\r$/, '');
      const slot = model.fields.get(body.trim());
      if (slot) add(start + body.length - body.trimStart().length, slot);
      start += line.length + 1;
    }
  }
  if (model.prose) {
    const sources = collectPlaceholderSources(root.children);
    const definitions = new Set(sources.realDefinitions);
    for (const container of sources.containers) {
      const masked = maskedContainerText(text, container, definitions);
      if (!masked) continue;
      model.prose.lastIndex = 0;
      for (let m = model.prose.exec(masked.source); m; m = model.prose.exec(masked.source)) {
        if (m[0].includes(FILLER)) continue;
        const start = masked.start + m.index;
        out.push(placeholderAt(start, text.slice(start, start + m[0].length)));
      }
    }
  }
  return out;
}

function placeholderAt(start: number, text: string): Placeholder {
  const variable = text.startsWith('$');
  return {
    kind: variable ? 'variable' : 'text',
    label: variable ? text.slice(1) : (/^[[{<]/.test(text) ? text.slice(1, -1) : text).replace(/\s+/g, ' ').trim(),
    range: { start, end: start + text.length },
    text,
    inFrontMatter: false,
  };
}

/** Masked text (code, links, HTML) in a container's source, as `maskedContainerText` writes it. */
const FILLER = '\u0001';

/** Words that introduce a syntax or an example, just before a code span on its line: "in the form", "looks like:", "Name it", "e.g.", "格式：", "形如". */
const FORM_INTRODUCED = /(?:\b(?:format|form|pattern|syntax|notation|shape|looks? like|written as|name (?:it|them)|named|titled)|形如|格式|形式|フォーマット|書式|記法)[^\n.。`]{0,12}[:：]?[ \t]*$|\b(?:e\.g\.|for example|such as)[,:]?[ \t]*$/iu;

/** A bracket that spans lines of a paragraph: `[Document the selected structure and reference the real⏎directories captured above]`. */
const SPANNING = /(?<![\w\]])\[[^[\]\n]*\n[^[\]]*\](?![([:])/g;

/**
 * Brackets on one line holding one or more brackets, one level deep: `[Business metric,
 * e.g., "… related to [X] by 50%"]`; not after a word or a bracket, nor before a link's
 * destination or a colon. One pass over the text.
 */
function nestedBrackets(source: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let open = -1;
  let inner = -1;
  let nests = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\n' || char === '\r') {
      open = inner = -1;
    } else if (char === '[') {
      if (open < 0) {
        // -2: a bracket after a word (`a[i]`), never a slot.
        open = /[\w\]]/.test(source[i - 1] ?? '') ? -2 : i;
        nests = false;
      } else if (inner < 0) {
        inner = i;
      } else {
        // Deeper than one level: not a slot.
        open = -2;
        inner = -1;
      }
    } else if (char === ']') {
      if (inner >= 0) {
        inner = -1;
        nests = true;
      } else if (open !== -1) {
        if (open >= 0 && nests && !/[([:]/.test(source[i + 1] ?? '')) found.push({ start: open, end: i + 1 });
        open = -1;
      }
    }
  }
  return found;
}
/**
 * A slot in single braces in a template's prose, one word or several: `{Component 1}`,
 * `{description}`, `{path/to/new/file}` (Kiro and MADR-like templates teams write). Found in
 * a document only as the template has it, so an interpolation the author writes (`/users/{id}`)
 * is never taken for one unless the template held that very text.
 */
const BRACED = /(?<![{$\w\\])\{(?![{\s])(?=[^{}\n]*\p{L})[^{}\n]{1,200}(?<!\s)\}(?![}\w])/gu;

/** A template's variable in prose: `$ARGUMENTS`, which the kit's command replaces. */
const DOLLAR_VARIABLE = /(?<![\w$\\])\$[A-Z][A-Z0-9_]{2,}(?![\w(])/g;

const BRACKETS = new RegExp(BRACKET, 'g');

/** A date mask and nothing else (`YYYY-MM-DD`, `DD.MM.YYYY`). */
const DATE_SPAN = new RegExp(`^(?:${DATE_MASK})$`);

/**
 * The slots in a piece of a template's code: bracketed words as the scanner reads them in
 * prose, but never indexing or a type (`a[i]`, `List[str]`, `f()[0]`), an attribute or a call
 * in brackets (`#[derive(Debug)]`, `[error("…")]`), a line that is only a
 * bracketed name (a TOML or INI table, `[package]`), a link, a regular-expression class
 * (`[a-z]`, `[\w-]`), a checkbox or a number.
 */
function codeSlots(code: string): Slot[] {
  if (/^\[[A-Za-z_][\w.-]*\]$/.test(code)) return [];
  // A diagram's boxes joined by arrows (`[Frontend] → [Backend API] → [Service]`): the parts it draws, not slots.
  if (DIAGRAM_ARROW.test(code)) return [];
  const slots: Slot[] = [];
  BRACKETS.lastIndex = 0;
  for (let m = BRACKETS.exec(code); m; m = BRACKETS.exec(code)) {
    const inner = (m[1] as string).trim();
    const before = code[m.index - 1];
    const after = code[m.index + m[0].length];
    // `#[derive(Debug)]`, `#![allow(x)]`: a Rust attribute.
    if (before !== undefined && /[\w\])"'`$.#!]/.test(before)) continue;
    if (after === '(' || after === ':' || after === '[') continue;
    // A route's parameter in a path (`/[id]/`, `/[...slug]/`, `/[slug].tsx`), as frameworks name folders
    // and pages; `src/models/[entity].py` is a slot.
    if (before === '/' && /^(?:\.{3})?[a-z][A-Za-z0-9_]*$/.test(inner) && (after === '/' || after === undefined || /^(?:\.{3}\w+|id|slug|locale|lang|\w+Id|\w+_id)$/.test(inner))) continue;
    // `[error("not found: {path}")]`: a call with its arguments, code not a slot.
    if (/^[\w:]+\(.*\)$/.test(inner)) continue;
    if (!/\p{L}/u.test(inner) || /^[xX ]?$/.test(inner) || inner.startsWith('^') || inner.includes('\\') || /^[\w]-[\w]/.test(inner)) continue;
    slots.push({ offset: m.index, text: m[0] });
  }
  return slots;
}

/** An arrow between two bracketed boxes of a line of code. */
const DIAGRAM_ARROW = /\][ \t]*(?:→|⇒|->|-->|=>|<->|↔|←|<-|—>|──>|─>)[ \t]*\[/u;

/** Whether more braces open than close before `at`. */
function insideBraces(source: string, at: number): boolean {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && depth > 0) depth--;
  }
  return depth > 0;
}

/** A code span that is a path to be given (`` `/path/to/feature` ``): the template's slot when a copy keeps it. */
const PATH_TO = /^\/?path\/to\/[\w./-]+$/;

/**
 * A name of several words in angle brackets that is a template's code span, or the folder it
 * opens (`` `<feature_dir>/docs/spec.md` ``); inside a file name (`` `<id>-<short-name>.md` ``)
 * it is a pattern the template explains.
 */
const ANGLED = /^<[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+>(?=\/|$)/;

function angledSlots(code: string): Slot[] {
  const m = ANGLED.exec(code);
  return m ? [{ offset: 0, text: m[0] }] : [];
}

/** The `{slots}` in a template's code span, as {@link BRACED} finds them in prose. */
/** `{{feature}}`, `{{ test description }}`: words in double braces, without the dots, pipes or calls of a template language's expressions. */
const DOUBLE_BRACED = /\{\{[ \t]?\p{L}[\p{L}\p{N} _-]{0,60}[ \t]?\}\}/gu;

function doubleBracedSlots(code: string): Slot[] {
  DOUBLE_BRACED.lastIndex = 0;
  return [...code.matchAll(DOUBLE_BRACED)].map((m) => ({ offset: m.index, text: m[0] }));
}

function bracedSlots(code: string): Slot[] {
  BRACED.lastIndex = 0;
  return [...code.matchAll(BRACED)].map((m) => ({ offset: m.index, text: m[0] }));
}

/** A code span's text between its backtick runs (and the one space the run may pad it with), and where that starts. */
function codeSpanInner(source: string): { text: string; offset: number } {
  const open = /^`+/.exec(source)?.[0].length ?? 0;
  const close = /`+$/.exec(source)?.[0].length ?? 0;
  let start = open;
  let end = source.length - close;
  if (end - start >= 2 && source[start] === ' ' && source[end - 1] === ' ' && source.slice(start, end).trim() !== '') {
    start++;
    end--;
  }
  return { text: source.slice(start, Math.max(start, end)), offset: start };
}

function lineAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

function walk(root: Root, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    visit(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}
