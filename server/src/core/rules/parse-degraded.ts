// Reports the parts of a spec that were read as plain text because parsing them as
// Markdown would stall or crash the checker: thousands of lists opened on one line, a long
// run of `=` lines, huge front matter left open, a paragraph of thousands of lines. What
// is in them is not checked as Markdown, and the reader deserves to know why.
import type { Rule } from '../lint/types';

export const parseDegraded: Rule = {
  meta: {
    id: 'parse-degraded',
    description: 'Parts of a spec read as plain text because they are too costly to parse as Markdown.',
    rationale:
      'A few shapes of Markdown cost the parser seconds, gigabytes or its whole stack: more than 32 lists, ' +
      'block quotes or footnote definitions opened on one line, more than 64 lines of `=` in a row, front matter that is never closed ' +
      'in a document over 100 KB, more than 1,000 emphasis delimiters in one paragraph, a line with more than ' +
      '1,024 `|`, more than 1,000 link and footnote definitions, more than 1,000 lines without a blank line. ' +
      'Specwright reads those parts as plain text instead, so that one document cannot hold up the others, and ' +
      'says so here. No spec written by hand comes near these limits; the finding usually means generated or ' +
      'damaged text.',
    defaultSeverity: 'information',
    fixable: false,
  },
  check({ document, report }) {
    for (const region of document.degraded ?? []) {
      report({
        message: `Expected Markdown the parser can read in bounded time, found: ${region.reason}`,
        range: { start: region.start, end: region.end },
        data: { kind: region.kind },
      });
    }
  },
};
