import type { Root, Yaml } from 'mdast';
import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { range, type OffsetRange } from './range';

/** One top-level `key: value` entry of the front matter. Ranges are document offsets. */
export interface FrontMatterEntry {
  readonly key: string;
  readonly keyRange: OffsetRange;
  /** The value's source span, without a trailing comment; undefined for `key:` with no value. */
  readonly valueRange: OffsetRange | undefined;
  /** The value as YAML reads it (a string, number, boolean, array, object or null). */
  readonly value: unknown;
  readonly valueNode: YamlNode | null;
}

/** A problem YAML reports, with its range re-based to document offsets. */
export interface FrontMatterProblem {
  readonly code: string;
  readonly message: string;
  readonly range: OffsetRange;
}

/** The YAML front matter block of a spec. */
export interface FrontMatter {
  /** The whole block, fences included. */
  readonly range: OffsetRange;
  /** The YAML text between the fences. */
  readonly contentRange: OffsetRange;
  /** The parsed YAML document; its own ranges are relative to `contentRange.start`. */
  readonly document: Document;
  readonly entries: readonly FrontMatterEntry[];
  readonly errors: readonly FrontMatterProblem[];
  readonly warnings: readonly FrontMatterProblem[];
  /** The top-level value is not a mapping (a list, a scalar): keys cannot be read. */
  readonly notAMapping: string | undefined;
}

/**
 * Reads the YAML front matter that remark found (`yaml` node), parsing it with
 * `yaml`'s `parseDocument` and re-basing every range it reports from offsets in
 * the YAML text to offsets in the whole document. Never throws.
 */
export function readFrontMatter(text: string, root: Root): FrontMatter | undefined {
  const node = root.children[0];
  if (!node || node.type !== 'yaml') return undefined;
  return fromYamlNode(text, node);
}

function fromYamlNode(text: string, node: Yaml): FrontMatter | undefined {
  const blockStart = node.position?.start.offset;
  const blockEnd = node.position?.end.offset;
  if (blockStart === undefined || blockEnd === undefined) return undefined;
  // The fences' lines may end in `\n`, `\r\n` or a lone `\r` (micromark takes all three).
  const openingLine = /[^\r\n]*(?:\r\n|\r|\n)/y;
  openingLine.lastIndex = blockStart;
  const contentStart = openingLine.test(text) ? Math.min(openingLine.lastIndex, blockEnd) : blockEnd;
  const lastBreak = Math.max(text.lastIndexOf('\n', blockEnd - 1), text.lastIndexOf('\r', blockEnd - 1));
  const contentEnd = Math.max(contentStart, lastBreak < contentStart ? contentStart : lastBreak + 1);
  // `yaml` does not take a lone `\r` as a line break; a `\n` in its place keeps every offset.
  const yamlText = text.slice(contentStart, contentEnd).replace(/\r(?!\n)/g, '\n');
  const document = parseDocument(yamlText, { prettyErrors: false, keepSourceTokens: false });
  const shift = (pos: readonly [number, number]): OffsetRange =>
    range(contentStart + pos[0], contentStart + Math.max(pos[1], pos[0]));
  const problem = (error: { code: string; message: string; pos: [number, number] }): FrontMatterProblem => ({
    code: error.code,
    message: error.message,
    range: wholeCharacters(text, shift(widen(yamlText, error.pos))),
  });
  const entries: FrontMatterEntry[] = [];
  let notAMapping: string | undefined;
  const contents = document.contents;
  if (isMap(contents)) {
    for (const pair of contents.items) {
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode || !keyNode.range) continue;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const valueNode = (pair.value as YamlNode | null) ?? null;
      entries.push({
        key,
        keyRange: shift([keyNode.range[0], keyNode.range[1]]),
        valueRange: valueNode?.range ? shift([valueNode.range[0], valueNode.range[1]]) : undefined,
        value: valueNode ? toPlain(valueNode) : null,
        valueNode,
      });
    }
  } else if (contents !== null && contents !== undefined) {
    notAMapping = isScalar(contents) ? 'a single value' : 'a list';
  }
  return {
    range: range(blockStart, blockEnd),
    contentRange: range(contentStart, contentEnd),
    document,
    entries,
    errors: document.errors.map(problem),
    warnings: document.warnings.map(problem),
    notAMapping,
  };
}

// YAML points some errors at a single character (the first letter of a duplicate
// key); widen those to the token there so the squiggle covers what is wrong.
function widen(yamlText: string, pos: readonly [number, number]): [number, number] {
  if (pos[1] - pos[0] > 1) return [pos[0], pos[1]];
  const token = /[^\s:,[\]{}#]+/y;
  token.lastIndex = pos[0];
  const match = token.exec(yamlText);
  return match ? [pos[0], pos[0] + match[0].length] : [pos[0], Math.max(pos[1], pos[0])];
}

// YAML may point at a line break (the end of a key with no value), or cut a long key
// inside a character written as a surrogate pair (an emoji past its implicit-key limit): a
// range never starts or ends between the `\r` and `\n` of one, nor inside a pair, where
// editors cannot place it.
function wholeCharacters(text: string, at: OffsetRange): OffsetRange {
  const insideBreak = (offset: number) => text.charCodeAt(offset - 1) === 0x0d && text.charCodeAt(offset) === 0x0a;
  const insidePair = (offset: number) => isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  const inside = (offset: number) => insideBreak(offset) || insidePair(offset);
  return range(inside(at.start) ? at.start - 1 : at.start, inside(at.end) ? at.end + 1 : at.end);
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

// Converting YAML to plain values can throw (an alias bomb hits the alias limit,
// a broken alias points nowhere); user content never makes the reader throw.
function toPlain(node: YamlNode): unknown {
  try {
    return (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
  } catch {
    return undefined;
  }
}

/**
 * Detects front matter that opens on the first line but is never closed. remark then
 * reads the `---` as a thematic break, so the block must be reported on its own.
 * Returns the range of the opening fence line, or undefined.
 */
export function findUnclosedFrontMatter(text: string, hasClosedBlock: boolean): OffsetRange | undefined {
  if (hasClosedBlock) return undefined;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const match = /---[ \t]*(?:\r\n|\r|\n)[ \t]*[\w"'-][^\n:]*:/y;
  match.lastIndex = start;
  return match.test(text) ? range(start, start + 3) : undefined;
}
