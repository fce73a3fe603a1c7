import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFrontMatter } from './parse/front-matter';
import { parseMarkdown } from './parse/markdown';
import { findRequirementIds } from './parse/requirement-ids';
import type { Settings } from './settings';
import { isSpecPath, relativePath } from './spec-files';
import { indexedSpec, type IndexedSpec } from './workspace-snapshot';

export interface WorkspaceFilesOptions {
  /** The workspace folder URIs; only `file:` folders are walked. */
  readonly folders: () => readonly string[];
  /** The settings of a workspace folder (which files are specs). */
  readonly settings: (folderUri: string) => Promise<Settings>;
  readonly maxFiles?: number;
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
  parsed: { readonly entry: IndexedSpec; readonly optedIn: boolean } | undefined;
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
// Parsing is synchronous; a small batch keeps the server answering between files.
const PARALLEL_READS = 4;

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
  /** Counts every change to the entries, so a consumer can tell whether to rebuild. */
  changes = 0;

  constructor(private readonly options: WorkspaceFilesOptions) {}

  /** The files as last read, by URI. */
  all(): IterableIterator<[string, DiskEntry]> {
    return this.entries.entries();
  }

  /** Walks every workspace folder; forgets files no longer there. */
  async scan(): Promise<{ files: number; parsed: number; milliseconds: number }> {
    const started = Date.now();
    const parsesBefore = this.stats.parses;
    const folders = this.options.folders().filter((folder) => folder.startsWith('file:'));
    const maxFiles = this.options.maxFiles ?? 20_000;
    const seen = new Set<string>();
    for (const folder of folders) {
      const room = Math.max(0, maxFiles - seen.size);
      const { files, truncated } = await markdownFilesUnder(fileURLToPath(folder), room);
      if (truncated) this.options.log?.(`Indexed the first ${maxFiles} Markdown files of the workspace only`);
      const uris = files.map((file) => pathToFileURL(file).href);
      for (const uri of uris) seen.add(uri);
      for (let i = 0; i < uris.length; i += PARALLEL_READS) await Promise.all(uris.slice(i, i + PARALLEL_READS).map((uri) => this.update(uri)));
    }
    for (const uri of [...this.entries.keys()]) if (!seen.has(uri)) this.forget(uri);
    return { files: seen.size, parsed: this.stats.parses - parsesBefore, milliseconds: Date.now() - started };
  }

  /** Re-reads a file (or every Markdown file under a created folder) when its time or size changed. */
  async update(uri: string): Promise<void> {
    const folders = this.options.folders();
    if (!uri.startsWith('file:') || !containingFolder(uri, folders) || /\/(node_modules|\.git|\.hg|\.svn)(\/|$)/.test(uri)) return;
    // Only Markdown files and folders matter; other files are not even looked at.
    if (!/\.md$/i.test(uri) && /\.[^/]*$/.test(uri.slice(uri.lastIndexOf('/') + 1))) return;
    let fsPath: string;
    try {
      fsPath = fileURLToPath(uri);
    } catch {
      return;
    }
    const info = await stat(fsPath).catch(() => undefined);
    if (info?.isDirectory()) return this.addFolder(fsPath);
    if (!/\.md$/i.test(uri)) return;
    if (!info?.isFile() || info.size > (this.options.maxFileSize ?? 5 * 1024 * 1024)) {
      this.forget(uri);
      return;
    }
    const known = this.entries.get(uri);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return;
    const text = await this.read(fsPath);
    if (text === undefined) return this.forget(uri);
    const entry: DiskEntry = { fsPath, mtimeMs: info.mtimeMs, size: info.size, mentions: mentionsSpecwright(text), parsed: undefined };
    const folder = containingFolder(uri, folders) as string;
    if (isSpecPath(relativePath(uri, folders), await this.options.settings(folder), entry.mentions)) entry.parsed = this.parse(uri, text);
    this.entries.set(uri, entry);
    this.changes++;
  }

  private async addFolder(fsPath: string): Promise<void> {
    const { files } = await markdownFilesUnder(fsPath, Math.max(0, (this.options.maxFiles ?? 20_000) - this.entries.size));
    for (const file of files) await this.update(pathToFileURL(file).href);
  }

  /** A file that was not a spec when read became one (settings changed): read and parse it now. */
  async parseLater(uri: string, entry: DiskEntry): Promise<DiskEntry['parsed']> {
    const text = await this.read(entry.fsPath);
    if (text === undefined) return undefined;
    entry.parsed = this.parse(uri, text);
    return entry.parsed;
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

  private parse(uri: string, text: string): NonNullable<DiskEntry['parsed']> {
    this.stats.parses++;
    const root = parseMarkdown(text);
    const lines = TextDocument.create(uri, 'markdown', 0, text);
    const optedIn = mentionsSpecwright(text) && (readFrontMatter(text, root)?.entries.some((entry) => entry.key === 'specwright' && Boolean(entry.value)) ?? false);
    const entry = indexedSpec(uri, relativePath(uri, this.options.folders()), lines, root, findRequirementIds(text, root), undefined, true);
    return { entry, optedIn };
  }

  /** Drops a file, or every file under a deleted folder. */
  forget(uri: string): void {
    const prefix = uri.endsWith('/') ? uri : `${uri}/`;
    for (const known of [...this.entries.keys()]) {
      if (known === uri || known.startsWith(prefix)) {
        this.entries.delete(known);
        this.changes++;
      }
    }
  }
}

/** The Markdown files under a folder, at most `limit`, without following links or entering skipped folders. */
async function markdownFilesUnder(root: string, limit: number): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const directory = stack.pop() as string;
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      const full = `${directory.replace(/[\\/]$/, '')}/${entry.name}`;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) stack.push(full);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        if (files.length >= limit) return { files, truncated: true };
        files.push(full);
      }
    }
  }
  return { files, truncated: false };
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

/** Whether front matter at the top of `text` mentions `specwright` (a necessary condition for opting in). */
function mentionsSpecwright(text: string): boolean {
  if (!/^---[ \t]*\r?\n/.test(text)) return false;
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(3));
  return text.slice(0, close ? close.index + 3 : text.length).includes('specwright');
}
