import { globMatcher } from './glob';
import type { Family } from './family';

/**
 * How a file was taken for its family's template: its own name, its folder's name (a README),
 * or a glob of the family's; `name only` for a file named as a template where no family keeps
 * its templates (`specs/feature-template.md`): a template all the same, of nobody's documents;
 * `file name and slots` for one numbered as the series' first document and named for the
 * kind's template (`001-proposal-template.md`) that holds slots of its own (see
 * {@link numberedTemplateName}).
 */
export type TemplateFileReason = 'file name' | 'folder name' | 'path' | 'name only' | 'file name and slots';

/** Files that stand for their folder: a KEP's `NNNN-template/README.md` is named by its folder. */
const FOLDER_DOCUMENTS = new Set(['readme', 'index']);

/**
 * Whether a file, at `path` relative to its workspace folder (forward slashes), is the
 * repository's own template of `family` by its name, and how that shows; undefined for a
 * document. A file the family's `templateFiles.paths` name is one wherever it is; otherwise,
 * when `inFolders` (the path lies in the family's folders), a file whose name — a README's
 * or index's: its folder's — is one of the family's template words next to at most one other
 * word (`template.md`, `adr-template.md`, `0000-modele-adr.md`, `NNNN-template/README.md`),
 * after a number of zeros, a letter mask such as `NNNN` or a date mask (`yyyy-mm-dd-template.md`). A file numbered otherwise
 * (`0001-choose-a-template.md`) is a document, and so is one whose name only mentions
 * a template among other words. Pure.
 */
export function templateFileReason(family: Family, path: string, inFolders: boolean): TemplateFileReason | undefined {
  const files = family.templateFiles;
  if (!files) return undefined;
  if (templateGlobOf(family, path) !== undefined) return 'path';
  if (!inFolders || files.words.length === 0) return undefined;
  const words = files.words;
  const parts = path.split('/');
  const file = parts[parts.length - 1] ?? '';
  const stem = file.replace(/\.[^.]*$/, '');
  if (FOLDER_DOCUMENTS.has(stem.toLowerCase())) {
    const folder = parts[parts.length - 2];
    return folder !== undefined && namesTemplate(folder, words) ? 'folder name' : undefined;
  }
  return namesTemplate(stem, words) ? 'file name' : undefined;
}

/** The glob of the family's `templateFiles.paths` that `path` matches, if any. */
export function templateGlobOf(family: Family, path: string): string | undefined {
  return family.templateFiles?.paths.find((glob) => globMatcher(glob)(path));
}

/**
 * The template files the families keep in a subfolder of a fixed name, by that folder's
 * name: the last two parts of each `templateFiles.paths` glob, when neither is a pattern
 * (adr-tools' `templates/template.md` inside the decisions' folder). A reader of folders
 * looks for these inside each subfolder so named. Pure.
 */
export function templateFilesInSubfolders(families: readonly Family[]): ReadonlyMap<string, readonly string[]> {
  const found = new Map<string, string[]>();
  for (const glob of families.flatMap((family) => family.templateFiles?.paths ?? [])) {
    const [folder, file] = glob.split('/').slice(-2);
    if (folder === undefined || file === undefined || /[*?[\]{}()!+@]/.test(folder + file)) continue;
    const files = found.get(folder) ?? [];
    if (!files.includes(file)) files.push(file);
    found.set(folder, files);
  }
  return found;
}

/** A folder whose files are templates whatever their names: `templates/`, `_templates/`. */
export const TEMPLATES_FOLDER_NAME = /^_?templates?$/i;

/**
 * Whether the file at `path` (forward slashes) is one of a templates folder's
 * ({@link TEMPLATES_FOLDER_NAME}), its README or index aside: Dapr's `templates/proposal.md`. Pure.
 */
export function inTemplatesFolder(path: string): boolean {
  const parts = path.split('/');
  return parts.length > 1 && TEMPLATES_FOLDER_NAME.test(parts[parts.length - 2] as string) && !/^(?:readme|index)\.md$/i.test(parts[parts.length - 1] as string);
}

/** Whether a file or folder name is a template's name, in the sense of {@link templateFileReason}. */
export function namesTemplate(name: string, templateWords: readonly string[]): boolean {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const first = words[0];
  let numbered = false;
  if (first !== undefined && /^\d+$/.test(first)) {
    // A document's number makes it a document; a number of zeros is a template's.
    if (!/^0+$/.test(first)) return false;
    words.shift();
    numbered = true;
  } else if (words.length > 3 && words[0] === 'yyyy' && words[1] === 'mm' && words[2] === 'dd') {
    // A date mask standing for the date a document is named by: `yyyy-mm-dd-template.md`.
    words.splice(0, 3);
    numbered = true;
  } else if (words.length > 1 && first === 'yyyymmdd') {
    // The same mask written as one word: `YYYYMMDD-proposal-template.md`.
    words.shift();
    numbered = true;
  } else if (first !== undefined && /^(?:[a-z]{0,5}?)([nx])\1{2,}$/.test(first) && words.length > 1) {
    // A letter mask standing for the number, alone or after the kind's prefix: NNNN, XXXX, ADRXXX.
    words.shift();
    numbered = true;
  }
  // A number of zeros after the kind's prefix: `RFC-0000-template.md`, `KEP-0000-template.md`.
  if (!numbered && words.length > 2 && /^0+$/.test(words[1] as string) && /^[a-z]{2,5}$/.test(words[0] as string)) {
    words.splice(1, 1);
    numbered = true;
  }
  // The series' document numbered zero, the kind's prefix and zeros alone: conda's `cep-0000.md`
  // beside `cep-0022.md`, onetimesecret's `adr-000.md` beside `adr-032-decide-by-default.md`, is
  // the template the others start from (`spec-00.md`, of a series numbered in two digits, is not).
  if (!numbered && words.length === 2 && /^0{3,}$/.test(words[1] as string) && /^[a-z]{2,5}$/.test(words[0] as string)) return true;
  // A translation's suffix: `0000-adr-template-de.md`, `template.zh-cn.md`.
  while (words.length > 1 && LANGUAGE_SUFFIX.test(words[words.length - 1] as string)) words.pop();
  const known = new Set(templateWords);
  // `0000-example.md`: a numbered example of the kind's document is its template (OpenDAL's RFCs).
  if (numbered && words.length === 1 && words[0] === 'example') return true;
  // The kind's own name before the word: `ADRXXX-architecture-decision-record-template.md`.
  const others = words.filter((word) => !known.has(word));
  return words.length >= 1 && words.some((word) => known.has(word)) && (words.length <= 2 || others.every((word) => DOCUMENT_KIND_WORDS.has(word)));
}

/**
 * Whether a file's name, numbered other than with zeros, names nothing but the kind's template:
 * `001-proposal-template.md`, `0001-adr-template.md`, `01-template.md`. Such a file is either the
 * template a series numbered from it (Argo CD's proposals start from `001-proposal-template.md`) or
 * the decision that adopted one, so only its text can tell: a caller takes it for a template when
 * it holds slots of its own (see {@link TEMPLATE_SLOTS}). Pure.
 */
export function numberedTemplateName(path: string, templateWords: readonly string[]): boolean {
  const file = path.split('/').pop() ?? '';
  const words = file
    .replace(/\.[^.]*$/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  const first = words.shift();
  if (first === undefined || !/^\d+$/.test(first) || /^0+$/.test(first)) return false;
  while (words.length > 1 && LANGUAGE_SUFFIX.test(words[words.length - 1] as string)) words.pop();
  const known = new Set(templateWords);
  return words.length >= 1 && known.has(words[words.length - 1] as string) && words.every((word) => known.has(word) || DOCUMENT_KIND_WORDS.has(word));
}

/** How many slots a file {@link numberedTemplateName | numbered and named as a template} must hold to be taken for one. */
export const TEMPLATE_SLOTS = 3;

/** The language codes a translated file's name ends with (`-de`, `.ja`, `_zh-cn` as two words). */
export const LANGUAGE_SUFFIX = /^(?:de|en|fr|es|it|pt|br|nl|ja|jp|zh|cn|tw|hans|hant|ko|kr|ru|pl|sv|tr|uk|ua|cs|da|fi|nb|el|he|ar|vi|th|hu|ro)$/;

/** Words that name a kind of document, which a template's file name may spell out before the template word. */
const DOCUMENT_KIND_WORDS = new Set(['architecture', 'architectural', 'decision', 'decisions', 'record', 'records', 'adr', 'rfc', 'kep', 'proposal', 'design', 'enhancement', 'request', 'for', 'comments', 'spec', 'specification', 'feature']);

/**
 * The folders, relative to a folder a document lies in or above, where the families keep
 * their templates apart from their documents: the fixed folders named in a
 * `templateFiles.paths` glob that starts with any folder and ends with the files in them
 * (spec-kit's `.specify/templates/*.md`, Cilium's `cfps/CFP-*-template.md` beside the
 * folders of its proposals). One folder named before a file of a fixed name is a subfolder
 * of the documents' own (see {@link templateFilesInSubfolders}). A reader of folders also
 * looks in these. Pure.
 */
export function templateFolders(families: readonly Family[]): readonly string[] {
  const found = new Set<string>();
  for (const glob of families.flatMap((family) => family.templateFiles?.paths ?? [])) {
    const parts = glob.split('/');
    if (parts[0] !== '**' || parts.length < 3 || (parts.length === 3 && !/[*?[\]{}()!+@]/.test(parts[2] as string))) continue;
    const folders = parts.slice(1, -1);
    if (folders.some((part) => part === '' || /[*?[\]{}()!+@]/.test(part))) continue;
    found.add(folders.join('/'));
  }
  return [...found];
}
