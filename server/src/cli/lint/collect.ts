import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../io';
import { GitIgnore } from '../../workspace/gitignore';

/** A path the lint command looks at. */
export interface Candidate {
  /** Absolute. */
  readonly path: string;
  /** Named on the command line: always checked, whatever the settings say. */
  readonly explicit: boolean;
  /**
   * Found under a folder or by a glob named on the command line: checked unless
   * `excludeFiles` says otherwise, whatever `files` says (that decides only what a bare
   * `specwright lint` picks up).
   */
  readonly named: boolean;
  /** A folder whose name looks like a Markdown file (reported when it sits where specs are). */
  readonly isDirectory: boolean;
}

export interface Collected {
  readonly candidates: readonly Candidate[];
  /** Folders and globs named on the command line under which no Markdown file was found. */
  readonly unmatched: readonly string[];
  /** Folders that could not be listed, with the reason. */
  readonly unreadableFolders: readonly { path: string; message: string }[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const NEVER_WALKED = new Set(['.git', 'node_modules']);

/**
 * Expands command-line arguments into candidate files: a file is taken as named; a folder
 * or glob expands to the Markdown files under it (`.md`, `.markdown`), skipping what Git
 * ignores, `node_modules`, `.git` and folders `skipFolder` says everything in is excluded.
 * Which of them are specs is decided later. Throws UsageError for a path that does not
 * exist; a folder or glob under which no Markdown file is found is listed in `unmatched`.
 */
export function collectCandidates(args: readonly string[], cwd: string, skipFolder: (folder: string) => boolean = () => false): Collected {
  const found = new Map<string, Candidate>();
  const unreadableFolders: { path: string; message: string }[] = [];
  const unmatched: string[] = [];
  const add = (candidate: Candidate) => {
    const existing = found.get(candidate.path);
    if (!existing || (candidate.explicit && !existing.explicit) || (candidate.named && !existing.named && !existing.explicit)) found.set(candidate.path, candidate);
  };
  const named = args.length > 0;
  for (const arg of named ? args : ['.']) {
    const path = resolve(cwd, arg);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    const before = found.size;
    let walked = false;
    if (stat?.isDirectory() || (stat?.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory())) {
      walk(path, () => true, (candidate) => add({ ...candidate, named }), unreadableFolders, skipFolder);
      walked = true;
    } else if (stat) {
      add({ path, explicit: true, named: true, isDirectory: false });
    } else if (picomatch.scan(arg).isGlob) {
      const { base } = picomatch.scan(arg);
      const pattern = toPosix(arg).replace(/^\.\//, '');
      const match = picomatch(pattern, { dot: false });
      const subject = (file: string) => (isAbsolute(pattern) ? toPosix(file) : toPosix(relative(cwd, file)));
      walk(resolve(cwd, base || '.'), (file) => match(subject(file)), (candidate) => add({ ...candidate, named: true }), unreadableFolders, skipFolder);
      walked = true;
    } else {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
    if (named && walked && found.size === before && ![...found.values()].some((candidate) => isUnder(candidate.path, path))) unmatched.push(arg);
  }
  return { candidates: [...found.values()], unmatched, unreadableFolders };
}

function isUnder(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function walk(
  root: string,
  matches: (path: string) => boolean,
  add: (candidate: Omit<Candidate, 'named'>) => void,
  unreadable: { path: string; message: string }[],
  skipFolder: (folder: string) => boolean,
): void {
  walkTree(root, {
    skipFolder,
    unreadable: (path, message) => unreadable.push({ path, message }),
    entry: (path, name, isDirectory) => {
      if (MARKDOWN.test(name) && matches(path)) add({ path, explicit: false, isDirectory });
    },
  });
}

/** What {@link walkTree} reports and asks. */
export interface TreeVisitor {
  /** Every file and folder met, in path order (a folder before what is in it). */
  entry(path: string, name: string, isDirectory: boolean, dirent: Dirent): void;
  /** A folder is entered unless this says to skip it. */
  skipFolder(folder: string): boolean;
  unreadable?(path: string, message: string): void;
}

/**
 * Walks the tree under `root` in path order, skipping what Git ignores, `node_modules`,
 * `.git` and folders the visitor skips. Linked folders are not followed (they can loop);
 * linked files are reported and read through the link.
 */
export function walkTree(root: string, visitor: TreeVisitor): void {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return;
  const gitignore = GitIgnore.for(root);
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      visitor.unreadable?.(folder, `cannot be listed: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (NEVER_WALKED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      const isDirectory = entry.isDirectory();
      if (gitignore.ignores(path, isDirectory)) continue;
      if (isDirectory && !visitor.skipFolder(path)) subfolders.push(path);
      visitor.entry(path, entry.name, isDirectory, entry);
    }
    folders.push(...subfolders.reverse());
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
