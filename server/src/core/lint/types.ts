import type { TraceContext } from '../trace/context';
import type { SpecDocument } from '../parse/spec-document';
import type { OffsetRange } from '../parse/range';
import type { FamilyChoice } from '../families/identify';
import type { Placeholder } from '../parse/placeholders';
import type { TemplateChoice } from '../templates/detect';
import type { SpecStatus } from '../templates/status';

/** How serious a finding is; `off` turns a rule off. Mirrors LSP's four severities. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** What a rule is, independent of any document. The rule docs are generated from this. */
export interface RuleMeta {
  /** Kebab-case, equal to the rule's file name; never reused for another rule. */
  readonly id: string;
  /** One line: what the rule reports. */
  readonly description: string;
  /** A paragraph for the docs: why the rule exists and what to do about a finding. */
  readonly rationale: string;
  readonly defaultSeverity: Severity;
  /** Whether findings carry fixes. */
  readonly fixable: boolean;
  /**
   * The rule reports unfinished work (placeholders, empty or missing sections): its
   * severity follows the spec's status unless the settings name one.
   */
  readonly completeness?: boolean;
  /**
   * Whether the rule checks a repository's own template of a family (MADR's
   * `adr-template.md`): by default every rule but the completeness ones, since a template is
   * meant to hold slots; false for a rule whose findings on a template would be about its slots.
   */
  readonly templateFiles?: boolean;
}

/** A text edit on the document: replace `range` with `newText`. */
export interface TextEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

/** A way to resolve a finding, as minimal edits. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe to apply without looking (for `--fix` and fix-all). */
  readonly preferred?: boolean;
}

/** One problem in one document. */
export interface Finding {
  readonly ruleId: string;
  /** Phrased "Expected …, found …". */
  readonly message: string;
  readonly range: OffsetRange;
  readonly severity: Severity;
  /** Structured facts about the finding, for fixes and clients (never parse the message). */
  readonly data?: Readonly<Record<string, unknown>>;
  readonly fixes?: readonly Fix[];
}

/**
 * What a rule may report: a finding without rule id, to which the runner adds the rule's
 * severity. A rule whose findings differ in weight (an error and a mere warning about the
 * same block) may give this finding's own; it applies while the rule runs at its default
 * severity, and a different severity the user sets for the rule, or one the spec's
 * status sets, wins over it.
 */
export type Report = Omit<Finding, 'ruleId' | 'severity'> & { readonly severity?: Severity };

/** What a rule gets to look at. */
export interface RuleContext {
  readonly document: SpecDocument;
  /** The template the document follows, if it follows one. */
  readonly template: TemplateChoice | undefined;
  /** The family of documents it belongs to (spec-kit, Kiro, MADR …) and its kind there, when known. */
  readonly family: FamilyChoice | undefined;
  /** The placeholders it still holds, read in its family's dialect (see `familyPlaceholders`). */
  readonly placeholders: readonly Placeholder[];
  /** The document's status in its template's lifecycle (or its family's), if it says. */
  readonly status: SpecStatus | undefined;
  /** Whether this run reports another rule's findings (it is not turned off), so that one gap is reported once. */
  readonly reports: (ruleId: string) => boolean;
  /** The current time, for fixes that insert today's date or now (UTC). */
  readonly now: Date;
  /** Requirement IDs in the other specs of the workspace, when the caller indexed them; undefined when the document is linted on its own. */
  readonly workspace?: WorkspaceIds;
  /** The workspace's trace graph, when the caller built one; the trace rules say nothing without it. */
  readonly trace?: TraceContext;
  /** Requirement-ID prefixes of the team's own, besides the built-in ones. */
  readonly idPrefixes?: readonly string[];
  report(finding: Report): void;
}

/** Where a requirement ID is defined outside the document being linted. */
export interface IdDefinitionElsewhere {
  /** The file, for people: a path relative to its workspace folder. */
  readonly file: string;
  /** The file is in the same folder as the document, where IDs must be unique. */
  readonly sameFolder: boolean;
}

/** What the rest of the workspace says about requirement IDs (the document itself left out). */
export interface WorkspaceIds {
  /** False while the workspace is still being read: an ID not found may yet be defined. */
  readonly complete: boolean;
  /** The definitions of `id` in other files, those in the document's folder first. */
  definitions(id: string): readonly IdDefinitionElsewhere[];
  /** Whether any file defines an ID of `id`'s kind (its prefix, `FR-` for `FR-007`). */
  definesKind(id: string): boolean;
}

/** A rule: metadata plus a pure check over a parsed spec. */
export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}
