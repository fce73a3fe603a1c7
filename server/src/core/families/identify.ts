import { globMatcher } from './glob';
import type { SpecDocument } from '../parse/spec-document';
import { recordedTemplateId, type TemplateChoice } from '../templates/detect';
import { normalizeTitle } from '../templates/section-keys';
import { DEFAULT_FAMILY_ID } from './built-in';
import type { Family, FamilyKind } from './family';
import { inTemplatesFolder, LANGUAGE_SUFFIX, namesTemplate, numberedTemplateName, TEMPLATE_SLOTS, templateFileReason, templateGlobOf, type TemplateFileReason } from './template-files';

/** Which family and kind a document is, and how that was decided (shown in the hover on its title). */
export interface FamilyChoice {
  readonly family: Family;
  /** The kind's id in the family, such as `tasks`. */
  readonly kind: string;
  /**
   * `template`: the document names or follows a template of the workspace; `path`: its
   * path matches the family's layout (`detail` is the glob); `shape`: its headings and
   * lines look like the kind's (`detail` says which); `default`: nothing else applied.
   */
  readonly how: 'template' | 'path' | 'shape' | 'default';
  readonly detail?: string;
  /**
   * Set when the file is the repository's own template of the family (MADR's
   * `adr-template.md`, a KEP's `NNNN-template/README.md`), and how its path shows it: a
   * template is meant to hold slots, so it is not checked for unfinished work.
   */
  readonly templateFile?: TemplateFileReason;
  /** With `templateFile: 'path'`: the family's glob of template files that the path matches. */
  readonly templateGlob?: string;
}

/** How much of a kind's shape a document must show to be taken for it when its path says nothing. */
export const SHAPE_THRESHOLD = 0.6;

/**
 * How much it must show in a folder where the family keeps its documents under names it knows
 * (a spec-kit feature folder's `issues.md` beside its `spec.md`), when the document is made of the
 * kind's own lines: half, such as those lines without its headings (`- [ ] T003 [P] …` in a list of its own).
 */
const FOLDER_SHAPE_THRESHOLD = 0.5;

/** How many of the kind's lines a document in the family's folder must hold for {@link FOLDER_SHAPE_THRESHOLD} to apply. */
const FOLDER_SHAPE_LINES = 3;

/** Each shape line's pattern made global, to count its lines; compiled once per pattern. */
const globalLines = new WeakMap<RegExp, RegExp>();

/** How many lines of `document` are of the kind's own forms (at most the threshold's worth are counted). */
function linesOfShape(kind: FamilyKind | undefined, document: SpecDocument): number {
  let count = 0;
  for (const pattern of kind?.shape?.lines ?? []) {
    let global = globalLines.get(pattern);
    if (!global) {
      global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      globalLines.set(pattern, global);
    }
    global.lastIndex = 0;
    for (let m = global.exec(document.text); m && count < FOLDER_SHAPE_LINES; m = global.exec(document.text)) {
      count++;
      if (m[0].length === 0) global.lastIndex++;
    }
  }
  return count;
}

export interface IdentifyInput {
  readonly document: SpecDocument;
  /** The file's path relative to its workspace folder (forward slashes), when known. */
  readonly path?: string;
  readonly families: readonly Family[];
  /** The template the document follows, if it follows one. */
  readonly template?: TemplateChoice;
}

/**
 * Decides a document's family and kind: a spec that names a Specwright template in its
 * front matter belongs to the default family; otherwise the first family whose path
 * globs match the file (several families may share a folder, as MADR and Nygard ADRs do:
 * then the shape decides among them); otherwise the kind whose shape the document shows
 * best, when that reaches {@link SHAPE_THRESHOLD}; otherwise the default family (which
 * holds specs that follow a template by their headings, and every other spec). Pure and
 * deterministic; `families` come in the order their paths are tried.
 */
export function identifyFamily(input: IdentifyInput): FamilyChoice | undefined {
  const { document, families } = input;
  const fallback = families.find((family) => family.id === DEFAULT_FAMILY_ID) ?? families[families.length - 1];
  if (!fallback) return undefined;
  if (recordedTemplateId(document) !== undefined && input.template?.how === 'front-matter') {
    return { family: fallback, kind: firstKind(fallback), how: 'template', detail: input.template.template.id };
  }
  const headings = headingKeys(document);
  if (input.path !== undefined) {
    const byPath: { family: Family; kind: string; glob: string; shapeFirst: boolean }[] = [];
    for (const family of families) {
      // A place that holds other pages too counts only for a document that shows the kind (see `shaped`).
      const hit = family.paths.find(
        (entry) => globMatcher(entry.glob)(input.path as string) && (!entry.shaped || shapeScore(family.kinds[entry.kind], document, headings) >= FOLDER_SHAPE_THRESHOLD),
      );
      if (hit) byPath.push({ family, kind: hit.kind, glob: hit.glob, shapeFirst: hit.shapeFirst === true });
    }
    if (byPath.length === 1 || (byPath.length > 1 && byPath[0]?.glob !== byPath[1]?.glob)) {
      const first = byPath[0] as (typeof byPath)[number];
      const byShape = first.shapeFirst ? bestByShape(families.filter((family) => family !== first.family && family !== fallback), document, headings) : undefined;
      if (byShape) return namedAsTemplate({ ...byShape, detail: `${byShape.detail}, in a folder other processes use too` }, input.path, families, document);
      return withTemplateFile({ family: first.family, kind: first.kind, how: 'path', detail: first.glob }, input.path, document);
    }
    if (byPath.length > 1) {
      // Families that share a layout: the one whose kind the document resembles most.
      let best = byPath[0] as (typeof byPath)[number];
      let bestScore = -1;
      for (const candidate of byPath) {
        const score = shapeScore(candidate.family.kinds[candidate.kind], document, headings);
        if (score > bestScore) {
          best = candidate;
          bestScore = score;
        }
      }
      return withTemplateFile({ family: best.family, kind: best.kind, how: 'path', detail: best.glob }, input.path, document);
    }
    // Outside the families' folders, a file one of them keeps its template in (spec-kit's
    // `.specify/templates/`); where families share the place (adr-tools' `templates/template.md`
    // serves MADR and Nygard decisions alike), the one whose kind the template resembles most.
    let template: FamilyChoice | undefined;
    let templateScore = -1;
    for (const family of families) {
      const glob = templateGlobOf(family, input.path);
      if (glob === undefined) continue;
      let kind = firstKind(family);
      let bestScore = 0;
      for (const [id, description] of Object.entries(family.kinds)) {
        const score = shapeScore(description, document, headings);
        if (score > bestScore) {
          kind = id;
          bestScore = score;
        }
      }
      // A template named for its kind (`quickstart-template.md`) is that kind's, whatever its headings.
      kind = kindByTemplateName(family, input.path) ?? kind;
      if (bestScore > templateScore) {
        template = { family, kind, how: 'path', detail: glob, templateFile: 'path', templateGlob: glob };
        templateScore = bestScore;
      }
    }
    if (template) return template;
  }
  const best = bestByShape(families, document, headings, input.path);
  if (best) return namedAsTemplate(best, input.path, families, document);
  if (input.template) return namedAsTemplate({ family: fallback, kind: firstKind(fallback), how: 'template', detail: input.template.template.id }, input.path, families, document);
  return namedAsTemplate({ family: fallback, kind: firstKind(fallback), how: 'default' }, input.path, families, document);
}

/**
 * The kind of these families a document shows best by its headings and lines, at the usual
 * bar; with its `path`, at half the bar in a family's folder for a document made of the kind's
 * lines (see {@link FOLDER_SHAPE_THRESHOLD}). Without a path, no folder lowers it.
 */
function bestByShape(families: readonly Family[], document: SpecDocument, headings: ReadonlySet<string>, path?: string): FamilyChoice | undefined {
  let best: FamilyChoice | undefined;
  let bestScore = 0;
  for (const family of families) {
    const inFolder = path !== undefined && inFamilyFolder(family, path);
    for (const [kind, description] of Object.entries(family.kinds)) {
      const score = shapeScore(description, document, headings);
      // Half is enough in the family's folder only for a document made of the kind's lines (a task list), not one that has one of them.
      const threshold = inFolder && linesOfShape(description, document) >= FOLDER_SHAPE_LINES ? FOLDER_SHAPE_THRESHOLD : SHAPE_THRESHOLD;
      if (score >= threshold && score > bestScore) {
        bestScore = score;
        const detail = shapeDetail(description, document, headings);
        // The hover says when the folder is what made the difference.
        best = { family, kind, how: 'shape', detail: score < SHAPE_THRESHOLD ? `${detail}, in a folder of its layout` : detail };
      }
    }
  }
  return best;
}

/**
 * A file whose name ends in a template word (`template.md`, `feature-template.md`,
 * `spec_vorlage.md`, in any of the families' words) where no family keeps its templates is
 * a template all the same: it is meant to hold slots, so it is not checked for them. A name
 * that only mentions templates (`template-contracts.md`, `example-templates.md`) is a document's.
 * A README or index is named by its folder (`proposals/NNNN-template/README.md`), and any
 * other file in a folder of templates by that folder (`templates/proposal.md`).
 */
function namedAsTemplate(choice: FamilyChoice, path: string | undefined, families: readonly Family[], document: SpecDocument): FamilyChoice {
  if (path === undefined || choice.templateFile) return choice;
  const words = new Set(families.flatMap((family) => family.templateFiles?.words ?? []));
  if (words.size === 0) words.add('template');
  const parts = path.split('/');
  const stem = (parts.pop() ?? '').replace(/\.[^.]*$/, '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  // A README or index stands for its folder: `proposals/NNNN-template/README.md`.
  if (/^(?:readme|index)$/.test(stem)) {
    const folder = parts.pop();
    return folder !== undefined && namesTemplate(folder, [...words]) ? { ...choice, templateFile: 'name only' } : choice;
  }
  // A file in a folder of templates is one whatever its name (Dapr's `templates/proposal.md`).
  if (inTemplatesFolder(path)) return { ...choice, templateFile: 'name only' };
  // The series' document numbered zero (conda's `cep-0000.md`, `adr-000.md`), which the others start from.
  if (/^[a-z]{2,5}[-_ ]0{3,}$/.test(stem)) return { ...choice, templateFile: 'name only' };
  // Numbered as a document (`001-proposal-template.md`): a template only if it holds slots of its own.
  if (numberedTemplateName(path, [...words])) return holdsSlots(document) ? { ...choice, templateFile: 'name only' } : choice;
  // The last word, past a translation's suffix (`adr-template-de.md`).
  const stemWords = stem.split(/[-_ .]+/).filter((word) => word !== '');
  while (stemWords.length > 1 && LANGUAGE_SUFFIX.test(stemWords[stemWords.length - 1] as string)) stemWords.pop();
  const last = /^\p{L}+$/u.test(stemWords[stemWords.length - 1] ?? '') ? stemWords[stemWords.length - 1] : undefined;
  return last !== undefined && words.has(last) ? { ...choice, templateFile: 'name only' } : choice;
}

/**
 * Whether a document holds slots of its own, as a template does and the decision that adopted
 * one does not: what tells a file named `001-proposal-template.md` for which it is.
 */
function holdsSlots(document: SpecDocument): boolean {
  return document.placeholders.length >= TEMPLATE_SLOTS;
}

/** The families (and kinds) whose layout a path matches, without reading the document. */
export function familiesByPath(families: readonly Family[], path: string): { family: Family; kind: string }[] {
  return families.flatMap((family) => {
    const hit = family.paths.find((entry) => globMatcher(entry.glob)(path));
    return hit ? [{ family, kind: hit.kind }] : [];
  });
}

function withTemplateFile(choice: FamilyChoice, path: string, document: SpecDocument): FamilyChoice {
  // A file in a folder of templates among the family's documents (`docs/proposals/templates/proposal.md`) is the family's template, named by that folder.
  const reason =
    templateFileReason(choice.family, path, true) ??
    (inTemplatesFolder(path) ? 'folder name' : undefined) ??
    (numberedTemplateName(path, choice.family.templateFiles?.words ?? []) && holdsSlots(document) ? 'file name and slots' : undefined);
  if (!reason) return choice;
  const glob = reason === 'path' ? templateGlobOf(choice.family, path) : undefined;
  return { ...choice, templateFile: reason, ...(glob !== undefined ? { templateGlob: glob } : {}) };
}

const folderMatchers = new WeakMap<Family, readonly ((path: string) => boolean)[]>();

/**
 * Whether `path` is a Markdown file in a folder where `family` keeps documents by fixed names
 * (spec-kit's `specs/<feature>/tasks.md` makes `specs/002-x/` such a folder), though not under one of them.
 */
function inFamilyFolder(family: Family, path: string): boolean {
  let matchers = folderMatchers.get(family);
  if (!matchers) {
    const globs = family.paths.map((entry) => entry.glob).filter((glob) => /\/[^/*?[{]+\.md$/.test(glob));
    matchers = [...new Set(globs.map((glob) => glob.replace(/[^/]+$/, '*.md')))].map((glob) => globMatcher(glob));
    folderMatchers.set(family, matchers);
  }
  return matchers.some((matches) => matches(path));
}

/**
 * The kind a template file's name gives once its template words are left out: the name of
 * the kind's documents (`quickstart-template.md` → `quickstart.md`, spec-kit's quickstart;
 * cc-sdd's `templates/specs/design.md`, Kiro's design) or the kind's id (`checklist-template.md`).
 */
export function kindByTemplateName(family: Family, path: string): string | undefined {
  const words = new Set(['template', ...(family.templateFiles?.words ?? [])]);
  const stem = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase();
  const name = stem
    .split(/[-_.]+/)
    .filter((word) => word !== '' && !words.has(word))
    .join('-');
  if (name === '') return undefined;
  for (const entry of family.paths) {
    const file = (entry.glob.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
    if (file.toLowerCase() === name && !/[*?[\]{}()!+@]/.test(file)) return entry.kind;
  }
  return Object.keys(family.kinds).find((id) => id === name);
}

function firstKind(family: Family): string {
  return Object.keys(family.kinds)[0] ?? 'spec';
}


function headingKeys(document: SpecDocument): Set<string> {
  const keys = new Set<string>();
  for (const section of document.outline.flat) keys.add(normalizeTitle(section.title));
  return keys;
}

/**
 * How much of a kind's shape a document shows, 0–1: the share of the shape's headings it
 * has; when the shape names lines too, a document with none of them scores at most half.
 * A kind without a shape scores 0 (it is recognised by its path only).
 */
function shapeScore(kind: FamilyKind | undefined, document: SpecDocument, headings: ReadonlySet<string>): number {
  const shape = kind?.shape;
  if (!shape) return 0;
  const wanted = shape.headings.map(normalizeTitle);
  const headingShare = wanted.length === 0 ? 1 : wanted.filter((key) => headings.has(key)).length / wanted.length;
  if (shape.lines.length === 0) return headingShare;
  const lineFound = shape.lines.some((pattern) => pattern.test(document.text));
  return lineFound ? (wanted.length === 0 ? 1 : (headingShare + 1) / 2) : headingShare / 2;
}

function shapeDetail(kind: FamilyKind, document: SpecDocument, headings: ReadonlySet<string>): string {
  const found = (kind.shape?.headings ?? []).filter((heading) => headings.has(normalizeTitle(heading)));
  const lines = (kind.shape?.lines ?? []).filter((pattern) => pattern.test(document.text)).length;
  const parts = [];
  if (found.length > 0) parts.push(`headings ${found.map((heading) => `“${heading}”`).join(', ')}`);
  if (lines > 0) parts.push(lines === 1 ? 'a line of its own form' : `${lines} lines of its own form`);
  return parts.join(' and ');
}
