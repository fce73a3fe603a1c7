import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lintText } from '../../server/src/core/lint/lint';
import { contentVerdicts } from '../../server/src/core/parse/section-content';
import { parseSpec } from '../../server/src/core/parse/spec-document';

// The seed documents the templates come from, kept in the repository under the names
// of their templates, and a filled-in version of each written as a realistic spec.
const seeds = join(__dirname, '../fixtures/seeds');
const unfilled = readdirSync(join(seeds, 'unfilled')).filter((name) => name.endsWith('.md')).sort();
const team = join(__dirname, '../../../shared/seeds');

describe('seed documents', () => {
  test('all five seeds are here, each with a filled-in counterpart', () => {
    assert.equal(unfilled.length, 5);
    for (const name of unfilled) assert.ok(existsSync(join(seeds, 'filled', name)), `filled/${name}`);
  });

  // The originals live beside a developer's checkout, not in a user's clone: compared when there.
  test('the copies match the seed documents beside the checkout, when they are there', { skip: existsSync(team) ? false : 'no seed documents beside the checkout: the copies in test/fixtures/seeds are used alone' }, () => {
    const originals = readdirSync(team).filter((name) => name.endsWith('.txt')).sort();
    assert.equal(originals.length, unfilled.length);
    originals.forEach((original, i) => {
      assert.equal(readFileSync(join(seeds, 'unfilled', unfilled[i] as string), 'utf8'), readFileSync(join(team, original), 'utf8'), original);
    });
  });

  for (const name of unfilled) {
    test(`unfilled ${name} lights up with placeholders and empty sections`, () => {
      const text = readFileSync(join(seeds, 'unfilled', name), 'utf8');
      const findings = lintText(text);
      const count = (rule: string) => findings.filter((f) => f.ruleId === rule).length;
      assert.ok(count('unfilled-placeholder') >= 10, `placeholders: ${count('unfilled-placeholder')}`);
      // Every section nobody has written is reported: empty at its heading, or at the
      // placeholders it holds (a section of placeholders alone is reported once, there).
      const document = parseSpec(text);
      const verdictOf = contentVerdicts(document);
      const unwritten = document.outline.flat.filter((section) => section.children.length === 0 && verdictOf(section) !== 'content');
      assert.ok(unwritten.length >= 1, `unwritten sections: ${unwritten.length}`);
      for (const section of unwritten) {
        const reported = findings.some(
          (f) =>
            (f.ruleId === 'empty-section' && f.range.start === section.headingRange.start) ||
            (f.ruleId === 'unfilled-placeholder' && f.range.start >= section.ownRange.start && f.range.end <= section.ownRange.end),
        );
        assert.ok(reported, `the unwritten section ${section.title} is reported`);
      }
      assert.equal(count('front-matter-syntax'), 0);
    });

    test(`filled ${name} lints clean`, () => {
      const text = readFileSync(join(seeds, 'filled', name), 'utf8');
      const findings = lintText(text).map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)} — ${f.message}`);
      assert.deepEqual(findings, []);
    });
  }
});
