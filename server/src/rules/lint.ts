import { parseSpec, type SpecDocument } from '../parse/spec-document';
import { RULES } from './index';
import type { Finding, Rule, SeveritySetting } from './types';

/** Per-rule severity overrides: rule id → severity or `off`. Unknown ids are ignored. */
export type RuleSettings = Readonly<Record<string, SeveritySetting | undefined>>;

export interface LintOptions {
  readonly rules?: RuleSettings;
  /** Called when a rule throws, which is a bug in the rule; the other rules still run. */
  readonly onRuleError?: (rule: Rule, error: unknown) => void;
}

/**
 * Runs every enabled rule over a parsed spec and returns the findings in document
 * order. A rule that throws is reported through `onRuleError` and skipped.
 */
export function lintDocument(document: SpecDocument, options: LintOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    try {
      rule.check({
        document,
        report: (finding) => findings.push({ ...finding, ruleId: rule.meta.id, severity: setting }),
      });
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  }
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Parses and lints in one step. */
export function lintText(text: string, options: LintOptions = {}): Finding[] {
  return lintDocument(parseSpec(text), options);
}
