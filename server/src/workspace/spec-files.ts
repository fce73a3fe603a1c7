import picomatch from 'picomatch';
import type { SpecDocument } from '../core/parse/spec-document';
import type { Settings } from '../core/config/settings';

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let match = matcherCache.get(key);
  if (!match) {
    match = globs.length > 0 ? picomatch([...globs], { dot: true }) : () => false;
    if (matcherCache.size > 64) matcherCache.clear();
    matcherCache.set(key, match);
  }
  return match;
}

/**
 * The path a glob is matched against: relative to the workspace folder that holds the
 * file (forward slashes), or the file's absolute path without its leading slash when
 * it lies outside every folder, so `**`-prefixed globs still apply.
 */
export function relativePath(fileUri: string, folderUris: readonly string[]): string {
  const best = innermostFolder(fileUri, folderUris);
  const rest = best ? fileUri.slice(best.length) : fileUri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
  return safeDecode(rest);
}

/** The innermost workspace folder that holds a file, as a URI ending in `/`, or '' when none does. */
function innermostFolder(fileUri: string, folderUris: readonly string[]): string {
  let best = '';
  for (const folder of folderUris) {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    if (fileUri.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  return best;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A repository's own files at its top, never specs by the folder's name alone: a clone of
 * a repository named `rfcs` keeps its README beside the RFCs.
 */
const REPOSITORY_FILE = /^(readme|contributing|changelog|changes|history|code[-_]of[-_]conduct|security|support|governance|maintainers|owners|authors|licen[cs]e|notice|codeowners)(\.[^/]*)?$/i;

/**
 * The path a file is seen by, by the settings' globs and by the families' layouts: its
 * path in its folder, or, when only that names it a spec, the path with the folder's own
 * name first. A repository of documents is cloned into a folder named as it is (`rfcs`,
 * `adr`, `proposals`), and its documents sit at its top or in folders of its own choosing
 * (`accepted/`, `concepts/`): seen from the folder above, as the globs expect, they are
 * `rfcs/accepted/0001-x.md`. A path the globs match as it is stays as it is.
 */
export function specPath(path: string, folderName: string | undefined, settings: Settings): string {
  if (!folderName || !settings.enable || REPOSITORY_FILE.test(path) || matchesSpecGlobs(path, settings) || matcher(settings.excludeFiles)(path)) return path;
  const named = `${folderName}/${path}`;
  return matchesSpecGlobs(named, settings) && !matcher(settings.excludeFiles)(named) ? named : path;
}

/** {@link specPath} of a file in the workspace folders (see {@link relativePath}). */
export function specPathOf(fileUri: string, folderUris: readonly string[], settings: Settings): string {
  return specPath(relativePath(fileUri, folderUris), folderNameOf(fileUri, folderUris), settings);
}

/** The name of the workspace folder that holds a file, if one does. */
function folderNameOf(fileUri: string, folderUris: readonly string[]): string | undefined {
  const name = innermostFolder(fileUri, folderUris).replace(/\/$/, '').split('/').pop();
  return name ? safeDecode(name) : undefined;
}

function matchesSpecGlobs(path: string, settings: Settings): boolean {
  return matcher(settings.files)(path) || matcher(settings.includeFiles)(path);
}

/**
 * Whether a document is a spec that Specwright checks: it matches `files` or
 * `includeFiles` and not `excludeFiles`, or its front matter names a Specwright
 * template (`specwright: <template>`), which opts any file in.
 */
export function isSpecFile(path: string, settings: Settings, document: SpecDocument | undefined): boolean {
  if (!settings.enable) return false;
  if (matcher(settings.excludeFiles)(path)) return false;
  if (matchesSpecGlobs(path, settings)) return true;
  return document?.frontMatter?.entries.some((entry) => entry.key === 'specwright' && entry.value) ?? false;
}

/** Whether `excludeFiles` (or Specwright being off) keeps a path from ever being checked. */
export function isExcludedPath(path: string, settings: Settings): boolean {
  return !settings.enable || matcher(settings.excludeFiles)(path);
}

/**
 * {@link isSpecFile} for a caller that knows whether the file's front matter names a
 * Specwright template (`optedIn`) without a parsed document, such as the workspace index.
 */
export function isSpecPath(path: string, settings: Settings, optedIn: boolean): boolean {
  if (!settings.enable || matcher(settings.excludeFiles)(path)) return false;
  return optedIn || matchesSpecGlobs(path, settings);
}

/**
 * Whether a file is read for the requirement IDs it cites, and as what: a test or source
 * code, by the `traceFiles` and `testFiles` globs (matched against its path relative to
 * its workspace folder). Markdown files are documents, never code.
 */
export function traceFileKind(path: string, settings: Settings): 'test' | 'source' | undefined {
  if (/\.(md|markdown)$/i.test(path) || !matcher(settings.traceFiles)(path)) return undefined;
  return matcher(settings.testFiles)(path) ? 'test' : 'source';
}
