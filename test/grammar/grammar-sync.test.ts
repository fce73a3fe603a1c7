import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { OnigScanner } from 'vscode-oniguruma';
import {
  buildGrammar,
  GRAMMAR_PATH,
  PLACEHOLDER_KINDS,
  placeholderScope,
  renderGrammar,
  ROOT,
  SCOPE_NAME,
} from '../../scripts/generate-grammar';
import { loadOniguruma } from './textmate';

interface Rule {
  readonly name?: string;
  readonly match?: string;
  readonly captures?: Record<string, { readonly name: string }>;
}

const grammar = buildGrammar() as { scopeName: string; injectionSelector: string; repository: Record<string, Rule> };
const rules = Object.entries(grammar.repository);

describe('the placeholder grammar', () => {
  test('the checked-in file is what the generator writes', () => {
    const checkedIn = readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8');
    assert.ok(
      checkedIn === renderGrammar(),
      `${GRAMMAR_PATH} differs from what scripts/generate-grammar.ts builds: run \`npm run generate:grammar\` and commit the result.`,
    );
  });

  test('package.json injects it into Markdown under its scope name and path', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const contributed = manifest.contributes.grammars.find((g) => g.scopeName === SCOPE_NAME);
    assert.deepEqual(contributed, { scopeName: grammar.scopeName, path: `./${GRAMMAR_PATH}`, injectTo: ['text.html.markdown'] });
  });

  test('every scope ends in .specwright, and every placeholder kind has one', () => {
    const scopes = rules.flatMap(([, rule]) => [rule.name, ...Object.values(rule.captures ?? {}).map((c) => c.name)]);
    const named = scopes.filter((scope): scope is string => scope !== undefined);
    assert.ok(named.length > 0);
    for (const scope of named) assert.match(scope, /^variable\.other\.placeholder\.[a-z]+\.specwright$/);
    assert.deepEqual([...new Set(named)].sort(), PLACEHOLDER_KINDS.map(placeholderScope).sort());
  });

  test('the selector applies in Markdown prose and front matter and excludes code, comments and links', () => {
    const [prose, frontMatter] = grammar.injectionSelector.split(',').map((part) => part.trim());
    assert.match(prose ?? '', /^L:text\.html\.markdown /);
    for (const excluded of ['markup.fenced_code', 'markup.raw', 'markup.inline.raw', 'comment', 'meta.link', 'meta.embedded']) {
      assert.ok(prose?.includes(` -${excluded}`), `prose selector excludes ${excluded}`);
    }
    assert.match(frontMatter ?? '', /^text\.html\.markdown meta\.embedded\.block\.frontmatter -comment -entity\.name\.tag$/);
  });

  describe('in Oniguruma', () => {
    before(loadOniguruma);

    test('every pattern compiles', () => {
      for (const [key, rule] of rules) {
        assert.ok(rule.match, `rule ${key} has a match`);
        assert.doesNotThrow(() => new OnigScanner([rule.match as string]).dispose(), `rule ${key} compiles`);
      }
    });
  });
});
