import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isScalar, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterEntry } from '../parse/front-matter';
import type { OffsetRange } from '../parse/range';
import type { SpecDocument } from '../parse/spec-document';
import type { FieldSpec, FieldType, TemplateManifest } from './manifest';
import type { Template } from './template';

/** The front-matter key that records a spec's template (`specwright: <id>`); every schema allows it. */
export const TEMPLATE_KEY = 'specwright';

/** A template's front-matter field, with its types and allowed values checked and bounded. */
export interface FrontMatterField {
  readonly key: string;
  /** Empty: any type. */
  readonly types: readonly FieldType[];
  readonly required: boolean;
  readonly enum: readonly (string | number | boolean)[] | undefined;
}

/** A template's front-matter schema, compiled once. */
export interface CompiledFrontMatterSchema {
  /** The JSON Schema (draft-07) the template's compact `frontMatter` spec stands for. */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  readonly fields: ReadonlyMap<string, FrontMatterField>;
  /** Whether keys the template does not list are expected. */
  readonly additionalProperties: boolean;
  readonly validate: ValidateFunction;
}

/** What is wrong with one top-level key of a spec's front matter. */
export type FrontMatterIssue =
  | { readonly kind: 'missing'; readonly key: string }
  | { readonly kind: 'unknown'; readonly key: string }
  | { readonly kind: 'type'; readonly key: string; readonly field: FrontMatterField }
  | { readonly kind: 'enum'; readonly key: string; readonly field: FrontMatterField }
  | { readonly kind: 'format'; readonly key: string; readonly field: FrontMatterField; readonly format: 'date' | 'date-time' };

// Templates come from users: what is compiled is bounded (the manifest schema allows no
// `pattern` or other user-written keyword, only types, `required` and `enum`).
const MAX_FIELDS = 100;
const MAX_ENUM = 100;
const MAX_KEY_LENGTH = 200;
const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'integer', 'boolean', 'date', 'date-time', 'list'];

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false, logger: false });
addFormats(ajv, ['date', 'date-time']);
const compiled = new WeakMap<Template, CompiledFrontMatterSchema | null>();

/** The fields of a manifest's `frontMatter`, bounded: unknown types and odd enum values are dropped. */
export function frontMatterFields(spec: TemplateManifest['frontMatter']): Map<string, FrontMatterField> {
  const fields = new Map<string, FrontMatterField>();
  const properties = spec?.properties;
  if (!properties || typeof properties !== 'object') return fields;
  for (const [key, raw] of Object.entries(properties).slice(0, MAX_FIELDS)) {
    if (key.length > MAX_KEY_LENGTH || !raw || typeof raw !== 'object') continue;
    const field = raw as FieldSpec;
    const listed = Array.isArray(field.type) ? field.type : field.type === undefined ? [] : [field.type];
    const types = FIELD_TYPES.filter((type) => listed.includes(type));
    const values = Array.isArray(field.enum) ? field.enum.filter((v) => ['string', 'number', 'boolean'].includes(typeof v)).slice(0, MAX_ENUM) : [];
    fields.set(key, { key, types, required: field.required === true, enum: values.length > 0 ? values : undefined });
  }
  return fields;
}

/**
 * Compiles a manifest's compact `frontMatter` spec into a JSON Schema (draft-07): `date`
 * and `date-time` are strings with that format, `list` is an array, a list of types is
 * a type array (or `anyOf` where a format is involved), `required` keys are required and
 * `enum` is kept. The template key `specwright` is always allowed.
 */
export function toJsonSchema(spec: TemplateManifest['frontMatter']): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const field of frontMatterFields(spec).values()) {
    properties[field.key] = fieldSchema(field);
    if (field.required) required.push(field.key);
  }
  if (!(TEMPLATE_KEY in properties)) properties[TEMPLATE_KEY] = {};
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: spec?.additionalProperties === true,
  };
}

function fieldSchema(field: FrontMatterField): Record<string, unknown> {
  // A string accepts any date, so `[string, date]` is just a string.
  const types = field.types.includes('string') ? field.types.filter((t) => t !== 'date' && t !== 'date-time') : field.types;
  const parts = types.map(typeSchema);
  const schema: Record<string, unknown> =
    parts.length === 0 ? {} : parts.length === 1 ? { ...parts[0] } : parts.every((p) => !('format' in p)) ? { type: parts.map((p) => p.type) } : { anyOf: parts };
  if (field.enum) schema.enum = [...field.enum];
  return schema;
}

function typeSchema(type: FieldType): { type: string; format?: string } {
  if (type === 'date' || type === 'date-time') return { type: 'string', format: type };
  return { type: type === 'list' ? 'array' : type };
}

/**
 * A template's compiled front-matter schema, or undefined when it has none or it cannot
 * be compiled. Compiled once per template object. Never throws.
 */
export function frontMatterSchemaOf(template: Template): CompiledFrontMatterSchema | undefined {
  const cached = compiled.get(template);
  if (cached !== undefined) return cached ?? undefined;
  let result: CompiledFrontMatterSchema | null = null;
  const spec = template.manifest.frontMatter;
  if (spec) {
    try {
      const jsonSchema = toJsonSchema(spec);
      const validate = ajv.compile(jsonSchema);
      // The validator works on its own; keep ajv's cache from growing with every reload.
      ajv.removeSchema(jsonSchema);
      result = { jsonSchema, fields: frontMatterFields(spec), additionalProperties: spec.additionalProperties === true, validate };
    } catch {
      result = null;
    }
  }
  compiled.set(template, result);
  return result ?? undefined;
}

/**
 * Checks front-matter values (top-level key → value as YAML reads it) against a compiled
 * schema and returns at most one issue per key: a wrong enum value over a wrong format
 * over a wrong type. Never throws.
 */
export function checkFrontMatter(schema: CompiledFrontMatterSchema, values: Readonly<Record<string, unknown>>): FrontMatterIssue[] {
  let errors: readonly ErrorObject[];
  try {
    errors = schema.validate(values) ? [] : (schema.validate.errors ?? []);
  } catch {
    return [];
  }
  const byKey = new Map<string, FrontMatterIssue>();
  const rank = { missing: 0, unknown: 0, type: 1, format: 2, enum: 3 } as const;
  for (const error of errors) {
    const issue = toIssue(schema, error);
    if (!issue) continue;
    const id = `${issue.kind === 'missing' || issue.kind === 'unknown' ? issue.kind : 'value'}:${issue.key}`;
    const previous = byKey.get(id);
    if (!previous || rank[issue.kind] > rank[previous.kind]) byKey.set(id, issue);
  }
  return [...byKey.values()];
}

function toIssue(schema: CompiledFrontMatterSchema, error: ErrorObject): FrontMatterIssue | undefined {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return { kind: 'missing', key: String(params.missingProperty) };
  if (error.keyword === 'additionalProperties') return { kind: 'unknown', key: String(params.additionalProperty) };
  const key = topLevelKey(error.instancePath);
  const field = key === undefined ? undefined : schema.fields.get(key);
  if (key === undefined || !field) return undefined;
  if (error.keyword === 'enum') return { kind: 'enum', key, field };
  if (error.keyword === 'format' && (params.format === 'date' || params.format === 'date-time')) return { kind: 'format', key, field, format: params.format };
  if (error.keyword === 'type' || error.keyword === 'anyOf') return { kind: 'type', key, field };
  return undefined;
}

function topLevelKey(pointer: string): string | undefined {
  const segments = pointer.split('/');
  if (segments.length !== 2) return undefined;
  return (segments[1] as string).replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Today (`YYYY-MM-DD`, UTC) or now (`YYYY-MM-DDTHH:mm:ssZ`) for a date or date-time value.
 * With `offset` (`+02:00`, `-0400`, `Z`) the time is written in that offset, in the same
 * style. Undefined for an invalid date. Never throws.
 */
export function formatDate(now: Date, format: 'date' | 'date-time', offset = 'Z'): string | undefined {
  const time = now.getTime();
  if (!Number.isFinite(time)) return undefined;
  if (format === 'date') return new Date(time).toISOString().slice(0, 10);
  const match = /^([+-])(\d\d):?(\d\d)$/.exec(offset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  if (Math.abs(minutes) > 24 * 60) return undefined;
  const shifted = new Date(time + minutes * 60_000);
  if (!Number.isFinite(shifted.getTime())) return undefined;
  return `${shifted.toISOString().slice(0, 19)}${match ? offset : 'Z'}`;
}

/** YAML 1.1 reads these plain words as booleans or null; quote them so every reader sees text. */
const YAML_11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * A YAML scalar that reads back as `value`: numbers and booleans as written, text plain
 * when YAML reads it back unchanged (and no YAML 1.1 reader would take it for a boolean),
 * else in `quote` style or double-quoted.
 */
export function yamlScalar(value: string | number | boolean, quote: 'plain' | '"' | "'" = 'plain'): string {
  if (typeof value !== 'string') return String(value);
  if (quote === "'" && !/[\r\n]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (quote === 'plain' && isPlainSafe(value)) return value;
  return JSON.stringify(value);
}

function isPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\r\n]/.test(value) || YAML_11_WORDS.test(value)) return false;
  if (value.includes(' #') || value.includes(': ') || value.endsWith(':')) return false;
  const document = parseDocument(`${value}\n`);
  return document.errors.length === 0 && isScalar(document.contents) && document.contents.value === value;
}

/**
 * The text that replaces `target` (document offsets inside a front-matter value) so that
 * YAML reads `value` there, or undefined when no such text keeps the YAML valid. A whole
 * value becomes a scalar in the quote style it had (a flow list `[A|B]` is replaced whole
 * by a plain or quoted scalar); text inside a quoted scalar is escaped for its quotes.
 */
export function yamlReplacement(text: string, frontMatter: FrontMatter, target: OffsetRange, value: string | number | boolean): string | undefined {
  const base = frontMatter.contentRange.start;
  const entry = frontMatter.entries.find((e) => e.valueRange && e.valueRange.start <= target.start && target.end <= e.valueRange.end);
  if (!entry?.valueRange) return undefined;
  let scalar: YamlNode | undefined;
  if (entry.valueNode) {
    visit(entry.valueNode, {
      Scalar(_key, node) {
        if (node.range && base + node.range[0] <= target.start && target.end <= base + node.range[1]) scalar = node;
      },
    });
  }
  const type = scalar && isScalar(scalar) ? scalar.type : undefined;
  const quote = type === 'QUOTE_DOUBLE' ? '"' : type === 'QUOTE_SINGLE' ? "'" : 'plain';
  const whole =
    (target.start === entry.valueRange.start && target.end === entry.valueRange.end) ||
    (scalar?.range != null && target.start === base + scalar.range[0] && target.end === base + scalar.range[1]);
  const inner = String(value);
  const candidates = whole
    ? [yamlScalar(value, quote), JSON.stringify(value)]
    : quote === '"'
      ? [JSON.stringify(inner).slice(1, -1)]
      : quote === "'"
        ? [inner.replace(/'/g, "''")]
        : [inner];
  return candidates.find((candidate) => keepsYamlValid(text, frontMatter, target, candidate));
}

/** Whether the front matter still parses after the edit, with `addedKeys` more top-level keys than before. */
export function keepsYamlValid(text: string, frontMatter: FrontMatter, target: OffsetRange, newText: string, addedKeys = 0): boolean {
  const { start, end } = frontMatter.contentRange;
  if (target.start < start || target.end > end) return false;
  const edited = text.slice(start, target.start) + newText + text.slice(target.end, end);
  // Read as the front matter was read (see `readFrontMatter`): a lone `\r` breaks a line.
  const document = parseDocument(edited.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false });
  if (document.errors.length > 0) return false;
  const contents = document.contents as { items?: readonly { key?: unknown }[] } | null;
  return (contents?.items?.length ?? 0) === frontMatter.entries.length + addedKeys;
}

/**
 * The template's own value for a front-matter key, as written in its front matter (its
 * placeholder, such as `[Draft|In Progress|Review|Complete]`); empty when it has none on
 * one line.
 */
export function templateValue(template: Template, key: string): string {
  const frontMatter = template.document.frontMatter;
  if (!frontMatter || frontMatter.errors.length > 0) return '';
  const entry = frontMatter.entries.find((candidate) => candidate.key === key);
  if (!entry?.valueRange) return '';
  const value = template.text.slice(entry.valueRange.start, entry.valueRange.end).trim();
  return /[\r\n]/.test(value) ? '' : value;
}

/** Whether a front-matter value is still to be filled: it holds a placeholder, or is the template's own value. */
export function isUnfilled(document: SpecDocument, template: Template, entry: FrontMatterEntry): boolean {
  const value = entry.valueRange;
  if (!value) return false;
  if (document.placeholders.some((p) => p.inFrontMatter && p.range.start < value.end && value.start < p.range.end)) return true;
  const own = templateValue(template, entry.key);
  return own !== '' && document.text.slice(value.start, value.end).trim() === own;
}

/** A date mask the placeholder scanner does not know, such as `YYYY-MM-DDTHH:MM:SS` or `DD/MM/YYYY`. */
export function looksLikeDateMask(source: string): boolean {
  const value = source.trim().replace(/^(["'[])(.*)(["'\]])$/, '$2').trim();
  return (
    /^Y{2,4}[-/.]?M{1,2}[-/.]?D{1,2}(?:[T ]H{1,2}:?M{1,2}(?::?S{1,2}(?:\.S+)?)?\s*(?:Z|[+-](?:\d\d|HH):?(?:\d\d|MM))?)?$/i.test(value) ||
    /^(?:D{1,2}[-/.]M{1,2}|M{1,2}[-/.]D{1,2})[-/.]Y{2,4}$/i.test(value)
  );
}

const CREATED = /^(?:date[_-]?)?created(?:[_-]?(?:at|on|date))?$/i;
const UPDATED = /^(?:(?:last[_-]?)?(?:updated|modified)(?:[_-]?(?:at|on|date))?|date[_-]?(?:updated|modified))$/i;

/** Front-matter entries that must not be earlier than another: `updated`, `last_updated`, … after `created`. */
export function datePairs(schema: CompiledFrontMatterSchema, entries: readonly FrontMatterEntry[]): { created: FrontMatterEntry; updated: FrontMatterEntry }[] {
  const isDate = (entry: FrontMatterEntry) => schema.fields.get(entry.key)?.types.some((type) => type === 'date' || type === 'date-time') === true;
  const created = entries.find((entry) => CREATED.test(entry.key) && isDate(entry));
  if (!created) return [];
  return entries.filter((entry) => UPDATED.test(entry.key) && isDate(entry)).map((updated) => ({ created, updated }));
}

/**
 * Compares two valid dates or date-times: negative when `a` is earlier. Two date-times
 * compare as instants; when either is a date only, their calendar days compare.
 * Undefined when either cannot be read.
 */
export function compareDates(a: string, b: string): number | undefined {
  const read = (value: string) => {
    const day = /^\d{4}-\d\d-\d\d/.exec(value)?.[0];
    const instant = value.length > 10 ? Date.parse(value.replace(' ', 'T')) : undefined;
    return day === undefined || Number.isNaN(instant) ? undefined : { day, instant };
  };
  const x = read(a.trim());
  const y = read(b.trim());
  if (!x || !y) return undefined;
  if (x.instant !== undefined && y.instant !== undefined) return x.instant - y.instant;
  return x.day < y.day ? -1 : x.day > y.day ? 1 : 0;
}
