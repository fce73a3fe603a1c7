import Ajv from 'ajv';
import familySchema from '../../../../templates/family.schema.json';
import type { Stage } from '../templates/manifest';

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
  /** Where its documents live, in order: the first glob matching a path relative to the workspace folder gives the kind. */
  readonly paths: readonly { readonly glob: string; readonly kind: string }[];
  readonly kinds: Readonly<Record<string, FamilyKind>>;
  /** Bracketed text that is the family's markup (`[P]`, `[US1]`), never a placeholder. */
  readonly markup: readonly { readonly pattern: RegExp; readonly meaning: string }[];
  readonly placeholders: { readonly braces: boolean; readonly bareChoices: boolean };
  readonly status?: FamilyStatus;
}

/** One kind of document of a family: a spec, a plan, a task list, a decision … */
export interface FamilyKind {
  readonly label: string;
  readonly sections: { readonly required: readonly string[]; readonly optional: readonly string[] };
  /** How to recognise it by its content when its path says nothing. */
  readonly shape?: { readonly headings: readonly string[]; readonly lines: readonly RegExp[] };
  /** Numbered acceptance scenarios and the form each follows (such as Given/When/Then). */
  readonly scenarios?: ItemForms;
  /** Numbered acceptance criteria and the form each follows (such as EARS). */
  readonly criteria?: ItemForms;
  /** Checkbox lines that carry an ID: tasks, checklist items. */
  readonly itemLines?: ItemLines;
  /** Lines that cite items of another document, such as a task's requirements. */
  readonly references?: { readonly line: RegExp; readonly item: RegExp; readonly separator: RegExp };
}

/** A numbered list under a label whose items must each follow one of some keyword forms. */
export interface ItemForms {
  /** The heading or label line the list follows. */
  readonly label: string;
  /** The form's name, for messages. */
  readonly name: string;
  /** Keywords an item holds in this order, as whole words, case aside; one form must fit. */
  readonly forms: readonly (readonly string[])[];
  /** Headings that each hold such a list, and lines each must have. */
  readonly groups?: { readonly heading: RegExp; readonly lines: readonly RegExp[] };
}

/** Checkbox lines with IDs: the line's start (up to the ID), the ID's form, what is meant as an ID, the tags after it. */
export interface ItemLines {
  readonly line: RegExp;
  readonly id: RegExp;
  readonly idLike: RegExp;
  readonly tags: RegExp | undefined;
}

/** Where a family's documents say their status, and each status's stage. */
export interface FamilyStatus {
  readonly field: { readonly frontMatter?: string; readonly label?: string; readonly section?: string };
  readonly statuses: readonly { readonly value: string; readonly stage: Stage; readonly description?: string }[];
}

/** The family description's JSON Schema, for editors and tests. */
export const FAMILY_SCHEMA: object = familySchema;

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true, strictRequired: false, validateFormats: false });
const validate = ajv.compile(familySchema);

interface RawItemForms {
  label: string;
  name: string;
  forms: string[][];
  groups?: { heading: string; lines?: string[] };
}

interface RawFamily {
  id: string;
  label: string;
  description?: string;
  homepage?: string;
  paths?: { glob: string; kind: string }[];
  kinds: Record<
    string,
    {
      label: string;
      sections?: { required?: string[]; optional?: string[] };
      shape?: { headings?: string[]; lines?: string[] };
      scenarios?: RawItemForms;
      criteria?: RawItemForms;
      itemLines?: { line: string; id: string; idLike: string; tags?: string };
      references?: { line: string; item: string; separator?: string };
    }
  >;
  vocabulary?: { markup?: { pattern: string; meaning: string }[] };
  placeholders?: { braces?: boolean; bareChoices?: boolean };
  status?: FamilyStatus;
}

/**
 * Reads a family description (parsed JSON) and checks it against the schema, its
 * patterns and its kinds. Returns the family, or the problems that keep it from being
 * used. Never throws.
 */
export function parseFamily(value: unknown): { family?: Family; problems: string[] } {
  if (!validate(value)) {
    return { problems: (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`) };
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
    const itemForms = (raw: RawItemForms | undefined): ItemForms | undefined => {
      if (!raw) return undefined;
      const heading = raw.groups ? regex(raw.groups.heading, 'u') : undefined;
      const lines = (raw.groups?.lines ?? []).map((line) => regex(line, 'mu')).filter((line): line is RegExp => line !== undefined);
      return { label: raw.label, name: raw.name, forms: raw.forms, ...(heading ? { groups: { heading, lines } } : {}) };
    };
    const scenarios = itemForms(kind.scenarios);
    const criteria = itemForms(kind.criteria);
    const lines = kind.itemLines;
    const itemLine = lines ? regex(`^(?:${lines.line})`, 'u') : undefined;
    const itemId = lines ? regex(`^(?:${lines.id})$`, 'u') : undefined;
    const itemIdLike = lines ? regex(`^(?:${lines.idLike})(?=\\s|$)`, 'u') : undefined;
    const itemTag = lines?.tags ? regex(`^(?:${lines.tags})\\s*`, 'u') : undefined;
    const itemLines = itemLine && itemId && itemIdLike ? { line: itemLine, id: itemId, idLike: itemIdLike, tags: itemTag } : undefined;
    const refs = kind.references;
    const refLine = refs ? regex(refs.line, 'gmu') : undefined;
    const refItem = refs ? regex(`^(?:${refs.item})$`, 'u') : undefined;
    const refSeparator = refs ? regex(refs.separator ?? '\\s*,\\s*', 'u') : undefined;
    kinds[id] = {
      label: kind.label,
      sections: { required: kind.sections?.required ?? [], optional: kind.sections?.optional ?? [] },
      ...(shape ? { shape } : {}),
      ...(scenarios ? { scenarios } : {}),
      ...(criteria ? { criteria } : {}),
      ...(itemLines ? { itemLines } : {}),
      ...(refLine && refItem && refSeparator ? { references: { line: refLine, item: refItem, separator: refSeparator } } : {}),
    };
  }
  const markup = (raw.vocabulary?.markup ?? []).flatMap((entry) => {
    const pattern = regex(`^(?:${entry.pattern})$`, 'u');
    return pattern ? [{ pattern, meaning: entry.meaning }] : [];
  });
  if (problems.length > 0) return { problems };
  return {
    family: {
      id: raw.id,
      label: raw.label,
      description: raw.description ?? '',
      ...(raw.homepage ? { homepage: raw.homepage } : {}),
      paths: raw.paths ?? [],
      kinds,
      markup,
      placeholders: { braces: raw.placeholders?.braces ?? false, bareChoices: raw.placeholders?.bareChoices ?? false },
      ...(raw.status ? { status: raw.status } : {}),
    },
    problems: [],
  };
}
