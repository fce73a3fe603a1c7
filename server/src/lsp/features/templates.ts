import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  InstantiateTemplateParams,
  InstantiateTemplateResult,
  ListTemplatesResult,
  TemplateSummary,
} from '../../../../common/src/protocol';
import { DEFAULT_FAMILY_ID } from '../../core/families/built-in';
import type { FamilyChoice } from '../../core/families/identify';
import type { SpecDocument } from '../../core/parse/spec-document';
import type { TemplateChoice } from '../../core/templates/detect';
import { instantiate } from '../../core/templates/instantiate';
import type { Template } from '../../core/templates/template';
import type { TemplateSet } from '../../core/templates/template-set';
import { toRange } from '../../workspace/positions';

/** The answer to `specwright/listTemplates`. */
export function listTemplates(set: TemplateSet): ListTemplatesResult {
  return {
    templates: set.entries.map(({ template, overrides }): TemplateSummary => ({
      id: template.id,
      label: template.manifest.label,
      description: template.manifest.description,
      kind: template.manifest.kind,
      origin: template.origin,
      location: template.location,
      overrides: overrides.map((other) => ({ origin: other.origin, location: other.location })),
      variables: template.manifest.variables.filter((variable) => variable.name !== 'title'),
      ...(template.manifest.lifecycle ? { firstStatus: template.manifest.lifecycle.statuses[0]?.value } : {}),
    })),
    problems: set.problems.map(({ location, message }) => ({ location, message })),
  };
}

/** The answer to `specwright/instantiateTemplate`, or undefined for an unknown template. */
export function instantiateTemplate(templates: readonly Template[], params: InstantiateTemplateParams): InstantiateTemplateResult | undefined {
  const template = templates.find((candidate) => candidate.id === params.templateId);
  if (!template) return undefined;
  const now = params.now ? new Date(params.now) : new Date();
  const instance = instantiate(template, {
    title: String(params.title ?? ''),
    author: params.author,
    now: Number.isNaN(now.getTime()) ? new Date() : now,
    utcOffsetMinutes: clampOffset(params.utcOffsetMinutes),
    variables: params.variables,
  });
  return { text: instance.text, snippet: instance.snippet, tabStops: instance.tabStops, fileName: instance.fileName };
}

function clampOffset(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(-14 * 60, Math.min(14 * 60, Math.round(value))) : 0;
}

/**
 * Hover on the document title (or any top-level heading): which template the spec
 * follows, which family and kind of document it is, and how each was decided.
 */
export function templateHover(document: TextDocument, spec: SpecDocument, position: Position, detected: TemplateChoice | undefined, family?: FamilyChoice): Hover | null {
  // A repository's template follows no other template (the checks say the same).
  const choice = family?.templateFile && detected?.how !== 'front-matter' ? undefined : detected;
  const familyLines = family && family.family.id !== DEFAULT_FAMILY_ID ? familyDescription(family) : [];
  if (!choice && familyLines.length === 0) return null;
  const offset = document.offsetAt(position);
  const flat = spec.outline.flat;
  const topDepth = Math.min(...flat.map((section) => section.depth));
  const heading = flat.find(
    (section) => section.depth === topDepth && section.headingRange.start <= offset && offset <= section.headingRange.end,
  );
  if (!heading) return null;
  const lines: string[] = [];
  if (choice) {
    const { template } = choice;
    const required = template.sections.filter((section) => section.required);
    const present = required.filter((section) => choice.match.byTemplate.has(section.index)).length;
    const how =
      choice.how === 'front-matter'
        ? `Named in the front matter: \`specwright: ${template.id}\`.`
        : choice.how === 'repository'
          ? "The template this repository keeps for the document's family, nearest to it: text left as the template has it is reported."
          : `Recognised by its headings (similarity ${choice.score.toFixed(2)}). Add \`specwright: ${template.id}\` to the front matter to make it explicit.`;
    const name = choice.how === 'repository' ? `\`${template.location}\` (the repository's own)` : `${template.manifest.label} (\`${template.id}\`, ${template.origin})`;
    lines.push(`**Template:** ${name}`, '', how, '', `${present} of ${required.length} required sections present.`);
  }
  if (familyLines.length > 0) lines.push(...(lines.length > 0 ? [''] : []), ...familyLines);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: toRange(document, heading.headingRange) };
}

/** Which family and kind a document is, and how that was decided, for the title's hover. */
function familyDescription(family: FamilyChoice): string[] {
  const kind = family.family.kinds[family.kind];
  const how =
    family.how === 'path'
      ? `Its path matches \`${family.detail ?? ''}\`.`
      : family.how === 'shape'
        ? `Its content looks like one${family.detail ? `: ${family.detail}` : ''}.`
        : family.how === 'template'
          ? `It follows the template \`${family.detail ?? ''}\`.`
          : 'Nothing else applied.';
  const required = kind?.sections.required ?? [];
  const shaped = (family.family.shapedBy ?? []).filter((entry) => entry.kind === undefined || entry.kind === family.kind);
  const conventions = shaped.length > 0 ? shaped.map((entry) => `Using the repository's \`${entry.file}\`: ${entry.what}.`) : family.family.conventions?.note ? [family.family.conventions.note] : [];
  const template =
    family.templateFile === 'name only'
      ? ['', 'A template, by its file name: not checked for slots left to fill, empty or missing sections (it is meant to have them).']
      : family.templateFile
    ? [
        '',
        `The repository's ${family.family.label} template, by its ${family.templateFile === 'path' ? `path (\`${family.templateGlob ?? ''}\`)` : family.templateFile === 'file name and slots' ? 'file name and the slots it holds' : family.templateFile}: ` +
          "not checked for slots left to fill, empty or missing sections (it is meant to have them); the family's documents beside it are checked against it.",
      ]
    : [];
  return [
    `**Family:** ${family.family.label} — ${kind?.label ?? family.kind}`,
    '',
    how,
    ...template,
    ...(kind?.checked === false ? ['', 'Not a spec: not checked.'] : []),
    ...(kind?.note ? ['', kind.note] : []),
    ...(required.length > 0 ? ['', `Sections it requires: ${required.map((title) => `\`${title}\``).join(', ')}.`] : []),
    ...conventions.flatMap((line) => ['', line]),
  ];
}
