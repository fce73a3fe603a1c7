import type { ParsedTrees } from '../parse/parsed-trees';
import type { OffsetRange } from '../parse/range';
import { defaultManifest, parseManifest, type TemplateManifest } from './manifest';
import { createTemplate, type Template, type TemplateOrigin } from './template';

/** One template as read from a source, before validation. */
export interface TemplateInput {
  readonly origin: TemplateOrigin;
  /** Where the Markdown was read from (a path), shown to people. */
  readonly location: string;
  readonly markdown: string;
  /** The manifest text (YAML or JSON), if the template has one. */
  readonly manifest?: { readonly text: string; readonly location: string };
  /** The id to use when there is no manifest: the file or folder name. */
  readonly fallbackId: string;
}

/** A template that won, and the ones with the same id that it overrides. */
export interface TemplateEntry {
  readonly template: Template;
  /** Lower-precedence templates with the same id, highest first. */
  readonly overrides: readonly Template[];
}

/** A template that could not be used, or a manifest mistake. */
export interface TemplateProblem {
  readonly location: string;
  readonly message: string;
  readonly range?: OffsetRange;
  readonly severity: 'error' | 'warning';
}

export interface TemplateSet {
  /** In order of first appearance (built-in first); each id once. */
  readonly entries: readonly TemplateEntry[];
  readonly problems: readonly TemplateProblem[];
}

/**
 * Common placeholders filled in templates that have no manifest, such as
 * spec-kit's `[FEATURE NAME]` and `[DATE]`.
 */
const DEFAULT_FILL: Readonly<Record<string, string>> = {
  '[FEATURE NAME]': '{{title}}',
  '[Feature Name]': '{{title}}',
  '[FEATURE_NAME]': '{{title}}',
  '[TITLE]': '{{title}}',
  '[Title]': '{{title}}',
  '[DATE]': '{{date}}',
  '[Date]': '{{date}}',
  '[AUTHOR]': '{{author}}',
  '[Author]': '{{author}}',
};

/**
 * Builds the set of templates from inputs in increasing precedence (built-in, user
 * folders, spec-kit, workspace): a later template with the same id replaces an
 * earlier one, which stays listed in `overrides` so people can see which layer
 * won. A template whose manifest is invalid is left out, with its problems. `trees` are
 * Markdown trees parsed ahead of time (see `parsed-trees.ts`): the set is the same without them.
 */
export function buildTemplateSet(inputs: readonly TemplateInput[], options: { readonly trees?: ParsedTrees } = {}): TemplateSet {
  const byId = new Map<string, Template[]>();
  const order: string[] = [];
  const problems: TemplateProblem[] = [];
  for (const input of inputs) {
    let manifest: TemplateManifest;
    if (input.manifest) {
      // The built-in manifests ship with the package and the tests check them against the schema.
      const parsed = parseManifest(input.manifest.text, { schemaChecked: input.origin === 'built-in' });
      for (const problem of parsed.problems) problems.push({ location: input.manifest.location, ...problem });
      if (!parsed.manifest) continue;
      manifest = parsed.manifest;
    } else {
      manifest = { ...defaultManifest(input.fallbackId, labelFromMarkdown(input.markdown, input.fallbackId)), fill: DEFAULT_FILL };
    }
    const template = createTemplate(manifest, input.markdown, input.origin, input.location, options.trees);
    for (const name of template.unknownSectionNames) {
      problems.push({
        location: input.manifest?.location ?? input.location,
        message: `Expected a heading "${name}" in ${input.location}, found none`,
        severity: 'warning',
      });
    }
    const list = byId.get(template.id);
    if (list) list.unshift(template);
    else {
      byId.set(template.id, [template]);
      order.push(template.id);
    }
  }
  const entries = order.map((id) => {
    const [template, ...overrides] = byId.get(id) as Template[];
    return { template: template as Template, overrides };
  });
  return { entries, problems };
}

/** The templates that won, in order. */
export function templatesOf(set: TemplateSet): Template[] {
  return set.entries.map((entry) => entry.template);
}

/** A label for a template without a manifest: its first heading without placeholders, else its id. */
function labelFromMarkdown(markdown: string, fallback: string): string {
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown.replace(/^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)\r?\n/, ''))?.[1];
  const label = heading
    ?.replace(/\[[^\]]*\]|\{\{[^}]*\}\}/g, '')
    .replace(/[`*_]/g, '')
    .replace(/[\s:–—-]+$/u, '')
    .trim();
  return label && label.length <= 80 ? label : fallback;
}
