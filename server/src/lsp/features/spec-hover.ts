import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Placeholder } from '../../core/parse/placeholders';
import type { Section } from '../../core/parse/sections';
import type { SpecDocument } from '../../core/parse/spec-document';
import type { TemplateChoice } from '../../core/templates/detect';
import type { Template } from '../../core/templates/template';
import { describeField } from './front-matter-completion';
import { toRange } from '../../workspace/positions';

/**
 * Hover on a placeholder: what kind of value it asks for and the template's guidance for
 * its section — the section's HTML comments and italic instruction lines, and the
 * template line the placeholder comes from.
 */
export function placeholderHover(
  document: TextDocument,
  spec: SpecDocument,
  choice: TemplateChoice | undefined,
  position: Position,
  // As the document's family reads them (`familyPlaceholders`): a spec-kit `[P]` is no placeholder there.
  placeholders: readonly Placeholder[] = spec.placeholders,
): Hover | null {
  const offset = document.offsetAt(position);
  const placeholder = placeholderAt(placeholders, offset);
  if (!placeholder) return null;
  const lines = [`**Placeholder** — ${asksFor(placeholder)}`];
  const entry = placeholder.inFrontMatter ? spec.frontMatter?.entries.find((e) => e.valueRange && e.valueRange.start <= offset && offset <= e.valueRange.end) : undefined;
  const field = entry ? choice?.template.manifest.frontMatter?.properties[entry.key] : undefined;
  if (entry && field) lines.push('', describeField(entry.key, field));
  const sectionIndex = placeholder.inFrontMatter ? -1 : sectionAt(spec.outline.flat, placeholder.range.start);
  const templateIndex = choice && sectionIndex >= 0 ? choice.match.byDocument.get(sectionIndex) : undefined;
  if (choice && templateIndex !== undefined) {
    const { template } = choice;
    const section = template.sections[templateIndex];
    const templateSection = template.document.outline.flat[templateIndex];
    if (section && templateSection) {
      const guidance = guidanceOf(templateSection);
      const line = templateLine(template, templateSection, placeholder);
      if (guidance.length > 0 || line) lines.push('', `**From the template** (\`${'#'.repeat(section.depth)} ${section.title}\` in ${template.manifest.label}):`);
      for (const text of guidance) lines.push('', `> ${text}`);
      if (line) lines.push('', `\`\`\`markdown\n${line}\n\`\`\``);
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(document, placeholder.range) };
}

/** Hover on a front-matter key: its description and allowed values in the template's schema. */
export function frontMatterKeyHover(document: TextDocument, spec: SpecDocument, choice: TemplateChoice | undefined, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const entry = spec.frontMatter?.entries.find((candidate) => candidate.keyRange.start <= offset && offset <= candidate.keyRange.end);
  if (!entry || !choice) return null;
  const { template } = choice;
  let value: string;
  if (entry.key === 'specwright') {
    value = `**\`specwright\`** — the template this spec follows: **${template.manifest.label}** (\`${template.id}\`, ${template.origin}).`;
  } else {
    const field = template.manifest.frontMatter?.properties[entry.key];
    const lifecycle = template.manifest.lifecycle;
    const statuses = lifecycle?.field.frontMatter === entry.key ? lifecycle.statuses.map((status) => status.value) : [];
    if (field) value = describeField(entry.key, field, statuses);
    else if (statuses.length > 0) value = describeField(entry.key, { description: 'The spec’s status in its lifecycle.' }, statuses);
    else if (template.manifest.frontMatter) value = `**\`${entry.key}\`** is not in the front matter of template ${template.manifest.label}.`;
    else return null;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(document, entry.keyRange) };
}

// Placeholders are sorted and do not overlap; ends are inclusive so the cursor right after one finds it.
function placeholderAt(placeholders: readonly Placeholder[], offset: number): Placeholder | undefined {
  let low = 0;
  let high = placeholders.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = placeholders[middle] as Placeholder;
    if (candidate.range.end < offset) low = middle + 1;
    else if (candidate.range.start > offset) high = middle - 1;
    else return candidate;
  }
  return undefined;
}

/** The innermost section whose heading or own content holds `offset`, by position in `flat`; -1 before the first heading. */
function sectionAt(flat: readonly Section[], offset: number): number {
  let low = 0;
  let high = flat.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((flat[middle] as Section).headingRange.start <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function asksFor(placeholder: Placeholder): string {
  switch (placeholder.kind) {
    case 'choice':
      return `one of ${(placeholder.choices ?? []).map((choice) => `\`${choice}\``).join(', ')}`;
    case 'date':
      return placeholder.format === 'date-time' ? 'a date and time (`YYYY-MM-DDTHH:mm`)' : 'a date (`YYYY-MM-DD`)';
    case 'variable':
      return `a value for \`${placeholder.label}\``;
    case 'clarification':
      return `an open question to resolve${placeholder.label.includes(':') ? `: ${placeholder.label.slice(placeholder.label.indexOf(':') + 1).trim()}` : ''}`;
    case 'todo':
      return 'text still to be written';
    default:
      return `replace with ${placeholder.label}`;
  }
}

/** The section's HTML comments and italic instruction lines, as plain text. */
function guidanceOf(section: Section): string[] {
  const found: string[] = [];
  for (const node of section.ownNodes as RootContent[]) {
    if (node.type === 'html') {
      for (const match of node.value.matchAll(/<!--([\s\S]*?)-->/g)) {
        const text = (match[1] ?? '').replace(/\s+/g, ' ').trim();
        if (text) found.push(text);
      }
    } else if (node.type === 'paragraph') {
      const meaningful = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      if (meaningful.length === 1 && meaningful[0]?.type === 'emphasis') found.push(toString(meaningful[0]).replace(/\s+/g, ' ').trim());
    }
  }
  return found;
}

/** The template line with the same placeholder in the section, when the spec's placeholder sits in a longer line. */
function templateLine(template: Template, section: Section, placeholder: Placeholder): string | undefined {
  const { text, placeholders } = template.document;
  const from = section.headingRange.start;
  const to = section.ownRange.end;
  const same = placeholders.find((candidate) => candidate.range.start >= from && candidate.range.end <= to && candidate.text === placeholder.text);
  if (!same) return undefined;
  const start = text.lastIndexOf('\n', same.range.start - 1) + 1;
  const end = text.indexOf('\n', same.range.end);
  const line = text.slice(start, end < 0 ? text.length : end).trim();
  return line === placeholder.text ? undefined : line;
}
