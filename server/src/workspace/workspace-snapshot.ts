import type { Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { toRange } from './positions';
import { TraceSnapshot } from './trace-snapshot';
import { titleOf, type TextIndex } from './index-text';
import { detached } from '../core/parse/strings';
import { definitionExcerpt, type DefinitionKind, type IdOccurrence } from '../core/parse/requirement-ids';
import type { IdDefinitionElsewhere, WorkspaceIds } from '../core/lint/types';
import { idKindOf } from '../core/parse/requirement-ids';

/** One requirement-ID occurrence in an indexed spec, with LSP ranges. */
export interface IndexedId {
  readonly id: string;
  readonly prefix: string;
  readonly digits: string;
  readonly range: Range;
  readonly role: 'definition' | 'reference';
  readonly definition?: {
    readonly kind: DefinitionKind;
    readonly summary: string;
    readonly block: Range;
    /** The Markdown that says what the ID stands for (see `definitionExcerpt`). */
    readonly excerpt: () => string;
  };
}

/** What the index knows about one spec file. */
export interface IndexedSpec {
  readonly uri: string;
  /** For people: relative to its workspace folder. */
  readonly path: string;
  /** The first heading. */
  readonly title: { readonly text: string; readonly range: Range } | undefined;
  /** In document order. */
  readonly ids: readonly IndexedId[];
  /** The open document's version the entry was computed from; undefined when read from disk. */
  readonly version: number | undefined;
}

/** An occurrence and the file it is in. */
export interface IdLocation {
  readonly spec: IndexedSpec;
  readonly occurrence: IndexedId;
}

/**
 * Builds the index entry of an open document: excerpts are taken from its text when
 * asked for (the document holds the text anyway).
 */
export function indexedSpec(
  uri: string,
  path: string,
  lines: TextDocument,
  root: Root,
  occurrences: readonly IdOccurrence[],
  version: number | undefined,
): IndexedSpec {
  const text = lines.getText();
  const ids = occurrences.map((occurrence): IndexedId => {
    const base = { id: occurrence.id, prefix: occurrence.prefix, digits: occurrence.digits, range: toRange(lines, occurrence.range), role: occurrence.role };
    const definition = occurrence.definition;
    if (!definition) return base;
    return {
      ...base,
      definition: { kind: definition.kind, summary: definition.summary, block: toRange(lines, definition.block), excerpt: () => definitionExcerpt(text, definition) },
    };
  });
  const title = titleOf(root.children);
  return { uri, path, title: title && { text: title.text, range: toRange(lines, title.range) }, ids, version };
}

/**
 * Builds the index entry of a file read from disk: the excerpts are taken now, and every
 * string kept is a copy, so that neither the file's text nor its syntax tree stays in
 * memory (a substring can hold on to the whole string it was cut from).
 */
export function indexedFile(uri: string, path: string, lines: TextDocument, found: Pick<TextIndex, 'title' | 'occurrences'>): IndexedSpec {
  const text = lines.getText();
  const ids = found.occurrences.map((occurrence): IndexedId => {
    const base = { id: detached(occurrence.id), prefix: detached(occurrence.prefix), digits: detached(occurrence.digits), range: toRange(lines, occurrence.range), role: occurrence.role };
    const definition = occurrence.definition;
    if (!definition) return base;
    return { ...base, definition: takenDefinition(definition.kind, detached(definition.summary), toRange(lines, definition.block), detached(definitionExcerpt(text, definition))) };
  });
  const title = found.title && { text: detached(found.title.text), range: toRange(lines, found.title.range) };
  return { uri, path, title, ids, version: undefined };
}

// A function of its own, so that the excerpt's closure holds the excerpt and nothing else.
function takenDefinition(kind: DefinitionKind, summary: string, block: Range, excerpt: string): IndexedId['definition'] {
  return { kind, summary, block, excerpt: () => excerpt };
}

/** The folder part of a URI, with its trailing slash. */
function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * How far apart two files are: 0 for the same file, 1 for the same folder, then one more
 * for every folder between them.
 */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const left = folderOf(a).split('/');
  const right = folderOf(b).split('/');
  let common = 0;
  while (common < left.length && common < right.length && left[common] === right[common]) common++;
  return left.length - common + (right.length - common) + 1;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * The index at one moment: the spec files and every ID occurrence. Queries are by ID
 * (a map) and by position (binary search in one file), never by scanning all files.
 */
export class IndexSnapshot {
  private readonly byId = new Map<string, IdLocation[]>();

  constructor(
    readonly specs: ReadonlyMap<string, IndexedSpec>,
    /** Changes whenever the set of definitions (ID and file) changes. */
    readonly definitionsGeneration: number,
    /** The trace graphs of the workspace folders, built when asked for. */
    readonly trace: TraceSnapshot = new TraceSnapshot({ specs: new Map(), code: new Map(), folders: [] }),
  ) {
    for (const spec of specs.values()) {
      for (const occurrence of spec.ids) {
        const list = this.byId.get(occurrence.id);
        if (list) list.push({ spec, occurrence });
        else this.byId.set(occurrence.id, [{ spec, occurrence }]);
      }
    }
  }

  /** Every occurrence of `id`, file by file in index order. */
  occurrences(id: string): readonly IdLocation[] {
    return this.byId.get(id) ?? [];
  }

  private kinds: Set<string> | undefined;

  /** The kinds of the IDs some file defines (see {@link idKindOf}). */
  definedKinds(): ReadonlySet<string> {
    if (!this.kinds) {
      this.kinds = new Set();
      for (const [id, locations] of this.byId) if (locations.some((location) => location.occurrence.role === 'definition')) this.kinds.add(idKindOf(id));
    }
    return this.kinds;
  }

  /** Every definition of `id`. */
  definitions(id: string): IdLocation[] {
    return this.occurrences(id).filter((location) => location.occurrence.role === 'definition');
  }

  /** Every distinct ID, with its occurrences. */
  entries(): IterableIterator<[string, readonly IdLocation[]]> {
    return this.byId.entries();
  }

  /**
   * The definitions a use of `id` in file `uri` means: those nearest to it (the same file,
   * else the same folder, else the closest folders). Empty when `id` is defined nowhere.
   */
  nearestDefinitions(uri: string, id: string): IdLocation[] {
    let best = Infinity;
    let nearest: IdLocation[] = [];
    for (const location of this.definitions(id)) {
      const d = distance(uri, location.spec.uri);
      if (d < best) {
        best = d;
        nearest = [location];
      } else if (d === best) {
        nearest.push(location);
      }
    }
    return nearest;
  }

  /**
   * The occurrences that mean the same requirement as `target`: those of its ID whose
   * nearest definitions include one of the target's, or every occurrence of an ID
   * defined nowhere.
   */
  sameRequirement(target: IdLocation): IdLocation[] {
    const id = target.occurrence.id;
    const meant = new Set(this.nearestDefinitions(target.spec.uri, id).map((location) => location.occurrence));
    if (meant.size === 0) return [...this.occurrences(id)];
    const byFile = new Map<string, boolean>();
    return this.occurrences(id).filter((location) => {
      let hit = byFile.get(location.spec.uri);
      if (hit === undefined) {
        hit = this.nearestDefinitions(location.spec.uri, id).some((definition) => meant.has(definition.occurrence));
        byFile.set(location.spec.uri, hit);
      }
      return hit;
    });
  }

  /** The occurrence at a position of a file (ends inclusive, so a cursor right after an ID finds it). */
  at(uri: string, position: Position): IdLocation | undefined {
    const spec = this.specs.get(uri);
    if (!spec) return undefined;
    let low = 0;
    let high = spec.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const occurrence = spec.ids[middle] as IndexedId;
      if (comparePositions(occurrence.range.end, position) < 0) low = middle + 1;
      else if (comparePositions(occurrence.range.start, position) > 0) high = middle - 1;
      else return { spec, occurrence };
    }
    return undefined;
  }

  /** What the rules see of the other files: definitions of an ID outside `uri`, those in its folder first. */
  workspaceIdsFor(uri: string, complete: boolean): WorkspaceIds {
    const folder = folderOf(uri);
    // Asked once per occurrence by the rules; an ID such as FR-001 is defined in every
    // feature of a large workspace, so each ID's answer is worked out once per check.
    const answers = new Map<string, IdDefinitionElsewhere[]>();
    return {
      complete,
      definesKind: (id: string): boolean => this.definedKinds().has(idKindOf(id)),
      definitions: (id: string): IdDefinitionElsewhere[] => {
        let answer = answers.get(id);
        if (!answer) {
          const near: IdDefinitionElsewhere[] = [];
          const far: IdDefinitionElsewhere[] = [];
          for (const location of this.occurrences(id)) {
            if (location.occurrence.role !== 'definition' || location.spec.uri === uri) continue;
            const sameFolder = folderOf(location.spec.uri) === folder;
            (sameFolder ? near : far).push({ file: location.spec.path, sameFolder });
          }
          answers.set(id, (answer = near.concat(far)));
        }
        return answer;
      },
    };
  }
}
