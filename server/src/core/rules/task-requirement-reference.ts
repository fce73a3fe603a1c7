// Reports citations of requirements in task lists (Kiro's `_Requirements: 1.2, 3.1_`)
// that are empty or hold something other than an item number of the family's form. The
// lines and the item form come from the family's description (`references`). Whether a
// cited criterion exists in the sibling requirements document needs that document,
// which a rule does not see: that is not checked here.
import type { Rule } from '../lint/types';

export const taskRequirementReference: Rule = {
  meta: {
    id: 'task-requirement-reference',
    description: 'Requirement citations in task lists that are empty or not acceptance-criterion numbers.',
    rationale:
      'A task cites the acceptance criteria it implements (`_Requirements: 1.2, 3.1_`) so that a reviewer ' +
      'can trace each criterion to the work that meets it. A citation that is empty or names something ' +
      'other than a criterion number breaks that trace. Cite the criteria by number.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, family, report }) {
    const references = family?.family.kinds[family.kind]?.references;
    if (!references) return;
    const { text } = document;
    const line = new RegExp(references.line.source, references.line.flags);
    for (let match = line.exec(text); match; match = line.exec(text)) {
      if (match[0].length === 0) {
        line.lastIndex++;
        continue;
      }
      // The list after `_Requirements: …_`, or after `_Requirements:_` when the colon is set in italics too.
      const list = match[1] ?? match[2] ?? '';
      const listStart = match.index + match[0].indexOf(list, match[0].length - list.length - 1);
      if (list.trim() === '') {
        report({ message: 'Expected at least one cited item, found none', range: { start: match.index, end: match.index + match[0].length }, data: { problem: 'empty' } });
        continue;
      }
      let at = 0;
      for (const part of list.split(references.separator)) {
        const offset = list.indexOf(part, at);
        at = offset + part.length;
        const cited = part.trim();
        if (cited === '' || references.item.test(cited)) continue;
        const start = listStart + offset + part.indexOf(cited);
        report({
          message: `Expected ${references.describe ?? `a cited item of the form ${references.item.source.replace(/^\^\(\?:|\)\$$/g, '')}`}, found \`${cited}\``,
          range: { start, end: start + cited.length },
          data: { cited, problem: 'malformed' },
        });
      }
    }
  },
};
