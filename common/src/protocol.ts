/**
 * Custom LSP requests between the Specwright client and its language server. Both
 * sides import this module; it holds names and shapes only, no logic.
 */

/** Where a template comes from, in increasing precedence. */
/** `repository`: a family's template a repository keeps beside its documents (MADR's `adr-template.md`); used for checking, never listed. */
export type TemplateOrigin = 'built-in' | 'user' | 'spec-kit' | 'workspace' | 'repository';

/** `specwright/listTemplates`: the templates available for a workspace folder. */
export const LIST_TEMPLATES = 'specwright/listTemplates';

export interface ListTemplatesParams {
  /** A workspace folder or a file inside one; its `.specwright/templates/` and `.specify/templates/` are read. */
  readonly uri?: string;
}

export interface TemplateSummary {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly kind: 'spec' | 'prompt';
  readonly origin: TemplateOrigin;
  /** Where it was read from, for people. */
  readonly location: string;
  /** Templates with the same id that this one overrides, highest precedence first. */
  readonly overrides: readonly { readonly origin: TemplateOrigin; readonly location: string }[];
  /** Values asked for besides the title. */
  readonly variables: readonly { readonly name: string; readonly prompt?: string; readonly default?: string }[];
  /** The first status of the template's lifecycle, if it has one. */
  readonly firstStatus?: string;
}

export interface ListTemplatesResult {
  readonly templates: readonly TemplateSummary[];
  /** Templates that could not be read, and manifest mistakes. */
  readonly problems: readonly { readonly location: string; readonly message: string }[];
}

/** `specwright/instantiateTemplate`: a new spec (or a filled prompt) from a template. */
export const INSTANTIATE_TEMPLATE = 'specwright/instantiateTemplate';

export interface InstantiateTemplateParams {
  readonly templateId: string;
  readonly uri?: string;
  readonly title: string;
  readonly author?: string;
  readonly variables?: Readonly<Record<string, string>>;
  /** ISO 8601; the server's clock when missing. */
  readonly now?: string;
  /** The author's offset from UTC in minutes, east positive. */
  readonly utcOffsetMinutes?: number;
}

export interface InstantiateTemplateResult {
  /** The spec with known values filled and the other placeholders as written. */
  readonly text: string;
  /** The same as a snippet: the remaining placeholders are tab stops. */
  readonly snippet: string;
  readonly tabStops: number;
  /** A safe relative path from the template's file-name pattern, or why there is none. */
  readonly fileName: { readonly path: string } | { readonly error: string };
}

/** A position as LSP has it: zero-based line and UTF-16 character. */
export interface SpecPosition {
  readonly line: number;
  readonly character: number;
}

/** A range as LSP has it; `end` is exclusive. */
export interface SpecRange {
  readonly start: SpecPosition;
  readonly end: SpecPosition;
}

/** `specwright/specSummary`: a spec's sections with their state, its placeholders and front-matter keys; null for a file that is not a spec. */
export const SPEC_SUMMARY = 'specwright/specSummary';

export interface SpecSummaryParams {
  readonly uri: string;
}

/**
 * How far a section is written: `complete` (words of its own, no placeholders left — or
 * nothing of its own but subsections), `placeholders` (placeholders left), `empty`
 * (nothing but guidance), `missing` (the template has it, the spec does not).
 */
/**
 * `unchanged`: its own text is still the template's, word for word; `incomplete`: written
 * itself, but a subsection is not complete.
 */
export type SpecSectionState = 'complete' | 'placeholders' | 'unchanged' | 'empty' | 'incomplete' | 'missing';

/** One section of the spec, or a template section it lacks, in document order (missing ones where they would be inserted). */
export interface SpecSummarySection {
  readonly title: string;
  /** 1–6; for a missing section, the level it would get. */
  readonly depth: number;
  readonly state: SpecSectionState;
  /** Whether the spec's template requires the section (false for optional ones and for sections the template does not have). */
  readonly required: boolean;
  /** The whole section, heading included; absent when missing. */
  readonly range?: SpecRange;
  /** The heading line(s); absent when missing. */
  readonly headingRange?: SpecRange;
  /** For a missing section: the text to insert at `insertPosition` (the template's skeleton, as the missing-section quick fix inserts it). */
  /** The first placeholder in `insertText` (UTF-16 offsets into it, end exclusive): selected once inserted. */
  readonly firstPlaceholder?: { readonly start: number; readonly end: number };
  readonly insertText?: string;
  readonly insertPosition?: SpecPosition;
}

export interface SpecSummary {
  /** The first heading's text, or empty. */
  readonly title: string;
  readonly template?: { readonly id: string; readonly label: string };
  /** The status as written, when the template has a lifecycle and the spec states one. */
  readonly status?: string;
  /** The status's stage in the lifecycle, when it is one of the template's statuses. */
  readonly stage?: 'draft' | 'review' | 'final';
  readonly sections: readonly SpecSummarySection[];
  readonly placeholders: readonly { readonly range: SpecRange; readonly text: string }[];
  readonly frontMatter: readonly { readonly key: string; readonly range: SpecRange }[];
  /**
   * What the code lens on the title shows: `complete` of `total` required template
   * sections (with no template: of the sections below the title), the placeholders left,
   * and `text` such as "14/22 sections complete · 5 placeholders · Draft".
   */
  readonly progress: { readonly complete: number; readonly total: number; readonly placeholders: number; readonly text: string };
}

/** `specwright/traceability`: the requirements of a document's feature and what cites them; null outside a workspace folder. */
export const TRACEABILITY = 'specwright/traceability';

export interface TraceabilityParams {
  /** A document of the feature (a spec, its tasks, a checklist …). */
  readonly uri: string;
}

/** A place in a file of the workspace. */
export interface TraceLocation {
  readonly uri: string;
  /** Relative to the workspace folder, for people. */
  readonly path: string;
  readonly range: SpecRange;
}

export interface TraceabilityTask {
  readonly id: string;
  readonly text: string;
  readonly done: boolean;
  readonly location: TraceLocation;
}

export interface TraceabilityRequirement {
  readonly id: string;
  /** `FR`, `SC`, `US`, `criterion` … */
  readonly kind: string;
  readonly text: string;
  readonly location: TraceLocation;
  readonly tasks: readonly TraceabilityTask[];
  readonly tests: readonly TraceLocation[];
  readonly sources: readonly TraceLocation[];
  /** Whether tasks are expected to cite it (its feature's tasks trace requirements of its kind), and whether tests are. */
  readonly expected: { readonly tasks: boolean; readonly tests: boolean };
  /** False when tasks and tests never cite it (an OpenSpec requirement): it counts in no coverage. */
  readonly coverage?: false;
  /** The open changes whose spec deltas modify, remove or rename it, at their entries. */
  readonly changes?: readonly TraceabilityChange[];
}

/** A change's spec delta entry that names a requirement. */
export interface TraceabilityChange {
  /** The change's name (its folder). */
  readonly change: string;
  readonly operation: 'modified' | 'removed' | 'renamed' | 'added';
  /** A rename's new name. */
  readonly to?: string;
  readonly location: TraceLocation;
}

export interface TraceabilityResult {
  /** The feature folder (relative to the workspace folder; '' for the folder itself). */
  readonly scope: string;
  /** The feature's requirements, in file and line order. */
  readonly requirements: readonly TraceabilityRequirement[];
  /**
   * Of the requirements tasks are expected to cite, how many a task cites; of those tests
   * are expected to cite, how many a test cites.
   */
  readonly coverage: { readonly tasks: { readonly covered: number; readonly expected: number }; readonly tests: { readonly covered: number; readonly expected: number } };
  /** Whether the whole workspace has been read; until then the answer may lack citations. */
  readonly complete: boolean;
}
