// Reports acceptance criteria that are not in the form their family asks for (EARS in
// Kiro: WHEN … THEN … SHALL, IF … THEN … SHALL, WHILE … SHALL, WHERE … SHALL, and the
// ubiquitous <system> SHALL, whatever names the system: `put_object` SHALL …),
// and requirement headings without the lines each must hold (a user story) or without
// any numbered criterion. The label, the forms, the requirement heading and its lines
// come from the family's description (`criteria`).
import { labelledItems, missingKeywords, usesForms } from '../families/items';
import type { Rule } from '../lint/types';

export const earsRequirement: Rule = {
  meta: {
    id: 'ears-requirement',
    description: 'Acceptance criteria not in their family’s form (EARS), and requirements without a user story or a criterion.',
    rationale:
      'EARS (Easy Approach to Requirements Syntax) makes each criterion say when it applies and what the ' +
      'system shall do, so it can be tested and traced. A criterion without its trigger or its SHALL is a ' +
      'wish; a requirement without a user story or without criteria has nothing to check. Rewrite the ' +
      'criterion with its keywords (case does not matter, bold is fine), or add what the requirement lacks.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, family, report }) {
    const forms = family?.family.kinds[family.kind]?.criteria;
    if (!forms) return;
    const { items, groups } = labelledItems(document, forms);
    for (const item of usesForms(items, forms) ? items : []) {
      const missing = missingKeywords(item.text, forms);
      if (!missing) continue;
      report({
        message: `Expected an acceptance criterion in the form ${forms.name}, found ${missing.length === 1 ? `one without ${missing[0]}` : 'one that follows none of them'}`,
        range: item.range,
        data: { missing, form: forms.name },
      });
    }
    for (const group of groups) {
      for (const line of group.missingLines) {
        const described = forms.groups?.describe[forms.groups.lines.indexOf(line)];
        report({
          message: `Expected ${described ?? `a line matching ${line.source}`} under “${group.title}”, found none`,
          range: group.headingRange,
          data: { requirement: group.title, line: line.source },
        });
      }
      if (group.items.length === 0) {
        report({
          message: `Expected at least one numbered item under “${forms.label}” in “${group.title}”, found none`,
          range: group.headingRange,
          data: { requirement: group.title, label: forms.label },
        });
      }
    }
  },
};
