import type { Nodes, Parents, Root, RootContent, Table, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { range, type OffsetRange } from './range';
import { perPiece, type SpecDocument } from './spec-document';

/**
 * Requirement IDs (`FR-001`, `NFR-012`, `US-001`, `SC-001`, `T001`, `CHK001`) as a spec
 * writes them. A prefix ending in `-` takes one or more digits (`FR-1`, `FR-001`); a bare
 * prefix takes at least three (`T001`), so words like `T1` or `CHK2` stay words.
 */
export const BUILT_IN_ID_PREFIXES: readonly string[] = ['FR-', 'NFR-', 'US-', 'SC-', 'T', 'CHK'];

/** How an ID was introduced; `definition` occurrences carry it. */
export type DefinitionKind = 'table-row' | 'list-item' | 'heading' | 'paragraph';

/** Where an ID is introduced, and the block that says what it stands for. */
export interface IdDefinition {
  readonly kind: DefinitionKind;
  /** The table row, list item, heading with its own content, or bold paragraph (with a block quote right after it). */
  readonly block: OffsetRange;
  /** For a table row: the table's header and delimiter lines, so the row can be shown with its column names. */
  readonly tableHead?: OffsetRange;
  /** A one-line description: the text after the ID on its line, or the row's other cells. May be empty. */
  readonly summary: string;
  /** A list item with a checkbox: a task. */
  readonly task?: boolean;
}

/** One occurrence of a requirement ID. Offsets are UTF-16 code units into the document text, end exclusive. */
export interface IdOccurrence {
  readonly id: string;
  /** The prefix as written before the digits: `FR-`, `T`. */
  readonly prefix: string;
  /** The digits: `001`. */
  readonly digits: string;
  readonly range: OffsetRange;
  readonly role: 'definition' | 'reference';
  /** Present when `role` is `definition`. */
  readonly definition?: IdDefinition;
}

export interface RequirementIdOptions {
  /** More prefixes, as written before the digits (`REQ-`, `ADR-`); invalid ones are ignored. */
  readonly extraPrefixes?: readonly string[];
}

const patterns = new Map<string, RegExp>();

/**
 * The pattern of an ID with the given extra prefixes (global, with groups 1 = prefix and
 * 2 = digits). Not preceded by a letter, digit, `_` or `-`; not followed by a letter,
 * digit or `_`, nor by `-` and a letter or digit.
 */
export function idPattern(extraPrefixes: readonly string[] = []): RegExp {
  const prefixes = [...new Set([...BUILT_IN_ID_PREFIXES, ...extraPrefixes.filter(isValidPrefix)])].sort((a, b) => b.length - a.length);
  const key = prefixes.join(' ');
  let pattern = patterns.get(key);
  if (!pattern) {
    // Valid prefixes hold only `A-Z`, `0-9`, `_` and a final `-`: nothing to escape.
    const dashed = prefixes.filter((prefix) => prefix.endsWith('-'));
    const bare = prefixes.filter((prefix) => !prefix.endsWith('-'));
    const alternatives = [
      ...(dashed.length > 0 ? [`(${dashed.join('|')})(\\d+)`] : []),
      ...(bare.length > 0 ? [`(${bare.join('|')})(\\d{3,})`] : []),
    ];
    // Two alternatives: groups 1–2 for dashed prefixes, 3–4 for bare ones; see `groups`.
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_]|-[\\p{L}\\p{N}])`, 'gu');
    if (patterns.size > 32) patterns.clear();
    patterns.set(key, pattern);
  }
  return pattern;
}

/** Whether `text` is exactly one requirement ID. */
export function isRequirementId(text: string, extraPrefixes: readonly string[] = []): boolean {
  const pattern = idPattern(extraPrefixes);
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  return match !== null && match.index === 0 && match[0].length === text.length;
}

/** Splits an ID into its prefix and digits (`FR-001` → `FR-`, `001`); undefined when it is not one. */
export function splitId(id: string, extraPrefixes: readonly string[] = []): { prefix: string; digits: string } | undefined {
  const pattern = idPattern(extraPrefixes);
  pattern.lastIndex = 0;
  const match = pattern.exec(id);
  if (!match || match.index !== 0 || match[0].length !== id.length) return undefined;
  return groups(match);
}

function groups(match: RegExpExecArray): { prefix: string; digits: string } {
  return match[1] !== undefined ? { prefix: match[1], digits: match[2] as string } : { prefix: match[3] as string, digits: match[4] as string };
}

function isValidPrefix(prefix: string): boolean {
  return /^[A-Z][A-Z0-9_]{0,15}-?$/.test(prefix);
}

/**
 * The next ID after the highest number among `existing` with this prefix, padded like
 * them (`FR-003` → `FR-004`; `FR-9` → `FR-10`); the first one (`FR-001`, `T001`) when
 * there are none.
 */
export function nextFreeId(prefix: string, existingDigits: readonly string[]): string {
  let highest = 0;
  let width = 3;
  for (const digits of existingDigits) {
    const value = Number(digits);
    if (value >= highest) {
      highest = value;
      width = digits.length;
    }
  }
  return `${prefix}${String(highest + 1).padStart(width, '0')}`;
}

const memo = new WeakMap<SpecDocument, Map<string, readonly IdOccurrence[]>>();

/** {@link findRequirementIds} for a parsed spec, computed once per document and prefix set. */
export function requirementIdsOf(document: SpecDocument, options: RequirementIdOptions = {}): readonly IdOccurrence[] {
  const key = (options.extraPrefixes ?? []).join(' ');
  let byKey = memo.get(document);
  if (!byKey) memo.set(document, (byKey = new Map()));
  let found = byKey.get(key);
  if (!found) {
    // IDs are found piece by piece, so that after an edit only the changed text is searched.
    const pieces = perPiece(
      document,
      `requirement-ids ${key}`,
      (piece) => findRequirementIds(piece.text, { type: 'root', children: [...piece.nodes] }, options),
      // Copied, never shifted: occurrences in one table can share its head's range.
      { copy: moveOccurrence },
    );
    byKey.set(key, (found = demoteRestatedTasks(withHeadingBlocks(document.root, pieces))));
  }
  return found;
}

function moveOccurrence(occurrence: IdOccurrence, by: number): IdOccurrence {
  const moved = range(occurrence.range.start + by, occurrence.range.end + by);
  const definition = occurrence.definition;
  if (!definition) return { ...occurrence, range: moved };
  const { block, tableHead } = definition;
  return {
    ...occurrence,
    range: moved,
    definition: {
      ...definition,
      block: range(block.start + by, block.end + by),
      ...(tableHead ? { tableHead: range(tableHead.start + by, tableHead.end + by) } : {}),
    },
  };
}

/**
 * A top-level heading's block runs to the next heading, which can be in a later piece
 * than the heading: sets those blocks' ends from the whole document's top level.
 */
function withHeadingBlocks(root: Root, occurrences: IdOccurrence[]): IdOccurrence[] {
  if (!occurrences.some((occurrence) => occurrence.definition?.kind === 'heading')) return occurrences;
  const children = root.children;
  const startOf = (index: number) => children[index]?.position?.start.offset ?? -1;
  return occurrences.map((occurrence) => {
    const definition = occurrence.definition;
    if (definition?.kind !== 'heading') return occurrence;
    // The top-level heading that starts the block, if it is one (binary search by start).
    let low = 0;
    let high = children.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (startOf(middle) <= definition.block.start) low = middle;
      else high = middle - 1;
    }
    if (children[low]?.type !== 'heading' || startOf(low) !== definition.block.start) return occurrence;
    let end = definition.block.end;
    for (let i = low; i < children.length; i++) {
      const child = children[i] as RootContent;
      if (i > low && child.type === 'heading') break;
      end = child.position?.end.offset ?? end;
    }
    return end === definition.block.end ? occurrence : { ...occurrence, definition: { ...definition, block: range(definition.block.start, end) } };
  });
}

interface Candidate {
  readonly kind: DefinitionKind;
  readonly block: OffsetRange;
  readonly tableHead?: OffsetRange;
  readonly row?: TableRow;
  /** A list item with a checkbox: a task. */
  readonly task?: boolean;
}

/**
 * Finds the requirement IDs of a parsed Markdown document in document order. An ID is a
 * *definition* where it is introduced — at the start of a table row's first cell (not the
 * header row), of a list item, of a heading, or of a paragraph that opens in bold
 * (`**US-001: Story**`), bold or italic markers around it allowed — and a *reference*
 * everywhere else in text. Code (inline and fenced), HTML, link destinations and
 * autolinks are never searched. Never throws.
 */
export function findRequirementIds(text: string, root: Root, options: RequirementIdOptions = {}): IdOccurrence[] {
  const pattern = idPattern(options.extraPrefixes);
  const candidates = new Map<number, Candidate>();
  const texts: OffsetRange[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'text') {
      const span = spanOf(node);
      if (span) texts.push(span);
      continue;
    }
    if (!('children' in node) || isAutolink(text, node)) continue;
    collectCandidates(text, node, candidates);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  texts.sort((a, b) => a.start - b.start);
  const found: IdOccurrence[] = [];
  for (const span of texts) {
    const source = text.slice(span.start, span.end);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
      const start = span.start + m.index;
      const { prefix, digits } = groups(m);
      const at = range(start, start + m[0].length);
      const candidate = listedWithOthers(text, candidates.get(start), at.end) || checksRequirement(candidates.get(start), prefix) ? undefined : candidates.get(start);
      found.push(
        candidate
          ? { id: m[0], prefix, digits, range: at, role: 'definition', definition: toDefinition(text, candidate, at) }
          : { id: m[0], prefix, digits, range: at, role: 'reference' },
      );
    }
  }
  return found;
}

/**
 * Once an ID is defined by a task (a list item with a checkbox), a plain list item that
 * opens with it restates the task (a dependency list, a summary): a reference. Applied to
 * a whole document's occurrences (as {@link requirementIdsOf} does); exported for callers
 * that found them with {@link findRequirementIds} on the whole text.
 */
export function demoteRestatedTasks(found: readonly IdOccurrence[]): readonly IdOccurrence[] {
  const tasks = new Set(found.filter((o) => o.definition?.task).map((o) => o.id));
  if (tasks.size === 0) return found;
  return found.map((o) =>
    o.definition?.kind === 'list-item' && !o.definition.task && tasks.has(o.id)
      ? { id: o.id, prefix: o.prefix, digits: o.digits, range: o.range, role: 'reference' }
      : o,
  );
}

/**
 * A checkbox line that opens with a requirement's ID (`- [x] FR-010: Iterates …`) checks
 * the requirement off, as a task list's or checklist's verification does: it refers to a
 * requirement defined in the spec. Task and checklist IDs (`T001`, `CHK001`) are defined
 * by their checkbox lines.
 */
function checksRequirement(candidate: Candidate | undefined, prefix: string): boolean {
  return candidate?.kind === 'list-item' && candidate.task === true && prefix !== 'T' && prefix !== 'CHK';
}

/**
 * A list item that opens with an ID followed by more IDs or an arrow names them
 * (`- T001, T002 can run in parallel`, `- T004 and T005 are sequential`, `- T001 → …`):
 * it refers to items defined elsewhere, it does not introduce one.
 */
function listedWithOthers(text: string, candidate: Candidate | undefined, idEnd: number): boolean {
  if (candidate?.kind !== 'list-item') return false;
  return /^[*_]*\s*(?:,|&|\/|\+|→|->|=>|–|—|\.\.|…|(?:and|or|to|through)\s+[A-Z]{0,4}-?\d)/u.test(text.slice(idEnd, idEnd + 40));
}

/** Records where an ID would be a definition among a parent's children: the offset its first text starts at. */
function collectCandidates(text: string, parent: Parents, candidates: Map<number, Candidate>): void {
  const children = parent.children as Nodes[];
  if (parent.type === 'table') {
    const table = parent as Table;
    const firstBody = table.children[1];
    const head = spanOf(table);
    const bodyStart = firstBody ? spanOf(firstBody)?.start : undefined;
    for (const row of table.children.slice(1)) {
      const span = spanOf(row);
      const cell = row.children[0];
      if (!span || !cell) continue;
      addCandidate(text, cell, candidates, {
        kind: 'table-row',
        block: span,
        row,
        ...(head && bodyStart !== undefined ? { tableHead: range(head.start, bodyStart) } : {}),
      });
    }
    return;
  }
  if (parent.type === 'listItem') {
    const first = children[0];
    const span = spanOf(parent);
    if (first?.type === 'paragraph' && span) {
      const task = typeof (parent as { checked?: boolean | null }).checked === 'boolean';
      addCandidate(text, first, candidates, { kind: 'list-item', block: span, ...(task ? { task } : {}) });
    }
  }
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Nodes;
    const span = spanOf(child);
    if (!span) continue;
    if (child.type === 'heading') {
      let end = span.end;
      for (let j = i + 1; j < children.length; j++) {
        const next = children[j] as Nodes;
        if (next.type === 'heading') break;
        end = spanOf(next)?.end ?? end;
      }
      addCandidate(text, child, candidates, { kind: 'heading', block: range(span.start, end) });
    } else if (child.type === 'paragraph' && child.children[0]?.type === 'strong' && !(parent.type === 'listItem' && i === 0)) {
      const next = children[i + 1];
      const end = next?.type === 'blockquote' ? (spanOf(next)?.end ?? span.end) : span.end;
      addCandidate(text, child, candidates, { kind: 'paragraph', block: range(span.start, end) });
    }
  }
}

/** The container's first text, through bold and italic wrappers, if it opens the container. */
function addCandidate(text: string, container: Nodes, candidates: Map<number, Candidate>, candidate: Candidate): void {
  let node: Nodes | undefined = container;
  while (node && node.type !== 'text') {
    if (node !== container && node.type !== 'strong' && node.type !== 'emphasis') return;
    node = 'children' in node ? (node.children[0] as Nodes | undefined) : undefined;
  }
  const span = node ? spanOf(node) : undefined;
  if (!span) return;
  // A checkbox written into a heading (`### [X] T001: …`) marks a task, as one on a list item does.
  const leading = /^[ \t]*(?:\[[ xX]\][ \t]+)?/.exec(text.slice(span.start, span.start + 16))?.[0] ?? '';
  const task = candidate.task || (candidate.kind === 'heading' && leading.includes('['));
  candidates.set(span.start + leading.length, task ? { ...candidate, task } : candidate);
}

function toDefinition(text: string, candidate: Candidate, at: OffsetRange): IdDefinition {
  let summary: string;
  if (candidate.row) {
    summary = candidate.row.children
      .slice(1)
      .map((cell) => toString(cell).trim())
      .filter((cell) => cell !== '')
      .join(' · ');
  } else {
    const lineEnd = text.slice(at.end, candidate.block.end).search(/\r|\n/);
    const rest = text.slice(at.end, lineEnd < 0 ? candidate.block.end : at.end + lineEnd);
    summary = rest
      .replace(/\*{1,3}|(?<![\p{L}\p{N}])_{1,3}|_{1,3}(?![\p{L}\p{N}])/gu, '')
      .replace(/^[\s:.\-–—|]+/, '')
      .replace(/\s*#+\s*$/, '')
      .trim();
  }
  return {
    kind: candidate.kind,
    block: candidate.block,
    ...(candidate.tableHead ? { tableHead: candidate.tableHead } : {}),
    ...(candidate.task ? { task: true } : {}),
    summary: summary.length > 120 ? `${summary.slice(0, 119)}…` : summary,
  };
}

/**
 * The Markdown that says what a definition stands for, at most `max` code units: the
 * block, re-indented to its first line, and for a table row the table's header above it.
 */
export function definitionExcerpt(text: string, definition: IdDefinition, max = 1500): string {
  const { block } = definition;
  const lineStart = Math.max(text.lastIndexOf('\n', block.start - 1), text.lastIndexOf('\r', block.start - 1)) + 1;
  const indent = block.start - lineStart;
  const dedent = (source: string) => (indent === 0 ? source : source.replace(new RegExp(`(\\r\\n|\\r|\\n)[ \\t]{0,${indent}}`, 'g'), '$1'));
  let body = dedent(text.slice(block.start, Math.min(block.end, block.start + max))).replace(/\s+$/, '');
  if (block.end - block.start > max) body += ' …';
  if (definition.tableHead) {
    const head = text.slice(definition.tableHead.start, definition.tableHead.end).replace(/\s+$/, '');
    body = `${dedent(head)}\n${body}`;
  }
  return body;
}

function spanOf(node: Nodes): OffsetRange | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : range(start, end);
}

// `<https://…/FR-001>` and bare `https://…/FR-001`: the visible text is the destination.
function isAutolink(text: string, node: Nodes): boolean {
  if (node.type !== 'link') return false;
  const span = spanOf(node);
  if (!span) return false;
  const source = text.slice(span.start, span.end);
  return !source.startsWith('[') || source === node.url;
}

/** The kind of a requirement ID, its prefix as written before the digits: `FR-` for `FR-007`, `T` for `T012`. */
export function idKindOf(id: string): string {
  return /^\D*/.exec(id)?.[0] ?? '';
}
