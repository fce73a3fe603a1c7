import { duplicateId } from './duplicate-id';
import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { frontMatterSchema } from './front-matter-schema';
import { frontMatterSyntax } from './front-matter-syntax';
import { frontMatterUnknownKey } from './front-matter-unknown-key';
import { leftoverGuidance } from './leftover-guidance';
import { missingSection } from './missing-section';
import { mojibake } from './mojibake';
import { sectionOrder } from './section-order';
import { templateTextUnchanged } from './template-text-unchanged';
import type { Rule } from './types';
import { unfilledPlaceholder } from './unfilled-placeholder';
import { unknownId } from './unknown-id';

/** Every rule Specwright has, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  frontMatterSchema,
  frontMatterUnknownKey,
  emptySection,
  unfilledPlaceholder,
  mojibake,
  missingSection,
  sectionOrder,
  duplicateSection,
  templateTextUnchanged,
  leftoverGuidance,
  duplicateId,
  unknownId,
];

/** Looks a rule up by id. */
export function getRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
