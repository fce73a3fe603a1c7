import { matchSections, type SectionMatch } from '../templates/match';
import { defaultManifest } from '../templates/manifest';
import { normalizeTitle } from '../templates/section-keys';
import { DETECTION_THRESHOLD, recordedTemplateId, similarity, type TemplateChoice } from '../templates/detect';
import { createTemplate, normalizeTemplateText, type Template } from '../templates/template';
import { parseSpec, type SpecDocument } from '../parse/spec-document';
import type { Family } from './family';
import type { FamilyChoice } from './identify';

/** A repository's own template of a family (see `templateFileReason`), read and ready to check the family's documents against. */
export interface RepositoryTemplate {
  /** The family and kind the template file was identified as. */
  readonly family: string;
  readonly kind: string;
  /** Its path relative to the workspace folder, for people. */
  readonly path: string;
  readonly template: Template;
  /**
   * Named as a template, in a place and of a shape no family claims (osac's
   * `guidelines/design_template.md`): it serves a document of any family whose headings
   * follow it at the threshold a Specwright template is recognised at.
   */
  readonly anyFamily?: boolean;
  /**
   * Kept apart from the documents' folders, in the repository's documentation (`docs/adr_template.md`
   * beside `decisions/`): it serves only documents whose headings follow it at that threshold.
   */
  readonly nearby?: boolean;
}

/**
 * Builds a repository's template of `family`'s `kind` from the template file's text. Its
 * headings are its sections, as in any template; the sections the family requires of the
 * kind (matched by title) are required, the others optional, so that a document that leaves
 * out what the family lets it leave out is not told it misses a section. Never throws.
 */
export function createRepositoryTemplate(
  text: string,
  path: string,
  family: Family,
  kind: string,
  parsed?: SpecDocument,
  { anyFamily = false, nearby = false }: { anyFamily?: boolean; nearby?: boolean } = {},
): RepositoryTemplate {
  const required = new Set((family.kinds[kind]?.sections.required ?? []).map(normalizeTitle));
  const id = `repository-${family.id}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase()}`.slice(0, 64);
  // Messages name a template by its label: the file says which one it is.
  const label = path;
  // The titles are read from a first pass, so that the manifest can name the optional ones.
  // Parsed once, for both passes (and not again when the caller parsed the same text to identify it).
  const normalized = normalizeTemplateText(text);
  const document = parsed?.text === normalized ? parsed : parseSpec(normalized);
  const draft = createTemplate(defaultManifest(id, label), text, 'repository', path, undefined, document);
  // Not the title: a section under an optional one is optional too, and every section lies under the title.
  const optional = draft.sections.filter((section) => !section.isTitle && !required.has(normalizeTitle(section.title))).map((section) => section.title);
  const base = defaultManifest(id, label);
  const template = createTemplate({ ...base, sections: { ...base.sections, optional } }, text, 'repository', path, undefined, document);
  return { family: family.id, kind, path, template, ...(anyFamily ? { anyFamily } : {}), ...(nearby ? { nearby } : {}) };
}

/**
 * A document's headings matched against a repository template, once per pair: the family a
 * default-family document adopts and the template it then follows are chosen from the same
 * candidates, one after the other. Documents are immutable, so the match stays good.
 */
const matches = new WeakMap<SpecDocument, WeakMap<Template, SectionMatch>>();

function matchOf(template: Template, document: SpecDocument): SectionMatch {
  let byTemplate = matches.get(document);
  if (!byTemplate) matches.set(document, (byTemplate = new WeakMap()));
  let match = byTemplate.get(template);
  if (!match) byTemplate.set(template, (match = matchSections(template, document)));
  return match;
}

/**
 * The repository template a document of `family` follows: of `candidates` (the nearest
 * first) of the document's family and kind, the one whose headings it matches best (the
 * nearest of equals), paired with its headings. Undefined for
 * a template file itself, a document that names a Specwright template in its front matter
 * (`specwright: <id>`, whether or not `current` is that template), or when no candidate fits.
 */
export function chooseRepositoryTemplate(
  document: SpecDocument,
  family: FamilyChoice | undefined,
  candidates: readonly RepositoryTemplate[],
  current: TemplateChoice | undefined,
): TemplateChoice | undefined {
  if (!family || family.templateFile || current?.how === 'front-matter' || recordedTemplateId(document) !== undefined) return undefined;
  // Of several (a kit's folder of templates holds more than one per kind: spec-kit's
  // agent-file-template.md has a plan's Project Structure), the one its headings match best.
  let best: TemplateChoice | undefined;
  for (const candidate of candidates) {
    if (!candidate.anyFamily && (candidate.family !== family.family.id || candidate.kind !== family.kind)) continue;
    const match = matchOf(candidate.template, document);
    const score = similarity(candidate.template, match);
    // A template of no family's, or one kept apart from the documents, is followed only where the document's headings show it.
    if ((candidate.anyFamily || candidate.nearby) && score < DETECTION_THRESHOLD) continue;
    if (!best || score > best.score) best = { template: candidate.template, how: 'repository', score, match };
  }
  return best;
}

/**
 * The family a document nothing else placed (the default family's, by default) takes from a
 * repository template it follows: of `candidates`, the one whose headings it matches best, at
 * the threshold a Specwright template is recognised at. A design kept as
 * `docs/design/0007-x.md` beside the team's `docs/design/0000-template.md`, a folder no family
 * keeps its documents in, is then checked against it; one that does not follow it stays as it was.
 */
export function familyFromRepositoryTemplate(
  document: SpecDocument,
  family: FamilyChoice | undefined,
  candidates: readonly RepositoryTemplate[],
  families: readonly Family[],
): FamilyChoice | undefined {
  if (family?.how !== 'default' || family.templateFile || recordedTemplateId(document) !== undefined) return undefined;
  let best: { candidate: RepositoryTemplate; score: number } | undefined;
  for (const candidate of candidates) {
    // A template of no family's gives none to adopt; the document may still follow it (see chooseRepositoryTemplate).
    if (candidate.anyFamily) continue;
    const score = similarity(candidate.template, matchOf(candidate.template, document));
    if (score >= DETECTION_THRESHOLD && (!best || score > best.score)) best = { candidate, score };
  }
  const adopted = best && families.find((entry) => entry.id === best.candidate.family);
  return adopted && best ? { family: adopted, kind: best.candidate.kind, how: 'template', detail: best.candidate.path } : undefined;
}
