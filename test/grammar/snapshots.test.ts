import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, PLACEHOLDER_KINDS, placeholderScope, ROOT } from '../../scripts/generate-grammar';
import { loadMarkdownGrammar, placeholderTokens, renderSnapshot } from './textmate';

// Each fixture is tokenized with the Markdown grammar and the checked-in injection; the
// golden `<name>.tokens.txt` beside it lists the `.specwright` tokens under each line. The
// `seed-*` fixtures are copies of real templates from test/fixtures/seeds/unfilled.
// Regenerate goldens after an intended change with UPDATE_GOLDENS=1 and review the diff.
const update = process.env.UPDATE_GOLDENS === '1';
const FIXTURES = join(__dirname, 'fixtures');

const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ source: join(FIXTURES, name), golden: join(FIXTURES, name.replace(/\.md$/, '.tokens.txt')) }));

const path = (file: string) => relative(ROOT, file).split('\\').join('/');
const read = (file: string) => readFileSync(file, 'utf8');

let grammar: IGrammar;

describe('placeholder highlighting snapshots', () => {
  before(async () => {
    grammar = await loadMarkdownGrammar(read(join(ROOT, GRAMMAR_PATH)));
  });

  for (const { source, golden } of cases) {
    test(path(source), () => {
      const text = read(source);
      const header = `# ${path(source)}: the tokens with a .specwright scope under each line. Regenerate: UPDATE_GOLDENS=1 npm run test:unit`;
      const actual = renderSnapshot(header, text, placeholderTokens(grammar, text));
      if (update) writeFileSync(golden, actual);
      let expected: string;
      try {
        expected = read(golden);
      } catch {
        assert.fail(`missing golden ${path(golden)}: run with UPDATE_GOLDENS=1 and review it`);
      }
      assert.equal(actual, expected, `${path(golden)} differs; if the change is intended, run with UPDATE_GOLDENS=1 and review the diff`);
    });
  }

  test('the fixtures cover every kind, and nothing on the not-placeholder lines is coloured', () => {
    const kinds = placeholderTokens(grammar, read(join(FIXTURES, 'kinds.md'))).map((token) => token.scope);
    for (const kind of PLACEHOLDER_KINDS) assert.ok(kinds.includes(placeholderScope(kind)), `kinds.md has a ${kind} placeholder`);
    assert.deepEqual(placeholderTokens(grammar, read(join(FIXTURES, 'not-placeholders.md'))), []);
  });

  test('CRLF line endings colour exactly what LF line endings do', () => {
    const crlf = read(join(FIXTURES, 'crlf.md'));
    assert.ok(crlf.includes('\r\n') && !/[^\r]\n/.test(crlf), `${basename(FIXTURES)}/crlf.md must keep its CRLF line endings`);
    const tokens = placeholderTokens(grammar, crlf);
    assert.ok(tokens.length > 0);
    assert.deepEqual(placeholderTokens(grammar, crlf.replace(/\r\n/g, '\n')), tokens);
  });
});
