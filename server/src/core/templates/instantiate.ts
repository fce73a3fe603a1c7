import { dateForMask, type Placeholder } from '../parse/placeholders';
import type { OffsetRange } from '../parse/range';
import { fileNameFor, slugify, type FileNameResult } from './file-name';
import { yamlReplacement } from './front-matter-schema';
import { choiceStop, escapeSnippetText, tabStop } from './snippet-text';
import type { Template } from './template';

/** What the author told us, and what we know, when creating a spec. */
export interface InstanceValues {
  readonly title: string;
  /** Empty or missing: author placeholders stay for the author to fill. */
  readonly author?: string;
  /** The moment of creation; dates are written in the author's time zone. */
  readonly now: Date;
  /** The author's offset from UTC in minutes (east positive: +60 for CET, -240 for EDT). Default 0. */
  readonly utcOffsetMinutes?: number;
  /** Values of the template's own variables. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** A new spec made from a template. */
export interface Instance {
  /** The text with known values filled and every other placeholder left as written. */
  readonly text: string;
  /** The same text as an editor snippet: each remaining placeholder is a tab stop, choices are choice lists. */
  readonly snippet: string;
  readonly tabStops: number;
  readonly fileName: FileNameResult;
  /** The values used, by variable name. */
  readonly values: Readonly<Record<string, string>>;
}

interface Spot {
  readonly range: OffsetRange;
  /** Replacement text; undefined for a tab stop. */
  readonly value?: string;
  readonly placeholder?: Placeholder;
}

/**
 * Fills a template in: the manifest's `fill` entries, every date mask (today, or now
 * for a date-time mask), and `{{variable}}` placeholders whose variable is known.
 * Everything else stays as written; in the snippet it becomes a tab stop, in
 * document order. Values that land in the YAML front matter are written as valid
 * YAML. A template with front matter gets `specwright: <id>` added to it, so the
 * spec records its template. Pure: the clock comes in `values.now`.
 */
export function instantiate(template: Template, values: InstanceValues): Instance {
  const known = knownValues(template, values);
  const text = template.text;
  const spots = fillSpots(template, known);
  const taken = (candidate: OffsetRange) => spots.some((spot) => candidate.start < spot.range.end && spot.range.start < candidate.end);
  for (const placeholder of template.document.placeholders) {
    if (taken(placeholder.range)) continue;
    if (placeholder.kind === 'date') {
      spots.push({ range: placeholder.range, value: placeholder.format === 'date-time' ? known.datetime : dateForMask(placeholder.label, known.date) });
    } else if (placeholder.kind === 'variable' && known[placeholder.label] !== undefined && known[placeholder.label] !== '') {
      spots.push({ range: placeholder.range, value: known[placeholder.label] });
    } else {
      spots.push({ range: placeholder.range, placeholder });
    }
  }
  spots.sort((a, b) => a.range.start - b.range.start);

  let plain = '';
  let snippet = '';
  let cursor = 0;
  let stops = 0;
  let recordAt = recordInsertionPoint(template);
  const emitLiteral = (end: number) => {
    if (recordAt !== undefined && cursor <= recordAt && recordAt <= end) {
      const before = text.slice(cursor, recordAt);
      const line = `specwright: ${template.id}\n`;
      plain += before + line;
      snippet += escapeSnippetText(before) + escapeSnippetText(line);
      cursor = recordAt;
      recordAt = undefined;
    }
    const literal = text.slice(cursor, end);
    plain += literal;
    snippet += escapeSnippetText(literal);
  };
  for (const spot of spots) {
    if (spot.range.start < cursor) continue;
    emitLiteral(spot.range.start);
    const original = text.slice(spot.range.start, spot.range.end);
    if (spot.value !== undefined) {
      const value = yamlSafe(template, spot.range, spot.value);
      plain += value;
      snippet += escapeSnippetText(value);
    } else {
      stops += 1;
      plain += original;
      const choices = spot.placeholder?.kind === 'choice' ? spot.placeholder.choices : undefined;
      snippet += choices && choices.length > 1 ? choiceStop(stops, [...choices, original]) : tabStop(stops, original);
    }
    cursor = spot.range.end;
  }
  emitLiteral(text.length);
  const fileName = fileNameFor(template.manifest.fileName, known);
  return { text: plain, snippet, tabStops: stops, fileName, values: known };
}

function knownValues(template: Template, values: InstanceValues): Record<string, string> {
  const offset = values.utcOffsetMinutes ?? 0;
  const local = new Date(values.now.getTime() + offset * 60_000);
  const iso = local.toISOString();
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const known: Record<string, string> = {};
  for (const variable of template.manifest.variables) if (variable.default !== undefined) known[variable.name] = variable.default;
  Object.assign(known, values.variables ?? {});
  const title = values.title.trim();
  return {
    ...known,
    title,
    slug: slugify(title) || 'untitled',
    date: iso.slice(0, 10),
    datetime: `${iso.slice(0, 19)}${zone}`,
    author: (values.author ?? '').trim(),
    status: template.manifest.lifecycle?.statuses[0]?.value ?? '',
    template: template.id,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every occurrence of a `fill` key whose value can be computed (all its variables known and non-empty). */
function fillSpots(template: Template, known: Readonly<Record<string, string>>): Spot[] {
  const spots: Spot[] = [];
  const keys = Object.keys(template.manifest.fill).sort((a, b) => b.length - a.length);
  const text = template.text;
  for (const key of keys) {
    const value = expand(template.manifest.fill[key] as string, known);
    if (value === undefined) continue;
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + key.length)) {
      const range = { start: at, end: at + key.length };
      if (!spots.some((spot) => range.start < spot.range.end && spot.range.start < range.end)) spots.push({ range, value });
    }
  }
  return spots;
}

/** Expands `{{name}}` references; undefined when one of them has no value. */
function expand(pattern: string, known: Readonly<Record<string, string>>): string | undefined {
  let missing = false;
  const value = pattern.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_whole, name: string) => {
    const replacement = known[name];
    if (replacement === undefined || replacement === '') missing = true;
    return replacement ?? '';
  });
  return missing ? undefined : value;
}

/** Where `specwright: <id>` goes: the start of the front matter's YAML, when it has none yet. */
function recordInsertionPoint(template: Template): number | undefined {
  const frontMatter = template.document.frontMatter;
  if (!frontMatter || frontMatter.notAMapping || template.manifest.kind !== 'spec') return undefined;
  if (frontMatter.entries.some((entry) => entry.key === 'specwright')) return undefined;
  return frontMatter.contentRange.start;
}

/** A value that lands in the front matter is written as YAML that reads back as that value. */
function yamlSafe(template: Template, spot: OffsetRange, value: string): string {
  const frontMatter = template.document.frontMatter;
  if (!frontMatter || spot.start < frontMatter.contentRange.start || spot.end > frontMatter.contentRange.end) return value;
  return yamlReplacement(template.text, frontMatter, spot, value) ?? value;
}
