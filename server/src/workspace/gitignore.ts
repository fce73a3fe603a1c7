import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isRepositoryRoot } from './find-config';

/**
 * Answers "does Git ignore this path?" from the `.gitignore` files between a path and
 * the top of its working tree (plus `.git/info/exclude` there), the deepest file
 * deciding first, as Git does. Outside a working tree, the `.gitignore` files from
 * the folder being walked downwards apply.
 */
export class GitIgnore {
  private readonly rules = new Map<string, Ignore | undefined>();

  private constructor(private readonly top: string) {}

  /** The rules for walking `folder` (an absolute path). */
  static for(folder: string): GitIgnore {
    for (let current = folder; ; current = dirname(current)) {
      if (isRepositoryRoot(current)) return new GitIgnore(current);
      if (dirname(current) === current) return new GitIgnore(folder);
    }
  }

  /** Whether `path` (absolute, inside the walked folder) is ignored; pass `isDirectory` for folders. */
  ignores(path: string, isDirectory: boolean): boolean {
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      const rules = this.rulesIn(folder);
      if (rules) {
        const verdict = rules.test(relative(folder, path).split(sep).join('/') + (isDirectory ? '/' : ''));
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      if (folder === this.top || dirname(folder) === folder) return false;
    }
  }

  private rulesIn(folder: string): Ignore | undefined {
    if (this.rules.has(folder)) return this.rules.get(folder);
    const sources = [join(folder, '.gitignore')];
    // Lower precedence than the top .gitignore, so it comes first.
    if (folder === this.top) sources.unshift(join(folder, '.git', 'info', 'exclude'));
    let rules: Ignore | undefined;
    for (const source of sources) {
      const text = readIfFile(source);
      if (text !== undefined) rules = (rules ?? ignore()).add(text);
    }
    this.rules.set(folder, rules);
    return rules;
  }
}

function readIfFile(path: string): string | undefined {
  try {
    return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
