import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSpec, type SpecDocument } from '../core/parse/spec-document';

/**
 * Parsed specs by document URI, one parse per document version: diagnostics, symbols
 * and folding for the same version share it. A new version is parsed from the previous
 * one: only the pieces of the document whose text changed are parsed again (see
 * `parse/pieces.ts`); the result is the same as parsing the whole text. The previous
 * version's tree is reused for the new one, so a spec is only good while its document
 * version is current.
 */
export class SpecCache {
  private readonly entries = new Map<string, { version: number; spec: SpecDocument }>();

  get(document: TextDocument): SpecDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.spec;
    if (cached && cached.version > document.version) {
      // A late request for an older version: parse it on the side, leaving the newer one intact.
      return parseSpec(document.getText(), cached.spec);
    }
    // Versions only move forward, so the previous one is done with: its tree is moved into
    // the new one rather than copied. Whoever still holds it after an await must check that
    // its document version is still current before using its nodes' positions.
    const spec = parseSpec(document.getText(), cached?.spec, { retirePrevious: true });
    this.entries.set(document.uri, { version: document.version, spec });
    return spec;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
