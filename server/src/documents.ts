import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSpec, type SpecDocument } from './parse/spec-document';

/**
 * Parsed specs by document URI, one parse per document version: diagnostics, symbols
 * and folding for the same version share it. A new version is parsed from the previous
 * one: only the pieces of the document whose text changed are parsed again (see
 * `parse/pieces.ts`); the result is the same as parsing the whole text.
 */
export class SpecCache {
  private readonly entries = new Map<string, { version: number; spec: SpecDocument }>();

  get(document: TextDocument): SpecDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.spec;
    const spec = parseSpec(document.getText(), cached?.spec);
    this.entries.set(document.uri, { version: document.version, spec });
    return spec;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
