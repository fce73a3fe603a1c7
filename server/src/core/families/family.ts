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

interface RawFamily {
  id: string;
  label: string;
  description?: string;
  homepage?: string;
  paths?: { glob: string; kind: string }[];
  kinds: Record<string, { label: string; sections?: { required?: string[]; optional?: string[] }; shape?: { headings?: string[]; lines?: string[] } }>;
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
    kinds[id] = {
      label: kind.label,
      sections: { required: kind.sections?.required ?? [], optional: kind.sections?.optional ?? [] },
      ...(shape ? { shape } : {}),
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
