import { parseDocument } from 'yaml';
import manifestSchema from '../../../../templates/manifest.schema.json';
import { lazyValidator } from '../parse/lazy-validator';
import { range } from '../parse/range';
import { schemaProblems, type SchemaProblem } from '../parse/schema-problems';

/** How strict checking is for a status: draft → hints, review → warnings, final → errors. */
export type Stage = 'draft' | 'review' | 'final';

/** A front-matter value type a template can ask for. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'date-time' | 'list';

export interface FieldSpec {
  readonly type?: FieldType | readonly FieldType[];
  readonly required?: boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly description?: string;
}

export interface SnippetSpec {
  readonly name: string;
  readonly prefix: string;
  readonly description?: string;
  /** A heading of the template, as written there: the snippet is that section. */
  readonly section?: string;
  /** Lines of the template, from the line equal to `start`. */
  readonly lines?: { readonly start: string; readonly count?: number };
}

/** A template's manifest, as validated by `templates/manifest.schema.json`, with defaults applied. */
export interface TemplateManifest {
  readonly id: string;
  readonly kind: 'spec' | 'prompt';
  readonly label: string;
  readonly description: string;
  readonly version?: string | number;
  readonly produces?: string;
  readonly fileName: string;
  readonly variables: readonly { readonly name: string; readonly prompt?: string; readonly default?: string }[];
  readonly fill: Readonly<Record<string, string>>;
  readonly lifecycle?: {
    readonly field: { readonly frontMatter?: string; readonly label?: string };
    readonly statuses: readonly { readonly value: string; readonly stage: Stage; readonly description?: string }[];
  };
  readonly sections: { readonly optional: readonly string[]; readonly examples: readonly string[]; readonly guidance: readonly string[] };
  readonly frontMatter?: {
    readonly properties: Readonly<Record<string, FieldSpec>>;
    readonly additionalProperties?: boolean;
  };
  readonly snippets: readonly SnippetSpec[];
}

/** The manifest's JSON Schema, for editors and tests. */
export const MANIFEST_SCHEMA: object = manifestSchema;

const validate = lazyValidator(manifestSchema, { allErrors: true, allowUnionTypes: true, strict: true, strictRequired: false });

/**
 * Reads a manifest (YAML or JSON text) and checks it against the manifest schema.
 * Problems point at the exact key or value (UTF-16 offsets into `text`); when there
 * is any error, no manifest is returned. Never throws. With `schemaChecked`, the text
 * is known to match the schema (the built-in manifests, which the tests check) and is
 * not checked again.
 */
export function parseManifest(text: string, options: { readonly schemaChecked?: boolean } = {}): { manifest?: TemplateManifest; problems: SchemaProblem[] } {
  const document = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false, uniqueKeys: true });
  const shift = text.startsWith('\uFEFF') ? 1 : 0;
  const yamlProblems: SchemaProblem[] = document.errors.map((error) => ({
    message: `Expected valid YAML, found an error: ${error.message.split('\n')[0]}`,
    range: range(shift + error.pos[0], shift + Math.max(error.pos[1], error.pos[0] + 1)),
    severity: 'error',
  }));
  if (yamlProblems.length > 0) return { problems: yamlProblems };
  const value: unknown = document.toJS({ maxAliasCount: 50 });
  if (options.schemaChecked === true || validate(value)) return { manifest: withDefaults(value as RawManifest), problems: [] };
  return { problems: schemaProblems(document, validate.errors, shift) };
}

type RawManifest = Partial<TemplateManifest> & Pick<TemplateManifest, 'id' | 'label'> & {
  sections?: Partial<TemplateManifest['sections']>;
};

function withDefaults(raw: RawManifest): TemplateManifest {
  return {
    ...raw,
    kind: raw.kind ?? 'spec',
    description: raw.description ?? '',
    fileName: raw.fileName ?? '{{slug}}.md',
    variables: raw.variables ?? [],
    fill: raw.fill ?? {},
    sections: {
      optional: raw.sections?.optional ?? [],
      examples: raw.sections?.examples ?? [],
      guidance: raw.sections?.guidance ?? [],
    },
    snippets: raw.snippets ?? [],
  };
}

/** A manifest for a template that has none (a bare Markdown file, a spec-kit template). */
export function defaultManifest(id: string, label: string): TemplateManifest {
  return withDefaults({ id, label });
}
