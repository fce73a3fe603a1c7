// The pre-scan that reads pathological Markdown as plain text: what it finds, that it
// keeps every offset and line, that it leaves ordinary specs alone, and that every parse
// of a document (whole, in pieces, incremental, the index's) agrees on the result.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { generateSpec } from '../../bench/corpus';
import { indexText, indexTextWhole } from '../../server/src/workspace/index-text';
import { INERT, MAX_BLOCK_LINES, MAX_DEFINITIONS, MAX_NESTING, MAX_UNDERLINE_RUN, prescan, prescanSteps, type DegradedKind } from '../../server/src/core/parse/prescan';
import { parseSpec, parseSpecWhole, type SpecDocument } from '../../server/src/core/parse/spec-document';
import { lintDocument } from '../../server/src/core/lint/lint';

const HEAD = '# Spec: Hostile\n\n## Overview\n\n';
const REPROS = join(__dirname, '../fixtures/repros');
const repro = (name: string) => (JSON.parse(readFileSync(join(REPROS, `${name}.json`), 'utf8')) as { text: string }).text;

const HOSTILE: [string, DegradedKind, string][] = [
  ['deep inline list', 'container-nesting', repro('hostile-deep-inline-list-stack-overflow')],
  ['nested block quotes', 'container-nesting', `${HEAD}${'>'.repeat(5000)} deep\n`],
  ['nested footnote definitions', 'container-nesting', `${HEAD}${'[^a]: '.repeat(3000)}x\n`],
  ['setext underline run', 'underline-run', repro('hostile-setext-underline-run-stall')],
  ['unclosed front matter', 'unclosed-front-matter', `---\n${'key: value\n'.repeat(12_000)}`],
  ['emphasis delimiters', 'delimiter-run', `${HEAD}${'*a'.repeat(5000)}\n`],
  ['emphasis around placeholders', 'delimiter-run', `${HEAD}${'*a'.repeat(600)} *[TBD]* and _[Owner]_ ${'~b'.repeat(600)}\n\n## Next\n\n*[Later]*\n`],
  ['wide table', 'wide-row', `${HEAD}|${' a |'.repeat(2000)}\n|${' - |'.repeat(2000)}\n`],
  ['definitions', 'definitions', HEAD + Array.from({ length: MAX_DEFINITIONS + 5 }, (_, i) => `Text[^n${i}].\n\n[^n${i}]: Note ${i}.\n`).join('\n')],
  ['long paragraph', 'long-block', `${HEAD}${'line [TBD]\n'.repeat(MAX_BLOCK_LINES * 2 + 10)}\n## Risks\n\nNone.\n`],
];

function same(actual: SpecDocument, expected: SpecDocument, what: string): void {
  assert.deepStrictEqual(actual.root, expected.root, `tree differs: ${what}`);
  assert.deepStrictEqual(actual.outline, expected.outline, `outline differs: ${what}`);
  assert.deepStrictEqual(actual.placeholders, expected.placeholders, `placeholders differ: ${what}`);
  assert.deepStrictEqual(actual.degraded, expected.degraded, `degraded regions differ: ${what}`);
}

describe('prescan', () => {
  for (const [name, kind, text] of HOSTILE) {
    test(`${name}: found, neutralised in place, the same in every parse`, () => {
      const scan = prescan(text);
      assert.ok(scan.regions.some((region) => region.kind === kind), `no ${kind} region: ${JSON.stringify(scan.regions.map((r) => r.kind))}`);
      assert.equal(scan.text.length, text.length, 'same length');
      assert.deepEqual(scan.text.match(/\r\n|\r|\n/g)?.length, text.match(/\r\n|\r|\n/g)?.length, 'same lines');
      for (const region of scan.regions) assert.ok(region.start >= 0 && region.start <= region.end && region.end <= text.length);
      // Scanning what was neutralised finds nothing more to neutralise.
      assert.equal(prescan(scan.text).text, scan.text);

      const whole = parseSpecWhole(text);
      assert.ok(whole.degraded?.some((region) => region.kind === kind));
      same(parseSpec(text), whole, 'first parse in pieces');
      same(parseSpec(text, undefined, { minPieceSize: 0 }), whole, 'cut at every heading');
      // Typing at the end and in the middle, parsed from the previous version.
      const middle = text.length >> 1;
      const edited = `${text.slice(0, middle)}x${text.slice(middle)}!`;
      same(parseSpec(edited, parseSpec(text)), parseSpecWhole(edited), 'after an edit');

      const findings = lintDocument(whole, { rules: { 'parse-degraded': 'information' } });
      assert.ok(findings.some((finding) => finding.ruleId === 'parse-degraded' && finding.data?.kind === kind));
      assert.deepStrictEqual(indexText(text).occurrences, indexTextWhole(text).occurrences);
    });
  }

  test('a few very long lines are scanned and rewritten with pauses, so that the server can answer others meanwhile', () => {
    // Two lines of 200,000 characters, 100,000 pipes made inert.
    const text = `${HEAD}|${' a |'.repeat(50_000)}\n|${' - |'.repeat(50_000)}\n`;
    const steps = prescanSteps(text);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    assert.ok(pauses >= 4, `${pauses} pauses`);
    assert.equal(step.value.text, prescan(text).text);
    assert.equal(step.value.text.split(INERT).length - 1, 100_002);
  });

  test('a line read as blank wins over the delimiters made inert on it', () => {
    // One block of 2,500 lines and 5,000 delimiters: both limits passed.
    const lines = Array.from({ length: 2500 }, (_, i) => `a *b${i}* c`);
    const text = `${HEAD}${lines.join('\n')}\n`;
    const expected = HEAD + lines.map((line, i) => ((i + 1) % MAX_BLOCK_LINES === 0 ? ' '.repeat(line.length) : line.replaceAll('*', INERT))).join('\n') + '\n';
    assert.equal(prescan(text).text, expected);
  });

  test('the reproducers are no longer fatal: the deep list parses with its nesting capped', () => {
    const spec = parseSpecWhole(repro('hostile-deep-inline-list-stack-overflow'));
    let depth = 0;
    let node: { type: string; children?: unknown[] } | undefined = spec.root.children.find((child) => child.type === 'list');
    while (node && node.type === 'list') {
      depth++;
      const item = node.children?.[0] as { children?: { type: string; children?: unknown[] }[] } | undefined;
      node = item?.children?.[0];
    }
    assert.equal(depth, MAX_NESTING);
  });

  test('limits are exact: at the limit nothing is touched, one past it is', () => {
    const underline = (n: number) => `Title\n${'=\n'.repeat(n)}`;
    assert.equal(prescan(underline(MAX_UNDERLINE_RUN)).text, underline(MAX_UNDERLINE_RUN));
    assert.notEqual(prescan(underline(MAX_UNDERLINE_RUN + 1)).text, underline(MAX_UNDERLINE_RUN + 1));
    const nested = (n: number) => `${'- '.repeat(n)}item\n`;
    assert.equal(prescan(nested(MAX_NESTING)).text, nested(MAX_NESTING));
    assert.equal(prescan(nested(MAX_NESTING + 1)).text, `${'- '.repeat(MAX_NESTING)}${INERT} item\n`);
    // A thematic break made of many markers is not nesting.
    assert.deepEqual(prescan(`${'- '.repeat(100)}\n`).regions, []);
    // Words joined by `_` are not emphasis delimiters.
    const snake = `${'snake_case_name '.repeat(2000)}\n`;
    assert.deepEqual(prescan(snake).regions, []);
  });

  test('ordinary specs are returned as they are (the same string)', () => {
    const templates = join(__dirname, '../../templates');
    const texts = readdirSync(templates, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(templates, entry.name, 'template.md')))
      .map((entry) => readFileSync(join(templates, entry.name, 'template.md'), 'utf8'));
    texts.push(generateSpec(100 * 1024, 1), generateSpec(1024 * 1024, 2));
    for (const text of texts) {
      const scan = prescan(text);
      assert.deepEqual(scan.regions, []);
      assert.equal(scan.text, text);
    }
  });
});
