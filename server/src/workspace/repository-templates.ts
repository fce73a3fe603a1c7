import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { builtInFamilies } from '../core/families/built-in';
import type { Family } from '../core/families/family';
import { identifyFamily } from '../core/families/identify';
import { createRepositoryTemplate, type RepositoryTemplate } from '../core/families/repository-template';
import { inTemplatesFolder, numberedTemplateName, templateFileReason, templateFilesInSubfolders, templateFolders } from '../core/families/template-files';
import { parseSpec } from '../core/parse/spec-document';
import { pathOfFileUri } from './file-uri';

/** Largest template file read (it is parsed on the thread that asks); a bigger one is not taken for a template. */
const MAX_FILE_BYTES = 256 * 1024;
/** Most entries of one folder looked at. */
const MAX_ENTRIES = 2000;
/**
 * A folder a repository keeps its templates in, whatever their family: `templates/`, or a
 * folder named for its process's templates or guidelines beside the documents' folders
 * (`proposal-templates/`, Jupyter's `jupyter-enhancement-proposal-guidelines/`, `guidelines/`).
 */
const TEMPLATES_FOLDER = /^_?(?:templates?|guidelines?)$|[-_.](?:templates?|guidelines?)$/i;
/**
 * A folder of the repository's documentation beside the documents' folders, where a team may keep
 * a template of its decisions or proposals (USWDS's `docs/adr_template.md` for `decisions/`).
 * A template found there serves only documents that follow its headings.
 */
const NEARBY_FOLDER = /^(?:docs?|documentation|process|guides?)$/i;
/** Files that stand for their folder (a KEP's `NNNN-template/README.md`). */
const FOLDER_DOCUMENTS = ['README.md', 'readme.md', 'index.md'];

/** Per folder (relative to the workspace folder, `''` for its root): the templates found in it. */
export type RepositoryTemplateCache = Map<string, Promise<RepositoryTemplate[]>>;

/**
 * The templates a repository keeps for its families that a document at `path` (relative to
 * the workspace folder `root`, forward slashes) may follow, nearest first: those in its own
 * folder, then in each folder above it up to the root. A template is a file there, a
 * folder's README or file named as the folder, or a file a family keeps in a subfolder of a fixed name (adr-tools'
 * `templates/template.md`, see `templateFilesInSubfolders`), or in a folder of its own that a family keeps
 * above its documents (spec-kit's `.specify/templates`, see `templateFolders`), whose name makes it one of a family's templates (see
 * `templateFileReason`) and that is identified as that family's template at its path; it is
 * read only inside the workspace folder once symbolic links are resolved, as a regular file
 * of at most 256 KB. Never throws; `cache` keeps each folder's templates between calls.
 */
export async function repositoryTemplatesFor(
  root: string,
  path: string,
  families: readonly Family[],
  cache: RepositoryTemplateCache = new Map(),
): Promise<RepositoryTemplate[]> {
  const parts = path.split('/').slice(0, -1);
  const found: RepositoryTemplate[] = [];
  for (let depth = parts.length; depth >= 0; depth--) {
    const folder = parts.slice(0, depth).join('/');
    let pending = cache.get(folder);
    if (!pending) {
      pending = templatesIn(root, folder, families).catch(() => []);
      cache.set(folder, pending);
    }
    // A template may be reached from two levels (adr-tools' templates/template.md from its decisions' folder, and from the folder above by its family's glob): keep it once, where it is nearest.
    for (const template of await pending) if (template.path !== path && !found.some((other) => other.path === template.path)) found.push(template);
  }
  return found;
}

async function templatesIn(root: string, folder: string, families: readonly Family[]): Promise<RepositoryTemplate[]> {
  const entries = await readdir(join(root, ...folder.split('/').filter(Boolean)), { withFileTypes: true }).catch(() => [] as Dirent[]);
  const candidates: string[] = [];
  // Found in a documentation folder beside the documents' (see NEARBY_FOLDER).
  const nearby = new Set<string>();
  // A template kept in a subfolder of the documents' folder (adr-tools' `templates/template.md`).
  const inSubfolders = templateFilesInSubfolders(families);
  for (const entry of entries.slice(0, MAX_ENTRIES).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const at = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      // A folder's document is its README, or a file named as the folder (Nervos keeps each RFC as `NNNN-x/NNNN-x.md`, its template as `0000-template/0000-template.md`).
      for (const name of [...FOLDER_DOCUMENTS, `${entry.name}.md`, ...(inSubfolders.get(entry.name) ?? [])]) {
        if (namedTemplate(families, `${at}/${name}`)) candidates.push(`${at}/${name}`);
      }
      // A folder of templates beside the documents' folders (`templates/adr-template.md` at the
      // top of a repository of decisions kept in `docs/`): each file named as a template.
      if (TEMPLATES_FOLDER.test(entry.name)) {
        const files = await readdir(join(root, ...at.split('/')), { withFileTypes: true }).catch(() => [] as Dirent[]);
        for (const file of files.slice(0, MAX_ENTRIES).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const path = `${at}/${file.name}`;
          // In `templates/` a file is a template whatever its name (Dapr's `templates/proposal.md`); in a folder of guidelines, only one named as a template.
          const named = inTemplatesFolder(path) || namedTemplate(families, path);
          if (!file.isDirectory() && /\.md$/i.test(file.name) && !candidates.includes(path) && named) candidates.push(path);
        }
      } else if (NEARBY_FOLDER.test(entry.name)) {
        const files = await readdir(join(root, ...at.split('/')), { withFileTypes: true }).catch(() => [] as Dirent[]);
        for (const file of files.slice(0, MAX_ENTRIES).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const path = `${at}/${file.name}`;
          if (file.isDirectory() || !/\.md$/i.test(file.name) || FOLDER_DOCUMENTS.includes(file.name) || candidates.includes(path) || !namedTemplate(families, path)) continue;
          candidates.push(path);
          nearby.add(path);
        }
      }
    } else if (/\.md$/i.test(entry.name) && namedTemplate(families, at)) {
      candidates.push(at);
    }
  }
  // Templates a family keeps in a folder of its own beside the documents' folders (spec-kit's `.specify/templates`).
  // Only where the folder's first part is here: most folders hold none, and a read of a missing folder costs an error each.
  const subfolders = new Set(entries.filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => entry.name));
  for (const kept of templateFolders(families)) {
    if (!subfolders.has(kept.split('/')[0] as string)) continue;
    const at = folder === '' ? kept : `${folder}/${kept}`;
    const files = await readdir(join(root, ...at.split('/')), { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const file of files.slice(0, MAX_ENTRIES).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!file.isDirectory() && /\.md$/i.test(file.name) && namedTemplate(families, `${at}/${file.name}`)) candidates.push(`${at}/${file.name}`);
    }
  }
  const templates: RepositoryTemplate[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const text = await readInside(root, candidate);
    if (text === undefined) continue;
    const document = parseSpec(text);
    const choice = identifyFamily({ document, path: candidate, families });
    if (!choice?.templateFile || seen.has(candidate.toLowerCase())) continue;
    seen.add(candidate.toLowerCase());
    // A file only named as a template is its family's when its headings say whose (a KEP
    // template kept as `proposals/NNNN-template/README.md`, outside any `keps/` folder);
    // otherwise it is of no family's, and serves only documents that follow its headings.
    const anyFamily = choice.templateFile === 'name only' && choice.how !== 'shape';
    templates.push(createRepositoryTemplate(text, candidate, choice.family, choice.kind, document, { anyFamily, nearby: nearby.has(candidate) }));
  }
  return templates;
}

/**
 * Whether some family could take the file for its template by its path alone (before it is
 * read), or by its path and the slots it holds (`001-proposal-template.md`, decided once read).
 */
function namedTemplate(families: readonly Family[], path: string): boolean {
  return families.some((family) => templateFileReason(family, path, true) !== undefined || numberedTemplateName(path, family.templateFiles?.words ?? []));
}

async function readInside(root: string, path: string): Promise<string | undefined> {
  const boundary = await realpath(root).catch(() => undefined);
  const real = await realpath(join(root, ...path.split('/'))).catch(() => undefined);
  if (!boundary || !real) return undefined;
  const inside = relative(boundary, real);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  const stat = await lstat(real).catch(() => undefined);
  if (!stat?.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
  const text = await readFile(real, 'utf8').catch(() => undefined);
  return text?.replace(/^\uFEFF/, '');
}

/**
 * The repository templates of each workspace folder, read as documents ask for them and
 * kept until a file that may be one changes ({@link isRepositoryTemplateFile}).
 */
export class RepositoryTemplateService {
  private caches = new WeakMap<readonly Family[], Map<string, RepositoryTemplateCache>>();

  constructor(private readonly folderOf: (uri: string) => string | undefined) {}

  /** The templates a document may follow, nearest first (see {@link repositoryTemplatesFor}); none outside every folder. */
  async templatesFor(uri: string, path: string, families: readonly Family[]): Promise<RepositoryTemplate[]> {
    const root = pathOfFileUri(this.folderOf(uri));
    if (root === undefined) return [];
    let byRoot = this.caches.get(families);
    if (!byRoot) this.caches.set(families, (byRoot = new Map()));
    let cache = byRoot.get(root);
    if (!cache) byRoot.set(root, (cache = new Map()));
    return repositoryTemplatesFor(root, path, families, cache);
  }

  /** Forget every folder's templates, after a file that may be one changed. */
  invalidate(): void {
    this.caches = new WeakMap();
  }
}

/** Whether a file URI may be a family's template by its name, so that a change to it must read the templates again. */
export function isRepositoryTemplateFile(uri: string, families: readonly Family[] = builtInFamilies()): boolean {
  const path = decodeURIComponent(uri.replace(/^[a-z]+:\/\/[^/]*/i, ''));
  const relative = path.replace(/^\/+/, '');
  // Any file of a templates folder is one whatever its name (see templatesIn).
  return /\.md$/i.test(path) && (namedTemplate(families, relative) || inTemplatesFolder(relative));
}
