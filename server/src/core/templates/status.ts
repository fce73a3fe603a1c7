import type { PhrasingContent, RootContent } from 'mdast';
import type { OffsetRange } from '../parse/range';
import type { SpecDocument } from '../parse/spec-document';
import type { Stage } from './manifest';
import type { Template } from './template';

/** A spec's status as its template's lifecycle defines it. */
export interface SpecStatus {
  /** The status as written, trimmed. */
  readonly value: string;
  /** Its stage, when the value is one of the lifecycle's statuses. */
  readonly stage: Stage | undefined;
  /** The lifecycle's status it is (as the lifecycle writes it), when it is one, perhaps followed by more words. */
  readonly known?: string;
  /** Where the value is written. */
  readonly range: OffsetRange;
}

/**
 * Reads a spec's status from where its template keeps it: a front-matter key, or a
 * bold label line under the title such as `**Status:** Draft` or `**Status**: Draft`.
 * Matching against the lifecycle ignores case and surrounding emoji. Undefined when
 * the template has no lifecycle or the document does not say.
 */
export function statusOf(document: SpecDocument, template: Template): SpecStatus | undefined {
  const lifecycle = template.manifest.lifecycle;
  return lifecycle ? lifecycleStatus(document, lifecycle) : undefined;
}

/** Where a lifecycle's status is written, and its statuses: a template's, or a document family's. */
export interface Lifecycle {
  readonly field: { readonly frontMatter?: string; readonly label?: string; readonly section?: string };
  readonly statuses: readonly { readonly value: string; readonly stage: Stage }[];
}

/**
 * {@link statusOf} for any lifecycle: read from a front-matter key, a bold label line, or
 * the first line of a section (`## Status` then `Accepted`, as Nygard's ADRs write it).
 */
export function lifecycleStatus(document: SpecDocument, lifecycle: Lifecycle): SpecStatus | undefined {
  const field = lifecycle.field;
  // A status kept in a section is often written as a line under the title instead
  // (`- Status: accepted`, `Status: Accepted`), or as a front-matter key.
  const found =
    field.frontMatter !== undefined
      ? fromFrontMatter(document, field.frontMatter)
      : field.section !== undefined
        ? (fromSection(document, field.section) ?? fieldLine(document, field.section) ?? fromFrontMatter(document, field.section.toLowerCase()))
        : (fromLabel(document, field.label ?? '') ?? fieldLine(document, field.label ?? ''));
  if (!found) return undefined;
  const written = comparable(found.value);
  // A status written in another language (`Akzeptiert`, `已接受`) is compared as its English word.
  const first = /^[^ ]+/.exec(written)?.[0] ?? '';
  const wanted = TRANSLATED.has(first) ? `${TRANSLATED.get(first) as string}${written.slice(first.length)}` : written;
  // `superseded by ADR-0005`, `Accepted (2024-03-01)`: a status followed by what it refers to.
  const status =
    lifecycle.statuses.find((candidate) => comparable(candidate.value) === wanted) ??
    lifecycle.statuses.find((candidate) => wanted.startsWith(`${comparable(candidate.value)} `));
  return { ...found, stage: status?.stage, ...(status ? { known: status.value } : {}) };
}

function fromFrontMatter(document: SpecDocument, key: string): { value: string; range: OffsetRange } | undefined {
  const entry = document.frontMatter?.entries.find((candidate) => candidate.key === key);
  if (!entry?.valueRange || (typeof entry.value !== 'string' && typeof entry.value !== 'number')) return undefined;
  return { value: String(entry.value).trim(), range: entry.valueRange };
}

/** `**Label:** value` or `**Label**: value` at the start of a line in the paragraphs before the first subsection. */
function fromLabel(document: SpecDocument, label: string): { value: string; range: OffsetRange } | undefined {
  const text = document.text;
  const first = document.outline.flat[0];
  const nodes: RootContent[] = [...document.outline.preambleNodes, ...(first?.ownNodes ?? [])];
  const wanted = label.toLowerCase();
  for (const node of nodes) {
    if (node.type !== 'paragraph') continue;
    for (const child of node.children as PhrasingContent[]) {
      if (child.type !== 'strong' || child.position?.end.offset === undefined || child.position.start.offset === undefined) continue;
      const inner = text.slice(child.position.start.offset + 2, child.position.end.offset - 2).trim();
      let after = child.position.end.offset;
      let name = inner;
      if (name.endsWith(':')) name = name.slice(0, -1).trim();
      else if (text[after] === ':') after += 1;
      else continue;
      if (name.toLowerCase() !== wanted) continue;
      const lineEnd = text.indexOf('\n', after);
      const end = lineEnd < 0 ? text.length : lineEnd;
      const raw = text.slice(after, end);
      const start = after + (raw.length - raw.trimStart().length);
      const value = raw.trim();
      return { value, range: { start, end: start + value.length } };
    }
  }
  return undefined;
}

/**
 * A field written as a line under the title, before the first subsection: `Status: accepted`,
 * `- Status: accepted`, `* **Date**: 2024-05-01`, `**Status:** Draft` (the label's case
 * aside). The value is the rest of the line, without emphasis; undefined when it is empty.
 */
export function fieldLine(document: SpecDocument, label: string): { value: string; range: OffsetRange } | undefined {
  const name = label.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (name === '') return undefined;
  const pattern = new RegExp(`^[ \\t]*(?:[-*+][ \\t]+)?(?:\\*\\*|__)?${name}(?:[ \\t]*:[ \\t]*(?:\\*\\*|__)|(?:\\*\\*|__)?[ \\t]*:)[ \\t]*(\\S[^\\r\\n]*)$`, 'imu');
  const text = document.text;
  const first = document.outline.flat[0];
  const nodes: RootContent[] = [...document.outline.preambleNodes, ...(first?.ownNodes ?? [])];
  for (const node of nodes) {
    if (node.type !== 'paragraph' && node.type !== 'list') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    // From the start of the node's first line, so that a list marker is seen.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const block = text.slice(lineStart, end);
    for (let match = pattern.exec(block), from = 0; match; match = pattern.exec(block.slice(from))) {
      const raw = match[1] as string;
      const value = raw.replace(/[*_]/g, '').trim();
      const at = lineStart + from + match.index + match[0].length - raw.length;
      if (value !== '') return { value, range: { start: at, end: at + raw.trimEnd().length } };
      from += match.index + match[0].length;
    }
  }
  return undefined;
}

/** The first line of the first paragraph of the section titled `title` (any level, case aside). */
function fromSection(document: SpecDocument, title: string): { value: string; range: OffsetRange } | undefined {
  const wanted = title.toLowerCase();
  const section = document.outline.flat.find((candidate) => candidate.title.trim().toLowerCase() === wanted);
  const paragraph = section?.ownNodes.find((node) => node.type === 'paragraph');
  const start = paragraph?.position?.start.offset;
  if (start === undefined) return undefined;
  const text = document.text;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const raw = text.slice(start, end);
  const badge = badgeStatus(raw);
  if (badge) return { value: badge.value, range: { start: start + badge.start, end: start + badge.end } };
  const value = raw.replace(/[*_]/g, '').trim();
  if (value === '') return undefined;
  return { value, range: { start, end } };
}

/**
 * The lifecycles' statuses as decisions and proposals written in German, French, Spanish,
 * Portuguese, Italian, Dutch, Chinese and Japanese write them, each to its English word.
 */
const TRANSLATED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    draft: ['entwurf', 'brouillon', 'borrador', 'rascunho', 'bozza', 'concept', '草稿', '草案', 'ドラフト', '下書き'],
    proposed: ['vorgeschlagen', 'proposé', 'propuesto', 'proposto', 'voorgesteld', '提议', '提議', '已提议', '提案', '提案中'],
    accepted: ['akzeptiert', 'angenommen', 'accepté', 'aceptado', 'aceito', 'accettato', 'geaccepteerd', '已接受', '接受', '已采纳', '采纳', '承認', '承認済み', '採用', '採択'],
    rejected: ['abgelehnt', 'rejeté', 'refusé', 'rechazado', 'rejeitado', 'rifiutato', 'afgewezen', '已拒绝', '拒绝', '却下'],
    deprecated: ['veraltet', 'déprécié', 'obsolète', 'obsoleto', 'deprecato', 'verouderd', '已弃用', '弃用', '已废弃', '废弃', '非推奨'],
    superseded: ['ersetzt', 'abgelöst', 'remplacé', 'reemplazado', 'substituído', 'sostituito', 'vervangen', '已取代', '被取代', '已替代'],
  }).flatMap(([english, words]) => words.map((word): [string, string] => [word, english])),
);

/** Lower case, without emoji, symbols and extra spaces: `🟡 Draft` and `draft` compare equal. */
function comparable(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_ /|-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A status shown as a badge, the line's only content (`[![ADR](https://badgen.net/badge/ADR/approved/green/)](…)`,
 * `![status](https://img.shields.io/badge/status-accepted-green)`): the badge's value, where the address writes it.
 */
const BADGE =
  /^\[?!\[[^\]\n]*\]\(\s*https?:\/\/(?:badgen\.net\/badge\/[^/\s)]+\/(?<badgen>[^/\s)]+)|img\.shields\.io\/badge\/(?:[^-\s)]|--)+-(?<shields>(?:[^-\s)]|--)+)-)[^\s)]*\s*\)(?:\]\([^)\s]*\))?\s*$/d;

function badgeStatus(line: string): { value: string; start: number; end: number } | undefined {
  const match = BADGE.exec(line.trim());
  const at = match?.indices?.groups?.badgen ?? match?.indices?.groups?.shields;
  if (!match || !at) return undefined;
  const lead = line.length - line.trimStart().length;
  const written = line.trim().slice(at[0], at[1]);
  // shields.io writes a dash as `--`, an underscore as `__` and a space as `_`.
  let value = written.replace(/--|__|_/g, (escape) => (escape === '--' ? '-' : escape === '__' ? '_' : ' '));
  try {
    value = decodeURIComponent(value);
  } catch {
    // A malformed escape stays as written.
  }
  return { value: value.trim(), start: lead + at[0], end: lead + at[1] };
}

