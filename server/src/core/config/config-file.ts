// Reads a Specwright config file (.specwright.yaml, .specwright.yml or .specwright.json)
// from its text: parse with `yaml` (JSON is YAML, and the parser keeps every node's
// range), validate against config.schema.json with ajv, and turn each problem into a
// message on the exact key or value. Pure: the caller reads the file.
import type { ErrorObject } from 'ajv';
import { lazyValidator } from '../parse/lazy-validator';
import { pointerSegments, rangeAt } from '../parse/schema-problems';
import { parseDocument, type Document } from 'yaml';
import type { OffsetRange } from '../parse/range';
import { RULES } from '../lint/registry';
import type { SeveritySetting } from '../lint/types';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import schema from './config.schema.json';

/** The file names a config file may have, in the order they win when a folder has several. */
export const CONFIG_FILE_NAMES = ['.specwright.yaml', '.specwright.yml', '.specwright.json'] as const;

/** What a config file may say. Every key is optional; paths are relative to the file's folder. */
export interface SpecwrightConfig {
  readonly files?: readonly string[];
  readonly includeFiles?: readonly string[];
  readonly excludeFiles?: readonly string[];
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly specsFolder?: string;
  readonly templateFolders?: readonly string[];
  readonly traceFiles?: readonly string[];
  readonly testFiles?: readonly string[];
  readonly idPrefixes?: readonly string[];
}

/** One problem in a config file. `range` is in UTF-16 offsets into its text, end exclusive. */
export interface ConfigProblem {
  readonly message: string;
  readonly range: OffsetRange;
  readonly severity: 'error' | 'warning';
}

export interface ParsedConfigFile {
  /** The valid part of the file: keys and entries with problems are left out. */
  readonly config: SpecwrightConfig;
  readonly problems: readonly ConfigProblem[];
}

// An annotation (VS Code's JSON editor reads it too): the message for a failing subschema.
const validate = lazyValidator(schema, { allErrors: true, verbose: true, strict: true }, (ajv) => ajv.addKeyword('errorMessage'));

/**
 * Parses and validates a config file. Never throws: broken YAML or JSON and schema
 * violations are errors, unknown keys and rule ids are warnings, each on the exact
 * key or value. `fileName` decides whether the text must also be strict JSON.
 */
export function parseConfigFile(text: string, fileName: string): ParsedConfigFile {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  // The parser may point one past the end (at a missing closing bracket).
  const clamp = ([start, end]: [number, number]): [number, number] => [Math.min(start, text.length), Math.min(Math.max(start, end), text.length)];
  const problems: ConfigProblem[] = [
    ...document.errors.map((error) => syntaxProblem(error.message, clamp(error.pos), 'error', 'YAML')),
    ...document.warnings.map((warning) => syntaxProblem(warning.message, clamp(warning.pos), 'warning', 'YAML')),
  ];
  if (problems.length === 0 && /\.json$/i.test(fileName)) {
    const jsonProblem = strictJsonProblem(text);
    if (jsonProblem) problems.push(jsonProblem);
  }
  if (problems.some((problem) => problem.severity === 'error')) return { config: {}, problems };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { config: {}, problems: [{ message: `Expected plain data, found: ${firstLine(String(error))}`, range: { start: 0, end: 0 }, severity: 'error' }] };
  }
  if (validate(data)) {
    problems.push(...unknownRules(document, data as SpecwrightConfig));
    return { config: data as SpecwrightConfig, problems };
  }
  const errors = validate.errors.filter((error) => error.keyword !== 'allOf');
  for (const error of errors) problems.push(schemaProblem(document, error));
  const config = withoutInvalid(data, errors);
  problems.push(...unknownRules(document, config));
  return { config, problems: problems.sort((a, b) => a.range.start - b.range.start) };
}

/**
 * The editor settings a config file stands for: each key it sets replaces the value
 * in `base`, and `rules` are merged over the base rules.
 */
export function configToSettings(config: SpecwrightConfig, base: Settings = DEFAULT_SETTINGS): Settings {
  return normalizeSettings({
    ...base,
    ...(config.files ? { files: config.files } : {}),
    ...(config.includeFiles ? { includeFiles: config.includeFiles } : {}),
    ...(config.excludeFiles ? { excludeFiles: config.excludeFiles } : {}),
    rules: { ...base.rules, ...config.rules },
    ...(config.templateFolders ? { templateFolders: config.templateFolders } : {}),
    ...(config.specsFolder ? { specsFolder: config.specsFolder } : {}),
    ...(config.traceFiles ? { traceFiles: config.traceFiles } : {}),
    ...(config.testFiles ? { testFiles: config.testFiles } : {}),
    ...(config.idPrefixes ? { idPrefixes: config.idPrefixes } : {}),
  });
}

function syntaxProblem(message: string, pos: [number, number], severity: 'error' | 'warning', language: string): ConfigProblem {
  return { message: `Expected valid ${language}, found: ${firstLine(message)}`, range: { start: pos[0], end: Math.max(pos[0], pos[1]) }, severity };
}

// YAML accepts what strict JSON does not (trailing commas, comments, single quotes).
function strictJsonProblem(text: string): ConfigProblem | undefined {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = Number(/at position (\d+)/.exec(message)?.[1] ?? 0) + (text.startsWith('\uFEFF') ? 1 : 0);
    const start = Math.min(at, text.length);
    return syntaxProblem(message.replace(/ in JSON at position \d+.*$/s, ''), [start, Math.min(start + 1, text.length)], 'error', 'JSON');
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function unknownRules(document: Document, config: SpecwrightConfig): ConfigProblem[] {
  const known = RULES.map((rule) => rule.meta.id);
  return Object.keys(config.rules ?? {})
    .filter((id) => !known.includes(id))
    .map((id) => ({
      message: `Expected a rule id (${known.map((k) => `\`${k}\``).join(', ')}), found the unknown rule \`${id}\``,
      range: rangeAt(document, ['rules', id], 'key'),
      severity: 'warning' as const,
    }));
}

function schemaProblem(document: Document, error: ErrorObject): ConfigProblem {
  const path = pointerSegments(error.instancePath).map(String);
  const params = error.params as Record<string, unknown>;
  const where = path.length === 0 ? 'the file' : `\`${path.join('.')}\``;
  const custom = (error.parentSchema as { errorMessage?: unknown } | undefined)?.errorMessage;
  if (error.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    const keys = Object.keys(schema.properties).filter((k) => k !== '$schema');
    return {
      message: `Expected one of ${keys.map((k) => `\`${k}\``).join(', ')}, found the unknown key \`${key}\``,
      range: rangeAt(document, [...path, key], 'key'),
      severity: 'warning',
    };
  }
  const range = rangeAt(document, path, 'value');
  const found = describeValue(error.data);
  if (typeof custom === 'string') return { message: custom, range, severity: 'error' };
  switch (error.keyword) {
    case 'type':
      return { message: `Expected ${where} to be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}, found ${found}`, range, severity: 'error' };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``);
      return { message: `Expected ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)} for ${where}, found ${found}`, range, severity: 'error' };
    }
    case 'minLength':
      return { message: `Expected ${where} to be a non-empty string, found an empty one`, range, severity: 'error' };
    default:
      return { message: `Expected ${where} to be valid: it ${error.message ?? 'is not'}`, range, severity: 'error' };
  }
}

const TYPE_NAMES: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'a string' };

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${String(value)}\``;
}

// Removes every value an error points at, so the rest of the file still applies.
function withoutInvalid(data: unknown, errors: readonly ErrorObject[]): SpecwrightConfig {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const copy = structuredClone(data) as Record<string, unknown>;
  const removals = errors.map((error) => {
    const path = pointerSegments(error.instancePath).map(String);
    const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
    return error.keyword === 'additionalProperties' && typeof extra === 'string' ? [...path, extra] : path;
  });
  const unique = [...new Map(removals.map((path) => [JSON.stringify(path), path])).values()];
  // Deepest first, and array indexes from the back, so earlier removals do not shift later ones.
  const index = (path: readonly string[]) => (/^\d+$/.test(path.at(-1) ?? '') ? Number(path.at(-1)) : -1);
  unique.sort((a, b) => b.length - a.length || index(b) - index(a));
  for (const path of unique) {
    if (path.length === 0) return {};
    let parent: unknown = copy;
    for (const segment of path.slice(0, -1)) parent = (parent as Record<string, unknown> | undefined)?.[segment];
    const last = path.at(-1) as string;
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
  }
  return copy as SpecwrightConfig;
}
