/** Where each rule's documentation page is published (`docs/rules/<id>.md` in the repository). */
export const RULE_DOCS_BASE_URL = 'https://github.com/specwright/specwright/blob/main/docs/rules/';

/** The documentation URL of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}
