// Reports YAML front matter that does not parse, is never closed, or is not a mapping of
// keys to values. Every other front-matter check depends on reading these keys, and a
// static-site generator or spec tool reading the file would fail the same way. Only the
// first YAML error is reported, with the count of those after it.
import type { Rule } from '../lint/types';

export const frontMatterSyntax: Rule = {
  meta: {
    id: 'front-matter-syntax',
    description: 'YAML front matter that cannot be read.',
    rationale:
      'Front matter is the YAML block between `---` lines at the top of the file (it may also close with ' +
      '`...`). When it does not parse — a bad indent, an unclosed quote, a duplicate key, a tab — no tool ' +
      'can read the spec\'s metadata. The finding points at the exact place YAML stopped understanding it.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, report }) {
    if (document.unclosedFrontMatter) {
      report({
        message: 'Expected front matter to be closed by a `---` or `...` line, found the end of the document',
        range: document.unclosedFrontMatter,
        data: { code: 'UNCLOSED' },
      });
    }
    const frontMatter = document.frontMatter;
    if (!frontMatter) return;
    // The first error, as a parser reports a parse error: YAML's later errors mostly follow
    // from it (a block that is Markdown, not YAML, gives one per line), and fixing it changes them.
    const [first, ...rest] = frontMatter.errors;
    if (first) {
      const more = rest.length === 0 ? '' : ` (and ${rest.length} more YAML ${rest.length === 1 ? 'error' : 'errors'} after it)`;
      report({
        message: `Expected valid YAML, found: ${firstLine(first.message)}${more}`,
        range: first.range,
        data: rest.length === 0 ? { code: first.code } : { code: first.code, more: rest.length },
      });
    }
    if (frontMatter.errors.length === 0 && frontMatter.notAMapping) {
      report({
        message: `Expected front matter to be a mapping of keys to values, found ${frontMatter.notAMapping}`,
        range: frontMatter.contentRange,
        data: { code: 'NOT_A_MAPPING' },
      });
    }
  },
};

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}
