import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, ROOT } from '../../scripts/generate-grammar';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { loadMarkdownGrammar, placeholderTokens } from './textmate';

// What the grammar colours is what the language server reports: for every grammar fixture
// and every seed template, the placeholders compared by 1-based line, kind and source text.
// Where TextMate cannot know what the server knows, the difference is listed below with its
// reason; a listed difference that no longer occurs fails too, so the list stays true.

/** One expected difference. `grammar` or `server` is the kind each side gives, absent when that side has none. */
interface Difference {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly grammar?: string;
  readonly server?: string;
  readonly reason: string;
}

const LIMITATIONS = 'test/grammar/fixtures/limitations.md';

const DIFFERENCES: readonly Difference[] = [
  {
    file: 'test/grammar/fixtures/front-matter.md',
    line: 6,
    text: '[Blue-green / Rolling / Canary]',
    grammar: 'choice',
    server: 'text',
    reason:
      'the server reads a one-item front-matter list of three words as text; the same bracket after `Label:` in prose ' +
      'is a choice, and one line of text cannot tell the two apart',
  },
  {
    file: LIMITATIONS,
    line: 2,
    text: 'TODO',
    server: 'todo',
    reason: 'in a front-matter flow list of several items, YAML matches each item from its first character before the injection can',
  },
  {
    file: LIMITATIONS,
    line: 7,
    text: '[ops]',
    grammar: 'text',
    reason: 'a shortcut reference to a definition further down: TextMate cannot see the definition',
  },
  {
    file: LIMITATIONS,
    line: 11,
    text: 'High | Low',
    grammar: 'choice',
    reason: 'the `---` on the next line makes this a setext heading, where the server does not look for bare choice lists',
  },
  {
    file: LIMITATIONS,
    line: 14,
    text: '[Metric]',
    server: 'text',
    reason: 'the Markdown grammar matches a top-level link-definition line whole, leaving the injection no position inside it',
  },
];

const FIXTURES = 'test/grammar/fixtures';
const SEEDS = ['test/fixtures/seeds/unfilled', 'test/fixtures/seeds/filled'];
const files = [FIXTURES, ...SEEDS].flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `${folder}/${name}`),
);

const key = (line: number, kind: string, text: string) => `${line}\t${kind}\t${text}`;

/** The server's placeholders, by 1-based line, kind and source text (`text.slice(range)`). */
function serverPlaceholders(text: string): string[] {
  return parseSpec(text).placeholders.map((placeholder) => {
    const line = text.slice(0, placeholder.range.start).split(/\r\n|\r|\n/).length;
    return key(line, placeholder.kind, text.slice(placeholder.range.start, placeholder.range.end));
  });
}

function remove(list: string[], entry: string, file: string, side: string): void {
  const index = list.indexOf(entry);
  assert.ok(index >= 0, `${file}: the listed difference ${JSON.stringify(entry)} no longer occurs on the ${side} side; drop it`);
  list.splice(index, 1);
}

let grammar: IGrammar;

describe('the grammar colours what the server reports', () => {
  before(async () => {
    grammar = await loadMarkdownGrammar(readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8'));
  });

  test('every listed difference names a file that is compared', () => {
    for (const difference of DIFFERENCES) assert.ok(files.includes(difference.file), difference.file);
  });

  for (const file of files) {
    test(file, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const coloured = placeholderTokens(grammar, text).map((token) =>
        key(token.line + 1, token.scope.replace(/^variable\.other\.placeholder\.|\.specwright$/g, ''), token.text),
      );
      const reported = serverPlaceholders(text);
      for (const difference of DIFFERENCES.filter((d) => d.file === file)) {
        if (difference.grammar) remove(coloured, key(difference.line, difference.grammar, difference.text), file, 'grammar');
        if (difference.server) remove(reported, key(difference.line, difference.server, difference.text), file, 'server');
      }
      assert.deepEqual(coloured.sort(), reported.sort());
    });
  }

  test('the seeds are compared and hold placeholders, so the agreement is not vacuous', () => {
    const unfilled = files.filter((file) => file.startsWith(SEEDS[0] as string));
    assert.ok(unfilled.length >= 5);
    for (const file of unfilled) assert.ok(serverPlaceholders(readFileSync(join(ROOT, file), 'utf8')).length > 0, file);
  });
});
