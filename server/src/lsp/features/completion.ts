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
import { absentSections, hasInstance, stemOf } from '../../core/templates/absent-sections';
import type { SectionMatch } from '../../core/templates/match';
import type { Template, TemplateSection } from '../../core/templates/template';
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
  const belongs = belongingHere(spec, match, offset);
  const item = (section: TemplateSection, body: string, rank: number, why: string): CompletionItem => {
    const heading = body.split(/\r?\n/, 1)[0] as string;
    return {
      label: heading.replace(/^#{1,6}[ \t]+/, ''),
      kind: CompletionItemKind.Module,
      detail: `${why} — ${template.manifest.label}`,
      documentation: { kind: MarkupKind.Markdown, value: `Inserts the template's skeleton:\n\n\`\`\`markdown\n${body}\n\`\`\`` },
      filterText: heading,
      sortText: `${rank}${String(section.index).padStart(5, '0')}`,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: `${lead}${body}${trail}` },
    };
  };
  const items: CompletionItem[] = absentSections(template, match, spec, addableSection).map((section) => {
    const plan = planInsertion(text, template, match, section, eol);
    const body = hashes ? sectionSkeleton(template, section, hashes.length - section.depth, plan.number).replace(/\r?\n/g, eol) : plan.body;
    const why = section.required ? 'required' : section.optional ? 'optional' : 'repeatable';
    return item(section, body, belongs(section) ? 0 : 2, `Missing section (${why})`);
  });
  // Another instance of a repeatable section whose enclosing section the cursor is in, numbered on.
  for (const another of anotherInstances(spec, template, match, offset)) {
    const shift = hashes ? hashes.length - another.section.depth : another.depth - another.section.depth;
    const body = renumberAnother(sectionSkeleton(template, another.section, shift, another.dotted).replace(/\r?\n/g, eol), another.counter);
    items.push(item(another.section, body, 1, 'Another repeatable section'));
  }
  const seen = new Set<string>();
  return items
    .sort((a, b) => ((a.sortText as string) < (b.sortText as string) ? -1 : 1))
    .filter((entry) => !seen.has(entry.label) && seen.add(entry.label) !== undefined);
}

/**
 * Whether a template section belongs where the cursor is: after the template section of
 * the nearest paired heading before the cursor and before that of the nearest after it.
 */
function belongingHere(spec: SpecDocument, match: SectionMatch, offset: number): (section: TemplateSection) => boolean {
  const flat = spec.outline.flat;
  let before = -1;
  let after = Number.POSITIVE_INFINITY;
  flat.forEach((section, i) => {
    const index = match.byDocument.get(i);
    if (index === undefined) return;
    if (section.headingRange.start < offset) before = Math.max(before, index);
    else after = Math.min(after, index);
  });
  return (section) => section.index > before && section.index < after;
}

interface Another {
  /** The template's example to copy. */
  readonly section: TemplateSection;
  /** The heading level of the instances. */
  readonly depth: number;
  /** A dotted number for the heading (`4.2.3`), when the instances have one. */
  readonly dotted: string | undefined;
  /** Otherwise the number inside the title (`FR-003`, `Phase 3`): digits as written. */
  readonly counter: string | undefined;
}

const DOTTED = /^(\d+(?:\.\d+)*)\.?\s/;

/** For each repeatable section with an instance inside the section the cursor is in: the next instance. */
function anotherInstances(spec: SpecDocument, template: Template, match: SectionMatch, offset: number): Another[] {
  const flat = spec.outline.flat;
  const result: Another[] = [];
  const done = new Set<string>();
  for (const section of template.sections) {
    if (!section.example || section.parent === undefined) continue;
    const parent = match.byTemplate.get(section.parent);
    if (!parent || offset < parent.headingRange.end || offset > parent.range.end) continue;
    const group = `${section.parent}:${stemOf(section.key)}`;
    if (done.has(group) || !hasInstance(template, match, spec, section)) continue;
    done.add(group);
    // The last instance in the enclosing section: a heading paired with this group, or with no named section.
    const instances = parent.children.filter((child) => {
      if (child.headingRange.start <= offset && offset <= child.headingRange.end) return false;
      const index = match.byDocument.get(flat.indexOf(child));
      return index === undefined || template.sections[index]?.example === true;
    });
    const last = instances[instances.length - 1];
    if (!last) continue;
    // The template example to copy: the group's last one (its text is the general pattern).
    const examples = template.sections.filter((other) => other.example && other.parent === section.parent && stemOf(other.key) === stemOf(section.key));
    const model = examples[examples.length - 1] as TemplateSection;
    const title = spec.text.slice(last.titleRange.start, last.titleRange.end);
    const dotted = DOTTED.exec(title)?.[1];
    const counter = dotted ? undefined : /\d+/.exec(title)?.[0];
    if (!dotted && !counter) continue;
    result.push({ section: model, depth: last.depth, dotted: dotted ? bump(dotted) : undefined, counter: counter ? bump(counter) : undefined });
  }
  return result;
}

/** One more in the last component, zero padding kept: `4.2.2` → `4.2.3`, `009` → `010`. */
function bump(number: string): string {
  const parts = number.split('.');
  const last = parts[parts.length - 1] as string;
  parts[parts.length - 1] = String(Number(last) + 1).padStart(last.length, '0');
  return parts.join('.');
}

/** The first number in the heading line of `body` replaced by `counter` (`FR-002` → `FR-003`). */
function renumberAnother(body: string, counter: string | undefined): string {
  if (counter === undefined) return body;
  const end = body.search(/\r?\n/);
  const heading = end < 0 ? body : body.slice(0, end);
  return heading.replace(/\d+/, counter) + (end < 0 ? '' : body.slice(end));
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
