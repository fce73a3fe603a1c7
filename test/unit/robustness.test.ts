import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { lintText } from '../../server/src/rules/lint';

// Analysis of any text never throws, and every finding lies inside the document on
// UTF-16 boundaries (never between the two halves of a surrogate pair it did not split).
const seeds = join(__dirname, '../fixtures/seeds/unfilled');
const seedTexts = readdirSync(seeds).map((name) => readFileSync(join(seeds, name), 'utf8'));

const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom('# ', '## ', '---\n', '...\n', '```\n', '- [ ] ', '| a | b |\n', '[x]', '[Name]', '`', '\\', '*', '_', '\r\n', '\n', '\uFEFF', '😀', '仕様', 'YYYY-MM-DD', '{{v}}', ': ', '<!--', '-->', '\t', '\u0000'),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** A fixed clock: fixes that insert today's date must not make two runs differ. */
const NOW = new Date('2026-01-15T12:00:00Z');

function checkFindings(text: string): void {
  const findings = lintText(text, { now: NOW });
  for (const finding of findings) {
    const { start, end } = finding.range;
    assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length, JSON.stringify(finding));
  }
  assert.deepEqual(lintText(text, { now: NOW }), findings, 'deterministic');
}

describe('analysis never throws', () => {
  test('on generated Markdown-like text', () => {
    fc.assert(fc.property(markdownish, checkFindings), { numRuns: 300 });
  });

  test('on mutated seeds', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...seedTexts), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }))
      .map(([text, a, b, insert]) => {
        const i = a % (text.length + 1);
        const j = Math.min(text.length, i + (b % 40));
        return text.slice(0, i) + insert + text.slice(j);
      });
    fc.assert(fc.property(mutated, checkFindings), { numRuns: 100 });
  });

  test('on binary garbage, lone surrogates and a long line', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    checkFindings(garbage);
    checkFindings('# A\n\n\uD800 [x\uDC00] \uDBFF\n');
    checkFindings(`# Long\n\n${'[Name] '.repeat(15_000)}\n`);
  });
});
