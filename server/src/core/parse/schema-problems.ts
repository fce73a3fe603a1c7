import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { range, type OffsetRange } from './range';

/** A problem found in a YAML or JSON file checked against a JSON Schema. */
export interface SchemaProblem {
  readonly message: string;
  /** UTF-16 offsets into the checked text (plus `base`), end exclusive: the exact key or value. */
  readonly range: OffsetRange;
  readonly severity: 'error' | 'warning';
}

/**
 * Turns ajv's errors for a value read with `yaml`'s `parseDocument` into problems on
 * the exact key or value they are about: an unknown key points at that key, a wrong
 * value at the value, a missing key at the key of the object that lacks it (or the
 * object itself at the top level). `base` is added to every offset, for YAML that
 * sits inside a larger text such as front matter.
 */
export function schemaProblems(document: Document, errors: readonly ErrorObject[], base = 0): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const path = pointerSegments(error.instancePath);
    const located = locate(document, path, error);
    const message = describe(error, path);
    const key = `${located.start}:${located.end}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ message, range: range(base + located.start, base + located.end), severity: 'error' });
  }
  return problems;
}

/**
 * The range of the key (`part: 'key'`) or value at a path of keys and indexes; the
 * nearest existing node when the path goes further than the document does.
 */
export function rangeAt(document: Document, path: readonly (string | number)[], part: 'key' | 'value' = 'value'): OffsetRange {
  let node = document.contents as YamlNode | null;
  let target: YamlNode | null | undefined = node;
  for (const [i, segment] of path.entries()) {
    let next: YamlNode | null | undefined;
    let key: YamlNode | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item): item is Pair<YamlNode, YamlNode> => isPair(item) && keyText(item) === String(segment));
      key = pair?.key;
      next = pair?.value;
    } else if (isSeq(node)) {
      next = node.items[Number(segment)] as YamlNode | undefined;
    }
    if (!next && !key) break;
    target = part === 'key' && i === path.length - 1 && key ? key : (next ?? key);
    node = next ?? null;
  }
  const span = target?.range;
  return span ? range(span[0], Math.max(span[0], span[1])) : range(0, 0);
}

function locate(document: Document, path: (string | number)[], error: ErrorObject): OffsetRange {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return rangeAt(document, [...path, params.additionalProperty], 'key');
  }
  if (error.keyword === 'required' && path.length > 0) return rangeAt(document, path, 'key');
  if (error.keyword === 'required') return firstLine(document);
  return rangeAt(document, path, 'value');
}

function firstLine(document: Document): OffsetRange {
  const contents = document.contents as YamlNode | null;
  if (isMap(contents) && contents.items.length > 0) {
    const key = contents.items[0]?.key as YamlNode | undefined;
    if (key?.range) return range(key.range[0], key.range[1]);
  }
  return contents?.range ? range(contents.range[0], contents.range[0]) : range(0, 0);
}

function describe(error: ErrorObject, path: (string | number)[]): string {
  const params = error.params as Record<string, unknown>;
  const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
  switch (error.keyword) {
    case 'required':
      return `Expected key \`${String(params.missingProperty)}\` in ${where}, found none`;
    case 'additionalProperties':
      return `Expected only known keys in ${where}, found \`${String(params.additionalProperty)}\``;
    case 'enum':
      return `Expected ${where} to be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
    case 'anyOf':
      return `Expected ${where} to take one of its allowed forms, found none or several`;
    case 'type':
      return `Expected ${where} to be of type ${String(params.type).replace(/,/g, ' or ')}`;
    default:
      return `Expected ${where} to be valid: it ${error.message ?? 'is not'}`;
  }
}

function keyText(pair: Pair): string {
  const key = pair.key as YamlNode | null;
  return isScalar(key) ? String(key.value) : String(key);
}

/** The segments of a JSON pointer such as ajv's `instancePath`, unescaped; digits become numbers. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
