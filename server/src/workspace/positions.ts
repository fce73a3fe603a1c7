import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OffsetRange } from '../core/parse/range';

/**
 * The one place where core offsets (UTF-16 code units, end exclusive) become LSP
 * line/character positions, which are UTF-16 too.
 */
export function toRange(document: TextDocument, offsets: OffsetRange): Range {
  return { start: document.positionAt(offsets.start), end: document.positionAt(offsets.end) };
}

/** The zero-based line that holds `offset`. */
export function lineOf(document: TextDocument, offset: number): number {
  return document.positionAt(offset).line;
}
