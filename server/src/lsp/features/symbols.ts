import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Section } from '../../core/parse/sections';
import type { SpecDocument } from '../../core/parse/spec-document';
import { oncePerVersion, type VersionFeature } from './per-version';
import { toRange } from '../../workspace/positions';

/**
 * Hierarchical document symbols: the front matter (with its keys) and the section
 * tree. Heading symbols carry their level (`H2`) as detail. Computed once per parsed
 * version; callers must not change the result.
 */
export const documentSymbols: VersionFeature<DocumentSymbol[]> = oncePerVersion(computeSymbols);

function computeSymbols(document: TextDocument, spec: SpecDocument): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const frontMatter = spec.frontMatter;
  if (frontMatter) {
    const block = toRange(document, frontMatter.range);
    symbols.push({
      name: 'Front matter',
      detail: 'YAML',
      kind: SymbolKind.Namespace,
      range: block,
      selectionRange: toRange(document, { start: frontMatter.range.start, end: frontMatter.range.start + 3 }),
      children: frontMatter.entries.map((entry) => {
        const keyRange = toRange(document, entry.keyRange);
        const end = entry.valueRange?.end ?? entry.keyRange.end;
        return {
          name: entry.key || '(empty key)',
          detail: summarize(entry.value),
          kind: SymbolKind.Property,
          range: toRange(document, { start: entry.keyRange.start, end: Math.max(end, entry.keyRange.end) }),
          selectionRange: keyRange,
        };
      }),
    });
  }
  // The tree is at most six levels deep (heading depth), so recursion is bounded. A
  // section without subsections has no `children` (optional in LSP): most sections are
  // leaves, and a large spec's answer has thousands.
  const convert = (section: Section): DocumentSymbol => {
    const symbol: DocumentSymbol = {
      name: section.title || '(untitled section)',
      detail: `H${section.depth}`,
      kind: SymbolKind.String,
      range: toRange(document, section.range),
      selectionRange: toRange(document, section.headingRange),
    };
    if (section.children.length > 0) symbol.children = section.children.map(convert);
    return symbol;
  };
  symbols.push(...spec.outline.sections.map(convert));
  return symbols;
}

function summarize(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
