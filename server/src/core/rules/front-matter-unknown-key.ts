// Reports front-matter keys that the spec's template does not define, when the template
// says its front matter is closed (`additionalProperties` is not true). Such a key is
// often a typo (`owners` for `owner`, `last-updated` for `last_updated`), and a tool that
// reads the template's keys never sees its value.
import { checkFrontMatter, frontMatterSchemaOf } from '../templates/front-matter-schema';
import type { Rule } from '../lint/types';

export const frontMatterUnknownKey: Rule = {
  meta: {
    id: 'front-matter-unknown-key',
    description: "Front-matter keys that the spec's template does not define.",
    rationale:
      "When a template lists its front-matter keys and does not allow others, a key it does not know is " +
      'usually a typo or a leftover from another template, and whatever reads the metadata ignores it. ' +
      'Rename it to the key the template defines (the message suggests one when a key is close), or remove ' +
      'it. `specwright`, which records the template, is always allowed; a template that expects other keys ' +
      'says `additionalProperties: true` in its manifest.',
    defaultSeverity: 'hint',
    fixable: false,
  },
  check({ document, template, report }) {
    const schema = template ? frontMatterSchemaOf(template.template) : undefined;
    const frontMatter = document.frontMatter;
    if (!template || !schema || schema.additionalProperties || !frontMatter) return;
    if (frontMatter.errors.length > 0 || frontMatter.notAMapping) return;
    const values = Object.fromEntries(frontMatter.entries.map((entry) => [entry.key, entry.value ?? null]));
    const known = [...schema.fields.keys()];
    for (const issue of checkFrontMatter(schema, values)) {
      if (issue.kind !== 'unknown') continue;
      const entry = frontMatter.entries.find((candidate) => candidate.key === issue.key);
      if (!entry) continue;
      const suggestion = closest(issue.key, known);
      report({
        message:
          `Expected a front-matter key that template \`${template.template.id}\` defines, found \`${issue.key}\`` +
          (suggestion ? ` (did you mean \`${suggestion}\`?)` : ''),
        range: entry.keyRange,
        data: { key: issue.key, template: template.template.id, ...(suggestion ? { suggestion } : {}) },
      });
    }
  },
};

/** The known key closest to `key`: the same apart from case, `-` and `_`, or at most two edits away. */
function closest(key: string, known: readonly string[]): string | undefined {
  const loose = (value: string) => value.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((candidate) => loose(candidate) === loose(key));
  if (same) return same;
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (Math.abs(candidate.length - key.length) >= bestDistance || candidate.length > 64) continue;
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance && distance < Math.max(key.length, candidate.length) / 2) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
