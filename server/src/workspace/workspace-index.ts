import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtInFamilies } from '../core/families/built-in';
import type { Family } from '../core/families/family';
import { requirementIdsOf } from '../core/parse/requirement-ids';
import type { SpecDocument } from '../core/parse/spec-document';
import type { Settings } from '../core/config/settings';
import { isSpecPath, relativePath, specPathOf } from './spec-files';
import { containingFolder, prefixesKey, WorkspaceFiles, type CodeEntry, type WorkspaceFilesOptions } from './workspace-files';
import { IndexSnapshot, indexedSpec, type IndexedSpec } from './workspace-snapshot';
import { TraceGraphCache, TraceSnapshot } from './trace-snapshot';
import { citableByCode, specTraceOfDocument, type SpecTrace } from './trace-inputs';

/** An open document as the index sees it. */
export interface OpenSpec {
  readonly document: TextDocument;
  /** The parsed document (shared with diagnostics: one parse per version); undefined while it is parsed elsewhere, when the index keeps what it had. */
  readonly spec: () => SpecDocument | undefined;
  /** Whether it is a spec under the settings for it. */
  readonly isSpec: () => Promise<boolean>;
}

export interface WorkspaceIndexOptions extends WorkspaceFilesOptions {
  /** The open documents, which override what is on disk. */
  readonly openDocuments: () => readonly OpenSpec[];
  /** Called after each walk of the workspace folders. */
  readonly onScanned?: (result: { readonly files: number; readonly parsed: number; readonly code: number; readonly milliseconds: number }) => void;
}

/** A file change as `workspace/didChangeWatchedFiles` reports it: 1 created, 2 changed, 3 deleted. */
export interface FileChange {
  readonly uri: string;
  readonly type: 1 | 2 | 3;
}

/** A request's cancellation, as `vscode-languageserver` gives it. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * The spec files of the workspace folders and their titles and requirement IDs. Files
 * on disk are read once and parsed only when they are specs; a file is read again only
 * when its modification time or size changed, so an unchanged file is never parsed
 * twice. Open documents override the disk and are indexed once per version. Kept current
 * by `workspace/didChangeWatchedFiles` (a rename arrives as delete + create).
 */
export class WorkspaceIndex {
  private readonly disk: WorkspaceFiles;
  private readonly open = new Map<string, { version: number; entry: IndexedSpec; trace: SpecTrace; idPrefixes: string; families: readonly Family[] }>();
  private queue: Promise<void> = Promise.resolve();
  private started = false;
  private scanned = false;
  private changes = 0;
  private cached: { changes: number; snapshot: Promise<IndexSnapshot> } | undefined;
  private early: { changes: number; snapshot: Promise<IndexSnapshot> } | undefined;
  /** Each spec's definitions (ID and file) as of the last snapshot: see {@link definitionsChanged}. */
  private definitions = new Map<string, string>();
  /** The test and source files as of the last snapshot, copied only when the disk changed. */
  private code: { changes: number; entries: ReadonlyMap<string, CodeEntry> } | undefined;
  /** The trace graphs built last, per folder: a snapshot whose inputs are the same takes them. */
  private readonly traceGraphs = new TraceGraphCache();
  private definitionsGeneration = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: WorkspaceIndexOptions) {
    this.disk = new WorkspaceFiles(options);
  }

  /** Moves on with every change to open documents, settings or files on disk. */
  private get version(): number {
    return this.changes + this.disk.changes;
  }

  /** Files read and parsed, for tests and logs. */
  get stats(): { readonly reads: number; readonly parses: number } {
    return this.disk.stats;
  }

  /** Resolves when the first scan and every change reported so far are indexed. */
  ready(): Promise<void> {
    if (!this.started) this.rescan();
    return this.queue;
  }

  /** Whether the first walk of the workspace folders has finished. */
  get complete(): boolean {
    return this.scanned;
  }

  /**
   * The index as it stands: like {@link snapshot}, except that while the first walk of
   * the workspace is still running it does not wait for it (answers may lack files not
   * read yet). For hover and completion, which must not wait seconds. It starts the walk
   * unless `startWalk` is false.
   */
  latest(startWalk = true): Promise<IndexSnapshot> {
    if (this.scanned) return this.snapshot();
    if (!this.started && startWalk) this.rescan();
    if (this.early?.changes !== this.version) this.early = { changes: this.version, snapshot: this.build() };
    return this.early.snapshot;
  }

  /**
   * The index once the first walk of the workspace is done ({@link snapshot}), for answers
   * that must cover every file (references, rename, workspace symbols, definitions). Waits
   * at most `timeoutMs`, and no longer once `token` is cancelled; then it resolves to the
   * index as it stands, with `complete: false`.
   */
  async whole(timeoutMs: number, token?: Cancellation): Promise<{ snapshot: IndexSnapshot; complete: boolean }> {
    if (this.scanned) return { snapshot: await this.snapshot(), complete: true };
    let stop: (() => void) | undefined;
    const givenUp = new Promise<'given up'>((resolve) => {
      const timer = setTimeout(() => resolve('given up'), timeoutMs);
      const listener = token?.onCancellationRequested(() => resolve('given up'));
      if (token?.isCancellationRequested) resolve('given up');
      stop = () => {
        clearTimeout(timer);
        listener?.dispose();
      };
    });
    try {
      const outcome = await Promise.race([this.snapshot(), givenUp]);
      if (outcome !== 'given up') return { snapshot: outcome, complete: true };
      return { snapshot: await this.latest(), complete: this.scanned };
    } finally {
      stop?.();
    }
  }

  /** Walks the workspace folders again (after they changed); unchanged files are not read. */
  rescan(): void {
    this.started = true;
    this.enqueue(async () => {
      const result = await this.disk.scan();
      this.scanned = true;
      this.options.onScanned?.(result);
    });
  }

  /** Files changed outside the editor. Resolves when they are indexed. */
  filesChanged(changes: readonly FileChange[]): Promise<void> {
    if (!this.started) return this.ready();
    this.enqueue(async () => {
      for (const change of changes) {
        if (change.type === 3) this.disk.forget(change.uri);
        else await this.disk.update(change.uri);
      }
    });
    return this.queue;
  }

  /**
   * Settings changed: which files are specs is decided again at the next query, and the
   * folders are walked again for the test and source files the trace globs now name
   * (unchanged files are not read again).
   */
  settingsChanged(): void {
    this.changes++;
    if (this.started) this.rescan();
  }

  /** An open document changed or closed; a closed one falls back to the file on disk. */
  documentChanged(uri: string, closed = false): void {
    this.changes++;
    if (closed) {
      this.open.delete(uri);
      if (this.started && uri.startsWith('file:')) this.enqueue(() => this.disk.update(uri));
    }
  }

  /** Called when the set of definitions (ID and file) differs from the previous snapshot's. */
  onDidChangeDefinitions(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The index now, after pending work; rebuilt only when something changed. */
  snapshot(): Promise<IndexSnapshot> {
    if (this.cached && this.cached.changes === this.version) return this.cached.snapshot;
    const changes = this.version;
    const snapshot = this.ready().then(() => this.build());
    this.cached = { changes, snapshot };
    snapshot.catch(() => {
      if (this.cached?.snapshot === snapshot) this.cached = undefined;
    });
    return snapshot;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.options.log?.(`Indexing failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async build(): Promise<IndexSnapshot> {
    const folders = this.options.folders();
    const specs = new Map<string, IndexedSpec>();
    const traces = new Map<string, SpecTrace>();
    const openUris = new Set<string>();
    const settings = new Map<string, Promise<Settings>>();
    const settingsOf = (folder: string) => {
      let pending = settings.get(folder);
      if (!pending) settings.set(folder, (pending = this.options.settings(folder)));
      return pending;
    };
    const familiesOf = (folder: string) => this.disk.familiesOf(folder);
    for (const open of this.options.openDocuments()) {
      const { uri, version } = open.document;
      openUris.add(uri);
      if (!(await open.isSpec())) continue;
      const folder = containingFolder(uri, folders);
      const folderSettings = folder ? await settingsOf(folder) : undefined;
      const idPrefixes = folderSettings?.idPrefixes ?? [];
      const families = folder ? await familiesOf(folder) : builtInFamilies();
      let cached = this.open.get(uri);
      const spec = !cached || cached.version !== version || cached.idPrefixes !== idPrefixes.join(' ') || cached.families !== families ? open.spec() : undefined;
      if (spec) {
        const path = relativePath(uri, folders);
        const where = folderSettings ? specPathOf(uri, folders, folderSettings) : path;
        // An edit that changes no requirement or task (most keystrokes) keeps the trace
        // object, so that the folder's trace graph is taken as it is.
        const trace = sameTrace(cached?.trace, specTraceOfDocument(spec, path, where, idPrefixes, families));
        const ids = requirementIdsOf(spec, { extraPrefixes: idPrefixes });
        cached = { version, entry: indexedSpec(uri, path, open.document, spec.root, ids, version), trace, idPrefixes: idPrefixes.join(' '), families };
        this.open.set(uri, cached);
      }
      if (!cached) continue;
      specs.set(uri, cached.entry);
      traces.set(uri, cached.trace);
    }
    for (const [uri, entry] of this.disk.all()) {
      if (openUris.has(uri)) continue;
      const folder = containingFolder(uri, folders);
      if (!folder) continue;
      const folderSettings = await settingsOf(folder);
      const path = specPathOf(uri, folders, folderSettings);
      if (!isSpecPath(path, folderSettings, entry.mentions)) continue;
      const folderFamilies = await familiesOf(folder);
      const parsed =
        entry.parsed?.idPrefixes === prefixesKey(folderSettings) && entry.parsed.where === path && entry.parsed.families === folderFamilies
          ? entry.parsed
          : await this.disk.parseLater(uri, entry, folderSettings, folderFamilies);
      if (parsed && isSpecPath(path, folderSettings, parsed.optedIn)) {
        specs.set(uri, parsed.entry);
        traces.set(uri, parsed.trace);
      }
    }
    if (this.definitionsChanged(specs) || this.definitionsGeneration === 0) {
      const first = this.definitionsGeneration === 0;
      this.definitionsGeneration++;
      // During the first walk definitions appear file by file; whoever asked is told once it ends.
      if (!first && this.scanned) for (const listener of this.listeners) listener();
    }
    // A folder whose code was not read (its specs defined no requirement) now has one: read it.
    for (const folder of this.disk.codeSkipped) {
      if (this.disk.codeWanted.has(folder)) continue;
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      if ([...traces].some(([uri, trace]) => uri.startsWith(prefix) && citableByCode(trace))) {
        this.disk.codeWanted.add(folder);
        this.rescan();
      }
    }
    if (this.code?.changes !== this.disk.changes) this.code = { changes: this.disk.changes, entries: new Map(this.disk.code()) };
    return new IndexSnapshot(specs, this.definitionsGeneration, new TraceSnapshot({ specs: traces, code: this.code.entries, folders }, this.traceGraphs));
  }

  /**
   * Whether the set of definitions (ID and file) differs from the previous snapshot's.
   * Compared spec by spec, each entry's definitions written out once (entries are kept
   * while their file or version is the same), so that a snapshot of thousands of specs
   * costs a pass over them, not a sort of every definition.
   */
  private definitionsChanged(specs: ReadonlyMap<string, IndexedSpec>): boolean {
    const now = new Map<string, string>();
    let changed = false;
    for (const [uri, spec] of specs) {
      const key = definitionsOf(spec);
      if (key === '') continue;
      now.set(uri, key);
      if (!changed && this.definitions.get(uri) !== key) changed = true;
    }
    if (now.size !== this.definitions.size) changed = true;
    this.definitions = now;
    return changed;
  }

}

const definitionKeys = new WeakMap<IndexedSpec, string>();

/** A spec's defined IDs, sorted and written out: '' when it defines none. */
function definitionsOf(spec: IndexedSpec): string {
  let key = definitionKeys.get(spec);
  if (key === undefined) {
    key = spec.ids
      .filter((occurrence) => occurrence.role === 'definition')
      .map((occurrence) => occurrence.id)
      .sort()
      .join(' ');
    definitionKeys.set(spec, key);
  }
  return key;
}

/** `next`, or `previous` when the two say the same (so that what was built from it can be kept). */
function sameTrace(previous: SpecTrace | undefined, next: SpecTrace): SpecTrace {
  return previous !== undefined && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}
