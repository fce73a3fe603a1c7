import type { RootContent } from 'mdast';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILT_IN_ID_PREFIXES, nextFreeId } from '../../core/parse/requirement-ids';
import type { SpecDocument } from '../../core/parse/spec-document';
import type { TemplateChoice } from '../../core/templates/detect';
import { absentSections } from '../../core/templates/absent-sections';
import { planInsertion, sectionSkeleton } from '../../core/templates/section-skeleton';
import { distance, type IdLocation, type IndexSnapshot } from '../../workspace/workspace-snapshot';

/** Template sections a spec may still add: everything but the title and guidance for the author. */
export const addableSection = (section: { isTitle: boolean; guidance: boolean }): boolean => !section.isTitle && !section.guidance;

/**
 * At the start of a heading line (an empty line, or `#`…`######` typed): the sections of
 * the template the document lacks, in template order, each inserting the template's
 * skeleton — at the level typed, or where the missing-section fix would put it.
 */
export function sectionCompletions(document: TextDocument, spec: SpecDocument, choice: TemplateChoice | undefined, position: Position): CompletionItem[] {
  if (!choice) return [];
  const { text } = spec;
  const offset = document.offsetAt(position);
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const typed = /^ {0,3}(?:(#{1,6})(?:[ \t]+[^\r\n]*)?)?[ \t]*$/.exec(text.slice(lineStart, offset));
  if (!typed) return [];
  const node = topLevelNodeAt(spec.root.children, offset);
  if (node && node.type !== 'heading') return [];
  if (spec.frontMatter && offset < spec.frontMatter.range.end) return [];
  const lineEnd = document.offsetAt({ line: position.line + 1, character: 0 });
  const rest = text.slice(offset, lineEnd);
  const range: Range = { start: { line: position.line, character: 0 }, end: /^[ \t]*(\r\n|\r|\n)?$/.test(rest) ? document.positionAt(offset + rest.replace(/(\r\n|\r|\n)$/, '').length) : position };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const previousLine = position.line > 0 ? document.getText({ start: { line: position.line - 1, character: 0 }, end: { line: position.line, character: 0 } }) : '';
  const nextLine = text.slice(lineEnd, text.indexOf('\n', lineEnd) < 0 ? text.length : text.indexOf('\n', lineEnd));
  const lead = previousLine.trim() !== '' ? eol : '';
  const trail = lineEnd < text.length && nextLine.trim() !== '' ? eol : '';
  const { template, match } = choice;
  const hashes = typed[1];
  return absentSections(template, match, spec, addableSection).map((section, i): CompletionItem => {
    const plan = planInsertion(text, template, match, section, eol);
    const body = hashes ? sectionSkeleton(template, section, hashes.length - section.depth, plan.number).replace(/\r?\n/g, eol) : plan.body;
    const heading = body.split(/\r?\n/, 1)[0] as string;
    const why = section.required ? 'required' : section.optional ? 'optional' : 'repeatable';
    return {
      label: heading.replace(/^#{1,6}[ \t]+/, ''),
      kind: CompletionItemKind.Module,
      detail: `Missing section (${why}) — ${template.manifest.label}`,
      documentation: { kind: MarkupKind.Markdown, value: `Inserts the template's skeleton:\n\n\`\`\`markdown\n${body}\n\`\`\`` },
      filterText: heading,
      sortText: String(i).padStart(5, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: `${lead}${body}${trail}` },
    };
  });
}

// Binary search over the root's children, which are in document order.
function topLevelNodeAt(children: readonly RootContent[], offset: number): RootContent | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = children[middle] as RootContent;
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    if (end < offset) low = middle + 1;
    else if (start > offset) high = middle - 1;
    else return node;
  }
  return undefined;
}

/** At most this many existing IDs are listed; the list is then marked incomplete, so typing more digits asks again. */
const MAX_EXISTING_IDS = 200;

/**
 * After an ID prefix (`FR-`, `FR-00`, `T0`): the next free ID first (one more than the
 * highest defined in this spec's folder), then the IDs defined with that prefix and the
 * digits typed so far, nearest first, each with what it says.
 */
export function idCompletions(snapshot: IndexSnapshot, document: TextDocument, position: Position, extraPrefixes: readonly string[] = []): CompletionList {
  const before = document.getText({ start: { line: position.line, character: 0 }, end: position });
  const typed = /(?<![\p{L}\p{N}_-])([A-Z][A-Z0-9_]*?-?)(\d*)$/u.exec(before);
  if (!typed) return { isIncomplete: false, items: [] };
  const prefix = typed[1] as string;
  const digits = typed[2] as string;
  const known = new Set([...BUILT_IN_ID_PREFIXES, ...extraPrefixes]);
  const uri = document.uri;
  const byId = new Map<string, { location: IdLocation; distance: number }>();
  const inFolder: string[] = [];
  for (const [id, occurrences] of snapshot.entries()) {
    for (const location of occurrences) {
      const { occurrence } = location;
      if (occurrence.role !== 'definition' || occurrence.prefix !== prefix) continue;
      known.add(prefix);
      const d = distance(uri, location.spec.uri);
      if (d <= 1) inFolder.push(occurrence.digits);
      if (!occurrence.digits.startsWith(digits)) continue;
      const best = byId.get(id);
      if (!best || d < best.distance) byId.set(id, { location, distance: d });
    }
  }
  if (!known.has(prefix)) return { isIncomplete: false, items: [] };
  const range: Range = { start: { line: position.line, character: position.character - typed[0].length }, end: position };
  const next = nextFreeId(prefix, inFolder);
  const items: CompletionItem[] = [
    { label: next, kind: CompletionItemKind.Constant, detail: 'Next free ID', preselect: true, sortText: '0', filterText: next, textEdit: { range, newText: next } },
  ];
  const existing = [...byId.values()].sort(
    (a, b) => a.distance - b.distance || Number(a.location.occurrence.digits) - Number(b.location.occurrence.digits) || (a.location.occurrence.id < b.location.occurrence.id ? -1 : 1),
  );
  for (const [i, { location }] of existing.slice(0, MAX_EXISTING_IDS).entries()) {
    const { occurrence, spec } = location;
    items.push({
      label: occurrence.id,
      kind: CompletionItemKind.Reference,
      detail: occurrence.definition?.summary || spec.path,
      documentation: { kind: MarkupKind.Markdown, value: `\`${spec.path}\`, line ${occurrence.range.start.line + 1}\n\n${occurrence.definition?.excerpt() ?? ''}` },
      sortText: `1${String(i).padStart(6, '0')}`,
      filterText: occurrence.id,
      textEdit: { range, newText: occurrence.id },
    });
  }
  return { isIncomplete: existing.length > MAX_EXISTING_IDS, items };
}
