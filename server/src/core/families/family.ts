import { lazyValidator } from '../parse/lazy-validator';
import { escapeRegExp } from '../parse/strings';
import familySchema from '../../../../templates/family.schema.json';
import type { Stage } from '../templates/manifest';
import { comparableSentence } from '../templates/template-text';

/**
 * A family of documents written the same way — spec-kit, Kiro, OpenSpec, MADR, KEPs … —
 * as its description in `templates/families/<id>.json` says (validated against
 * `templates/family.schema.json`). Nothing about a family is hard-coded in a rule: rules
 * read these facts.
 */
export interface Family {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly homepage?: string;
  /**
   * Where its documents live, in order: the first glob matching a path relative to the
   * workspace folder gives the kind. With `shapeFirst`, the folder's name is one many
   * processes share (`proposals/`): a document there that shows another family's kind by
   * its headings is that family's. With `shaped`, the place also holds pages of other
   * kinds (an area's landing page in `enhancements/<area>/README.md`): a document there is the
   * family's only when its headings show the kind, at half the bar identification by shape has elsewhere.
   */
  readonly paths: readonly { readonly glob: string; readonly kind: string; readonly shapeFirst?: boolean; readonly shaped?: boolean }[];
  /** How a repository's own template of the family is recognised by its file name (see `template-files.ts`). */
  readonly templateFiles?: FamilyTemplateFiles;
  readonly kinds: Readonly<Record<string, FamilyKind>>;
  /** Bracketed text that is the family's markup (`[P]`, `[US1]`), never a placeholder. */
  readonly markup: readonly { readonly pattern: RegExp; readonly after?: RegExp; readonly meaning: string }[];
  /** `fieldInstruction`: a header field's value that is still the template's parenthesised instruction (`- RFC PR: (leave this empty)`, in a list item, a table row or front matter). */
  /** `codeSlots`: the kit's own slots, which stay slots in code too (spec-kit's `specs/[###-feature]/`). */
  /** `emptyFields`: the labels, lower case, of a questionnaire's fields under its options' boxes (a KEP's `- Feature gate name:`). */
  readonly placeholders: {
    readonly braces: boolean;
    readonly bareChoices: boolean;
    readonly fieldInstruction?: RegExp;
    readonly codeSlots?: RegExp;
    readonly emptyFields?: ReadonlySet<string>;
  };
  /**
   * Paragraphs the family's tool writes into every new document for the author to replace
   * (adr-tools' `adr new`), whitespace normalized: one still in a document is template text
   * left in place, whether or not the repository keeps a template.
   */
  readonly templateParagraphs: ReadonlySet<string>;
  readonly status?: FamilyStatus;
  /** Blocks that mark open debate (a KEP's `<<[UNRESOLVED]>>`): each still in a document is reported. */
  readonly openBlocks?: { readonly open: RegExp; readonly close: RegExp; readonly name: string };
  /** Where a repository's own files say how it writes the family's documents (see `conventions.ts`). */
  readonly conventions?: FamilyConventionSources;
  /** What a repository's own files changed in this description, for the hover; absent for the built-in one. */
  readonly shapedBy?: readonly ShapedBy[];
}

/** A family's files in a repository that may shape its description, and the words they may rename. */
export interface FamilyConventionSources {
  /** The kit's instructions for the agent (OpenSpec's `openspec/AGENTS.md`), relative to the workspace folder. */
  readonly instructions?: string;
  /** The kit's project configuration, the first of these that exists (OpenSpec's `openspec/config.yaml`). */
  readonly config?: readonly string[];
  /** The folder of the project's own schemas (OpenSpec's `openspec/schemas`). */
  readonly schemas?: string;
  /** Where the documents a schema's templates make live, `{file}` being the file each makes (such as `openspec/changes/<change>/{file}`). */
  readonly documents?: string;
  /** Term → the word the built-in description writes for it (`requirement` → `Requirement`). */
  readonly terms: Readonly<Record<string, string>>;
  /** What a repository's own files can and cannot change, for the hover when none did. */
  readonly note?: string;
}

/** A family's template files in a repository: the words of their names, and places where every file is one. */
export interface FamilyTemplateFiles {
  /** Words that mean template, lower case without accents (`template`, `modele`). */
  readonly words: readonly string[];
  /** Globs relative to the workspace folder of files that are the family's templates (spec-kit's `.specify/templates/` files, at any depth). */
  readonly paths: readonly string[];
  /**
   * The kit's commands write its documents from these templates and keep the templates'
   * own text (purpose lines, legends, notes): only slots and samples left in a document are
   * template text left over, not sentences it shares with the template. `true` for every kind,
   * or the kinds the kit writes from templates of its own: a team's template of another kind
   * (spec-kit has no research template) holds the team's samples.
   */
  readonly keptText: boolean | readonly string[];
}

/** Whether documents of `kind` keep their repository template's own text (see {@link FamilyTemplateFiles.keptText}). */
export function keepsTemplateText(family: Family, kind: string): boolean {
  const kept = family.templateFiles?.keptText ?? false;
  return typeof kept === 'boolean' ? kept : kept.includes(kind);
}

/** One repository file that changed a family's description, and what it changed (a sentence for the hover). */
export interface ShapedBy {
  readonly file: string;
  /** The kind it concerns, when it concerns one kind only. */
  readonly kind?: string;
  readonly what: string;
}

/** One kind of document of a family: a spec, a plan, a task list, a decision … */
export interface FamilyKind {
  readonly label: string;
  /** False for documents that are not specs (an agent's context, such as Kiro's steering files): never checked. */
  readonly checked: boolean;
  /** What a reader should know about the kind, for the hover. */
  readonly note?: string;
  readonly sections: {
    readonly required: readonly string[];
    readonly optional: readonly string[];
    /** Sections whose text is the kit's instructions, kept in every document: no placeholders there. */
    readonly instructions: readonly string[];
    /** The family's own tool rejects a document without the required sections, whatever its other headings. */
    readonly enforced: boolean;
    /** Other titles of a section, by its title as listed: a document with one of them has it. */
    readonly aliases: Readonly<Record<string, readonly string[]>>;
  };
  /** How to recognise it by its content when its path says nothing. */
  readonly shape?: { readonly headings: readonly string[]; readonly lines: readonly RegExp[] };
  /** Its requirement blocks (OpenSpec's `### Requirement:` with `#### Scenario:` children), if it has them. */
  readonly blocks?: RequirementBlocks;
  /** Sections whose text must have some length, or must not be a stub. */
  readonly lengths: readonly SectionLength[];
  /** Its delta sections by operation, when it changes another document's requirement blocks. */
  readonly deltas?: { readonly added: string; readonly modified: string; readonly removed: string; readonly renamed: string };
  /** What it contributes to traceability: requirements defined by headings, and task lines with their citations. */
  readonly trace?: KindTrace;
  /** Numbered acceptance scenarios and the form each follows (such as Given/When/Then). */
  readonly scenarios?: ItemForms;
  /** Numbered acceptance criteria and the form each follows (such as EARS). */
  readonly criteria?: ItemForms;
  /** Checkbox lines that carry an ID: tasks, checklist items. */
  readonly itemLines?: ItemLines;
  /** Lines that cite items of another document, such as a task's requirements. */
  readonly references?: { readonly line: RegExp; readonly item: RegExp; readonly separator: RegExp; readonly describe?: string };
}

/** A kind's part in traceability (see `core/trace`). */
export interface KindTrace {
  readonly requirements: readonly {
    readonly heading: RegExp;
    /** With `$1` … for the heading's groups. */
    readonly id: string;
    /** The requirement's kind; by default the letters its ID starts with. */
    readonly kind?: string;
    /** The titles of the headings one level below that are its parts (OpenSpec's scenarios); group 1, else the title, names one. */
    readonly parts?: RegExp;
    /** False: tasks, tests and code do not cite these requirements, so they count in no coverage. */
    readonly coverage?: false;
    readonly criteria?: { readonly section: string; readonly id: string; readonly aliases?: readonly string[] };
  }[];
  readonly tasks?: { readonly line: RegExp; readonly cites: readonly RegExp[] };
  /** A change's spec delta: the spec it changes and the change's name, from its path (`$1` … for the path's groups). */
  readonly deltas?: { readonly path: RegExp; readonly target: string; readonly change: string; readonly parts?: RegExp };
}

/** Requirement blocks as a family kind has them. */
export interface RequirementBlocks {
  /** Titles of the sections that hold the blocks. */
  readonly sections: readonly string[];
  /** A block's heading title; the first group is its name. */
  readonly heading: RegExp;
  /** The blocks' heading level, when fixed. */
  readonly depth?: number;
  /** Words a block's text must use, whole words as written (`SHALL`, `MUST`). */
  readonly normative: readonly string[];
  readonly children?: { readonly depth: number; readonly label: string; readonly min: number };
  readonly maxTextLength?: number;
  /** The fewest blocks the sections must hold together. */
  readonly min: number;
  /** Headings that do not belong in this kind of document. */
  readonly misplaced?: RegExp;
}

/** A section whose text must be of some length, or not a stub. */
export interface SectionLength {
  readonly section: string;
  readonly min?: number;
  readonly max?: number;
  readonly stub?: RegExp;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
}

/** A numbered list under a label whose items must each follow one of some keyword forms. */
export interface ItemForms {
  /** The heading or label line the list follows. */
  readonly label: string;
  /** The same label in other languages (`受入基準`). */
  readonly labelAliases?: readonly string[];
  /** The form's name, for messages. */
  readonly name: string;
  /** Keywords an item holds in this order, as whole words, case aside; one form must fit. */
  readonly forms: readonly (readonly string[])[];
  /** Headings that each hold such a list, and lines each must have. */
  /** `describe`: what each of `lines` is, for messages (`a user story line (**User Story:** As a …)`). */
  readonly groups?: { readonly heading: RegExp; readonly lines: readonly RegExp[]; readonly describe: readonly string[] };
}

/** Checkbox lines with IDs: the line's start (up to the ID), the ID's form, what is meant as an ID, the tags after it. */
export interface ItemLines {
  readonly line: RegExp;
  readonly id: RegExp;
  readonly idLike: RegExp;
  /** The well-formed ID's form in words, for messages. */
  readonly describe?: string;
  readonly tags: RegExp | undefined;
}

/** Where a family's documents say their status, and each status's stage. */
export interface FamilyStatus {
  readonly field: { readonly frontMatter?: string; readonly label?: string; readonly section?: string };
  readonly statuses: readonly { readonly value: string; readonly stage: Stage; readonly description?: string; readonly successor?: boolean }[];
  /** No closed lifecycle: the statuses listed set strictness; others are the team's own. */
  readonly open?: boolean;
}

/** The family description's JSON Schema, for editors and tests. */
export const FAMILY_SCHEMA: object = familySchema;

const validate = lazyValidator(familySchema, { allErrors: true, allowUnionTypes: true, strict: true, strictRequired: false, validateFormats: false });

interface RawKind {
  label: string;
  checked?: boolean;
  note?: string;
  sections?: { required?: string[]; optional?: string[]; instructions?: string[]; enforced?: boolean; aliases?: Record<string, string[]> };
  shape?: { headings?: string[]; lines?: string[] };
  blocks?: {
    sections: string[];
    heading: string;
    depth?: number;
    normative?: string[];
    children?: { depth: number; label: string; min?: number };
    maxTextLength?: number;
    min?: number;
    misplaced?: string;
  };
  lengths?: { section: string; min?: number; max?: number; stub?: string; severity: SectionLength['severity'] }[];
  deltas?: { added: string; modified: string; removed: string; renamed: string };
  scenarios?: RawItemForms;
  criteria?: RawItemForms;
  itemLines?: { line: string; id: string; idLike: string; describe?: string; tags?: string };
  references?: { line: string; item: string; separator?: string; describe?: string };
  trace?: {
    requirements?: { heading: string; id: string; kind?: string; parts?: string; coverage?: boolean; criteria?: { section: string; id: string; aliases?: string[] } }[];
    tasks?: { line: string; cites?: string[] };
    deltas?: { path: string; target: string; change: string; parts?: string };
  };
}

interface RawItemForms {
  label: string;
  labelAliases?: string[];
  name: string;
  forms: string[][];
  groups?: { heading: string; lines?: string[]; describe?: string[] };
}

interface RawFamily {
  id: string;
  label: string;
  description?: string;
  homepage?: string;
  paths?: { glob: string; kind: string; shapeFirst?: boolean; shaped?: boolean }[];
  templateFiles?: { words?: string[]; paths?: string[]; keptText?: boolean | string[] };
  kinds: Record<string, RawKind>;
  vocabulary?: { markup?: { pattern: string; after?: string; meaning: string }[] };
  placeholders?: { braces?: boolean; bareChoices?: boolean; fieldInstructions?: string[]; codeSlots?: string[]; emptyFields?: string[] };
  templateParagraphs?: string[];
  status?: FamilyStatus;
  openBlocks?: { open: string; close: string; name: string };
  conventions?: { instructions?: string; config?: string[]; schemas?: string; documents?: string; terms?: Record<string, string>; note?: string };
}

/**
 * Reads a family description (parsed JSON) and checks it against the schema, its
 * patterns and its kinds. Returns the family, or the problems that keep it from being
 * used. Never throws. With `schemaChecked`, the value is known to match the schema (the
 * built-in descriptions, which the tests check) and only its patterns and kinds are checked.
 */
export function parseFamily(value: unknown, options: { readonly schemaChecked?: boolean } = {}): { family?: Family; problems: string[] } {
  if (options.schemaChecked !== true && !validate(value)) {
    return { problems: validate.errors.map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`) };
  }
  const raw = value as unknown as RawFamily;
  const problems: string[] = [];
  const regex = (source: string, flags: string): RegExp | undefined => {
    try {
      return new RegExp(source, flags);
    } catch (error) {
      problems.push(`Expected a valid regular expression, found ${JSON.stringify(source)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  for (const path of raw.paths ?? []) {
    if (!raw.kinds[path.kind]) problems.push(`Expected a kind named ${JSON.stringify(path.kind)} for ${path.glob}, found none`);
  }
  const kinds: Record<string, FamilyKind> = {};
  for (const [id, kind] of Object.entries(raw.kinds)) {
    const shape = kind.shape
      ? {
          headings: kind.shape.headings ?? [],
          lines: (kind.shape.lines ?? []).map((line) => regex(line, 'm')).filter((line): line is RegExp => line !== undefined),
        }
      : undefined;
    const blocks = kind.blocks ? readBlocks(kind.blocks, regex) : undefined;
    const lengths = (kind.lengths ?? []).map((entry) => {
      const stub = entry.stub === undefined ? undefined : regex(entry.stub, 'u');
      return { section: entry.section, severity: entry.severity, ...(entry.min !== undefined ? { min: entry.min } : {}), ...(entry.max !== undefined ? { max: entry.max } : {}), ...(stub ? { stub } : {}) };
    });
    const itemForms = (raw: RawItemForms | undefined): ItemForms | undefined => {
      if (!raw) return undefined;
      const heading = raw.groups ? regex(raw.groups.heading, 'u') : undefined;
      const lines = (raw.groups?.lines ?? []).map((line) => regex(line, 'mu')).filter((line): line is RegExp => line !== undefined);
      return { label: raw.label, ...(raw.labelAliases ? { labelAliases: raw.labelAliases } : {}), name: raw.name, forms: raw.forms, ...(heading ? { groups: { heading, lines, describe: raw.groups?.describe ?? [] } } : {}) };
    };
    const scenarios = itemForms(kind.scenarios);
    const criteria = itemForms(kind.criteria);
    const lines = kind.itemLines;
    const itemLine = lines ? regex(`^(?:${lines.line})`, 'u') : undefined;
    const itemId = lines ? regex(`^(?:${lines.id})$`, 'u') : undefined;
    const itemIdLike = lines ? regex(`^(?:${lines.idLike})(?=\\s|$)`, 'u') : undefined;
    const itemTag = lines?.tags ? regex(`^(?:${lines.tags})\\s*`, 'u') : undefined;
    const itemLines = itemLine && itemId && itemIdLike ? { line: itemLine, id: itemId, idLike: itemIdLike, tags: itemTag, ...(lines?.describe ? { describe: lines.describe } : {}) } : undefined;
    const refs = kind.references;
    const refLine = refs ? regex(refs.line, 'gmu') : undefined;
    const refItem = refs ? regex(`^(?:${refs.item})$`, 'u') : undefined;
    const refSeparator = refs ? regex(refs.separator ?? '\\s*,\\s*', 'u') : undefined;
    kinds[id] = {
      label: kind.label,
      checked: kind.checked ?? true,
      ...(kind.note !== undefined ? { note: kind.note } : {}),
      sections: { required: kind.sections?.required ?? [], optional: kind.sections?.optional ?? [], instructions: kind.sections?.instructions ?? [], enforced: kind.sections?.enforced === true, aliases: kind.sections?.aliases ?? {} },
      ...(shape ? { shape } : {}),
      ...(blocks ? { blocks } : {}),
      lengths,
      ...(kind.deltas ? { deltas: kind.deltas } : {}),
      ...(kind.trace ? { trace: readTrace(kind.trace, regex) } : {}),
      ...(scenarios ? { scenarios } : {}),
      ...(criteria ? { criteria } : {}),
      ...(itemLines ? { itemLines } : {}),
      ...(refLine && refItem && refSeparator ? { references: { line: refLine, item: refItem, separator: refSeparator, ...(refs?.describe ? { describe: refs.describe } : {}) } } : {}),
    };
  }
  const markup = (raw.vocabulary?.markup ?? []).flatMap((entry) => {
    const pattern = regex(`^(?:${entry.pattern})$`, 'u');
    const after = entry.after === undefined ? undefined : regex(entry.after, 'u');
    return pattern ? [{ pattern, meaning: entry.meaning, ...(after ? { after } : {}) }] : [];
  });
  const phrases = (raw.placeholders?.fieldInstructions ?? []).map((phrase) => phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));
  // A field whose value is `(instruction …)` and nothing after it: a list item `- Label: (…)`, a
  // table row `| **Label** | (…) |`, or a front-matter line `pr: (…)`; the instruction may hold one
  // level of parentheses.
  const fieldInstruction =
    phrases.length > 0
      ? regex(
          `^(?:[ \\t]{0,3}[-*+][ \\t]+[^:\\n]{1,60}:(?:\\*\\*|__)?|[ \\t]{0,3}\\|[^|\\n]{1,60}\\||[A-Za-z_][\\w-]{0,40}:)[ \\t]*(\\((?:${phrases.join('|')})\\b[^()\\n]*(?:\\([^()\\n]*\\)[^()\\n]*)*\\))[ \\t]*\\|?[ \\t]*$`,
          'iu',
        )
      : undefined;
  const codeSlots = raw.placeholders?.codeSlots?.length ? regex(raw.placeholders.codeSlots.map((pattern) => `(?:${pattern})`).join('|'), 'gu') : undefined;
  const openBlock = raw.openBlocks ? { open: regex(raw.openBlocks.open, 'u'), close: regex(raw.openBlocks.close, 'u') } : undefined;
  if (problems.length > 0) return { problems };
  return {
    family: {
      id: raw.id,
      label: raw.label,
      description: raw.description ?? '',
      ...(raw.homepage ? { homepage: raw.homepage } : {}),
      paths: raw.paths ?? [],
      ...(raw.templateFiles ? { templateFiles: { words: raw.templateFiles.words ?? [], paths: raw.templateFiles.paths ?? [], keptText: raw.templateFiles.keptText ?? false } } : {}),
      kinds,
      markup,
      placeholders: {
        braces: raw.placeholders?.braces ?? false,
        bareChoices: raw.placeholders?.bareChoices ?? false,
        ...(fieldInstruction ? { fieldInstruction } : {}),
        ...(codeSlots ? { codeSlots } : {}),
        ...(raw.placeholders?.emptyFields?.length ? { emptyFields: new Set(raw.placeholders.emptyFields.map((label) => label.trim().toLowerCase())) } : {}),
      },
      templateParagraphs: new Set((raw.templateParagraphs ?? []).map(comparableSentence)),
      ...(raw.status ? { status: raw.status } : {}),
      ...(raw.openBlocks && openBlock?.open && openBlock.close ? { openBlocks: { open: openBlock.open, close: openBlock.close, name: raw.openBlocks.name } } : {}),
      ...(raw.conventions ? { conventions: { ...raw.conventions, terms: raw.conventions.terms ?? {} } } : {}),
    },
    problems: [],
  };
}

function readBlocks(raw: NonNullable<RawKind['blocks']>, regex: (source: string, flags: string) => RegExp | undefined): RequirementBlocks | undefined {
  const heading = regex(raw.heading, 'iu');
  const misplaced = raw.misplaced === undefined ? undefined : regex(raw.misplaced, 'iu');
  if (!heading) return undefined;
  return {
    sections: raw.sections,
    heading,
    ...(raw.depth !== undefined ? { depth: raw.depth } : {}),
    normative: raw.normative ?? [],
    ...(raw.children ? { children: { depth: raw.children.depth, label: raw.children.label, min: raw.children.min ?? 0 } } : {}),
    ...(raw.maxTextLength !== undefined ? { maxTextLength: raw.maxTextLength } : {}),
    min: raw.min ?? 0,
    ...(misplaced ? { misplaced } : {}),
  };
}

function readTrace(raw: NonNullable<RawKind['trace']>, regex: (source: string, flags: string) => RegExp | undefined): KindTrace {
  const requirements = (raw.requirements ?? []).flatMap((entry) => {
    const heading = regex(entry.heading, 'iu');
    const parts = entry.parts === undefined ? undefined : regex(entry.parts, 'iu');
    return heading
      ? [
          {
            heading,
            id: entry.id,
            ...(entry.kind ? { kind: entry.kind } : {}),
            ...(parts ? { parts } : {}),
            ...(entry.coverage === false ? { coverage: false as const } : {}),
            ...(entry.criteria ? { criteria: entry.criteria } : {}),
          },
        ]
      : [];
  });
  const line = raw.tasks ? regex(raw.tasks.line, 'u') : undefined;
  const cites = (raw.tasks?.cites ?? []).map((cite) => regex(cite, 'gu')).filter((cite): cite is RegExp => cite !== undefined);
  const deltaPath = raw.deltas ? regex(raw.deltas.path, 'u') : undefined;
  const deltaParts = raw.deltas?.parts === undefined ? undefined : regex(raw.deltas.parts, 'iu');
  const deltas = raw.deltas && deltaPath ? { path: deltaPath, target: raw.deltas.target, change: raw.deltas.change, ...(deltaParts ? { parts: deltaParts } : {}) } : undefined;
  return { requirements, ...(line ? { tasks: { line, cites } } : {}), ...(deltas ? { deltas } : {}) };
}
