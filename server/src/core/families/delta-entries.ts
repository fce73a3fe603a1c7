import type { OffsetRange } from '../parse/range';
import type { Section } from '../parse/sections';
import type { SpecDocument } from '../parse/spec-document';
import { blocksIn, ownText, sectionsTitled, type Block } from './blocks';
import type { FamilyKind } from './family';

/** An operation of a spec delta. */
export type DeltaOperation = 'added' | 'modified' | 'removed' | 'renamed';

export const DELTA_OPERATIONS: readonly DeltaOperation[] = ['added', 'modified', 'removed', 'renamed'];

/** A name in a removed section, and where it is written. */
export interface NamedEntry {
  readonly name: string;
  /** The heading section that names it, or the section whose bullet quotes it. */
  readonly at: Section;
  /** The heading, or the bullet line (UTF-16 offsets, end exclusive). */
  readonly range: OffsetRange;
}

/** A `FROM:` / `TO:` pair of a renamed section. */
export interface RenamePair {
  readonly from: string;
  readonly to: string;
  readonly at: Section;
  /** The `FROM:` line. */
  readonly range: OffsetRange;
}

/** One entry of a delta: a block added or modified, a name removed, a rename. */
export interface DeltaEntry {
  readonly operation: DeltaOperation;
  readonly name: string;
  /** A rename's new name. */
  readonly to?: string;
  /** Where its name is written: a block's heading, a bullet, a rename's `FROM:` line. */
  readonly range: OffsetRange;
  /** The section that holds it when it is not a block of its own. */
  readonly at: Section;
  /** The block, for an added or modified requirement (and a removed one written as a heading). */
  readonly block?: Block;
}

/**
 * The entries of a delta as its family's kind writes them (sections by operation, blocks
 * by the kind's heading form), in document order within each operation.
 */
export function deltaEntries(document: SpecDocument, kind: FamilyKind): DeltaEntry[] {
  const deltas = kind.deltas;
  const blocks = kind.blocks;
  if (!deltas || !blocks) return [];
  const entries: DeltaEntry[] = [];
  for (const operation of DELTA_OPERATIONS) {
    for (const holder of sectionsTitled(document, deltas[operation])) {
      if (operation === 'renamed') {
        for (const pair of renamePairs(document, holder, blocks.heading)) entries.push({ operation, name: pair.from, to: pair.to, range: pair.range, at: pair.at });
      } else if (operation === 'removed') {
        for (const named of removedNames(document, holder, blocks.heading)) entries.push({ operation, name: named.name, range: named.range, at: named.at });
      } else {
        for (const block of blocksIn(document, holder, blocks)) entries.push({ operation, name: block.name, range: block.section.headingRange, at: block.section, block });
      }
    }
  }
  return entries;
}

/** Names in a removed section: block headings, or bullets that quote one (`- ### Requirement: Name`). */
export function removedNames(document: SpecDocument, holder: Section, heading: RegExp): NamedEntry[] {
  const found: NamedEntry[] = [];
  for (const section of holder.children) {
    const name = heading.exec(section.title.trim())?.[1]?.trim();
    if (name) found.push({ name, at: section, range: section.headingRange });
  }
  let from = holder.bodyRange.start;
  for (const line of ownText(document, holder).split('\n')) {
    const quoted = /^[-*+]\s*`?#{1,6}\s*(.+?)`?\s*$/.exec(line)?.[1];
    const name = quoted === undefined ? undefined : heading.exec(quoted.trim())?.[1]?.trim();
    if (!name) continue;
    const at = document.text.indexOf(line, from);
    const inside = at >= 0 && at + line.length <= holder.bodyRange.end;
    if (inside) from = at + line.length;
    found.push({ name, at: holder, range: inside ? { start: at, end: at + line.length } : holder.headingRange });
  }
  return found;
}

/** `FROM:` / `TO:` pairs of a renamed section, each quoting a block heading. */
export function renamePairs(document: SpecDocument, holder: Section, heading: RegExp): RenamePair[] {
  const pairs: RenamePair[] = [];
  let from: { name: string; range: OffsetRange } | undefined;
  const text = document.text.slice(holder.bodyRange.start, holder.bodyRange.end);
  const pattern = /[^\r\n]*(?:\r\n?|\n|$)/g;
  for (let m = pattern.exec(text); m && m[0] !== ''; m = pattern.exec(text)) {
    const line = m[0].replace(/\r?\n$|\r$/, '');
    const match = /^\s*(?:[-*+]\s*)?(FROM|TO):\s*`?#{1,6}\s*(.+?)`?\s*$/.exec(line);
    const name = match ? heading.exec((match[2] as string).trim())?.[1]?.trim() : undefined;
    if (!match || !name) continue;
    const start = holder.bodyRange.start + m.index;
    if (match[1] === 'FROM') from = { name, range: { start, end: start + line.length } };
    else if (from !== undefined) {
      pairs.push({ from: from.name, to: name, at: holder, range: from.range });
      from = undefined;
    }
  }
  return pairs;
}
