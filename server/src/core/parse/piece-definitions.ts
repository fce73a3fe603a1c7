import type { Nodes, RootContent } from 'mdast';
import type { Definition, PieceEntry } from './pieces';

// The definitions trick of the piecewise parse (see pieces.ts): which link and footnote
// definitions a piece makes, and which of other pieces' definitions it may mention, so
// that it is parsed with exactly those written before it.

export function definitionsOf(children: readonly RootContent[]): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [...children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'definition') {
      found.push({ key: `l:${node.identifier}`, mention: mentionOf(node.identifier), line: `[${node.identifier}]: #` });
    } else if (node.type === 'footnoteDefinition') {
      found.push({ key: `f:${node.identifier}`, mention: footnoteMentionOf(node.identifier), line: `[^${node.identifier}]: x` });
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return found;
}

// Labels match case-insensitively with white space collapsed (`[Foo  bar]` is `[foo bar]`),
// and inside block quotes a label's lines carry `>` markers. Every word of a label stands
// in the source unbroken, so a piece that does not contain the label's longest word,
// case-folded, cannot mention it. Non-ASCII labels fold in ways not worth predicting:
// any piece with a bracket may mention them.
const WORD_BREAK = /[\t\n\r [\]>|\\]+/;

function mentionOf(identifier: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(identifier)) return '[';
  let longest = '';
  for (const word of identifier.toUpperCase().split(WORD_BREAK)) if (word.length > longest.length) longest = word;
  return longest;
}

// A footnote call's label holds no white space, so the call stands in the source whole,
// closing bracket included: without it `[^n1` would be found in every `[^n12]`, `[^n1234]`,
// and a document of thousands of footnotes would have every piece parsed twice.
function footnoteMentionOf(identifier: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(identifier) ? `[^${identifier.toUpperCase()}]` : '[';
}

export function mentions(entry: PieceEntry, definition: Definition): boolean {
  if (definition.mention === '[' || definition.mention === '') return true; // the piece has a bracket
  entry.folded ??= entry.text.slice(entry.bodyStart).toLowerCase().toUpperCase();
  // A plain footnote mention, `[^LABEL]` with no bracket or backslash inside, is in the text
  // exactly when it is one of the piece's `[^…]` read to their first `]`: a set lookup
  // instead of a search of the piece for each of thousands of definitions.
  if (definition.key.startsWith('f:') && !/[[\]\\]/.test(definition.mention.slice(2, -1))) {
    entry.footnoteCalls ??= footnoteCallsIn(entry.folded);
    return entry.footnoteCalls.has(definition.mention);
  }
  return entry.folded.includes(definition.mention);
}

function footnoteCallsIn(folded: string): Set<string> {
  const calls = new Set<string>();
  for (let at = folded.indexOf('[^'); at >= 0; at = folded.indexOf('[^', at + 1)) {
    const close = folded.indexOf(']', at + 2);
    if (close < 0) break;
    calls.add(folded.slice(at, close + 1));
  }
  return calls;
}

/** The definitions of other pieces that this piece may mention, sorted by key. */
export function neededDefinitions(entry: PieceEntry, all: ReadonlyMap<string, Definition>): Definition[] {
  if (!entry.text.includes('[', entry.bodyStart)) return [];
  const own = entry.definitions;
  const needs: Definition[] = [];
  for (const definition of all.values()) {
    if (own.some((mine) => mine.key === definition.key)) continue;
    if (mentions(entry, definition)) needs.push(definition);
  }
  return needs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
