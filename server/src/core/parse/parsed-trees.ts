import type { Root } from 'mdast';
import { parseMarkdownSource, type FrontMatterClose } from './markdown';

/**
 * Markdown trees parsed ahead of time, by the exact source they were parsed from: the
 * built-in templates' pieces, parsed when the package is built, so that a server or a
 * command starting up does not parse them again. A source that is not there is parsed as
 * usual, so trees kept for other text never change a result; only a tree made by another
 * version of the parser could, which is why they are made by the build that ships them.
 */
export interface ParsedTrees {
  /** A tree of its own (the parse may change it) for `source` parsed with `close`, if one was kept. */
  get(source: string, close: FrontMatterClose | undefined): Root | undefined;
}

/** What is stored: `[key, tree as JSON]` pairs, the key being {@link treeKey}. */
export type ParsedTreeEntries = readonly (readonly [string, string])[];

/** The key of a source parsed with the processor for front matter closed by `close`. */
export function treeKey(source: string, close: FrontMatterClose | undefined): string {
  return `${close ?? '---'}\n${source}`;
}

/** Trees from stored entries; each `get` gives a new copy. Entries of another shape are ignored. */
export function parsedTrees(entries: unknown): ParsedTrees {
  const byKey = new Map<string, string>();
  if (Array.isArray(entries)) {
    for (const entry of entries as unknown[]) {
      if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && typeof entry[1] === 'string') byKey.set(entry[0], entry[1]);
    }
  }
  return {
    get(source, close) {
      const json = byKey.get(treeKey(source, close));
      if (json === undefined) return undefined;
      try {
        const tree: unknown = JSON.parse(json);
        return tree !== null && typeof tree === 'object' && (tree as { type?: unknown }).type === 'root' ? (tree as Root) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Trees for `parseSpec`'s `trees` option that parse every source asked for and keep the tree, as entries to store. */
export function recordingTrees(): { trees: ParsedTrees; entries(): ParsedTreeEntries } {
  const kept = new Map<string, string>();
  return {
    trees: {
      get(source, close) {
        const tree = parseMarkdownSource(source, close);
        kept.set(treeKey(source, close), JSON.stringify(tree));
        return tree;
      },
    },
    entries: () => [...kept].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
