import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../io';
import { GitIgnore } from './gitignore';

/** A path the lint command looks at. */
export interface Candidate {
  /** Absolute. */
  readonly path: string;
  /** Named on the command line: always checked, whatever the settings say. */
  readonly explicit: boolean;
  /** A folder whose name looks like a Markdown file (reported when it sits where specs are). */
  readonly isDirectory: boolean;
}

export interface Collected {
  readonly candidates: readonly Candidate[];
  /** Folders that could not be listed, with the reason. */
  readonly unreadableFolders: readonly { path: string; message: string }[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const NEVER_WALKED = new Set(['.git', 'node_modules']);

/**
 * Expands command-line arguments into candidate files: a file is taken as named; a folder
 * or glob expands to the Markdown files under it (`.md`, `.markdown`), skipping what Git
 * ignores, `node_modules` and `.git`. Which of them are specs is decided later. Throws
 * UsageError for a path that does not exist.
 */
export function collectCandidates(args: readonly string[], cwd: string): Collected {
  const found = new Map<string, Candidate>();
  const unreadableFolders: { path: string; message: string }[] = [];
  const add = (candidate: Candidate) => {
    const existing = found.get(candidate.path);
    if (!existing || (candidate.explicit && !existing.explicit)) found.set(candidate.path, candidate);
  };
  for (const arg of args.length > 0 ? args : ['.']) {
    const path = resolve(cwd, arg);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory() || (stat?.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory())) {
      walk(path, () => true, add, unreadableFolders);
    } else if (stat) {
      add({ path, explicit: true, isDirectory: false });
    } else if (picomatch.scan(arg).isGlob) {
      const { base } = picomatch.scan(arg);
      const pattern = toPosix(arg).replace(/^\.\//, '');
      const match = picomatch(pattern, { dot: false });
      const subject = (file: string) => (isAbsolute(pattern) ? toPosix(file) : toPosix(relative(cwd, file)));
      walk(resolve(cwd, base || '.'), (file) => match(subject(file)), add, unreadableFolders);
    } else {
      throw new UsageError(`no such file or folder: ${arg}`);
    }
  }
  return { candidates: [...found.values()], unreadableFolders };
}

function walk(
  root: string,
  matches: (path: string) => boolean,
  add: (candidate: Candidate) => void,
  unreadable: { path: string; message: string }[],
): void {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return;
  const gitignore = GitIgnore.for(root);
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: folder, message: `cannot be listed: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const subfolders: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (NEVER_WALKED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      // Linked folders are not followed (they can loop); linked files are read through the link.
      const isDirectory = entry.isDirectory();
      if (gitignore.ignores(path, isDirectory)) continue;
      if (isDirectory) subfolders.push(path);
      if (MARKDOWN.test(entry.name) && matches(path)) add({ path, explicit: false, isDirectory });
    }
    folders.push(...subfolders.reverse());
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
