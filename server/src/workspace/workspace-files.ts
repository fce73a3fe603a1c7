import { builtInFamilies } from '../core/families/built-in';
import type { Family } from '../core/families/family';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexOfDocument, indexText, mentionsSpecwright } from './index-text';
import { parseSpec } from '../core/parse/spec-document';
import type { Settings } from '../core/config/settings';
import { isSpecPath, relativePath, specPathOf, traceFileKind } from './spec-files';
import { indexedFile, type IndexedSpec } from './workspace-snapshot';
import { mentionsInCode } from '../core/trace/code';
import type { TraceMention } from '../core/trace/model';
import { GitIgnore } from './gitignore';
import { citableByCode, detachedMentions, detachedTrace, isTracedPath, specTraceOfDocument, specTraceOfText, type SpecTrace } from './trace-inputs';

export interface WorkspaceFilesOptions {
  /** The workspace folder URIs; only `file:` folders are walked. */
  readonly folders: () => readonly string[];
  /** The settings of a workspace folder (which files are specs). */
  readonly settings: (folderUri: string) => Promise<Settings>;
  /** A workspace folder's families, as its own conventions shape them (the built-in ones when not given). */
  readonly families?: (folderUri: string) => Promise<readonly Family[]>;
  readonly maxFiles?: number;
  /** At most this many test and source files are read for the IDs they cite (50,000). */
  readonly maxCodeFiles?: number;
  readonly maxFileSize?: number;
  /** Called when a walk stops at `maxFiles`, or a file cannot be read. */
  readonly log?: (message: string) => void;
}

/** A Markdown file of the workspace as last read. */
export interface DiskEntry {
  readonly fsPath: string;
  readonly mtimeMs: number;
  readonly size: number;
  /** The front matter mentions `specwright`: it may opt the file in. */
  readonly mentions: boolean;
  /** Parsed when the file is (or may be) a spec; kept until the file changes. */
  parsed:
    | {
        readonly entry: IndexedSpec;
        readonly optedIn: boolean;
        readonly trace: SpecTrace;
        readonly idPrefixes: string;
        /** The path its family was told by (see `specPath`): when the settings give another, it is read again. */
        readonly where: string;
        /** The families its trace was read with: when the folder's conventions change, it is read again. */
        readonly families: readonly Family[];
      }
    | undefined;
}

/** A test or source file of the workspace as last read: the requirement IDs it cites. */
export interface CodeEntry {
  readonly mtimeMs: number;
  readonly size: number;
  /** Relative to its workspace folder. */
  readonly mentions: readonly TraceMention[];
  /** Whether the trace globs made it a test or source code when it was read. */
  readonly kind: 'test' | 'source';
  /** The team's own ID prefixes it was read with (see {@link prefixesKey}). */
  readonly idPrefixes: string;
}

/** A folder's own ID prefixes as one string, to tell whether a file was read with them. */
export function prefixesKey(settings: Settings): string {
  return settings.idPrefixes.join(' ');
}


const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Files read ahead of the one being indexed during a walk. */
const PARALLEL_READS = 4;
/** A turn of the event loop that took this long (milliseconds) ran other work: requests, diagnostics. */
const BUSY_TURN_MS = 1;
/** After other work, the walk waits until the event loop has had nothing else to do for this long… */
const QUIET_MS = 3;
/** …but not longer than this for one file, so that steady traffic cannot stall it. */
const MAX_WAIT_MS = 50;

/**
 * The Markdown files of the workspace folders on disk: read once, parsed only when they
 * are (or may be) specs, and read again only when their modification time or size
 * changed, so an unchanged file is never parsed twice. At most `maxFiles` files (20,000)
 * of at most `maxFileSize` bytes (5 MB); `node_modules` and VCS folders are skipped.
 */
export class WorkspaceFiles {
  /** Work done, for tests and logs. */
  readonly stats = { reads: 0, parses: 0 };
  private readonly entries = new Map<string, DiskEntry>();
  private readonly codeEntries = new Map<string, CodeEntry>();
  /** Counts every change to the entries, so a consumer can tell whether to rebuild. */
  changes = 0;
  /** Until when (`performance.now()`) the walk leaves the event loop to other work. */
  private busyUntil = 0;

  constructor(private readonly options: WorkspaceFilesOptions) {}

  /** The files as last read, by URI. */
  all(): IterableIterator<[string, DiskEntry]> {
    return this.entries.entries();
  }

  /** What Git ignores in each workspace folder, read once per walk. */
  private readonly gitIgnores = new Map<string, GitIgnore | undefined>();

  private gitIgnore(folder: string): GitIgnore | undefined {
    if (!this.gitIgnores.has(folder)) this.gitIgnores.set(folder, gitIgnoreFor(fileURLToPath(folder)));
    return this.gitIgnores.get(folder);
  }

  /** Workspace folders whose test and source files were not read: their specs define no requirement. */
  readonly codeSkipped = new Set<string>();
  /** Workspace folders whose test and source files are read whatever the specs on disk define (an open document defines one). */
  readonly codeWanted = new Set<string>();

  private definesRequirements(folder: string): boolean {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    for (const [uri, entry] of this.entries) if (uri.startsWith(prefix) && entry.parsed && citableByCode(entry.parsed.trace)) return true;
    return false;
  }

  /** The test and source files as last read, by URI. */
  code(): IterableIterator<[string, CodeEntry]> {
    return this.codeEntries.entries();
  }

  /** Walks every workspace folder; forgets files no longer there. */
  async scan(): Promise<{ files: number; parsed: number; code: number; milliseconds: number }> {
    const started = Date.now();
    this.gitIgnores.clear();
    const parsesBefore = this.stats.parses;
    const folders = this.options.folders().filter((folder) => folder.startsWith('file:'));
    const maxFiles = this.options.maxFiles ?? 20_000;
    const maxCodeFiles = this.options.maxCodeFiles ?? 50_000;
    const seen = new Set<string>();
    let codeFiles = 0;
    for (const folder of folders) {
      const room = Math.max(0, maxFiles - seen.size);
      const root = fileURLToPath(folder);
      const settings = await this.options.settings(folder);
      const isCode = (path: string) => traceFileKind(path.slice(root.replace(/[\\/]$/, '').length + 1), settings) !== undefined;
      const { files, code, truncated } = await filesUnder(root, room, Math.max(0, maxCodeFiles - codeFiles), isCode);
      if (truncated.markdown) this.options.log?.(`Indexed the first ${maxFiles} Markdown files of the workspace only`);
      if (truncated.code) this.options.log?.(`Read the first ${maxCodeFiles} test and source files of the workspace only, for the requirements they cite`);
      // Specs first: what they define is what most answers need.
      const specs = files.map((file) => pathToFileURL(file).href);
      for (const uri of specs) seen.add(uri);
      await this.updateAll(specs);
      // Code is read for the requirement IDs it cites: not at all in a folder whose specs define none.
      if (!this.codeWanted.has(folder) && !this.definesRequirements(folder)) {
        this.codeSkipped.add(folder);
        continue;
      }
      this.codeSkipped.delete(folder);
      codeFiles += code.length;
      const sources = code.map((file) => pathToFileURL(file).href);
      for (const uri of sources) seen.add(uri);
      await this.updateAll(sources);
    }
    for (const uri of [...this.entries.keys(), ...this.codeEntries.keys()]) if (!seen.has(uri)) this.forget(uri);
    return { files: seen.size - codeFiles, parsed: this.stats.parses - parsesBefore, code: codeFiles, milliseconds: Date.now() - started };
  }

  /**
   * {@link update} for many files. Up to `PARALLEL_READS` files are read ahead while
   * earlier ones are indexed, in the order given (so the index lists them in the order of
   * the walk). Each file is indexed in a turn of the event loop of its own (a few
   * milliseconds: only the parts of a spec that can hold requirement IDs are parsed), and
   * only once other work (requests, diagnostics) has left the event loop alone for a
   * moment, so that the walk takes the time the server has to spare.
   */
  private async updateAll(uris: readonly string[]): Promise<void> {
    const reads: (Promise<Loaded> | undefined)[] = new Array(uris.length);
    let issued = 0;
    for (let i = 0; i < uris.length; i++) {
      while (issued < uris.length && issued < i + PARALLEL_READS) {
        reads[issued] = this.load(uris[issued] as string);
        // Failures surface when the file's turn comes.
        reads[issued]?.catch(() => undefined);
        issued++;
      }
      const loaded = await (reads[i] as Promise<Loaded>);
      reads[i] = undefined;
      if (loaded?.file) await this.spareTurn();
      await this.apply(loaded);
    }
  }

  /**
   * Resolves on a later turn of the event loop. A turn that took long ran other work;
   * after it, turns follow one another until the loop has been free of other work for
   * `QUIET_MS` (at most `MAX_WAIT_MS`), so that a chain of steps elsewhere (reading
   * templates, checking a document, answering a request) does not wait for a file at
   * each step.
   */
  private async spareTurn(): Promise<void> {
    const start = performance.now();
    for (;;) {
      const before = performance.now();
      await new Promise<void>((resolve) => setImmediate(resolve));
      const now = performance.now();
      if (now - before > BUSY_TURN_MS) this.busyUntil = now + QUIET_MS;
      if (now >= this.busyUntil || now - start >= MAX_WAIT_MS) return;
    }
  }

  /** Re-reads a file (or every Markdown file under a created folder) when its time or size changed. */
  async update(uri: string): Promise<void> {
    await this.apply(await this.load(uri));
  }

  /** Reads a file if it changed since it was last read; indexes nothing yet. */
  private async load(uri: string): Promise<Loaded> {
    const folders = this.options.folders();
    if (!uri.startsWith('file:') || !containingFolder(uri, folders) || /\/(node_modules|\.git|\.hg|\.svn)(\/|$)/.test(uri)) return undefined;
    const folder = containingFolder(uri, folders) as string;
    // Only Markdown, test and source files and folders matter; other files are not even looked at.
    const code = /\.md$/i.test(uri) ? undefined : traceFileKind(relativePath(uri, folders), await this.options.settings(folder));
    if (!/\.md$/i.test(uri) && !code && /\.[^/]*$/.test(uri.slice(uri.lastIndexOf('/') + 1))) return undefined;
    let fsPath: string;
    try {
      fsPath = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const info = await stat(fsPath).catch(() => undefined);
    if (info?.isDirectory()) {
      await this.addFolder(fsPath);
      return undefined;
    }
    if (!/\.md$/i.test(uri) && !code) return undefined;
    if (code && (this.codeSkipped.has(folder) || ignores(this.gitIgnore(folder), fsPath, false))) return undefined;
    if (!info?.isFile() || info.size > (this.options.maxFileSize ?? 5 * 1024 * 1024)) return { uri };
    const known = code ? this.codeEntries.get(uri) : this.entries.get(uri);
    const codeKnown = known as CodeEntry | undefined;
    // A code file read under other ID prefixes is read again; a spec is parsed again when the index asks.
    const sameKind = !code || (codeKnown?.kind === code && codeKnown.idPrefixes === prefixesKey(await this.options.settings(folder)));
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size && sameKind) return undefined;
    const text = await this.read(fsPath);
    return { uri, file: text === undefined ? undefined : { fsPath, mtimeMs: info.mtimeMs, size: info.size, text, ...(code ? { code } : {}) } };
  }

  /** Indexes what {@link load} read: enters the file (parsed if it is, or may be, a spec), or forgets it. */
  private async apply(loaded: Loaded): Promise<void> {
    if (!loaded) return;
    const { uri, file } = loaded;
    if (!file) return this.forget(uri);
    const folders = this.options.folders();
    const { fsPath, mtimeMs, size, text } = file;
    if (file.code) {
      const path = relativePath(uri, folders);
      const folder = containingFolder(uri, folders);
      const settings = folder ? await this.options.settings(folder) : undefined;
      const idPrefixes = settings?.idPrefixes ?? [];
      this.codeEntries.set(uri, { mtimeMs, size, kind: file.code, idPrefixes: idPrefixes.join(' '), mentions: detachedMentions(mentionsInCode(text, path, file.code, idPrefixes)) });
      this.changes++;
      return;
    }
    const entry: DiskEntry = { fsPath, mtimeMs, size, mentions: mentionsSpecwright(text), parsed: undefined };
    const folder = containingFolder(uri, folders);
    if (!folder) return;
    const settings = await this.options.settings(folder);
    if (isSpecPath(specPathOf(uri, folders, settings), settings, entry.mentions)) entry.parsed = this.parse(uri, text, settings, await this.familiesOf(folder));
    this.entries.set(uri, entry);
    this.changes++;
  }

  private async addFolder(fsPath: string): Promise<void> {
    const folder = containingFolder(pathToFileURL(fsPath).href, this.options.folders());
    if (!folder) return;
    const root = fileURLToPath(folder).replace(/[\\/]$/, '');
    const settings = await this.options.settings(folder);
    const { files, code } = await filesUnder(
      fsPath,
      Math.max(0, (this.options.maxFiles ?? 20_000) - this.entries.size),
      Math.max(0, (this.options.maxCodeFiles ?? 50_000) - this.codeEntries.size),
      (path) => traceFileKind(path.slice(root.length + 1), settings) !== undefined,
    );
    await this.updateAll([...files, ...code].map((file) => pathToFileURL(file).href));
  }

  /** A file that was not a spec when read became one, or was parsed under other ID prefixes (settings changed): read and parse it now. */
  async parseLater(uri: string, entry: DiskEntry, settings: Settings, families: readonly Family[]): Promise<DiskEntry['parsed']> {
    const text = await this.read(entry.fsPath);
    if (text === undefined) return undefined;
    entry.parsed = this.parse(uri, text, settings, families);
    return entry.parsed;
  }

  /** The families of a workspace folder, as its conventions shape them. */
  familiesOf(folder: string): Promise<readonly Family[]> {
    return this.options.families?.(folder) ?? Promise.resolve(builtInFamilies());
  }

  private async read(fsPath: string): Promise<string | undefined> {
    this.stats.reads++;
    try {
      // Editors do not show a byte-order mark: drop it so positions match theirs.
      return (await readFile(fsPath, 'utf8')).replace(/^\uFEFF/, '');
    } catch (error) {
      this.options.log?.(`Could not read ${fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private parse(uri: string, text: string, settings: Settings, families: readonly Family[]): NonNullable<DiskEntry['parsed']> {
    this.stats.parses++;
    const { idPrefixes } = settings;
    const lines = TextDocument.create(uri, 'markdown', 0, text);
    const path = relativePath(uri, this.options.folders());
    const where = specPathOf(uri, this.options.folders(), settings);
    // A document whose family traces more than IDs (stories, criteria, task lines) is parsed
    // whole for its trace; the index takes its title and IDs from that same parse.
    const document = isTracedPath(where, families) ? parseSpec(text) : undefined;
    const found = document ? indexOfDocument(document, idPrefixes) : indexText(text, idPrefixes);
    const trace = detachedTrace(
      document ? specTraceOfDocument(document, path, where, idPrefixes, families) : specTraceOfText(text, path, where, () => found.occurrences, idPrefixes, families),
    );
    return { entry: indexedFile(uri, path, lines, found), optedIn: found.optedIn, trace, idPrefixes: idPrefixes.join(' '), where, families };
  }

  /** Drops a file, or every file under a deleted folder. */
  forget(uri: string): void {
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    for (const entries of [this.entries, this.codeEntries]) {
      for (const known of [...entries.keys()]) {
        if (known === uri || known.startsWith(prefix)) {
          entries.delete(known);
          this.changes++;
        }
      }
    }
  }
}

/** What {@link WorkspaceFiles.load} found: nothing to do, a file to forget (no `file`), or a file read. */
type Loaded =
  | {
      readonly uri: string;
      /** What was read; `code` says the file is read for the IDs it cites, as a test or as source code. */
      readonly file?: { readonly fsPath: string; readonly mtimeMs: number; readonly size: number; readonly text: string; readonly code?: 'test' | 'source' };
    }
  | undefined;

/**
 * The Markdown files under a folder (at most `limit`) and its test and source files (at
 * most `codeLimit`, skipping what Git ignores: build output and dependencies cite IDs they
 * copied), without following links or entering skipped folders.
 */
async function filesUnder(root: string, limit: number, codeLimit: number, isCode: (path: string) => boolean): Promise<{ files: string[]; code: string[]; truncated: { markdown: boolean; code: boolean } }> {
  const files: string[] = [];
  const code: string[] = [];
  const truncated = { markdown: false, code: false };
  const gitignore = gitIgnoreFor(root);
  const stack: { path: string; ignored: boolean }[] = [{ path: root, ignored: false }];
  while (stack.length > 0) {
    const directory = stack.pop() as { path: string; ignored: boolean };
    const entries = await readdir(directory.path, { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      const full = `${directory.path.replace(/[\\/]$/, '')}/${entry.name}`;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
        // An ignored folder may still hold specs (the index has always read them): only code is skipped there.
        stack.push({ path: full, ignored: directory.ignored || ignores(gitignore, full, true) });
      } else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        if (files.length >= limit) truncated.markdown = true;
        else files.push(full);
      } else if (entry.isFile() && !directory.ignored && isCode(full) && !ignores(gitignore, full, false)) {
        if (code.length >= codeLimit) truncated.code = true;
        else code.push(full);
      }
      if (truncated.markdown && truncated.code) return { files, code, truncated };
    }
  }
  return { files, code, truncated };
}

/** What Git ignores under a folder; undefined when that cannot be read. */
function gitIgnoreFor(root: string): GitIgnore | undefined {
  try {
    return GitIgnore.for(root);
  } catch {
    return undefined;
  }
}

function ignores(gitignore: GitIgnore | undefined, path: string, isDirectory: boolean): boolean {
  try {
    return gitignore?.ignores(path, isDirectory) ?? false;
  } catch {
    return false;
  }
}

/** The workspace folder that holds `uri` (the innermost one). */
export function containingFolder(uri: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    if (uri.startsWith(prefix) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}
