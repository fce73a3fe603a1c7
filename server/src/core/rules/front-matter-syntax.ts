// Reports YAML front matter that does not parse, is never closed, or is not a mapping of
// keys to values. Every other front-matter check depends on reading these keys, and a
// static-site generator or spec tool reading the file would fail the same way.
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
    for (const error of frontMatter.errors) {
      report({
        message: `Expected valid YAML, found: ${firstLine(error.message)}`,
        range: error.range,
        data: { code: error.code },
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
