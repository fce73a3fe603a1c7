import type { TraceContext } from '../trace/context';
import { builtInFamilies } from '../families/built-in';
import type { Family } from '../families/family';
import { identifyFamily } from '../families/identify';
import { familyPlaceholders } from '../families/placeholders';
import { chooseRepositoryTemplate, familyFromRepositoryTemplate, type RepositoryTemplate } from '../families/repository-template';
import { parseSpec, type SpecDocument } from '../parse/spec-document';
import { detectTemplate, type TemplateChoice } from '../templates/detect';
import type { Stage } from '../templates/manifest';
import { lifecycleStatus, statusOf } from '../templates/status';
import type { Template } from '../templates/template';
import { RULES } from './registry';
import { applySuppressions } from './suppressions';
import type { Finding, Report, Rule, Severity, SeveritySetting, WorkspaceIds } from './types';

/** Per-rule severity overrides: rule id → severity or `off`. Unknown ids are ignored. */
export type RuleSettings = Readonly<Record<string, SeveritySetting | undefined>>;

export interface LintOptions {
  readonly rules?: RuleSettings;
  /** Templates to recognise the document's template among (ignored when `template` is given). */
  readonly templates?: readonly Template[];
  /** The document's template, when the caller already knows it; `null` for none. */
  readonly template?: TemplateChoice | null;
  /** The document's path relative to its workspace folder (forward slashes), to tell its family by. */
  readonly path?: string;
  /**
   * The templates the document's repository keeps for its families, nearest to the document
   * first: a document of one of those families and kinds is checked against it (unless its
   * front matter names a Specwright template).
   */
  readonly repositoryTemplates?: readonly RepositoryTemplate[];
  /** The families to tell the document's by (default: the built-in ones). */
  readonly families?: readonly Family[];
  /** The current time, for fixes that insert today's date (default: the clock). */
  readonly now?: Date;
  /** Requirement IDs of the other specs in the workspace, for rules that check IDs across files. */
  readonly workspace?: WorkspaceIds;
  /** The workspace's trace graph and this document's place in it, for the trace rules. */
  readonly trace?: TraceContext;
  /** Requirement-ID prefixes of the team's own, besides the built-in ones. */
  readonly idPrefixes?: readonly string[];
  /** Called when a rule throws, which is a bug in the rule; the other rules still run. */
  readonly onRuleError?: (rule: Rule, error: unknown) => void;
}

/** How strict completeness rules are at each stage of a spec's lifecycle. */
export const STAGE_SEVERITY: Readonly<Record<Stage, Severity>> = { draft: 'hint', review: 'warning', final: 'error' };

/**
 * Runs every enabled rule over a parsed spec and returns the findings in document
 * order. The document's template (given, or recognised among `templates`) is
 * available to template-aware rules. Rules marked `completeness` take their
 * severity from the spec's status (draft: hint, review: warning, final: error)
 * unless the settings name a severity for them. Findings switched off by inline
 * `specwright-disable` comments are dropped. A repository's own template of a family (its
 * file name says so, see `templateFileReason`) gets no findings of completeness rules, and a
 * document of that family is checked against the nearest of `repositoryTemplates`. A document whose family's kind is not
 * checked (`checked: false`, such as Kiro's steering files) has no findings. A rule that throws is reported
 * through `onRuleError` and skipped.
 */
export function lintDocument(document: SpecDocument, options: LintOptions = {}): Finding[] {
  const steps = lintDocumentSteps(document, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** A point between two rules of {@link lintDocumentSteps}, where other work may run. */
export interface LintPause {
  readonly pause: 'between-rules';
}

const BETWEEN_RULES: LintPause = { pause: 'between-rules' };

/**
 * {@link lintDocument} in steps: it yields between rules, so that whoever drives it can
 * let other work run (the rules on a large spec take a while the first time). The
 * document must not change until the last step; a driver that cannot promise that stops
 * driving (and drops the findings).
 */
export function* lintDocumentSteps(document: SpecDocument, options: LintOptions = {}): Generator<LintPause, Finding[], unknown> {
  const detected = options.template === null ? undefined : (options.template ?? (options.templates ? detectTemplate(document, options.templates) : undefined));
  const families = options.families ?? builtInFamilies();
  const identified = identifyFamily({
    document,
    families,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(detected ? { template: detected } : {}),
  });
  const family = familyFromRepositoryTemplate(document, identified, options.repositoryTemplates ?? [], families) ?? identified;
  // Documents that are not specs (an agent's context, such as Kiro's steering files) are never checked.
  if (family?.family.kinds[family.kind]?.checked === false) return [];
  // A repository's own template is meant to hold slots: it follows no template and is not
  // checked for unfinished work, only for what a template can get wrong (its syntax).
  const templateFile = family?.templateFile !== undefined;
  const template = templateFile
    ? detected?.how === 'front-matter'
      ? detected
      : undefined
    : (chooseRepositoryTemplate(document, family, options.repositoryTemplates ?? [], detected) ?? detected);
  const templateStatus = template ? statusOf(document, template.template) : undefined;
  const familyLifecycle = family?.family.status;
  const status = templateStatus ?? (familyLifecycle && (!template || !template.template.manifest.lifecycle) ? lifecycleStatus(document, familyLifecycle) : undefined);
  yield BETWEEN_RULES;
  const placeholders = familyPlaceholders(document, family, template);
  const findings: Finding[] = [];
  const settingOf = (meta: Rule['meta']) => options.rules?.[meta.id] ?? (meta.completeness && status?.stage ? STAGE_SEVERITY[status.stage] : meta.defaultSeverity);
  const reports = (ruleId: string) => {
    const other = RULES.find((candidate) => candidate.meta.id === ruleId);
    return other !== undefined && settingOf(other.meta) !== 'off' && !(templateFile && !checksTemplates(other.meta));
  };
  for (const rule of RULES) {
    const setting = settingOf(rule.meta);
    if (setting === 'off' || (templateFile && !checksTemplates(rule.meta))) continue;
    yield BETWEEN_RULES;
    try {
      rule.check({
        document,
        template,
        family,
        placeholders,
        status,
        reports,
        now: options.now ?? new Date(),
        ...(options.workspace ? { workspace: options.workspace } : {}),
        ...(options.trace ? { trace: options.trace } : {}),
        ...(options.idPrefixes?.length ? { idPrefixes: options.idPrefixes } : {}),
        report: (finding) => findings.push(withRule(finding, rule.meta.id, finding.severity !== undefined && setting === rule.meta.defaultSeverity ? finding.severity : setting)),
      });
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  }
  yield BETWEEN_RULES;
  const kept = applySuppressions(document.text, document.root, findings);
  return kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Whether a rule runs on a repository's template file (see `RuleMeta.templateFiles`). */
function checksTemplates(meta: Rule['meta']): boolean {
  return meta.templateFiles ?? meta.completeness !== true;
}

// Spelled out rather than spread: a large spec reports thousands of findings per version.
function withRule(report: Report, ruleId: string, severity: Severity): Finding {
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId, message: report.message, range: report.range, severity };
  if (report.data !== undefined) finding.data = report.data;
  if (report.fixes !== undefined) finding.fixes = report.fixes;
  return finding;
}

/** Parses and lints in one step. */
export function lintText(text: string, options: LintOptions = {}): Finding[] {
  return lintDocument(parseSpec(text), options);
}
