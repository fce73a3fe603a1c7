import { emptySection } from './empty-section';
import { frontMatterSyntax } from './front-matter-syntax';
import { missingSection } from './missing-section';
import { mojibake } from './mojibake';
import type { Rule } from './types';
import { unfilledPlaceholder } from './unfilled-placeholder';

/** Every rule Specwright has, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  emptySection,
  unfilledPlaceholder,
  mojibake,
  missingSection,
];

/** Looks a rule up by id. */
export function getRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
