import {
  MarkupKind,
  SymbolKind,
  type Hover,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { isRequirementId } from '../../core/parse/requirement-ids';
import type { IdLocation, IndexSnapshot } from '../../workspace/workspace-snapshot';

const location = ({ spec, occurrence }: IdLocation): Location => ({ uri: spec.uri, range: occurrence.range });

/** Go to definition: the definitions an ID at `position` means (the nearest ones; see `IndexSnapshot.nearestDefinitions`). */
export function idDefinitions(snapshot: IndexSnapshot, uri: string, position: Position): Location[] | null {
  const at = snapshot.at(uri, position);
  if (!at) return null;
  const definitions = snapshot.nearestDefinitions(uri, at.occurrence.id);
  return definitions.length > 0 ? definitions.map(location) : null;
}

/** Find references: every occurrence that means the same requirement, definitions included when asked. */
export function idReferences(snapshot: IndexSnapshot, uri: string, position: Position, includeDeclaration: boolean): Location[] | null {
  const at = snapshot.at(uri, position);
  if (!at) return null;
  return snapshot
    .sameRequirement(at)
    .filter((found) => includeDeclaration || found.occurrence.role === 'reference')
    .map(location);
}

/** Prepare rename: the ID under the cursor, or null where there is none (the client then says it cannot rename here). */
export function prepareIdRename(snapshot: IndexSnapshot, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const at = snapshot.at(uri, position);
  return at ? { range: at.occurrence.range, placeholder: at.occurrence.id } : null;
}

export interface RenameOptions {
  /** The client takes `documentChanges`: open documents get versioned edits, closed files unversioned ones. */
  readonly versionedEdits: boolean;
  readonly extraPrefixes?: readonly string[];
}

/**
 * Renames a requirement ID in every spec where it means the same requirement. Returns a
 * message instead when the new name is not an ID, or is already defined where the
 * requirement is.
 */
export function renameId(snapshot: IndexSnapshot, uri: string, position: Position, newName: string, options: RenameOptions): WorkspaceEdit | { error: string } {
  const at = snapshot.at(uri, position);
  if (!at) return { error: 'Expected a requirement ID such as `FR-001` at the cursor, found none' };
  const name = newName.trim();
  if (!isRequirementId(name, options.extraPrefixes)) return { error: `Expected a requirement ID such as \`FR-001\`, found \`${newName}\`` };
  const targets = snapshot.sameRequirement(at);
  if (name === at.occurrence.id) return { changes: {} };
  for (const definition of targets.filter((found) => found.occurrence.role === 'definition')) {
    const clash = snapshot.definitions(name).find((other) => sameFolder(definition, other));
    if (clash) return { error: `Expected \`${name}\` to be free, found it defined in \`${clash.spec.path}\`` };
  }
  const byFile = new Map<string, { version: number | undefined; edits: TextEdit[] }>();
  for (const found of targets) {
    let file = byFile.get(found.spec.uri);
    if (!file) byFile.set(found.spec.uri, (file = { version: found.spec.version, edits: [] }));
    file.edits.push({ range: found.occurrence.range, newText: name });
  }
  if (!options.versionedEdits) return { changes: Object.fromEntries([...byFile].map(([file, { edits }]) => [file, edits])) };
  const documentChanges: TextDocumentEdit[] = [...byFile].map(([file, { version, edits }]) => ({ textDocument: { uri: file, version: version ?? null }, edits }));
  return { documentChanges };
}

function sameFolder(a: IdLocation, b: IdLocation): boolean {
  const folder = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);
  return folder(a.spec.uri) === folder(b.spec.uri);
}

/** Hover on an ID: what its definition says and where, or that nothing defines it. */
export function idHover(snapshot: IndexSnapshot, uri: string, position: Position): Hover | null {
  const at = snapshot.at(uri, position);
  if (!at) return null;
  const { id } = at.occurrence;
  const definitions = snapshot.nearestDefinitions(uri, id);
  const references = snapshot.sameRequirement(at).filter((found) => found.occurrence.role === 'reference');
  const files = new Set(references.map((found) => found.spec.uri)).size;
  const used = references.length === 0 ? 'Not referenced yet.' : `Referenced ${plural(references.length, 'time')} in ${plural(files, 'file')}.`;
  const parts =
    definitions.length === 0
      ? [`**${id}** is not defined in any spec of the workspace.`, used]
      : definitions.map(({ spec, occurrence }) => {
          const summary = occurrence.definition?.summary ? ` — ${occurrence.definition.summary}` : '';
          const where = `\`${spec.path}\`, line ${occurrence.range.start.line + 1}${definitions.length > 1 ? ' (defined more than once)' : ''}`;
          return [`**${id}**${summary}`, '', where, '', occurrence.definition?.excerpt() ?? '', '', used].join('\n');
        });
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: at.occurrence.range };
}

/** Workspace symbols: spec titles and requirement IDs whose name contains the query's characters in order. */
export function workspaceSymbols(snapshot: IndexSnapshot, query: string, limit = 1000): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const matches = (name: string) => {
    const lower = name.toLowerCase();
    let at = 0;
    for (const char of wanted) {
      at = lower.indexOf(char, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
  const symbols: SymbolInformation[] = [];
  for (const spec of snapshot.specs.values()) {
    if (spec.title && matches(spec.title.text)) {
      symbols.push({ name: spec.title.text, kind: SymbolKind.File, location: { uri: spec.uri, range: spec.title.range }, containerName: spec.path });
    }
    for (const occurrence of spec.ids) {
      if (occurrence.role !== 'definition') continue;
      const name = occurrence.definition?.summary ? `${occurrence.id}: ${occurrence.definition.summary}` : occurrence.id;
      if (matches(name)) symbols.push({ name, kind: SymbolKind.Key, location: { uri: spec.uri, range: occurrence.range }, containerName: spec.path });
    }
    if (symbols.length >= limit) break;
  }
  return symbols.slice(0, limit);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
