// Reports template placeholders left in a spec: `[Feature Name]`, `[Draft/In Review/Approved]`,
// `YYYY-MM-DD`, `{{VAR}}`, `[NEEDS CLARIFICATION: …]`, TODO. A spec that still holds them is
// not finished, and readers cannot tell the example from the decision.
import type { Placeholder } from '../parse/placeholders';
import type { Rule } from './types';

const DESCRIBE: Record<Placeholder['kind'], (p: Placeholder) => string> = {
  text: (p) => `Expected the placeholder \`${p.text}\` to be replaced, found it unfilled`,
  choice: (p) => `Expected one of ${p.choices?.map((c) => `\`${c}\``).join(', ')}, found the choice list \`${p.text}\``,
  variable: (p) => `Expected a value for \`${p.label}\`, found the variable \`${p.text}\``,
  date: (p) => `Expected a ${p.format === 'date-time' ? 'date and time' : 'date'}, found the mask \`${p.text}\``,
  clarification: (p) => `Expected the open question to be resolved, found \`${p.text}\``,
  todo: (p) => `Expected finished text, found \`${p.text}\``,
};

export const unfilledPlaceholder: Rule = {
  meta: {
    id: 'unfilled-placeholder',
    description: 'Template placeholders that are still in the spec.',
    rationale:
      'A placeholder such as `[Feature Name]`, `YYYY-MM-DD`, `[Draft/In Review/Approved]`, `{{VAR}}`, ' +
      '`[NEEDS CLARIFICATION: …]` or a TODO marks text the author has not written yet. Replace it with the ' +
      'real value, pick one of the choices, or delete it if it does not apply. Text in code, links, ' +
      'footnotes and task boxes is never a placeholder; escape brackets (`\\[like this\\]`) that you mean literally.',
    defaultSeverity: 'warning',
    fixable: false,
    completeness: true,
  },
  check({ document, report }) {
    for (const placeholder of document.placeholders) {
      report({
        message: DESCRIBE[placeholder.kind](placeholder),
        range: placeholder.range,
        data: {
          kind: placeholder.kind,
          label: placeholder.label,
          ...(placeholder.choices ? { choices: placeholder.choices } : {}),
          ...(placeholder.format ? { format: placeholder.format } : {}),
          inFrontMatter: placeholder.inFrontMatter,
        },
      });
    }
  },
};
