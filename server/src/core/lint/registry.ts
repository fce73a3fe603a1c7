import { lifecycleStatus } from '../rules/lifecycle-status';
import { unresolvedBlock } from '../rules/unresolved-block';
import { doneTaskUncovered } from '../rules/done-task-uncovered';
import { orphanTask } from '../rules/orphan-task';
import { staleReference } from '../rules/stale-reference';
import { uncoveredRequirement } from '../rules/uncovered-requirement';
import { untestedRequirement } from '../rules/untested-requirement';
import { acceptanceScenarioForm } from '../rules/acceptance-scenario-form';
import { duplicateId } from '../rules/duplicate-id';
import { duplicateSection } from '../rules/duplicate-section';
import { emptySection } from '../rules/empty-section';
import { earsRequirement } from '../rules/ears-requirement';
import { frontMatterSchema } from '../rules/front-matter-schema';
import { frontMatterSyntax } from '../rules/front-matter-syntax';
import { frontMatterUnknownKey } from '../rules/front-matter-unknown-key';
import { leftoverGuidance } from '../rules/leftover-guidance';
import { missingFamilySection } from '../rules/missing-family-section';
import { missingSection } from '../rules/missing-section';
import { mojibake } from '../rules/mojibake';
import { parseDegraded } from '../rules/parse-degraded';
import { requirementBlock } from '../rules/requirement-block';
import { sectionLength } from '../rules/section-length';
import { sectionOrder } from '../rules/section-order';
import { specDelta } from '../rules/spec-delta';
import { specDeltaTarget } from '../rules/spec-delta-target';
import { taskFormat } from '../rules/task-format';
import { taskRequirementReference } from '../rules/task-requirement-reference';
import { templateTextUnchanged } from '../rules/template-text-unchanged';
import type { Rule } from './types';
import { unfilledPlaceholder } from '../rules/unfilled-placeholder';
import { unknownId } from '../rules/unknown-id';

/** Every rule Specwright has, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  frontMatterSyntax,
  frontMatterSchema,
  frontMatterUnknownKey,
  emptySection,
  unfilledPlaceholder,
  mojibake,
  missingSection,
  missingFamilySection,
  sectionOrder,
  duplicateSection,
  templateTextUnchanged,
  leftoverGuidance,
  duplicateId,
  unknownId,
  requirementBlock,
  sectionLength,
  specDelta,
  specDeltaTarget,
  acceptanceScenarioForm,
  earsRequirement,
  taskFormat,
  taskRequirementReference,
  uncoveredRequirement,
  untestedRequirement,
  orphanTask,
  doneTaskUncovered,
  staleReference,
  unresolvedBlock,
  lifecycleStatus,
  parseDegraded,
];

/** Looks a rule up by id. */
export function getRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
