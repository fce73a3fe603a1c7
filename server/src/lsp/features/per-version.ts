import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecDocument } from '../../core/parse/spec-document';

/** A feature that depends on nothing but one parsed version of a document. */
export type VersionFeature<T> = (document: TextDocument, spec: SpecDocument) => T;

/**
 * `compute`, worked out once per parsed version: editors ask for an outline or for
 * folding again without an edit. The answer is kept with the parsed spec, so it goes
 * when the version does; callers must not change it.
 */
export function oncePerVersion<T>(compute: VersionFeature<T>): VersionFeature<T> {
  const computed = new WeakMap<SpecDocument, { readonly uri: string; readonly version: number; readonly answer: T }>();
  return (document, spec) => {
    const known = computed.get(spec);
    if (known && known.uri === document.uri && known.version === document.version) return known.answer;
    const answer = compute(document, spec);
    computed.set(spec, { uri: document.uri, version: document.version, answer });
    return answer;
  };
}
