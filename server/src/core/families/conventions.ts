import type { Node, Parent } from 'mdast';
import { parseDocument } from 'yaml';
import { parseSpec } from '../parse/spec-document';
import { escapeRegExp } from '../parse/strings';
import { sameTitle } from './blocks';
import { familiesByPath } from './identify';
import type { Family, FamilyKind, RequirementBlocks, ShapedBy } from './family';

/**
 * What a repository's own files say about how it writes one family's documents, read
 * from their text by the functions below (the workspace layer reads the files): the
 * words it uses for the family's terms, and the sections of the documents its own
 * templates make. Plain data, so it crosses to worker threads as it is.
 */
export interface RepositoryConventions {
  readonly family: string;
  /** The repository's word for a term of the family (`requirement` → `需求`), and the file that says so. */
  readonly terms: readonly { readonly term: string; readonly word: string; readonly file: string }[];
  /** Documents the repository's templates make: their file name in a change's folder and their sections. */
  readonly kinds: readonly ConventionKind[];
  /** Files read that change nothing, and why, for the hover. */
  readonly notes: readonly ShapedBy[];
}

/** A document a repository template makes, with the template's top-level sections in order. */
export interface ConventionKind {
  /** The artifact's id in the schema (`proposal`). */
  readonly id: string;
  /** The file it makes, relative to a change's folder (`proposal.md`). */
  readonly generates: string;
  /** The template file, relative to the workspace folder, for the hover. */
  readonly file: string;
  readonly sections: readonly string[];
  /** Bracketed tags its task lines start with (`[TDD]`): the repository's markup, never placeholders. */
  readonly tags?: readonly string[];
}

/** An artifact of an OpenSpec schema (`schema.yaml`): what it makes, from which template. */
export interface SchemaArtifact {
  readonly id: string;
  readonly generates: string;
  readonly template: string;
}

interface Heading {
  readonly depth: number;
  readonly title: string;
}

const DELTA_TERMS = ['added', 'modified', 'removed', 'renamed'] as const;
/** The proposal's sections in the order the kit's instructions show them. */
const PROPOSAL_TERMS = ['why', 'whatChanges', 'impact'] as const;
/** Most artifacts read from one schema. */
export const MAX_ARTIFACTS = 50;

/**
 * The terms an instructions file (OpenSpec's `openspec/AGENTS.md`, as written by the kit or
 * translated) uses, from the headings its examples show in code: the word before the colon
 * of the first level-3 heading (requirements) and of the first level-4 one (scenarios); the
 * level-2 headings that hold the requirement word, in the order first shown (added,
 * modified, removed, renamed); the part of them from that word on (the requirements
 * section); and the three sections of the example that follows a mention of `proposal.md`.
 * What the file does not show is left out. Never throws.
 */
export function termsFromInstructions(text: string, file: string): RepositoryConventions['terms'] {
  const headings: Heading[] = [];
  let proposal: Heading[] | undefined;
  const document = parseSpec(text);
  const stack: Node[] = [...document.root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'code' || node.type === 'inlineCode') {
      const found = headingLines((node as unknown as { value: string }).value);
      headings.push(...found);
      const start = node.position?.start.offset;
      if (node.type === 'code' && proposal === undefined && start !== undefined && /proposal\.md/.test(lastLine(text.slice(Math.max(0, start - 300), start)))) {
        proposal = found.filter((heading) => heading.depth === 2);
      }
    } else if ('children' in node) {
      const children = (node as Parent).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  const terms = termsFromHeadings(headings, false).map((entry) => ({ ...entry, file }));
  if (proposal?.length === PROPOSAL_TERMS.length) {
    proposal.forEach((heading, index) => terms.push({ term: PROPOSAL_TERMS[index] as string, word: heading.title, file }));
  }
  return terms;
}

/**
 * The terms a template of spec deltas uses (the template of a schema's artifact that makes
 * `specs/**`): as {@link termsFromInstructions}, from its real headings, and a level-2
 * heading before the first delta section, if any, as the purpose.
 */
export function termsFromDeltaTemplate(text: string, file: string): RepositoryConventions['terms'] {
  return termsFromHeadings(templateHeadings(text), true).map((entry) => ({ ...entry, file }));
}

/** A template's top-level sections (below its title), placeholders and comments aside: what a document it makes must have. */
export function templateSections(text: string): string[] {
  const headings = templateHeadings(text).filter((heading) => heading.title !== '' && !/^[\d.\s]*$/.test(heading.title));
  const top = Math.min(...headings.map((heading) => heading.depth));
  const atTop = headings.filter((heading) => heading.depth === top);
  // A lone first-level heading is the document's title.
  const sections = top === 1 && atTop.length === 1 ? headings.filter((heading) => heading.depth === 2) : atTop;
  return sections.map((heading) => heading.title).filter((title, index, all) => all.findIndex((other) => sameTitle(other, title)) === index);
}

/**
 * The bracketed tags a template writes at the start of its task lines, after the task's
 * number (`- [ ] 1.1 [TDD][RED] …`), as spec-kit writes `[P]` and `[US1]`: tags of one
 * word, outside fenced code. Documents made from the template carry them as markup.
 */
export function templateTags(text: string): string[] {
  const tags = new Set<string>();
  let fence: string | undefined;
  for (const line of text.split(/\r\n?|\n/)) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const lead = /^\s*[-*+] \[[ xX]\]\*? (?:[A-Z]*\d+(?:\.\d+)*\.?\s+)?((?:\[[^\][\s<>]{1,40}\]\s*)+)/u.exec(line)?.[1];
    for (const tag of lead?.match(/\[[^\]]+\]/g) ?? []) if (!/^\[[ xX]\]$/.test(tag)) tags.add(tag);
  }
  return [...tags];
}

/** The `schema:` an OpenSpec project configuration names, or why none can be used. */
export function schemaNameOf(text: string): { name?: string; problem?: string } {
  const value = yamlValue(text);
  if ('problem' in value) return { problem: value.problem };
  const schema = isRecord(value.value) ? value.value.schema : undefined;
  if (schema === undefined) return {};
  if (typeof schema !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(schema) || schema.includes('..')) {
    return { problem: `Expected \`schema\` to be a schema's name, found ${JSON.stringify(schema).slice(0, 80)}` };
  }
  return { name: schema };
}

/** The artifacts of an OpenSpec schema (`schema.yaml`), those whose files and templates are plain relative paths. */
export function artifactsOf(text: string): { artifacts: SchemaArtifact[]; problems: string[] } {
  const value = yamlValue(text);
  if ('problem' in value) return { artifacts: [], problems: [value.problem] };
  const raw = isRecord(value.value) ? value.value.artifacts : undefined;
  if (!Array.isArray(raw)) return { artifacts: [], problems: ['Expected a list of `artifacts`, found none'] };
  const artifacts: SchemaArtifact[] = [];
  const problems: string[] = [];
  for (const entry of raw.slice(0, MAX_ARTIFACTS)) {
    const id = isRecord(entry) ? entry.id : undefined;
    const generates = isRecord(entry) ? entry.generates : undefined;
    const template = isRecord(entry) ? entry.template : undefined;
    if (typeof id !== 'string' || !isRelative(generates) || !isRelative(template)) {
      problems.push(`Expected an artifact with an \`id\`, and \`generates\` and \`template\` paths inside their folders, found ${JSON.stringify(entry)?.slice(0, 80)}`);
      continue;
    }
    artifacts.push({ id, generates, template });
  }
  if (raw.length > MAX_ARTIFACTS) problems.push(`Expected at most ${MAX_ARTIFACTS} artifacts, found ${raw.length}: the others are not read`);
  return { artifacts, problems };
}

/** Whether an artifact makes many files (`specs/**\/*.md`): a schema's spec deltas. */
export function makesMany(artifact: SchemaArtifact): boolean {
  return /[*?[{]/.test(artifact.generates);
}

/**
 * The families as a repository's conventions shape them. Terms the repository writes
 * otherwise are renamed in section titles (required, optional, lengths, deltas, shapes)
 * and widened in block headings and the blocks' sections (both words are read); a section
 * term the repository's files leave unnamed while they rename others is no longer required.
 * A template's sections become the required sections of the kind whose path its file
 * matches (those the built-in kind lists as optional stay optional), or of a new kind for
 * a file the family does not know. Families without conventions are returned as they are.
 */
export function applyConventions(families: readonly Family[], conventions: readonly RepositoryConventions[]): Family[] {
  return families.map((family) => {
    const own = conventions.filter((entry) => entry.family === family.id);
    return own.length === 0 || !family.conventions ? family : shape(family, own);
  });
}

function shape(family: Family, conventions: readonly RepositoryConventions[]): Family {
  const builtIn = (family.conventions as NonNullable<Family['conventions']>).terms;
  const given = new Map<string, { word: string; file: string }>();
  for (const convention of conventions) for (const entry of convention.terms) if (builtIn[entry.term] !== undefined) given.set(entry.term, entry);
  const renamed = new Map([...given].filter(([term, entry]) => !sameTitle(builtIn[term] as string, entry.word)));
  const shapedBy: ShapedBy[] = [];
  const byFile = new Map<string, string[]>();
  for (const [term, entry] of renamed) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), `${builtIn[term]} → ${entry.word}`]);
  for (const [file, words] of byFile) shapedBy.push({ file, what: `its words: ${words.join(', ')}` });
  for (const file of new Set([...given.values()].map((entry) => entry.file))) if (!byFile.has(file)) shapedBy.push({ file, what: 'read; its words are the built-in ones' });
  // A section the files do not name while they rename others cannot be looked for.
  const unnamed = renamed.size === 0 ? [] : Object.entries(builtIn).filter(([term]) => !given.has(term)).map(([, word]) => word);
  const rename = (title: string): string => {
    const term = Object.keys(builtIn).find((key) => sameTitle(builtIn[key] as string, title));
    return (term && renamed.get(term)?.word) ?? title;
  };
  const kept = (title: string) => !unnamed.some((word) => sameTitle(word, title));
  const deltaWords = DELTA_TERMS.flatMap((term) => (renamed.has(term) ? [renamed.get(term)?.word as string] : []));
  const kinds: Record<string, FamilyKind> = {};
  const files = [...byFile.keys()].join(', ');
  for (const [id, kind] of Object.entries(family.kinds)) {
    const dropped = new Set<string>();
    const sections = {
      required: kind.sections.required.filter((title) => kept(title) || !dropped.add(title)).map(rename),
      optional: kind.sections.optional.filter(kept).map(rename),
      instructions: kind.sections.instructions.map(rename),
      enforced: kind.sections.enforced,
      aliases: kind.sections.aliases,
    };
    kinds[id] = {
      ...kind,
      sections,
      ...(kind.shape ? { shape: { ...kind.shape, headings: kind.shape.headings.map(rename) } } : {}),
      ...(kind.blocks ? { blocks: widenBlocks(kind.blocks, builtIn.requirement, renamed.get('requirement')?.word, rename, deltaWords) } : {}),
      // The trace reads requirements by the same headings.
      ...(kind.trace
        ? {
            trace: {
              ...kind.trace,
              requirements: kind.trace.requirements.map((rule) => ({ ...rule, heading: widenHeading(rule.heading, builtIn.requirement, renamed.get('requirement')?.word) })),
            },
          }
        : {}),
      lengths: kind.lengths.filter((length) => kept(length.section) || !dropped.add(length.section)).map((length) => ({ ...length, section: rename(length.section) })),
      ...(kind.deltas
        ? { deltas: { added: rename(kind.deltas.added), modified: rename(kind.deltas.modified), removed: rename(kind.deltas.removed), renamed: rename(kind.deltas.renamed) } }
        : {}),
    };
    if (dropped.size > 0) {
      shapedBy.push({ file: files, kind: id, what: `${[...dropped].map((title) => `\`${title}\``).join(', ')} not required: the repository's files do not say what they call it` });
    }
  }
  const paths = [...family.paths];
  const markup = [...family.markup];
  const documents = family.conventions?.documents;
  for (const convention of conventions) {
    for (const made of convention.kinds) {
      const where = documents?.replace('{file}', made.generates);
      if (!where) continue;
      const sample = where.replace(/\*\*\//g, '').replace(/\*/g, 'change');
      const existing = familiesByPath([{ ...family, kinds, paths }], sample)[0]?.kind;
      const id = existing ?? kindId(made.id, kinds);
      const base: FamilyKind = kinds[id] ?? { label: made.id, checked: true, sections: { required: [], optional: [], instructions: [], enforced: false, aliases: {} }, lengths: [] };
      const optional = made.sections.filter((title) => base.sections.optional.some((other) => sameTitle(other, title)));
      const required = made.sections.filter((title) => !optional.includes(title));
      kinds[id] = { ...base, sections: { ...base.sections, required, optional: [...optional, ...base.sections.optional.filter((title) => !optional.some((other) => sameTitle(other, title)))] } };
      if (!existing) paths.unshift({ glob: where, kind: id });
      const tags = made.tags ?? [];
      shapedBy.push({
        file: made.file,
        kind: id,
        what: `the sections of a ${kinds[id]?.label ?? id}: ${made.sections.map((title) => `\`${title}\``).join(', ') || 'none'}${tags.length > 0 ? `; its task tags ${tags.map((tag) => `\`${tag}\``).join(', ')}` : ''}`,
      });
      for (const tag of tags) {
        const pattern = new RegExp(`^${escapeRegExp(tag)}$`, 'u');
        if (!markup.some((entry) => entry.pattern.source === pattern.source && !entry.after)) markup.push({ pattern, meaning: `a task tag of the repository's template ${made.file}` });
      }
    }
  }
  for (const convention of conventions) shapedBy.push(...convention.notes);
  return { ...family, paths, kinds, markup, shapedBy };
}

/** A heading pattern that takes the repository's word for a requirement (`需求：`) as well as the built-in one. */
function widenHeading(heading: RegExp, builtInWord: string | undefined, word: string | undefined): RegExp {
  if (!builtInWord || !word) return heading;
  const source = heading.source.replace(`${escapeRegExp(builtInWord)}:`, `(?:${escapeRegExp(builtInWord)}|${escapeRegExp(word)})\\s*[:：]`);
  return new RegExp(source, heading.flags);
}

function widenBlocks(
  blocks: RequirementBlocks,
  builtInWord: string | undefined,
  word: string | undefined,
  rename: (title: string) => string,
  deltaWords: readonly string[],
): RequirementBlocks {
  const heading = widenHeading(blocks.heading, builtInWord, word);
  const sections = [...blocks.sections];
  for (const title of blocks.sections) if (!sections.some((other) => other === rename(title))) sections.push(rename(title));
  const misplaced =
    blocks.misplaced && deltaWords.length > 0 ? new RegExp(`(?:${blocks.misplaced.source})|^(?:${deltaWords.map(escapeRegExp).join('|')})$`, blocks.misplaced.flags) : blocks.misplaced;
  return { ...blocks, heading, sections, ...(misplaced ? { misplaced } : {}) };
}

function termsFromHeadings(headings: readonly Heading[], purposeFirst: boolean): { term: string; word: string }[] {
  const terms: { term: string; word: string }[] = [];
  const labelled = (depth: number) => headings.map((heading) => (heading.depth === depth ? /^([^:：]{1,40}?)\s*[:：]/u.exec(heading.title)?.[1]?.trim() : undefined)).find(Boolean);
  const requirement = labelled(3);
  const scenario = labelled(4);
  if (scenario) terms.push({ term: 'scenario', word: scenario });
  if (!requirement) return terms;
  terms.push({ term: 'requirement', word: requirement });
  const holds = (heading: Heading) => heading.depth === 2 && !heading.title.includes('|') && heading.title.toLowerCase().includes(requirement.toLowerCase());
  const operations: string[] = [];
  for (const heading of headings) if (holds(heading) && !operations.some((title) => sameTitle(title, heading.title))) operations.push(heading.title);
  if (operations.length >= 3 && operations.length <= DELTA_TERMS.length) {
    operations.forEach((title, index) => terms.push({ term: DELTA_TERMS[index] as string, word: title }));
    const first = operations[0] as string;
    const plural = first.slice(first.toLowerCase().indexOf(requirement.toLowerCase())).trim();
    if (plural && operations.every((title) => title.endsWith(plural))) terms.push({ term: 'requirements', word: plural });
  }
  if (purposeFirst) {
    const firstOperation = headings.findIndex(holds);
    const purpose = headings.slice(0, firstOperation < 0 ? 0 : firstOperation).find((heading) => heading.depth === 2);
    if (purpose) terms.push({ term: 'purpose', word: purpose.title });
  }
  return terms;
}

/** Heading lines in the text of a code example. */
function headingLines(code: string): Heading[] {
  const found: Heading[] = [];
  for (const line of code.split(/\r\n?|\n/)) {
    const match = /^(#{1,6})[ \t]+(.+?)[ \t]*$/.exec(line);
    if (match) found.push({ depth: (match[1] as string).length, title: cleanTitle(match[2] as string) });
  }
  return found;
}

function templateHeadings(text: string): Heading[] {
  const document = parseSpec(text);
  return document.outline.flat.map((section) => ({
    depth: section.depth,
    title: cleanTitle(text.slice(section.titleRange.start, section.titleRange.end)),
  }));
}

function cleanTitle(title: string): string {
  return title
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/\s+#+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function lastLine(text: string): string {
  const lines = text.split(/\r\n?|\n/).filter((line) => line.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

function kindId(artifact: string, kinds: Readonly<Record<string, FamilyKind>>): string {
  const base = artifact.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '').slice(0, 32) || 'artifact';
  let id = base;
  for (let n = 2; kinds[id]; n++) id = `${base}-${n}`;
  return id;
}

function yamlValue(text: string): { value: unknown } | { problem: string } {
  try {
    const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const error = document.errors[0];
    if (error) return { problem: `Expected valid YAML, found an error: ${error.message.split('\n')[0] ?? ''}` };
    return { value: document.toJS({ maxAliasCount: 50 }) as unknown };
  } catch (error) {
    return { problem: `Expected valid YAML, found an error: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRelative(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= 200 &&
    !value.includes('\0') &&
    !/^[\\/]|^[A-Za-z]:/.test(value) &&
    !value.split(/[\\/]+/).includes('..')
  );
}
