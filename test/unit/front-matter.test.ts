import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSpec, parseSpecWhole } from '../../server/src/core/parse/spec-document';

const slice = (text: string, r: { start: number; end: number } | undefined): string | undefined =>
  r && text.slice(r.start, r.end);

describe('front matter', () => {
  test('key and value ranges are document offsets', () => {
    const text = '---\ntitle: Bulk export\nstatus: Draft # hint\nowners:\n  - ana\n---\n# Spec\n';
    const fm = parseSpec(text).frontMatter;
    assert.ok(fm);
    assert.deepEqual(
      fm.entries.map((e) => [e.key, slice(text, e.keyRange), slice(text, e.valueRange), e.value]),
      [
        ['title', 'title', 'Bulk export', 'Bulk export'],
        ['status', 'status', 'Draft', 'Draft'],
        ['owners', 'owners', '- ana\n', ['ana']],
      ],
    );
    assert.equal(slice(text, fm.range), '---\ntitle: Bulk export\nstatus: Draft # hint\nowners:\n  - ana\n---');
    assert.equal(slice(text, fm.contentRange), 'title: Bulk export\nstatus: Draft # hint\nowners:\n  - ana\n');
  });

  test('closes with `...` as well as `---`', () => {
    const text = '---\ntitle: A\n...\n# Spec\n\n- item\n';
    const spec = parseSpec(text);
    assert.deepEqual(spec.frontMatter?.entries.map((e) => e.key), ['title']);
    assert.deepEqual(spec.outline.flat.map((s) => s.title), ['Spec']);
    assert.equal(spec.root.children.at(-1)?.type, 'list');
  });

  test('YAML errors keep their exact range in the document', () => {
    const text = '---\ntitle: "unclosed\nstatus: Draft\n---\n# Spec\n';
    const fm = parseSpec(text).frontMatter;
    const errors = fm?.errors ?? [];
    assert.ok(errors.length > 0);
    // An unclosed quote runs to the end of the YAML: YAML points at the closing fence.
    assert.deepEqual(errors.map((e) => [e.code, e.range.start]), [['MISSING_CHAR', text.lastIndexOf('---')]]);
    for (const error of errors) assert.ok(error.range.start >= fm!.range.start && error.range.end <= fm!.range.end);
    const duplicate = '---\na: 1\na: 2\n---\n';
    const dup = parseSpec(duplicate).frontMatter?.errors[0];
    assert.equal(dup?.code, 'DUPLICATE_KEY');
    assert.equal(slice(duplicate, dup?.range), 'a');
    assert.equal(dup?.range.start, duplicate.lastIndexOf('a:'));
  });

  test('a YAML error that YAML cuts inside an emoji (a long implicit key) covers the whole character', () => {
    // Found by the robustness property test: YAML gives up on an implicit key at 1,024
    // characters, which here falls between the two halves of an emoji.
    const emoji = '\u{1F600}'.repeat(500);
    const text = `---\ntitle: ${emoji}\n>! \ntitle: ${emoji}\n---\n`;
    const errors = parseSpec(text).frontMatter?.errors ?? [];
    assert.ok(errors.length > 0);
    const insidePair = (offset: number) => /[\uD800-\uDBFF]/.test(text.charAt(offset - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(offset));
    for (const error of errors) assert.ok(!insidePair(error.range.start) && !insidePair(error.range.end), `${error.code} ${error.range.start}–${error.range.end}`);
  });

  test('offsets stay right after a BOM and with CRLF line ends', () => {
    const text = '\uFEFF---\r\ntitle: Café 😀\r\ndate: 2026-01-02\r\n---\r\n# Spec\r\n';
    const fm = parseSpec(text).frontMatter;
    assert.deepEqual(
      fm?.entries.map((e) => [slice(text, e.keyRange), slice(text, e.valueRange)]),
      [
        ['title', 'Café 😀'],
        ['date', '2026-01-02'],
      ],
    );
  });

  test('after a BOM, front matter closed with `...` and an unclosed block are recognised too', () => {
    for (const parse of [parseSpec, parseSpecWhole]) {
      const closed = parse('\uFEFF---\ntitle: x\n...\n\n# A\n');
      assert.deepEqual(closed.frontMatter?.entries.map((entry) => [entry.key, entry.value]), [['title', 'x']]);
      assert.deepEqual(parse('\uFEFF---\ntitle: [x\n\n# A\n').unclosedFrontMatter, { start: 1, end: 4 });
    }
  });

  test('a document without front matter has none, and an unclosed block is detected', () => {
    assert.equal(parseSpec('# Spec\n\n---\n\ntext\n').frontMatter, undefined);
    const unclosed = parseSpec('---\ntitle: A\n# Spec\n');
    assert.equal(unclosed.frontMatter, undefined);
    assert.deepEqual(unclosed.unclosedFrontMatter, { start: 0, end: 3 });
    assert.equal(parseSpec('---\n\nJust a rule above.\n').unclosedFrontMatter, undefined);
  });

  test('front matter that is not a mapping is noted, not thrown', () => {
    assert.equal(parseSpec('---\n- a\n- b\n---\n').frontMatter?.notAMapping, 'a list');
    assert.equal(parseSpec('---\njust text\n---\n').frontMatter?.notAMapping, 'a single value');
  });

  test('an alias bomb does not throw', () => {
    const text = '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n';
    assert.doesNotThrow(() => parseSpec(text));
  });
});
