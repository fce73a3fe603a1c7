import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { applyPreferredFixes } from '../../server/src/cli/lint/fix';
import { lintText } from '../../server/src/core/lint/lint';
import type { Finding } from '../../server/src/core/lint/types';
import type { Template } from '../../server/src/core/templates/template';
import { builtInTemplates } from '../templates/helpers';

// `--fix` never makes a spec worse: for every seed, filled-in spec, rule scenario and a
// partial copy of each seed, fixing twice gives what fixing once gives, and the result has
// no duplicate-section finding the input did not have (a fix that inserted a "missing"
// copy of a section whose heading only differed by mojibake did exactly that).
const NOW = new Date('2026-03-09T14:05:06Z');
let templates: readonly Template[] = [];
const lint = (text: string) => lintText(text, { templates, now: NOW });

/** The CLI's loop: apply the preferred fixes that do not overlap, lint again, at most ten passes. */
function fix(text: string): string {
  let findings: readonly Finding[] = lint(text);
  for (let pass = 0; pass < 10; pass++) {
    const next = applyPreferredFixes(text, findings);
    if (next.applied === 0 || next.text === text) return text;
    text = next.text;
    findings = lint(text);
  }
  assert.fail('--fix still had fixes to apply after ten passes');
}

const duplicates = (text: string) => lint(text).filter((finding) => finding.ruleId === 'duplicate-section').length;

/** The seed with every other second-level section cut out: a spec half written. */
function partial(text: string): string {
  const parts = text.split(/(?=^## )/m);
  return parts.filter((_, i) => i === 0 || i % 2 === 1).join('');
}

const SEEDS = join(__dirname, '../fixtures/seeds');
const RULES = join(__dirname, '../rules');
const documents: [string, string][] = [
  ...['unfilled', 'filled'].flatMap((kind) =>
    readdirSync(join(SEEDS, kind))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name): [string, string] => [`${kind}/${name}`, readFileSync(join(SEEDS, kind, name), 'utf8')]),
  ),
  ...readdirSync(join(SEEDS, 'unfilled'))
    .filter((name) => name.endsWith('.md'))
    .map((name): [string, string] => [`partial/${name}`, partial(readFileSync(join(SEEDS, 'unfilled', name), 'utf8'))]),
  ...readdirSync(RULES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(RULES, entry.name))
        .filter((name) => /^[^.]+\.md$/.test(name))
        .map((name): [string, string] => [`rules/${entry.name}/${name}`, readFileSync(join(RULES, entry.name, name), 'utf8')]),
    ),
];

describe('--fix on every seed, filled spec, partial spec and rule scenario', () => {
  before(async () => {
    templates = await builtInTemplates();
  });

  for (const [name, text] of documents) {
    test(name, () => {
      const once = fix(text);
      assert.equal(fix(once), once, 'fixing again changes nothing');
      assert.ok(duplicates(once) <= duplicates(text), `no new duplicate sections (${duplicates(text)} before, ${duplicates(once)} after)`);
    });
  }

  test('the production-spec seed: mojibake headings are repaired, not doubled', () => {
    const seed = readFileSync(join(SEEDS, 'unfilled', '003-production-spec.md'), 'utf8');
    const fixed = fix(seed);
    const headings = fixed.split(/\r?\n/).filter((line) => /^### (Shipped|Partially Working|Not Implemented)/.test(line));
    assert.deepEqual(headings, ['### Shipped ✅', '### Partially Working ⚠️', '### Not Implemented ❌']);
  });
});
