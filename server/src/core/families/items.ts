import type { List, ListItem, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { OffsetRange } from '../parse/range';
import type { SpecDocument } from '../parse/spec-document';
import { normalizeTitle } from '../templates/section-keys';
import type { ItemForms } from './family';

/** A numbered item under a family's label (an acceptance scenario, an acceptance criterion). */
export interface LabelledItem {
  /** Its first paragraph as a reader sees it (emphasis unwrapped). */
  readonly text: string;
  /** Its first paragraph in the document. */
  readonly range: OffsetRange;
}

/** A heading the family's `groups.heading` names, with what it holds. */
export interface ItemGroup {
  readonly title: string;
  readonly headingRange: OffsetRange;
  readonly items: readonly LabelledItem[];
  /** The group's `lines` patterns the section's text has none of. */
  readonly missingLines: readonly RegExp[];
}

/**
 * The numbered lists that follow the family's label — a heading or a paragraph whose
 * title reads the same (`**Acceptance Scenarios**:`, `#### Acceptance Criteria`) — up to
 * the next heading, and the groups (`### Requirement 2`) they sit in.
 */
export function labelledItems(document: SpecDocument, forms: ItemForms): { items: LabelledItem[]; groups: ItemGroup[] } {
  const { text } = document;
  const labels = new Set([forms.label, ...(forms.labelAliases ?? [])].map(normalizeTitle));
  // `#### Acceptance Criteria 1`: the label numbered after its requirement is the label.
  const isLabel = (title: string) => labels.has(normalizeTitle(title)) || labels.has(normalizeTitle(title.replace(/\s+\d+(?:\.\d+)*$/, '')));
  const items: LabelledItem[] = [];
  const groups: ItemGroup[] = [];
  let armed = false;
  let group: { title: string; headingRange: OffsetRange; items: LabelledItem[]; start: number } | undefined;
  const closeGroup = (end: number) => {
    if (!group) return;
    const body = text.slice(group.start, end);
    groups.push({ title: group.title, headingRange: group.headingRange, items: group.items, missingLines: (forms.groups?.lines ?? []).filter((line) => !line.test(body)) });
    group = undefined;
  };
  for (const node of document.root.children) {
    if (node.type === 'heading') {
      const title = toString(node).trim();
      armed = isLabel(title);
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (forms.groups && start !== undefined && end !== undefined) {
        if (forms.groups.heading.test(title)) {
          closeGroup(start);
          group = { title, headingRange: { start, end }, items: [], start: end };
        } else if (group && !armed && node.depth <= depthOf(text, group.headingRange.start)) {
          closeGroup(start);
        }
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const paragraph = toString(node);
      if (isLabel(paragraph.replace(/:\s*$/, ''))) armed = true;
      else if (armed && NUMBERED_PARAGRAPH.test(paragraph)) {
        // `1.1. WHEN …` is no list item in Markdown, but it is numbered as one.
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start !== undefined && end !== undefined) {
          const found = { text: paragraph, range: { start, end } };
          items.push(found);
          group?.items.push(found);
        }
      }
      continue;
    }
    if (node.type === 'list' && armed && node.ordered) {
      for (const item of listItems(node)) {
        const found = firstParagraph(item);
        if (!found) continue;
        items.push(found);
        group?.items.push(found);
      }
      armed = false;
    }
  }
  closeGroup(text.length);
  return { items, groups };
}

/** A paragraph numbered with a dotted number (`1.1.`, `2.3`), as criteria of a requirement often are. */
const NUMBERED_PARAGRAPH = /^\d+(?:\.\d+)+\.?\s+\S/u;

function depthOf(text: string, start: number): number {
  const hashes = /^#{1,6}/.exec(text.slice(start, start + 6));
  return hashes ? hashes[0].length : 2;
}

function listItems(list: List): ListItem[] {
  return list.children.filter((child): child is ListItem => child.type === 'listItem');
}

function firstParagraph(item: ListItem): LabelledItem | undefined {
  const paragraph = item.children.find((child: RootContent) => child.type === 'paragraph');
  const start = paragraph?.position?.start.offset;
  const end = paragraph?.position?.end.offset;
  if (!paragraph || start === undefined || end === undefined) return undefined;
  return { text: toString(paragraph), range: { start, end } };
}

/**
 * Whether `text` holds one of the forms: its keywords in order, as whole words, case aside
 * (a keyword may name alternatives, `SHALL|MUST`).
 * Returns undefined when one fits, else the keywords of the form that came closest that
 * the text lacks.
 */
export function missingKeywords(text: string, forms: ItemForms): readonly string[] | undefined {
  let best: string[] | undefined;
  for (const form of forms.forms) {
    const missing: string[] = [];
    let at = 0;
    for (const keyword of form) {
      const found = new RegExp(`\\b(?:${keyword})\\b`, 'iu').exec(text.slice(at));
      if (found) at += found.index + found[0].length;
      else missing.push(keyword.split('|').join(' or '));
    }
    if (missing.length === 0) return undefined;
    if (!best || missing.length < best.length) best = missing;
  }
  return best ?? [];
}

/**
 * Whether the document writes its items in the family's forms at all: at least one item
 * follows one. A team that writes its criteria in its own words is not told, item by
 * item, that it does not use the form; a slip among items that do is reported.
 */
export function usesForms(items: readonly LabelledItem[], forms: ItemForms): boolean {
  return items.some((item) => missingKeywords(item.text, forms) === undefined);
}

/**
 * The lines of `text` outside fenced code, each with the offset it starts at: a task or
 * checklist line in a fence is an example, not an item.
 */
export function* linesOutsideFences(text: string): Generator<{ readonly line: string; readonly start: number }> {
  let fence: string | undefined;
  const pattern = /[^\r\n]*(?:\r\n|\r|\n|$)/gy;
  for (let match = pattern.exec(text); match && match[0].length > 0; match = pattern.exec(text)) {
    const line = match[0].replace(/\r?\n$|\r$/, '');
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (opener) {
      const marker = opener[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (fence === undefined) yield { line, start: match.index };
  }
}
