import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { codeActions } from '../../server/src/lsp/features/code-actions';
import { sectionCompletions } from '../../server/src/lsp/features/completion';
import { toDiagnostics } from '../../server/src/lsp/features/diagnostics';
import { foldingRanges } from '../../server/src/lsp/features/folding';
import { frontMatterCompletions } from '../../server/src/lsp/features/front-matter-completion';
import { toRange } from '../../server/src/workspace/positions';
import { frontMatterKeyHover, placeholderHover } from '../../server/src/lsp/features/spec-hover';
import { specSummary, titleCodeLens } from '../../server/src/lsp/features/spec-summary';
import { documentSymbols } from '../../server/src/lsp/features/symbols';
import { templateHover } from '../../server/src/lsp/features/templates';
import type { OffsetRange } from '../../server/src/core/parse/range';
import { findRequirementIds } from '../../server/src/core/parse/requirement-ids';
import { parseSpec, type SpecDocument } from '../../server/src/core/parse/spec-document';
import { lintDocument, type LintOptions } from '../../server/src/core/lint/lint';
import type { Finding } from '../../server/src/core/lint/types';
import { detectTemplate } from '../../server/src/core/templates/detect';
import type { Template } from '../../server/src/core/templates/template';
import { builtInTemplates } from '../templates/helpers';
import {
  NOW,
  SCENARIOS,
  SEEDS,
  TEMPLATE_IDS,
  anyText,
  binaryJunk,
  deepNesting,
  frontMatter,
  longLine,
  markdownLines,
  markdownish,
  mixLineEndings,
  mutated,
  withFrontMatter,
} from './arbitraries';

// Analysis of any text never throws (no rule fails either), every range it reports —
// findings, fix edits, sections, placeholders, front-matter keys and values, requirement
// IDs, and the LSP ranges of symbols, summaries, diagnostics and code actions — lies
// inside the document and on UTF-16 boundaries (never between the two halves of a
// surrogate pair the document has intact, nor inside a CRLF), and the same text gives
// deep-equal results.

let templates: readonly Template[] = [];

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function checkOffset(text: string, offset: number, what: string): void {
  assert.ok(Number.isInteger(offset) && offset >= 0 && offset <= text.length, `${what}: offset ${offset} outside 0–${text.length}`);
  assert.ok(!(offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))), `${what}: offset ${offset} splits a surrogate pair`);
  // An editor cannot place a position between the two characters of a CRLF line break.
  assert.ok(!(offset > 0 && text.charCodeAt(offset - 1) === 0x0d && text.charCodeAt(offset) === 0x0a), `${what}: offset ${offset} splits a CRLF line break`);
}

function checkRange(text: string, range: OffsetRange | undefined, what: string): void {
  if (!range) return;
  checkOffset(text, range.start, `${what} start`);
  checkOffset(text, range.end, `${what} end`);
  assert.ok(range.start <= range.end, `${what}: ${JSON.stringify(range)} ends before it starts`);
}

/** An LSP position that names a real place: it maps to an offset and back unchanged, not inside a pair or a CRLF. */
function checkPosition(document: TextDocument, text: string, position: Position, what: string): number {
  const offset = document.offsetAt(position);
  assert.deepEqual(document.positionAt(offset), position, `${what}: ${JSON.stringify(position)} is not a position in the document`);
  checkOffset(text, offset, what);
  return offset;
}

function checkLspRange(document: TextDocument, text: string, range: Range, what: string): OffsetRange {
  const start = checkPosition(document, text, range.start, `${what} start`);
  const end = checkPosition(document, text, range.end, `${what} end`);
  assert.ok(start <= end, `${what}: ${JSON.stringify(range)} ends before it starts`);
  return { start, end };
}

const within = (outer: OffsetRange, inner: OffsetRange) => inner.start >= outer.start && inner.end <= outer.end;

function checkFindings(text: string, findings: readonly Finding[]): void {
  for (const finding of findings) {
    const what = `${finding.ruleId} "${finding.message}"`;
    checkRange(text, finding.range, what);
    for (const fix of finding.fixes ?? []) {
      assert.ok(fix.edits.length > 0, `${what}: fix "${fix.title}" has no edits`);
      for (const edit of fix.edits) checkRange(text, edit.range, `${what}, fix "${fix.title}"`);
    }
  }
}

/** The pure model of the spec: outline, placeholders, front matter, requirement IDs. */
function checkModel(spec: SpecDocument): void {
  const { text } = spec;
  const { outline } = spec;
  checkRange(text, outline.preamble, 'preamble');
  for (const section of outline.flat) {
    const what = `section "${section.title}"`;
    for (const key of ['headingRange', 'titleRange', 'range', 'bodyRange', 'ownRange'] as const) checkRange(text, section[key], `${what} ${key}`);
    assert.ok(within(section.range, section.headingRange) && within(section.range, section.bodyRange) && within(section.bodyRange, section.ownRange), `${what}: nested ranges`);
    for (const child of section.children) assert.ok(within(section.bodyRange, child.range), `${what}: child "${child.title}" inside`);
  }
  let previousEnd = 0;
  for (const placeholder of spec.placeholders) {
    checkRange(text, placeholder.range, `placeholder ${placeholder.text}`);
    assert.equal(text.slice(placeholder.range.start, placeholder.range.end), placeholder.text, 'a placeholder is its source text');
    assert.ok(placeholder.range.start >= previousEnd, 'placeholders in order, not overlapping');
    previousEnd = placeholder.range.end;
  }
  const fm = spec.frontMatter;
  if (fm) {
    checkRange(text, fm.range, 'front matter');
    checkRange(text, fm.contentRange, 'front-matter content');
    assert.ok(within(fm.range, fm.contentRange), 'front-matter content inside the block');
    for (const entry of fm.entries) {
      checkRange(text, entry.keyRange, `front-matter key ${entry.key}`);
      checkRange(text, entry.valueRange, `front-matter value of ${entry.key}`);
    }
    for (const problem of [...fm.errors, ...fm.warnings]) checkRange(text, problem.range, `YAML problem ${problem.code}`);
  }
  checkRange(text, spec.unclosedFrontMatter, 'unclosed front matter');
  for (const extraPrefixes of [[], ['REQ-', 'ADR']]) {
    for (const occurrence of findRequirementIds(text, spec.root, { extraPrefixes })) {
      checkRange(text, occurrence.range, `ID ${occurrence.id}`);
      assert.equal(text.slice(occurrence.range.start, occurrence.range.end), occurrence.id, 'an ID is its source text');
      checkRange(text, occurrence.definition?.block, `definition block of ${occurrence.id}`);
      checkRange(text, occurrence.definition?.tableHead, `table head of ${occurrence.id}`);
    }
  }
}

/** What the server computes from a spec without a connection: symbols, summary, folding, diagnostics, code actions, completion, hovers. */
function checkFeatures(spec: SpecDocument, findings: readonly Finding[], probes: readonly number[]): void {
  const { text } = spec;
  const document = TextDocument.create('file:///w/specs/x.md', 'markdown', 1, text);
  const choice = detectTemplate(spec, templates);
  const walk = (symbols: ReturnType<typeof documentSymbols>, parent?: OffsetRange) => {
    for (const symbol of symbols) {
      const range = checkLspRange(document, text, symbol.range, `symbol ${symbol.name}`);
      const selection = checkLspRange(document, text, symbol.selectionRange, `symbol ${symbol.name} selection`);
      assert.ok(within(range, selection), `symbol ${symbol.name}: selection range inside its range (VS Code rejects the outline otherwise)`);
      if (parent) assert.ok(within(parent, range), `symbol ${symbol.name} inside its parent`);
      walk(symbol.children ?? [], range);
    }
  };
  walk(documentSymbols(document, spec));
  const summary = specSummary(document, spec, choice);
  for (const section of summary.sections) {
    if (section.range) checkLspRange(document, text, section.range, `summary section ${section.title}`);
    if (section.headingRange) checkLspRange(document, text, section.headingRange, `summary heading ${section.title}`);
    if (section.insertPosition) checkPosition(document, text, section.insertPosition, `summary insertion of ${section.title}`);
  }
  for (const placeholder of summary.placeholders) checkLspRange(document, text, placeholder.range, `summary placeholder ${placeholder.text}`);
  for (const entry of summary.frontMatter) checkLspRange(document, text, entry.range, `summary key ${entry.key}`);
  for (const lens of titleCodeLens(document, spec, summary)) checkLspRange(document, text, lens.range, 'title code lens');
  for (const range of foldingRanges(document, spec)) assert.ok(range.startLine < range.endLine && range.endLine < document.lineCount, `folding ${JSON.stringify(range)}`);
  // Diagnostics and fix edits reach the editor as line/character ranges: they must come back to the same offsets
  // (an offset between the `\r` and `\n` of a line break would not).
  toDiagnostics(document, findings).forEach((diagnostic, i) => {
    assert.deepEqual(checkLspRange(document, text, diagnostic.range, `diagnostic ${diagnostic.message}`), (findings[i] as Finding).range, `diagnostic ${diagnostic.message}: same offsets`);
  });
  for (const finding of findings) {
    for (const edit of (finding.fixes ?? []).flatMap((fix) => fix.edits)) {
      assert.deepEqual(checkLspRange(document, text, toRange(document, edit.range), `${finding.ruleId} fix edit`), edit.range, `${finding.ruleId} fix edit: same offsets`);
    }
  }
  const everything = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  for (const action of codeActions(document, findings, { range: everything, context: { diagnostics: [] } }, { versionedEdits: true })) {
    for (const change of action.edit?.documentChanges ?? []) {
      if (!('edits' in change)) continue;
      for (const edit of change.edits) checkLspRange(document, text, edit.range, `code action ${action.title}`);
    }
  }
  for (const probe of probes) {
    // A cursor never sits between the halves of a surrogate pair.
    let offset = probe % (text.length + 1);
    if (offset > 0 && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) offset--;
    const position = document.positionAt(offset);
    for (const item of sectionCompletions(document, spec, choice, position)) {
      if (item.textEdit && 'range' in item.textEdit) checkLspRange(document, text, item.textEdit.range, `section completion ${item.label}`);
    }
    for (const item of frontMatterCompletions(document, spec, choice, position, { now: NOW, templateIds: TEMPLATE_IDS }) ?? []) {
      if (item.textEdit && 'range' in item.textEdit) checkLspRange(document, text, item.textEdit.range, `front-matter completion ${item.label}`);
    }
    for (const hover of [placeholderHover(document, spec, choice, position), frontMatterKeyHover(document, spec, choice, position), templateHover(document, spec, position, choice)]) {
      if (hover?.range) checkLspRange(document, text, hover.range, 'hover');
    }
  }
}

/** Runs every check on one text; `deterministic` also analyses it a second time and compares. */
function checkText(text: string, probes: readonly number[] = [], deterministic = true): void {
  const failures: string[] = [];
  const options: LintOptions = {
    templates,
    now: NOW,
    onRuleError: (rule, error) => failures.push(`${rule.meta.id}: ${error instanceof Error ? error.stack : String(error)}`),
  };
  const spec = parseSpec(text);
  const findings = lintDocument(spec, options);
  assert.deepEqual(failures, [], 'no rule throws');
  checkFindings(text, findings);
  checkModel(spec);
  checkFeatures(spec, findings, probes);
  if (!deterministic) return;
  const again = parseSpec(text);
  assert.deepEqual(again.outline, spec.outline, 'same outline');
  assert.deepEqual(again.placeholders, spec.placeholders, 'same placeholders');
  assert.deepEqual(lintDocument(again, options), findings, 'same findings');
}

const probes = fc.array(fc.nat(), { maxLength: 2 });
/** Bodies after random front matter: small documents that follow templates, and one seed. */
const BODIES = [...SCENARIOS.filter((scenario) => scenario.name.includes('front-matter')).map((scenario) => scenario.text.replace(/^---[\s\S]*?\n---\n/, '')), (SEEDS.find((seed) => seed.name.includes('003')) as { text: string }).text];
const run = (arbitrary: fc.Arbitrary<string>, numRuns: number, deterministic = true) =>
  fc.assert(
    fc.property(arbitrary, probes, (text, at) => checkText(text, at, deterministic)),
    { numRuns },
  );

describe('analysis never throws, stays in range and is deterministic', async () => {
  templates = await builtInTemplates();

  test('on generated Markdown-like text', () => run(markdownish, 250));

  test('on lines with mixed line endings, and with front matter', () => run(fc.oneof(markdownLines, withFrontMatter(markdownLines)), 150));

  test('on random YAML front matter (valid and broken) before a seed or nothing', () =>
    run(fc.tuple(frontMatter, fc.constantFrom('', '# Title\n\nText [Name].\n', ...BODIES)).map(([head, body]) => head + body), 120));

  test('on text that names a template in its front matter', () =>
    run(fc.tuple(fc.constantFrom(...TEMPLATE_IDS), anyText).map(([id, body]) => `---\nspecwright: ${id}\n---\n${body}`), 100));

  test('on NUL bytes, controls, lone surrogates and byte-order marks', () => run(binaryJunk, 200));

  test('on mutated seeds (edits, sections removed, duplicated and emptied, line endings, BOM, front matter)', () => run(mutated(SEEDS), 50, false));

  test('on mutated rule scenarios', () => run(mutated(SCENARIOS), 150));

  test('on lists and block quotes nested hundreds of levels deep', () => run(deepNesting, 12, false));

  test('on 100,000-character lines', () => run(longLine, 4, false));

  test('on every seed and scenario as it is, and each scenario with CRLF, CR and a BOM', () => {
    for (const { text } of SEEDS) checkText(text, [0, text.length >> 1]);
    for (const { text } of SCENARIOS) {
      checkText(text, [0, text.length >> 1]);
      checkText(`\uFEFF${mixLineEndings(text, [1, 0, 2])}`, [], false);
    }
  });

  test('on binary garbage, lone surrogates around placeholders and a long line of placeholders', () => {
    checkText(String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536)));
    checkText('# A\n\n\uD800 [x\uDC00] \uDBFF\n');
    checkText('\uFEFF---\ntitle: [Name]\n...\n# A\n');
    checkText(`# Long\n\n${'[Name] '.repeat(15_000)}\n`, [], false);
  });
});
