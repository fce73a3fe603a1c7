// Reports mojibake: UTF-8 text that some tool decoded as Windows-1252 (or its Turkish
// sibling, Windows-1254), so `✅` reads `âœ…`, `—` reads `â€”` and `é` reads `Ã©`. Specs
// pasted from chat tools, exported from wikis or round-tripped through spreadsheets pick
// it up, and readers cannot tell what the author meant. The restored text is exact: the
// characters are re-encoded to the bytes they came from and decoded as UTF-8 again.
import { findMojibakeOutsideCode, MOVE_RUN, visible } from '../parse/mojibake';
import { perPiece } from '../parse/spec-document';
import type { Rule } from '../lint/types';

export const mojibake: Rule = {
  meta: {
    id: 'mojibake',
    description: 'UTF-8 text that was decoded as Windows-1252 (mojibake).',
    rationale:
      'When UTF-8 text is read as Windows-1252, each multi-byte character turns into two to four odd ' +
      'ones: `✅` becomes `âœ…`, `🟡` becomes `ðŸŸ¡` (or `ğŸŸ¡` through the Turkish code page), `—` becomes ' +
      '`â€”` and `é` becomes `Ã©`. The finding names the original text, and the fix puts it back. ' +
      'Correct text is left alone: a run is reported only when its characters re-encode to valid ' +
      'multi-byte UTF-8, and a lone accented capital followed by punctuation (`CAFÉ—`) is not reported. ' +
      'Inline code and code blocks are never checked, so you can still quote mojibake there.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ document, report }) {
    const { text } = document;
    // A run never crosses a line break, so each piece of the document is searched on its own.
    const runs = perPiece(document, 'mojibake', findMojibakeOutsideCode, MOVE_RUN);
    for (const run of runs) {
      const found = text.slice(run.start, run.end);
      report({
        message: `Expected \`${visible(run.restored)}\`, found \`${visible(found)}\` (UTF-8 read as Windows-1252)`,
        range: { start: run.start, end: run.end },
        data: { found, replacement: run.restored },
        fixes: [
          {
            title: `Replace with \`${visible(run.restored)}\``,
            edits: [{ range: { start: run.start, end: run.end }, newText: run.restored }],
            preferred: true,
          },
        ],
      });
    }
  },
};

/** A span of mojibake and the text it stands for. Offsets are UTF-16 code units, end exclusive. */
