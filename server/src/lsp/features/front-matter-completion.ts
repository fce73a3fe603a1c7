import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SpecDocument } from '../../core/parse/spec-document';
import type { TemplateChoice } from '../../core/templates/detect';
import type { FieldSpec } from '../../core/templates/manifest';

export interface FrontMatterCompletionOptions {
  /** The clock, for today's date. */
  readonly now: Date;
  /** Template ids, for the `specwright:` key. */
  readonly templateIds: readonly string[];
}

/**
 * Inside the front matter: at a line start, the keys of the template's schema not yet
 * present (described); after `key:`, the allowed values — enum values, the lifecycle's
 * statuses, today's date for a date, the template ids for `specwright`. Undefined when
 * the position is not in the front matter.
 */
export function frontMatterCompletions(
  document: TextDocument,
  spec: SpecDocument,
  choice: TemplateChoice | undefined,
  position: Position,
  options: FrontMatterCompletionOptions,
): CompletionItem[] | undefined {
  const frontMatter = spec.frontMatter;
  const offset = document.offsetAt(position);
  if (!frontMatter || offset < frontMatter.contentRange.start || offset >= frontMatter.contentRange.end) return undefined;
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const before = spec.text.slice(lineStart, offset);
  const fields = fieldsOf(choice);
  const present = new Set(frontMatter.entries.map((entry) => entry.key));
  if (/^[A-Za-z_][\w-]*$|^$/.test(before)) {
    return [...fields]
      .filter(([key]) => !present.has(key))
      .map(([key, field], i): CompletionItem => ({
        label: key,
        kind: CompletionItemKind.Property,
        detail: describeType(field),
        documentation: { kind: MarkupKind.Markdown, value: describeField(key, field) },
        sortText: `${field.required ? 0 : 1}${String(i).padStart(4, '0')}`,
        textEdit: { range: { start: { line: position.line, character: 0 }, end: position }, newText: `${key}: ` },
      }));
  }
  const value = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(["']?)([^"'\r\n]*)$/.exec(before);
  if (!value) return [];
  const key = value[1] as string;
  const quote = value[2] as string;
  const field = fields.get(key);
  const candidates: { value: string; detail: string }[] = [];
  if (key === 'specwright') for (const id of options.templateIds) candidates.push({ value: id, detail: 'template' });
  const lifecycle = choice?.template.manifest.lifecycle;
  if (lifecycle?.field.frontMatter === key) for (const status of lifecycle.statuses) candidates.push({ value: status.value, detail: `status (${status.stage})` });
  for (const allowed of field?.enum ?? []) if (!candidates.some((c) => c.value === String(allowed))) candidates.push({ value: String(allowed), detail: 'allowed value' });
  const types = typesOf(field);
  if (types.includes('date')) candidates.push({ value: localDate(options.now), detail: 'today' });
  if (types.includes('date-time')) candidates.push({ value: localDateTime(options.now), detail: 'now' });
  if (types.includes('boolean')) candidates.push({ value: 'true', detail: 'boolean' }, { value: 'false', detail: 'boolean' });
  const valueStart = lineStart + before.length - (value[3] as string).length;
  const lineText = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const afterCursor = lineText.slice(offset - lineStart);
  const tail = quote ? afterCursor.slice(0, Math.max(0, afterCursor.indexOf(quote))) : afterCursor.replace(/[ \t]*(#.*)?(\r\n|\r|\n)?$/, '');
  const range: Range = { start: document.positionAt(valueStart), end: document.positionAt(offset + tail.length) };
  return candidates.map(
    (candidate, i): CompletionItem => ({
      label: candidate.value,
      kind: CompletionItemKind.Value,
      detail: candidate.detail,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range, newText: quote || !needsQuotes(candidate.value) ? candidate.value : JSON.stringify(candidate.value) },
    }),
  );
}

function fieldsOf(choice: TemplateChoice | undefined): Map<string, FieldSpec> {
  const fields = new Map<string, FieldSpec>(Object.entries(choice?.template.manifest.frontMatter?.properties ?? {}));
  if (choice && !fields.has('specwright')) fields.set('specwright', { type: 'string', description: `The template this spec follows (now \`${choice.template.id}\`).` });
  return fields;
}

function typesOf(field: FieldSpec | undefined): readonly string[] {
  if (!field?.type) return [];
  return Array.isArray(field.type) ? field.type : [field.type as string];
}

function describeType(field: FieldSpec): string {
  const types = typesOf(field);
  return [types.length > 0 ? types.join(' | ') : 'any', field.required ? 'required' : 'optional'].join(', ');
}

/** A field's schema for people: description, type, whether required, allowed values. */
export function describeField(key: string, field: FieldSpec, statuses: readonly string[] = []): string {
  const allowed = [...new Set([...(field.enum ?? []).map(String), ...statuses])];
  return [
    `**\`${key}\`** — ${describeType(field)}`,
    ...(field.description ? ['', field.description] : []),
    ...(allowed.length > 0 ? ['', `Allowed values: ${allowed.map((value) => `\`${value}\``).join(', ')}`] : []),
  ].join('\n');
}

function needsQuotes(value: string): boolean {
  return value === '' || /^[\s!&*?|>'"%@`{[\],#-]|:\s|\s#|\s$/.test(value) || /^(true|false|null|~|[-+]?\d[\d._]*)$/i.test(value);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Today in the server's time zone, `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function localDateTime(now: Date): string {
  const offset = -now.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${localDate(now)}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * On a bold-label metadata line of the template's status field (`**Status:** [Draft/…]`):
 * the lifecycle's statuses, in order, each replacing the value after the label. Undefined
 * elsewhere, or when the template has no lifecycle.
 */
export function labelStatusCompletions(document: TextDocument, choice: TemplateChoice | undefined, position: Position): CompletionList | undefined {
  const lifecycle = choice?.template.manifest.lifecycle;
  if (!lifecycle || lifecycle.statuses.length === 0) return undefined;
  const label = (lifecycle.field.label ?? 'Status').toLowerCase();
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const found = /^(\s*(?:[-*+]\s+)?\*\*([^*]+?):?\*\*:?[ \t]*)(.*?)[ \t]*$/.exec(line);
  if (!found || (found[2] as string).trim().replace(/:$/, '').toLowerCase() !== label) return undefined;
  const start = (found[1] as string).length;
  if (position.character < start) return undefined;
  const range = { start: { line: position.line, character: start }, end: { line: position.line, character: start + (found[3] as string).length } };
  const items: CompletionItem[] = lifecycle.statuses.map((status, i) => ({
    label: status.value,
    kind: CompletionItemKind.EnumMember,
    detail: `status (${status.stage})`,
    sortText: String(i).padStart(3, '0'),
    filterText: status.value,
    textEdit: { range, newText: status.value },
  }));
  return { isIncomplete: false, items };
}
