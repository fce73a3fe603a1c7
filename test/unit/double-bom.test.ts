import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lintText } from '../../server/src/core/lint/lint';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { parseSpec, parseSpecWhole } from '../../server/src/core/parse/spec-document';

// micromark drops a byte-order mark at the start of its input; a text that starts with
// two has both dropped, and every offset must still count them. Found by the property
// test of the analysis: a range ended inside a surrogate pair.
test('two byte-order marks at the start: offsets count both, in the whole and the piecewise parse', () => {
  const text = '\uFEFF\uFEFF# \u{10000}\n\nText [Owner].\n';
  const heading = parseMarkdown(text).children[0];
  assert.equal(heading?.position?.start.offset, 2);
  for (const spec of [parseSpec(text), parseSpecWhole(text)]) {
    assert.deepEqual(spec.outline.flat.map((section) => text.slice(section.headingRange.start, section.headingRange.end)), ['# \u{10000}']);
    assert.deepEqual(spec.placeholders.map((placeholder) => text.slice(placeholder.range.start, placeholder.range.end)), ['[Owner]']);
  }
  for (const finding of lintText(text)) assert.ok(!/[\uD800-\uDBFF]$/.test(text.slice(finding.range.start, finding.range.end)), finding.ruleId);
});
