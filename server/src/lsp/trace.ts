import { readFile } from 'node:fs/promises';
import type { CodeLens, Connection, Hover, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TRACEABILITY, type TraceabilityParams } from '../../../common/src/protocol';
import { mentionsInCode } from '../core/trace/code';
import type { TraceContext } from '../core/trace/context';
import { pathOfFileUri } from '../workspace/file-uri';
import { isTraceLockUri, TraceLocks } from '../workspace/trace-locks';
import type { IndexSnapshot } from '../workspace/workspace-snapshot';
import { requirementAt, traceability, traceCodeLenses, traceHoverText, withCitations, type FolderTrace } from './features/trace';
import type { Guard } from './navigation';

/** What the trace features need from navigation's index. */
export interface TraceFeaturesContext {
  readonly connection: Connection;
  readonly guard: Guard;
  /** The index as it stands (not waiting for the first walk), and whether that walk is done. */
  readonly latest: () => Promise<{ snapshot: IndexSnapshot; complete: boolean }>;
  /** Something every document's trace findings depend on changed. */
  readonly onTraceChanged: () => void;
}

/** The trace features over the workspace index: rule context, code lens, hover, the traceability request, rename in code. */
export interface TraceFeatures {
  /** What the trace rules see for a document; undefined until the whole workspace is read (a partial graph would cry wolf). */
  context(uri: string): Promise<TraceContext | undefined>;
  lenses(document: TextDocument): Promise<CodeLens[]>;
  /** Adds who cites the requirement at a position (an ID the index found there, or a requirement's own line) to a hover. */
  hover(uri: string, position: Position, id: string | undefined, hover: Hover | null): Promise<Hover | null>;
  /** Files changed on disk (after the index took them in): a changed trace lock counts. */
  filesChanged(uris: readonly string[]): void;
  /** Compares each folder's graph with the one before it; tells `onTraceChanged` when one differs. */
  compare(snapshot: IndexSnapshot, complete: boolean): void;
  /** Edits to test and source files that cite an ID being renamed (read from disk now), or why there are none. */
  renameInCode(snapshot: IndexSnapshot, uri: string, id: string, newName: string, idPrefixes?: readonly string[]): Promise<Map<string, TextEdit[]>>;
}

export function registerTrace(context: TraceFeaturesContext): TraceFeatures {
  const { connection, guard } = context;
  const locks = new TraceLocks();
  const keys = new Map<string, string>();
  const contexts = new Map<string, { key: string; context: TraceContext }>();
  const reported = new Set<string>();

  const folderTrace = (snapshot: IndexSnapshot, uri: string, complete: boolean): FolderTrace | undefined => {
    const folder = snapshot.trace.folderOf(uri);
    if (!folder) return undefined;
    return { graph: snapshot.trace.graph(folder), folder, file: snapshot.trace.fileOf(uri), complete };
  };

  const features: TraceFeatures = {
    async context(uri) {
      const { snapshot, complete } = await context.latest();
      if (!complete) return undefined;
      const trace = folderTrace(snapshot, uri, complete);
      if (!trace) return undefined;
      if (!keys.has(trace.folder)) keys.set(trace.folder, snapshot.trace.key(trace.folder));
      const read = await locks.lockFor(trace.folder);
      if (read.problem && !reported.has(read.problem)) {
        reported.add(read.problem);
        connection.console.warn(read.problem);
      }
      // The same object while nothing the document's findings depend on changed, so that
      // its findings are not computed again: the graph, save for other files' lines.
      const own = (items: readonly { readonly file: string; readonly line: number }[]) => items.filter((item) => item.file === trace.file).map((item) => item.line).join(',');
      const key = `${locks.generation}\n${own(trace.graph.requirements)}\n${own(trace.graph.tasks)}\n${own(trace.graph.unknown)}\n${snapshot.trace.key(trace.folder)}`;
      const cached = contexts.get(uri);
      if (cached?.key === key) return cached.context;
      const fresh: TraceContext = { graph: trace.graph, file: trace.file, ...(read.lock ? { lock: read.lock } : {}) };
      contexts.set(uri, { key, context: fresh });
      return fresh;
    },

    async lenses(document) {
      const { snapshot, complete } = await context.latest();
      const trace = folderTrace(snapshot, document.uri, complete);
      return trace ? traceCodeLenses(document, trace) : [];
    },

    async hover(uri, position, id, hover) {
      const { snapshot, complete } = await context.latest();
      const trace = folderTrace(snapshot, uri, complete);
      if (!trace) return hover;
      const requirement = requirementAt(trace, id, position);
      return withCitations(hover, requirement ? traceHoverText(trace, requirement) : undefined);
    },

    filesChanged(uris) {
      if (!locks.filesChanged(uris.filter(isTraceLockUri))) return;
      contexts.clear();
      context.onTraceChanged();
    },

    compare(snapshot, complete) {
      if (!complete) return;
      let changed = false;
      for (const folder of new Set([...keys.keys(), ...[...contexts.keys()].map((uri) => snapshot.trace.folderOf(uri) ?? '')])) {
        if (!folder) continue;
        // The key covers changes' spec deltas too (what they name and do), so the lenses
        // and hovers of the requirements they alter follow them.
        const key = snapshot.trace.key(folder);
        if (keys.has(folder) && keys.get(folder) !== key) changed = true;
        keys.set(folder, key);
      }
      if (changed) context.onTraceChanged();
    },

    async renameInCode(snapshot, uri, id, newName, idPrefixes = []) {
      const edits = new Map<string, TextEdit[]>();
      const folder = snapshot.trace.folderOf(uri);
      if (!folder) return edits;
      // Code cites by ID alone: it means this requirement only where no other requirement has the ID.
      const defined = snapshot.trace.graph(folder).requirements.filter((requirement) => requirement.id === id);
      if (defined.length !== 1) return edits;
      const files = new Set(snapshot.trace.codeCitations(folder, id).map((found) => found.uri));
      for (const file of files) {
        const path = pathOfFileUri(file);
        if (!path) continue;
        const text = await readFile(path, 'utf8').catch(() => undefined);
        // Lines are counted at line feeds: a file with lone carriage returns is left alone.
        if (text === undefined || /\r(?!\n)/.test(text)) continue;
        const found = mentionsInCode(text.replace(/^\uFEFF/, ''), '', 'source', idPrefixes).filter((mention) => mention.id === id && mention.column !== undefined);
        if (found.length === 0) continue;
        edits.set(
          file,
          found.map((mention) => {
            const start = { line: mention.line - 1, character: mention.column as number };
            return { range: { start, end: { line: start.line, character: start.character + id.length } }, newText: newName };
          }),
        );
      }
      return edits;
    },
  };

  connection.onRequest(
    TRACEABILITY,
    guard(connection, TRACEABILITY, async (params: TraceabilityParams) => {
      const { snapshot, complete } = await context.latest();
      const trace = folderTrace(snapshot, params.uri, complete);
      return trace ? traceability(trace) : null;
    }),
  );

  return features;
}

/** Adds edits for files outside the index to a rename's workspace edit, in whichever form it uses. */
export function withCodeEdits(edit: WorkspaceEdit, code: ReadonlyMap<string, TextEdit[]>): WorkspaceEdit {
  if (code.size === 0) return edit;
  if (edit.documentChanges) {
    const known = new Set(edit.documentChanges.map((change) => ('textDocument' in change ? change.textDocument.uri : '')));
    return {
      documentChanges: [
        ...edit.documentChanges,
        ...[...code].filter(([uri]) => !known.has(uri)).map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits })),
      ],
    };
  }
  const changes = { ...(edit.changes ?? {}) };
  for (const [uri, edits] of code) changes[uri] ??= edits;
  return { changes };
}
