import type { ListItem, Nodes, RootContent } from 'mdast';
import { ownText as blockText } from '../families/blocks';
import type { FamilyChoice } from '../families/identify';
import { requirementIdsOf, type IdOccurrence } from '../parse/requirement-ids';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import { fingerprintOf } from './fingerprint';
import type { TraceRequirement, TraceTask } from './model';

/** What a task cites when it says it serves every requirement of its feature (`_Requirements: All_`). */
export const ALL = '*';

/** A citation that names a requirement: an ID (`FR-001`, `US1`) or a criterion number (`2.1`). */
const CITABLE = /^(?:\d+(?:\.\d+)*|[A-Z][A-Z0-9]*-?\d+)$/;

/** ID prefixes that name tasks and checklist items, not requirements. */
const NOT_REQUIREMENTS = new Set(['T', 'CHK']);

/**
 * The folder that scopes a document's requirements and citations: its own folder, or the
 * feature folder above a `checklists/` or `contracts/` folder (spec-kit keeps those inside
 * the feature).
 */
export function traceScope(path: string): string {
  const parts = path.split('/');
  parts.pop();
  if (parts.length > 1 && /^(checklists|contracts)$/i.test(parts[parts.length - 1] as string)) parts.pop();
  return parts.join('/');
}

/**
 * The requirements a spec defines: IDs introduced in it (`FR-001`, `SC-002`, `US-001`; task
 * and checklist IDs are not requirements), and what its family's kind defines by headings
 * (spec-kit's `### User Story 1` as `US1`, Kiro's `### Requirement 2` and its numbered
 * acceptance criteria as `2.1`, `2.2` …).
 */
export function requirementsIn(document: SpecDocument, path: string, family: FamilyChoice | undefined, idPrefixes: readonly string[] = []): TraceRequirement[] {
  const scope = traceScope(path);
  const lines = lineStarts(document.text);
  const found = requirementsFromIds(document.text, requirementIdsOf(document, { extraPrefixes: idPrefixes }), path);
  const trace = family?.family.kinds[family.kind]?.trace;
  for (const rule of trace?.requirements ?? []) {
    for (const section of document.outline.flat) {
      const match = rule.heading.exec(section.title.trim());
      if (!match) continue;
      const id = fill(rule.id, match);
      // `#### Acceptance Criteria 1`: the section numbered after its requirement is the same section.
      const titles = rule.criteria ? [rule.criteria.section, ...(rule.criteria.aliases ?? [])] : [];
      const criteria = rule.criteria ? numberedItems(section.children.find((child) => titles.some((title) => sameTitle(child.title, title) || sameTitle(child.title.replace(/\s+\d+(?:\.\d+)*$/, ''), title)))) : [];
      // A requirement with acceptance criteria is traced through them: tasks cite criteria.
      if (criteria.length === 0) {
        found.push({
          id,
          kind: rule.kind ?? kindOf(id),
          file: path,
          line: section.line,
          text: summaryOf(document, section, id),
          scope,
          fingerprint: fingerprintOf(document.text.slice(section.range.start, section.range.end)),
          ...(rule.parts ? { parts: partsOf(section, rule.parts) } : {}),
          ...(rule.coverage === false ? { coverage: false as const } : {}),
        });
      }
      if (!rule.criteria) continue;
      for (const [index, item] of criteria.entries()) {
        const start = item.position?.start.offset ?? 0;
        found.push({
          id: fill(rule.criteria.id, match, index + 1),
          kind: 'criterion',
          file: path,
          line: lineOf(lines, start),
          text: firstLine(document.text, start).replace(/^\s*\d+[.)]\s*/, ''),
          scope,
          fingerprint: fingerprintOf(document.text.slice(start, item.position?.end.offset ?? start).replace(/^\s*\d+[.)]\s*/, '')),
        });
      }
    }
  }
  return found;
}

/**
 * The requirements a text introduces by ID (`FR-001`, `SC-002`, `US-001`; not task or
 * checklist IDs), from its ID occurrences: what {@link requirementsIn} finds without
 * the family's heading forms, for a caller that found the IDs without a full parse.
 */
export function requirementsFromIds(text: string, occurrences: readonly IdOccurrence[], path: string): TraceRequirement[] {
  const scope = traceScope(path);
  const lines = lineStarts(text);
  const found: TraceRequirement[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.role !== 'definition' || NOT_REQUIREMENTS.has(occurrence.prefix)) continue;
    found.push({
      id: occurrence.id,
      kind: occurrence.prefix.replace(/-$/, ''),
      file: path,
      line: lineOf(lines, occurrence.range.start),
      text: occurrence.definition?.summary ?? '',
      scope,
      fingerprint: fingerprintOf(occurrence.definition ? text.slice(occurrence.definition.block.start, occurrence.definition.block.end) : occurrence.id),
    });
  }
  return found;
}

/**
 * The tasks of a task list, as its family's kind writes them: list items with a task box
 * whose first line has the kind's task form, and what each cites — the kind's citation
 * forms (`[US1]`, `_Requirements: 1.2, 3.1_`) on the item and the lines under it, and
 * requirement IDs (`FR-001`) written there.
 */
export function tasksIn(document: SpecDocument, path: string, family: FamilyChoice | undefined, idPrefixes: readonly string[] = []): TraceTask[] {
  const tasks = family?.family.kinds[family.kind]?.trace?.tasks;
  if (!tasks) return [];
  const scope = traceScope(path);
  const lines = lineStarts(document.text);
  const ids = requirementIdsOf(document, { extraPrefixes: idPrefixes }).filter((occurrence) => !NOT_REQUIREMENTS.has(occurrence.prefix));
  const found: TraceTask[] = [];
  for (const item of taskItems(document.root.children, document.text)) {
    const start = item.position?.start.offset;
    const end = item.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const first = firstLine(document.text, start);
    const match = tasks.line.exec(first);
    if (!match) continue;
    // The item's own text, without nested task items (they are tasks of their own).
    const own = ownText(document.text, item);
    const cites: string[] = [];
    for (const pattern of tasks.cites) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(own); m; m = pattern.exec(own)) {
        for (const part of (m[1] ?? '').split(',')) {
          // `Requirement 2` (Kiro users cite a whole requirement by its heading) is `2`.
          const cited = part.trim().replace(/\.$/, '').replace(/^requirements?\s+(?=\d)/i, '');
          // `All` (or `All requirements`) cites every requirement of the feature; prose (`UI rendering`) cites none.
          if (/^all(?: requirements)?$/i.test(cited)) cites.push(ALL);
          else cites.push(...expandRange(cited).filter((id) => CITABLE.test(id)));
        }
      }
    }
    for (const occurrence of ids) if (occurrence.range.start >= start && occurrence.range.end <= end && own.includes(occurrence.id)) cites.push(occurrence.id);
    const loose = [...new Set(own.match(/(?<![\p{L}\p{N}_-])[A-Z][A-Z0-9]{0,5}-\d+(?![\p{L}\p{N}_])/gu) ?? [])].filter((token) => !cites.includes(token));
    // A citation line of the team's own (`**Validates**: Design Section 12`) traces the task to something.
    const label = CITATION_LABEL.exec(own);
    if (label) loose.push(label[0].trim());
    const id = match[2] ?? `line ${lineOf(lines, start)}`;
    found.push({
      id,
      file: path,
      line: lineOf(lines, start),
      done: /[xX]/.test(match[1] ?? ''),
      text: first.replace(/^\s*[-*+]\s*\[[ xX]\]\*?\s*/, '').trim(),
      scope,
      cites: [...new Set(cites)],
      loose,
      section: sectionTitleAt(document, start),
    });
  }
  return found;
}

/**
 * The citations a range stands for: `5.2-5.5` (or `5.2–5.5`, `5.2-5`) is criteria 5.2 to
 * 5.5, `FR-001–FR-004` requirements 1 to 4 of that prefix; anything else is itself. A
 * range of more than 100 is taken as written.
 */
export function expandRange(citation: string): string[] {
  const criteria = /^(\d+)\.(\d+)\s*[-–—]\s*(?:(\d+)\.)?(\d+)$/.exec(citation);
  if (criteria) {
    const [, major, from, otherMajor, to] = criteria as unknown as [string, string, string, string | undefined, string];
    if (otherMajor !== undefined && otherMajor !== major) return [citation];
    return numbers(Number(from), Number(to), citation, (n) => `${major}.${n}`);
  }
  const ids = /^([A-Z][A-Z0-9]*-)(\d+)\s*[-–—]\s*(?:([A-Z][A-Z0-9]*-))?(\d+)$/.exec(citation);
  if (ids) {
    const [, prefix, from, otherPrefix, to] = ids as unknown as [string, string, string, string | undefined, string];
    if (otherPrefix !== undefined && otherPrefix !== prefix) return [citation];
    return numbers(Number(from), Number(to), citation, (n) => `${prefix}${String(n).padStart(from.length, '0')}`);
  }
  return [citation];
}

function numbers(from: number, to: number, citation: string, name: (n: number) => string): string[] {
  if (to < from || to - from > 100) return [citation];
  return Array.from({ length: to - from + 1 }, (_, i) => name(from + i));
}

/** A label that introduces what a task serves, as teams write it: `**Validates**:`, `Refs:`, `_Requirements:`. */
const CITATION_LABEL = /(?:^|\s)[*_]{0,2}(?:validates|requirements?|refs?|references|covers|traces? to|implements|satisfies|fulfils|fulfills)[*_]{0,2}\s*:[*_]{0,2}\s*\S/iu;

/** The title of the innermost heading above `offset`. */
function sectionTitleAt(document: SpecDocument, offset: number): string {
  let title = '';
  for (const section of document.outline.flat) {
    if (section.headingRange.start > offset) break;
    if (section.range.end > offset) title = section.title.trim();
  }
  return title;
}

/**
 * Every list item with a task box, at any depth, in document order; Kiro's optional
 * tasks (`- [ ]* 2.3 …`, which Markdown does not take for a task box) count too.
 */
function taskItems(nodes: readonly RootContent[], text: string): ListItem[] {
  const found: ListItem[] = [];
  const stack: Nodes[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'listItem' && (typeof node.checked === 'boolean' || OPTIONAL_TASK.test(firstLine(text, node.position?.start.offset ?? 0)))) found.push(node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return found;
}

/** A list item whose box is followed by `*`: a task the plan marks optional. */
const OPTIONAL_TASK = /^\s*[-*+]\s+\[[ xX]\]\*\s/;

/** A list item's text without the task items nested in it. */
function ownText(text: string, item: ListItem): string {
  const start = item.position?.start.offset ?? 0;
  let end = item.position?.end.offset ?? start;
  for (const child of item.children) {
    if (child.type !== 'list') continue;
    const nested = child.children.find((entry) => typeof entry.checked === 'boolean');
    if (nested?.position?.start.offset !== undefined) end = Math.min(end, nested.position.start.offset);
  }
  return text.slice(start, end);
}

/**
 * The names of a section's parts: the titles of its headings one level below that match
 * `pattern` (group 1, else the whole title, is the name), in order.
 */
export function partsOf(section: Section, pattern: RegExp): string[] {
  const names: string[] = [];
  for (const child of section.children) {
    if (child.depth !== section.depth + 1) continue;
    const match = pattern.exec(child.title.trim());
    if (match) names.push((match[1] ?? match[0]).trim());
  }
  return names;
}

/**
 * One line saying what a requirement defined by a heading is: the heading, unless it is
 * only a label and the ID (`Requirement: Sign-in`), then the first line of its text.
 */
function summaryOf(document: SpecDocument, section: Section, id: string): string {
  const title = section.title.trim();
  if (title.replace(id, '').replace(/^[\p{L}\s]*:\s*$/u, '').trim() !== '') return title;
  return blockText(document, section).split('\n')[0] || title;
}

/** The items of the first ordered list in a section's own content. */
function numberedItems(section: Section | undefined): ListItem[] {
  const list = section?.ownNodes.find((node) => node.type === 'list' && node.ordered === true);
  return list && list.type === 'list' ? list.children : [];
}

function sameTitle(a: string, b: string): boolean {
  const fold = (title: string) => title.replace(/\s+/g, ' ').trim().toLowerCase();
  return fold(a) === fold(b);
}

/** `US$1` with the heading's groups, `$n` with the item's number. */
export function fill(template: string, match: RegExpExecArray, n?: number): string {
  return template.replace(/\$(\d+|n)/g, (_, key: string) => (key === 'n' ? String(n ?? '') : (match[Number(key)] ?? '')));
}

function kindOf(id: string): string {
  return /^[A-Za-z]+/.exec(id)?.[0].toUpperCase() ?? 'requirement';
}

function firstLine(text: string, start: number): string {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end);
}

/** The text {@link lineStarts} last answered for, and its answer: a document's trace asks for its lines several times. */
let lastLines: { readonly text: string; readonly starts: readonly number[] } | undefined;

/** Offsets where lines start, for 1-based line numbers. */
export function lineStarts(text: string): readonly number[] {
  if (lastLines?.text === text) return lastLines.starts;
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
    }
  }
  lastLines = { text, starts };
  return starts;
}

/** The 1-based line of an offset, given the offsets where lines start. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
