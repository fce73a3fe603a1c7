// Checks a spec's front matter against its template's front-matter schema: required keys,
// value types, allowed values, dates, and `updated` not before `created`. Tools that read
// the metadata (indexes, dashboards, static-site generators) trust these values. Broken
// YAML is front-matter-syntax's finding, and values that are still placeholders are
// unfilled-placeholder's, so neither is reported here.
import { isCollection, isScalar, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterEntry } from '../parse/front-matter';
import { range } from '../parse/range';
import type { SpecDocument } from '../parse/spec-document';
import {
  checkFrontMatter,
  compareDates,
  datePairs,
  formatDate,
  frontMatterSchemaOf,
  isUnfilled,
  keepsYamlValid,
  looksLikeDateMask,
  TEMPLATE_KEY,
  templateValue,
  yamlReplacement,
  yamlScalar,
  type CompiledFrontMatterSchema,
  type FrontMatterField,
} from '../templates/front-matter-schema';
import type { FieldType } from '../templates/manifest';
import type { Template } from '../templates/template';
import type { Fix, Report, Rule } from '../lint/types';

export const frontMatterSchema: Rule = {
  meta: {
    id: 'front-matter-schema',
    description: "Front matter that does not match its template's schema.",
    rationale:
      'A template can say which front-matter keys a spec must have, what type each value is, which values ' +
      'are allowed and which keys are dates. A missing key, `status: Drafty`, `created: 2026-13-01` or an ' +
      '`updated` date before `created` breaks whatever reads the metadata. Fixes add a missing key with the ' +
      "template's placeholder, pick an allowed value, quote a number meant as text, or set a date to today. " +
      'Values that are still placeholders are left to `unfilled-placeholder`, and YAML that does not parse to `front-matter-syntax`.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ document, template, now, report }) {
    const schema = template ? frontMatterSchemaOf(template.template) : undefined;
    if (!template || !schema) return;
    const frontMatter = document.frontMatter;
    if (!frontMatter) {
      if (!document.unclosedFrontMatter) reportMissingBlock(document, template.template, schema, report);
      return;
    }
    if (frontMatter.errors.length > 0 || frontMatter.notAMapping) return;
    const values: Record<string, unknown> = {};
    const skipped = new Set<string>();
    for (const entry of frontMatter.entries) {
      values[entry.key] = entry.value ?? null;
      if (entry.value === undefined || isUnfilled(document, template.template, entry)) skipped.add(entry.key);
    }
    const invalid = new Set<string>();
    for (const issue of checkFrontMatter(schema, values)) {
      if (issue.kind === 'unknown') continue;
      if (issue.kind === 'missing') {
        reportMissingKey(document, frontMatter, template.template, issue.key, report);
        continue;
      }
      invalid.add(issue.key);
      const entry = frontMatter.entries.find((candidate) => candidate.key === issue.key);
      if (!entry || skipped.has(issue.key)) continue;
      if (isEmpty(entry) && !issue.field.required) continue;
      reportValue(document, frontMatter, entry, issue.field, issue.kind, now, report);
    }
    checkOrder(document, frontMatter, schema, (key) => skipped.has(key) || invalid.has(key), now, report);
  },
};

function isEmpty(entry: FrontMatterEntry): boolean {
  return entry.value === null && (!entry.valueRange || entry.valueRange.start === entry.valueRange.end);
}

function reportMissingBlock(document: SpecDocument, template: Template, schema: CompiledFrontMatterSchema, report: (r: Report) => void): void {
  const required = [...schema.fields.values()].filter((field) => field.required && field.key !== TEMPLATE_KEY);
  if (required.length === 0) return;
  const { text } = document;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineEnd = text.slice(start).search(/\r\n|\r|\n/);
  const eol = lineEnding(text);
  const lines = required.map((field) => keyLine(field.key, templateValue(template, field.key)));
  const block = [`---`, `${TEMPLATE_KEY}: ${yamlScalar(template.id)}`, ...lines, '---', ''].join(eol);
  const blank = start === text.length || /^(?:\r\n|\r|\n)/.test(text.slice(start)) ? '' : eol;
  report({
    message: `Expected front matter with ${listOf(required.map((field) => field.key))} (template \`${template.id}\`), found none`,
    range: range(start, lineEnd < 0 ? text.length : start + lineEnd),
    data: { code: 'missing-front-matter', template: template.id, keys: required.map((field) => field.key) },
    fixes: [
      {
        title: `Add front matter for template \`${template.id}\``,
        edits: [{ range: range(start, start), newText: block + blank }],
        preferred: required.every((field) => templateValue(template, field.key) !== ''),
      },
    ],
  });
}

function keyLine(key: string, value: string): string {
  const name = yamlScalar(key);
  return value === '' ? `${name}:` : `${name}: ${value}`;
}

function reportMissingKey(document: SpecDocument, frontMatter: FrontMatter, template: Template, key: string, report: (r: Report) => void): void {
  const { text } = document;
  const value = templateValue(template, key);
  const at = frontMatter.contentRange.end;
  const newText = keyLine(key, value) + lineEnding(text.slice(frontMatter.range.start, frontMatter.range.end));
  const fence = frontMatter.range.start + (text.charCodeAt(frontMatter.range.start) === 0xfeff ? 1 : 0);
  const fixable = keepsYamlValid(text, frontMatter, range(at, at), newText, 1);
  report({
    message: `Expected key \`${key}\` in the front matter, found none`,
    range: range(fence, fence + 3),
    data: { code: 'missing-key', key, template: template.id },
    ...(fixable ? { fixes: [{ title: `Add \`${key}\``, edits: [{ range: range(at, at), newText }], preferred: value !== '' }] } : {}),
  });
}

type ValueKind = 'type' | 'enum' | 'format';

function reportValue(
  document: SpecDocument,
  frontMatter: FrontMatter,
  entry: FrontMatterEntry,
  field: FrontMatterField,
  kind: ValueKind,
  now: Date,
  report: (r: Report) => void,
): void {
  const { text } = document;
  const empty = isEmpty(entry);
  const where = empty || !entry.valueRange ? entry.keyRange : entry.valueRange;
  const found = describeValue(text, entry, empty);
  const expected =
    kind === 'enum' && field.enum ? `one of ${field.enum.map((value) => `\`${String(value)}\``).join(', ')}` : describeTypes(field.types);
  const fixes: Fix[] = [];
  const set = (title: string, value: string | number | boolean, preferred: boolean) => {
    const edit = valueEdit(text, frontMatter, entry, empty, value);
    if (edit) fixes.push({ title, edits: [edit], preferred });
  };
  if (kind === 'enum') for (const allowed of field.enum ?? []) set(`Change to \`${String(allowed)}\``, allowed, false);
  else {
    const retype = retypeFix(text, frontMatter, entry, field.types);
    if (retype) fixes.push(retype);
    const dateType = field.types.find((type): type is 'date' | 'date-time' => type === 'date' || type === 'date-time');
    if (dateType && !fixes.some((fix) => fix.preferred)) {
      const source = entry.valueRange ? text.slice(entry.valueRange.start, entry.valueRange.end) : '';
      const padded = dateType === 'date' ? padDate(typeof entry.value === 'string' ? entry.value : '') : undefined;
      if (padded) set(`Change to \`${padded}\``, padded, true);
      const fresh = formatDate(now, dateType, offsetOf(typeof entry.value === 'string' ? entry.value : ''));
      if (fresh) set(dateType === 'date' ? `Set to today, \`${fresh}\`` : `Set to now, \`${fresh}\``, fresh, !padded && looksLikeDateMask(source));
    }
  }
  report({
    message: `Expected \`${entry.key}\` to be ${expected}, found ${found}`,
    range: where,
    data: { code: kind, key: entry.key, types: field.types, ...(field.enum ? { allowed: field.enum } : {}) },
    ...(fixes.length > 0 ? { fixes } : {}),
  });
}

/** An edit that sets the entry's value, or inserts one after `key:` when it has none. */
function valueEdit(text: string, frontMatter: FrontMatter, entry: FrontMatterEntry, empty: boolean, value: string | number | boolean) {
  if (!empty && entry.valueRange) {
    const newText = yamlReplacement(text, frontMatter, entry.valueRange, value);
    return newText === undefined ? undefined : { range: entry.valueRange, newText };
  }
  const colon = /^\s*:/.exec(text.slice(entry.keyRange.end, entry.keyRange.end + 40));
  if (!colon) return undefined;
  const at = entry.keyRange.end + colon[0].length;
  const newText = ` ${yamlScalar(value)}`;
  return keepsYamlValid(text, frontMatter, range(at, at), newText) ? { range: range(at, at), newText } : undefined;
}

/**
 * `version: 1.0` meant as text gets quotes; `count: "3"` meant as a number loses them;
 * `branch: [feature/x]`, a one-item list where text is expected, may become its item.
 */
function retypeFix(text: string, frontMatter: FrontMatter, entry: FrontMatterEntry, types: readonly FieldType[]): Fix | undefined {
  const node = entry.valueNode;
  const where = entry.valueRange;
  if (!where) return undefined;
  const item: unknown = Array.isArray(entry.value) && entry.value.length === 1 ? entry.value[0] : undefined;
  const itemType = typeof item === 'number' && Number.isInteger(item) && !types.includes('number') ? 'integer' : typeof item;
  if ((typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') && types.includes(itemType as FieldType)) {
    // A number or boolean keeps its source (`4.10` stays `4.10`); text is written as YAML.
    const itemNode = isCollection(node) ? (node.items[0] as YamlNode | undefined) : undefined;
    const source = itemNode?.range ? text.slice(frontMatter.contentRange.start + itemNode.range[0], frontMatter.contentRange.start + itemNode.range[1]) : undefined;
    const newText = typeof item === 'string' ? yamlReplacement(text, frontMatter, where, item) : source;
    if (newText === undefined || !keepsYamlValid(text, frontMatter, where, newText)) return undefined;
    return { title: `Change to \`${newText}\``, edits: [{ range: where, newText }], preferred: false };
  }
  if (!isScalar(node)) return undefined;
  let newText: string | undefined;
  if (node.type === 'PLAIN' && (typeof node.value === 'number' || typeof node.value === 'boolean') && types.includes('string')) {
    newText = JSON.stringify(text.slice(where.start, where.end));
  } else if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && typeof node.value === 'string') {
    const plain = node.value.trim();
    const wanted = /^-?\d+$/.test(plain) ? ['integer', 'number'] : /^-?\d*\.\d+(?:e[+-]?\d+)?$/i.test(plain) ? ['number'] : /^(?:true|false)$/.test(plain) ? ['boolean'] : [];
    if (wanted.some((type) => types.includes(type as FieldType))) newText = plain;
  }
  if (newText === undefined || !keepsYamlValid(text, frontMatter, where, newText)) return undefined;
  const title = newText.startsWith('"') ? `Quote as text: \`${newText}\`` : `Remove the quotes: \`${newText}\``;
  return { title, edits: [{ range: where, newText }], preferred: true };
}

/** `2026-1-5` → `2026-01-05`, when that is a real date. */
function padDate(value: string): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!match) return undefined;
  const padded = `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}`;
  const date = new Date(`${padded}T00:00:00Z`);
  return padded !== value && Number.isFinite(date.getTime()) && date.toISOString().startsWith(padded) ? padded : undefined;
}

function offsetOf(value: string): string | undefined {
  return /[T ]\d.*?((?:[+-]\d\d:?\d\d)|Z)$/i.exec(value.trim())?.[1]?.replace(/^z$/, 'Z');
}

function checkOrder(
  document: SpecDocument,
  frontMatter: FrontMatter,
  schema: CompiledFrontMatterSchema,
  ignore: (key: string) => boolean,
  now: Date,
  report: (r: Report) => void,
): void {
  const { text } = document;
  for (const { created, updated } of datePairs(schema, frontMatter.entries)) {
    if (ignore(created.key) || ignore(updated.key) || !updated.valueRange || !created.valueRange) continue;
    if (typeof created.value !== 'string' || typeof updated.value !== 'string') continue;
    const order = compareDates(updated.value, created.value);
    if (order === undefined || order >= 0) continue;
    const dateOnly = updated.value.trim().length <= 10;
    const fresh = formatDate(now, dateOnly ? 'date' : 'date-time', offsetOf(updated.value));
    const [title, value] =
      fresh !== undefined && (compareDates(fresh, created.value) ?? -1) >= 0
        ? [dateOnly ? `Set to today, \`${fresh}\`` : `Set to now, \`${fresh}\``, fresh]
        : [`Set to the value of \`${created.key}\``, created.value.trim()];
    const newText = yamlReplacement(text, frontMatter, updated.valueRange, value);
    report({
      message: `Expected \`${updated.key}\` to be no earlier than \`${created.key}\` (\`${created.value.trim()}\`), found \`${updated.value.trim()}\``,
      range: updated.valueRange,
      data: { code: 'order', key: updated.key, notBefore: created.key },
      ...(newText === undefined ? {} : { fixes: [{ title, edits: [{ range: updated.valueRange, newText }], preferred: false }] }),
    });
  }
}

/** The line ending the text uses (its first one), LF when it has none. */
function lineEnding(text: string): string {
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

/** `a`, `b` and `c`, each in backticks. */
function listOf(values: readonly string[]): string {
  const quoted = values.map((value) => `\`${value}\``);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

const TYPE_NAMES: Readonly<Record<FieldType, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  date: 'a date (`YYYY-MM-DD`)',
  'date-time': 'a date and time (`YYYY-MM-DDTHH:mm:ss` with `Z` or an offset)',
  list: 'a list',
};

function describeTypes(types: readonly FieldType[]): string {
  return types.length === 0 ? 'a value' : types.map((type) => TYPE_NAMES[type]).join(' or ');
}

/** What a value is, for a message: `Drafty`, a list, no value. */
function describeValue(text: string, entry: FrontMatterEntry, empty: boolean): string {
  if (empty) return 'no value';
  if (Array.isArray(entry.value)) return 'a list';
  if (entry.value !== null && typeof entry.value === 'object') return 'a mapping';
  const shown = typeof entry.value === 'string' ? entry.value : entry.valueRange ? text.slice(entry.valueRange.start, entry.valueRange.end) : String(entry.value);
  const short = shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
  return `\`${short.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}
