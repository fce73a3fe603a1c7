/**
 * Custom LSP requests between the Specwright client and its language server. Both
 * sides import this module; it holds names and shapes only, no logic.
 */

/** Where a template comes from, in increasing precedence. */
export type TemplateOrigin = 'built-in' | 'user' | 'spec-kit' | 'workspace';

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
