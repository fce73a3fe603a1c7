import { orderedDate } from '../parse/placeholders';
import type { OffsetRange } from '../parse/range';
import { choiceStop, escapeSnippetText, tabStop } from './snippet-text';
import type { Template } from './template';

/** An editor snippet taken from a template. */
export interface TemplateSnippet {
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  /** Snippet syntax: placeholders are tab stops, date masks insert today's date. */
  readonly body: string;
}

const TODAY = '${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}';
const NOW = `${TODAY}T\${CURRENT_HOUR}:\${CURRENT_MINUTE}:\${CURRENT_SECOND}\${CURRENT_TIMEZONE_OFFSET}`;

/**
 * The snippets a template's manifest declares, plus its front-matter block, with
 * their text taken from the template itself so they cannot drift from it. Throws
 * when the manifest names text the template does not have: the generator stops
 * rather than write a stale snippet.
 */
export function templateSnippets(template: Template): TemplateSnippet[] {
  const snippets: TemplateSnippet[] = [];
  for (const spec of template.manifest.snippets) {
    const range = spec.section !== undefined ? sectionRange(template, spec.section) : linesRange(template, spec.lines?.start ?? '', spec.lines?.count ?? 1);
    snippets.push({ name: spec.name, prefix: spec.prefix, description: spec.description ?? spec.name, body: snippetOf(template, range) });
  }
  if (template.manifest.kind === 'spec') snippets.push(frontMatterSnippet(template));
  return snippets;
}

function frontMatterSnippet(template: Template): TemplateSnippet {
  const frontMatter = template.document.frontMatter;
  const name = 'Front matter';
  const prefix = `spec-front-matter-${template.id}`;
  const description = `Front matter of a ${template.manifest.label}, naming its template.`;
  if (!frontMatter) return { name, prefix, description, body: `---\nspecwright: ${template.id}\n---\n` };
  const inner = snippetOf(template, frontMatter.contentRange);
  const record = frontMatter.entries.some((entry) => entry.key === 'specwright') ? '' : `specwright: ${template.id}\n`;
  return { name, prefix, description, body: `---\n${record}${inner}---\n` };
}

function sectionRange(template: Template, title: string): OffsetRange {
  const section = template.sections.find((candidate) => candidate.title === title);
  if (!section) throw new Error(`Template ${template.id} has no section "${title}" for a snippet`);
  let end = section.range.end;
  // Leave out trailing blank lines and a thematic break that separates sections.
  const tail = /(?:\n[ \t]*(?:---|\*\*\*|___)?[ \t]*)*\n?$/.exec(template.text.slice(section.range.start, end));
  if (tail) end -= tail[0].length;
  return { start: section.range.start, end: end + 1 <= template.text.length ? end + 1 : end };
}

function linesRange(template: Template, start: string, count: number): OffsetRange {
  const text = template.text;
  const at = text.startsWith(`${start}\n`) ? 0 : text.indexOf(`\n${start}\n`) + 1;
  if (at <= 0 && !text.startsWith(`${start}\n`)) throw new Error(`Template ${template.id} has no line "${start}" for a snippet`);
  let end = at;
  for (let i = 0; i < count; i++) {
    const next = text.indexOf('\n', end);
    end = next < 0 ? text.length : next + 1;
  }
  return { start: at, end };
}

/** The template text in `range` as a snippet: placeholders become tab stops (choices as choice lists), date masks today's date. */
function snippetOf(template: Template, range: OffsetRange): string {
  const text = template.text;
  let body = '';
  let cursor = range.start;
  let stops = 0;
  for (const placeholder of template.document.placeholders) {
    if (placeholder.range.start < range.start || placeholder.range.end > range.end) continue;
    body += escapeSnippetText(text.slice(cursor, placeholder.range.start));
    const original = text.slice(placeholder.range.start, placeholder.range.end);
    if (placeholder.kind === 'date') {
      body += placeholder.format === 'date-time' ? NOW : (orderedDate(placeholder.label, '${CURRENT_YEAR}', '${CURRENT_MONTH}', '${CURRENT_DATE}') ?? TODAY);
    } else {
      stops += 1;
      const choices = placeholder.kind === 'choice' ? placeholder.choices : undefined;
      body += choices && choices.length > 1 ? choiceStop(stops, [...choices, original]) : tabStop(stops, original);
    }
    cursor = placeholder.range.end;
  }
  body += escapeSnippetText(text.slice(cursor, range.end));
  return body;
}
