import type { OffsetRange } from '../parse/range';
import { withoutMojibake } from '../parse/mojibake';
import { detached } from '../parse/strings';
import type { Section } from '../parse/sections';

/**
 * How a heading is recognised across documents: its title without numbering
 * (`1.2`, `4.2.1`), placeholders, a trailing parenthesis, Markdown markers, emoji
 * (mojibake read as what it garbles) and punctuation, in lower case. `1.1 Problem Statement` and `Problem statement`
 * share a key; `Decision 1: [Decision Title]` has the key `decision 1` and, because
 * a placeholder was removed, matches any heading whose key starts with it.
 */
export interface SectionKey {
  readonly key: string;
  /** The title had a placeholder: a heading matches when its key starts with `key`. */
  readonly open: boolean;
}

const NUMBERING = /^\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)\s+/;

/**
 * The key of a section of a parsed document, with the given spans (the document's
 * placeholders, sorted by start) removed from its title.
 */
export function keyOfSection(text: string, section: Pick<Section, 'titleRange'>, holes: readonly { readonly range: OffsetRange }[]): SectionKey {
  const { start, end } = section.titleRange;
  let title = '';
  let cursor = start;
  let open = false;
  // Holes are sorted by start: skip to the first that could reach the title (binary search).
  let low = 0;
  let high = holes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((holes[mid] as { range: OffsetRange }).range.start < start) low = mid + 1;
    else high = mid;
  }
  // A hole starting before the title may still cover part of it (it never does for placeholders, which sit inside one line).
  for (let i = Math.max(0, low - 1); i < holes.length; i++) {
    const hole = holes[i] as { range: OffsetRange };
    if (hole.range.end <= start || hole.range.start < cursor) continue;
    if (hole.range.start >= end) break;
    title += text.slice(cursor, hole.range.start);
    title += ' ';
    cursor = Math.min(end, hole.range.end);
    open = true;
  }
  title += text.slice(cursor, end);
  return { key: normalizeTitle(title), open };
}

/**
 * `compute`, remembered for up to `kept` arguments (then forgotten all at once): a
 * document's headings are looked at again after every edit, mostly with the same titles.
 */
export function rememberTitles(compute: (title: string) => string, kept = 20_000): (title: string) => string {
  const known = new Map<string, string>();
  return (title) => {
    let result = known.get(title);
    if (result === undefined) {
      if (known.size >= kept) known.clear();
      result = compute(title);
      // A title can be a slice of a whole document's text; a copy keeps only the title alive.
      known.set(detached(title), detached(result));
    }
    return result;
  };
}

/** Lower-cased words of a heading title, without numbering, Markdown markers, emoji and punctuation. */
export const normalizeTitle: (title: string) => string = rememberTitles(normalizeUncached);

function normalizeUncached(title: string): string {
  // Mojibake is read as the text it garbles: `Shipped âœ…` is the template's `Shipped ✅`.
  return withoutTrailingParenthesis(withoutMojibake(title).replace(NUMBERING, '').replace(/[`*_~]/g, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether a document heading's key matches a template section's key. */
export function keysMatch(template: SectionKey, heading: SectionKey): boolean {
  if (template.key === '') return false;
  if (heading.key === template.key) return true;
  return template.open && heading.key.startsWith(`${template.key} `);
}

/** A heading title as written, whitespace collapsed: how manifests name sections. */
export function writtenTitle(text: string, section: Section): string {
  return text.slice(section.titleRange.start, section.titleRange.end).replace(/\s+/g, ' ').trim();
}

/**
 * The title without a parenthesis at its end (`Exporter (csv)` → `Exporter`), and the
 * space before it. Done without a regular expression: `\s*\(…\)\s*$` tries every
 * position of a long run of spaces, which a heading full of placeholders has.
 */
function withoutTrailingParenthesis(title: string): string {
  const trimmed = title.trimEnd();
  if (!trimmed.endsWith(')')) return title;
  const open = trimmed.lastIndexOf('(');
  if (open < 0 || trimmed.indexOf(')', open) !== trimmed.length - 1) return title;
  return trimmed.slice(0, open).trimEnd();
}
