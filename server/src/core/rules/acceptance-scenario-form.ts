// Reports acceptance scenarios that do not follow the form their family gives them
// (Given … When … Then … in spec-kit): the numbered items under the kind's label.
// The label and the keywords come from the family's description (`scenarios`).
import { labelledItems, missingKeywords, usesForms } from '../families/items';
import type { Rule } from '../lint/types';

export const acceptanceScenarioForm: Rule = {
  meta: {
    id: 'acceptance-scenario-form',
    description: 'Acceptance scenarios that do not follow their family’s form, such as Given … When … Then ….',
    rationale:
      'An acceptance scenario is a test written in words: the state it starts from, the action, and the ' +
      'outcome to check. One that lacks a part cannot be turned into a test without guessing. Write the ' +
      'missing part (bold keywords are fine), or move text that is not a scenario out of the list.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, family, report }) {
    const forms = family?.family.kinds[family.kind]?.scenarios;
    if (!forms) return;
    const { items } = labelledItems(document, forms);
    for (const item of usesForms(items, forms) ? items : []) {
      const missing = missingKeywords(item.text, forms);
      if (!missing) continue;
      report({
        message: `Expected an acceptance scenario in the form ${forms.name}, found one without ${missing.join(', ')}`,
        range: item.range,
        data: { missing, form: forms.name },
      });
    }
  },
};
