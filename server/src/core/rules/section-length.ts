// Checks the length of sections a document's family sets bounds for: OpenSpec's `## Purpose`
// (at least 50 characters, and not still the `TBD` stub), a change's `## Why` (50 to 1000)
// and `## What Changes` (not empty). A section too short to say why a change is made, or so
// long nobody reads it, fails review; the family's own validator rejects it. The bounds, the
// stub and each entry's severity come from the family description.
import { bodyText, sectionsTitled } from '../families/blocks';
import type { Rule } from '../lint/types';

export const sectionLength: Rule = {
  meta: {
    id: 'section-length',
    description: 'Sections shorter or longer than their family allows, or still a stub.',
    rationale:
      'Some families bound the length of a section: OpenSpec wants a purpose of at least 50 characters that is ' +
      'not the `TBD` stub, and a change\'s `## Why` between 50 and 1000 characters with a non-empty `## What Changes`. ' +
      'Say enough for a reviewer to follow, and no more than they will read.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, family, report }) {
    const kind = family?.family.kinds[family.kind];
    if (!kind) return;
    for (const entry of kind.lengths) {
      for (const section of sectionsTitled(document, entry.section)) {
        const text = bodyText(document, section);
        const heading = `${'#'.repeat(section.depth)} ${section.title}`;
        const data = { section: section.title, length: text.length };
        if (entry.stub?.test(text)) {
          report({ message: `Expected \`${heading}\` to be written, found the stub \`${text.split(/\r?\n/)[0]}\``, range: section.headingRange, severity: entry.severity, data });
        } else if (entry.min !== undefined && text.length < entry.min) {
          report({
            message:
              text.length === 0
                ? `Expected text in \`${heading}\`, found none`
                : `Expected at least ${entry.min} characters in \`${heading}\`, found ${text.length}`,
            range: section.headingRange,
            severity: entry.severity,
            data,
          });
        } else if (entry.max !== undefined && text.length > entry.max) {
          report({ message: `Expected at most ${entry.max} characters in \`${heading}\`, found ${text.length}`, range: section.headingRange, severity: entry.severity, data });
        }
      }
    }
  },
};
