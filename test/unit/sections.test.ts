import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { hasWordBetween } from '../../server/src/core/parse/section-content';
import { parseSpec } from '../../server/src/core/parse/spec-document';

const outline = (text: string) => parseSpec(text).outline;

describe('sections', () => {
  test('ATX and setext headings build one tree', () => {
    const text = 'Title\n=====\n\nIntro.\n\n## Goals\n\nShip it.\n\nNon-goals\n---------\n\n### Detail\n\ntext\n';
    const { sections, flat } = outline(text);
    assert.deepEqual(flat.map((s) => [s.title, s.depth, s.style]), [
      ['Title', 1, 'setext'],
      ['Goals', 2, 'atx'],
      ['Non-goals', 2, 'setext'],
      ['Detail', 3, 'atx'],
    ]);
    assert.deepEqual(sections.map((s) => s.title), ['Title']);
    assert.deepEqual(sections[0]?.children.map((s) => s.title), ['Goals', 'Non-goals']);
    assert.deepEqual(sections[0]?.children[1]?.children.map((s) => s.title), ['Detail']);
  });

  test('section, body and own ranges', () => {
    const text = '# A\n\nown a\n\n## B\n\nown b\n\n# C\n';
    const [a, b, c] = outline(text).flat;
    assert.equal(text.slice(a!.range.start, a!.range.end), '# A\n\nown a\n\n## B\n\nown b\n\n');
    assert.equal(text.slice(a!.ownRange.start, a!.ownRange.end), '\n\nown a\n\n');
    assert.equal(text.slice(b!.bodyRange.start, b!.bodyRange.end), '\n\nown b\n\n');
    assert.equal(text.slice(c!.headingRange.start, c!.headingRange.end), '# C');
    assert.equal(c!.range.end, text.length);
    assert.deepEqual(a!.ownNodes.map((n) => n.type), ['paragraph']);
  });

  test('`#` lines inside code fences are not headings', () => {
    const text = '# Real\n\n```bash\n# not a heading\n## nor this\n```\n\n~~~\n# still code\n~~~\n';
    assert.deepEqual(outline(text).flat.map((s) => s.title), ['Real']);
  });

  test('headings in lists and block quotes are content, not sections', () => {
    const text = '# Top\n\n> ## quoted\n\n- ## listed\n';
    const { flat } = outline(text);
    assert.deepEqual(flat.map((s) => s.title), ['Top']);
    assert.deepEqual(flat[0]?.ownNodes.map((n) => n.type), ['blockquote', 'list']);
  });

  test('content before the first heading is the preamble', () => {
    const text = '---\ntitle: x\n---\nIntro line.\n\n# First\n';
    const { preamble, preambleNodes } = outline(text);
    assert.equal(text.slice(preamble.start, preamble.end), '\nIntro line.\n\n');
    assert.deepEqual(preambleNodes.map((n) => n.type), ['paragraph']);
  });

  test('heading text unwraps emphasis and code; ranges survive emoji and CRLF', () => {
    const text = '# 🚀 The *new* `export`\r\n\r\n## Ünïcødé 仕様\r\n';
    const { flat } = outline(text);
    assert.deepEqual(flat.map((s) => s.title), ['🚀 The new export', 'Ünïcødé 仕様']);
    assert.equal(text.slice(flat[1]!.titleRange.start, flat[1]!.titleRange.end), 'Ünïcødé 仕様');
  });

  test('a BOM does not shift heading ranges', () => {
    const text = '\uFEFF# Title\n\n## Next\n';
    const { flat } = outline(text);
    assert.equal(text.slice(flat[0]!.headingRange.start, flat[0]!.headingRange.end), '# Title');
    assert.equal(text.slice(flat[1]!.headingRange.start, flat[1]!.headingRange.end), '## Next');
  });

  test('thousands of headings build without recursion', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `${'#'.repeat((i % 6) + 1)} H${i}\n\ntext\n`).join('\n');
    assert.equal(outline(text).flat.length, 20_000);
  });

  test('a letter or digit between two offsets is found as a Unicode property test on the slice finds it', () => {
    const unit = fc.constantFrom('a', 'Z', '5', 'é', '一', '٣', '😀', '𝒜', '\u0301', '\uD800', '\uDC00', ' ', '-', '[', '`', '@', '{');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), fc.nat(12), fc.nat(12), (text, a, b) => {
        const start = Math.min(a, b, text.length);
        const end = Math.min(Math.max(a, b), text.length);
        assert.equal(hasWordBetween(text, start, end), /[\p{L}\p{N}]/u.test(text.slice(start, end)), JSON.stringify([text, start, end]));
      }),
      { numRuns: 20_000 },
    );
  });
});
