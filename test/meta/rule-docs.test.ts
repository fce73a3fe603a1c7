// Rules are data plus a function (house style, principle 4): file name equals rule id,
// ids are kebab-case and unique, every rule file is registered, and every rule has a
// docs page generated from its metadata that matches what the generator writes today.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { compareRuleDocs, DOCS_DIR, expectedRuleDocs, pickExamples, renderRuleDocs, ROOT } from '../../scripts/generate-rule-docs';
import { ruleDocsUrl } from '../../server/src/core/lint/docs-url';
import { RULES } from '../../server/src/core/lint/registry';
import type { Rule } from '../../server/src/core/lint/types';

const RULES_DIR = join(ROOT, 'server/src/core/rules');
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function isRule(value: unknown): value is Rule {
  const candidate = value as Partial<Rule> | undefined;
  return typeof candidate?.check === 'function' && typeof candidate.meta?.id === 'string';
}

/** Every exported rule object of every module in server/src/core/rules, with the module's base name. */
async function exportedRules(): Promise<{ file: string; rule: Rule }[]> {
  const found: { file: string; rule: Rule }[] = [];
  for (const name of readdirSync(RULES_DIR).filter((n) => n.endsWith('.ts')).sort()) {
    const module: Record<string, unknown> = await import(pathToFileURL(join(RULES_DIR, name)).href);
    for (const value of Object.values(module)) if (isRule(value)) found.push({ file: basename(name, '.ts'), rule: value });
  }
  return found;
}

describe('rule registry and docs', () => {
  test('rule ids are kebab-case and unique', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    for (const id of ids) assert.match(id, KEBAB_CASE);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate ids');
  });

  test('the rules folder holds rules only: each file exports exactly one rule', async () => {
    const exported = await exportedRules();
    const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts')).map((name) => basename(name, '.ts'));
    for (const file of files) {
      assert.equal(exported.filter((entry) => entry.file === file).length, 1, `server/src/core/rules/${file}.ts must export one rule and nothing that is not a rule's`);
    }
  });

  test('each rule lives in the file named after its id, and every rule file is registered', async () => {
    const exported = await exportedRules();
    for (const { file, rule } of exported) assert.equal(rule.meta.id, file, `server/src/core/rules/${file}.ts exports rule ${rule.meta.id}`);
    for (const rule of RULES) {
      assert.ok(
        exported.some((entry) => entry.rule === rule && entry.file === rule.meta.id),
        `registered rule ${rule.meta.id} is not exported by server/src/core/rules/${rule.meta.id}.ts`,
      );
    }
    const unregistered = exported.filter(({ rule }) => !RULES.includes(rule)).map(({ file }) => file);
    assert.deepEqual(unregistered, [], 'rule files missing from RULES in server/src/core/lint/registry.ts');
  });

  test('metadata is complete', () => {
    for (const { meta } of RULES) {
      assert.ok(meta.description.trim().length > 0, `${meta.id}: description`);
      assert.ok(meta.rationale.trim().length > 0, `${meta.id}: rationale`);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(meta.defaultSeverity), `${meta.id}: defaultSeverity`);
      assert.equal(typeof meta.fixable, 'boolean', `${meta.id}: fixable`);
    }
  });

  test('every registered rule has a docs page where its docs URL points', () => {
    for (const { meta } of RULES) {
      const page = `${DOCS_DIR}/${meta.id}.md`;
      assert.ok(existsSync(join(ROOT, page)), `missing ${page}`);
      assert.ok(ruleDocsUrl(meta.id).endsWith(`/${page}`), `${meta.id}: docs URL ${ruleDocsUrl(meta.id)} does not end with ${page}`);
    }
  });

  test('docs/rules is up to date (run `npm run docs:rules`)', () => {
    assert.deepEqual(compareRuleDocs(ROOT, expectedRuleDocs(ROOT)), []);
  });
});

describe('rule docs generator', () => {
  const meta = {
    id: 'some-rule',
    description: 'Things that are wrong | sometimes.',
    rationale: 'Because.',
    defaultSeverity: 'warning',
    fixable: true,
  } as const;

  test('picks the first invalid and valid fixtures, never goldens', () => {
    assert.deepEqual(pickExamples(['valid-b.md', 'invalid-b.md', 'invalid-a.md', 'valid-a.md', 'invalid-a.expected.json']), {
      invalid: 'invalid-a.md',
      valid: 'valid-a.md',
    });
    assert.deepEqual(pickExamples(['invalid.fixed.md', 'README.md']), { invalid: undefined, valid: undefined });
  });

  test('renders metadata, examples and the index', () => {
    const pages = renderRuleDocs(
      [meta],
      new Map([['some-rule', { reported: { path: 'test/rules/some-rule/invalid.md', text: '# A\n\n```js\nx\n```\n' } }]]),
    );
    assert.deepEqual([...pages.keys()], ['some-rule.md', 'README.md']);
    const page = pages.get('some-rule.md') ?? '';
    assert.match(page, /^# some-rule$/m);
    assert.match(page, /^- Default severity: `warning`$/m);
    assert.match(page, /^- Fixable: yes$/m);
    assert.match(page, /^## Rationale\n\nBecause\.$/m);
    assert.match(page, /^### Reported\n\nFrom \[`test\/rules\/some-rule\/invalid\.md`\]\(\.\.\/\.\.\/test\/rules\/some-rule\/invalid\.md\):\n\n````markdown\n# A\n/m);
    assert.doesNotMatch(page, /Not reported/);
    assert.match(pages.get('README.md') ?? '', /^\| \[some-rule\]\(some-rule\.md\) \| Things that are wrong \\\| sometimes\. \| `warning` \| yes \|$/m);
  });

  test('leaves the examples out when there are no fixtures', () => {
    assert.doesNotMatch(renderRuleDocs([meta]).get('some-rule.md') ?? '', /## Examples/);
  });
});
