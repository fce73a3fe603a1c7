import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateSpec } from '../../bench/corpus';
import { random } from '../../bench/util';
import { cutsOf, indexOfDocument, indexText, indexTextWhole } from '../../server/src/workspace/index-text';
import { parseSpec } from '../../server/src/core/parse/spec-document';
import { BUILT_IN_ID_PREFIXES } from '../../server/src/core/parse/requirement-ids';
import { lineEnding, linesAfter } from './arbitraries';

// What the workspace index reads from a file (`indexText`: title, requirement IDs with
// their definitions, opt-in) parses only the parts of the text that can hold it. It must
// give exactly what a parse of the whole text gives (`indexTextWhole`, the index's
// original path), and fall back to that parse whenever it cannot be sure. So must what it
// takes from a document parsed whole for its trace (`indexOfDocument`).

function expectSame(text: string, context = ''): ReturnType<typeof indexText>['stats'] {
  const { stats, ...fast } = indexText(text);
  const whole = indexTextWhole(text);
  assert.deepStrictEqual(fast, whole, `${context}\n${JSON.stringify(text)}\n(${stats.whole ?? 'parsed in parts'})`);
  // A document the index parses whole for its trace gives the same, from the spec model's parse.
  assert.deepStrictEqual(indexOfDocument(parseSpec(text)), whole, `${context} (from the spec model)\n${JSON.stringify(text)}`);
  return stats;
}

const root = join(__dirname, '../..');

/** Every Markdown file of the test fixtures and rule scenarios. */
function testMarkdown(): { name: string; text: string }[] {
  return readdirSync(join(root, 'test'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({ name: path.slice(root.length + 1), text: readFileSync(path, 'utf8') }));
}

/** The i-th spec of the benchmark's generated workspace (bench/corpus.ts `ensureWorkspace`). */
function workspaceSpec(i: number): string {
  const target = Math.round(2048 * Math.pow(10, random(50_000 + i)()));
  return generateSpec(target, 50_000 + i, i);
}

// Lines that make cutting hard (as in incremental.test.ts), and requirement IDs in every
// place they can be defined or mentioned.
const LINES = [
  '# Title', '## Section [Name]', '### Sub', '#### FR-010 heading', '#', '##', '####### seven', '#NoSpace', ' ## indented', '   # three', '    # code', '#\ttab', '## Closing ##',
  'Title line', 'Another line', '===', '---', '- - -', '***', '___', '=', '-',
  '```', '```js', '~~~', '````', '  ```', '    ```', '``` `bad', '~~~~', '```` ', '  ~~~', '- ```js', '> ~~~', '1. ```', '\t```', ' \t```',
  '<!-- comment', '-->', '<!-- one line -->', '<!-->', '<!--->', '<!---->', '  <!-- nested', '- <div>', '> <!--', '<div>', '</div>', '<script>', '</script>', '<pre>', '</pre>',
  '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>', '<span>inline</span>', '<custom-tag attr="1">', '< 5 ms', '<https://x.y/FR-001>', '  <div>',
  '- item', '* item', '+ item', '1. item', '2) item', '  - nested', '- [ ] task', '- [x] done', '10. ten', '- ## listed heading', '  continued', '    deep',
  '> quote', '> ## quoted heading', '>```', '> [foo]: /quoted', '> [Foo', '>bar]', '>',
  '| a | b |', '|---|---|', '| [Name] | x |', 'a | b', '--- | ---', '| 1 |', '| FR-020 | Export | High |', '| ID | Requirement |', '| FR-030 | [foo] and [Foo  bar] [^1] |',
  '[foo]: /url', '[Foo Bar]: https://x.y', '[metric]: fast', '[bar]: /b "title"', '[baz]:', '[multi', 'line]: /m', '- [Metric]: quick', '[ÄÖ]: /umlaut', '[a\\]b]: /esc', '[ß]: /sharp',
  'See [foo] and [bar][].', 'Ref [Foo  bar] here', 'Also [FOO].', '[baz] alone', '![img][foo]', '[multi line]', '[äö] and [a\\]b]', '[SS] and [ss]', 'Text [link](http://x) [Name]', '[FR-001]',
  '[^1]: note', '[^n]: footnote text', 'Call[^1].', 'Call [^n] and [^2]', '    indented footnote body',
  'FR-001', '- FR-001: Log in', '- **FR-002**: Log out', '* [ ] T001 Build it', '- [x] T002 [P] Tests for FR-001', '**US-001: Story**', '> As a user', '1. SC-001 is met',
  'See FR-001 and NFR-3.', '`FR-009` in code', '_FR-004_', 'FR-001a', 'x-FR-001', 'CHK001 check', 'T1 and T12', 'https://example.com/FR-005',
  'Plain text.', 'More words here', '  indented text', '\ttabbed', '', '', '', '   ', 'x', '😀 emoji', '\\[escaped\\]', '\u2028', '\uFEFF',
];

const line = fc.constantFrom(...LINES);
// Documents made of LINES alone are mostly unsure or need every piece; these are mostly sections of plain lines, so that parts are left out.
const PLAIN = ['Plain text.', 'More words here', '', '', '- item', '  continued', '> quote', '| a | b |', '|---|---|', '1. item', 'x', '**Bold** start', '[foo]: /url', '[^1]: note', '| FR-031 | [foo] [^1] |'];
const sectionLine = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 3, arbitrary: fc.constantFrom('# Title', '## Section', '### Sub', '## [Name]') },
  { weight: 2, arbitrary: line },
);

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constant('---\ntitle: [Feature Name]\nstatus: Draft\n---\n'),
  fc.constant('---\nspecwright: feature-spec\n---\n'),
  fc.constant('---\nspecwright: \n---\n'),
  fc.constant('---\ntitle: x\n...\n'),
  fc.constant('---\n# comment\n## not a heading\n```\n---\n'),
  fc.constant('---\ntitle: unclosed\n'),
  fc.constant('---\r\nspecwright: crlf\r\n---\r\n'),
  fc.constant('---  \nid: FR-001\n---  \n'),
  fc.constant('\uFEFF---\ntitle: bom\n---\n'),
  fc.constant('\uFEFF'),
);

const documentText = linesAfter(frontMatter, line, lineEnding);

const sectionedText = fc
  .tuple(frontMatter, fc.array(fc.tuple(sectionLine, lineEnding), { minLength: 30, maxLength: 120 }))
  .map(([head, lines]) => head + lines.map(([text, ending]) => text + ending).join(''));

describe('indexing a file in parts equals indexing it whole', () => {
  test('cases that make cutting hard', () => {
    const cases = [
      '',
      '# A\n\n- FR-001: one\n\n## B\n\ntext\n\n## C\n\nSee FR-001.\n',
      '# A\n```\n# in code\n```\n## B\n\n- FR-001: x\n',
      '# A\n```\n# never closed\n## FR-001 still code\n',
      '# A\n- item\n\n  ```\n  code\n## B\n```\n# C\n\n- FR-002: y\n',
      '# A\n<!-- comment\n## inside\n-->\n## B\n\n- FR-001: x\n\n## C\n\nplain\n',
      '# A\n<div>\n## B is html\n\n## C\n\n- FR-001: x\n',
      '# A\n<!-->\n## B\n\nFR-001\n\n## C\n\ntext\n',
      'Intro\n\nSetext\n======\n\nbody\n\nNext\n----\n\n# Atx\n\n- FR-001: x\n\n## D\n\ny\n',
      'No heading\n\n## FR-001 Second\n\ntext\n\n## Third\n\nz\n',
      '# A\n\nSee [foo] and [^1], FR-001.\n\n## B\n\n[foo]: /url\n[^1]: note\n\n## C\n\nplain\n',
      '# A\n\n[foo]: word\n\n## B\n\n[foo] [Foo] [FOO] FR-001\n\n## C\n\n> [foo\n>bar]\n\n[foo bar]: /x\n',
      '# A\n\n| FR-001 | [x] |\n|---|---|\n| FR-002 | [y] |\n\n## B\n\n[x]: /x\n\n## C\n\n[ß]: /s\n\n## D\n\n[SS] FR-003\n',
      '---\ntitle: [Name]\n---\n# T\n\n[x] and [^y]\n\n## D\n\n[x]: /x\n\n[^y]: y\n\n## E\n\nFR-001\n',
      '---\nspecwright: feature-spec\n---\n# T\n\n- FR-001: one\n\n## U\n\ntwo\n',
      '---\ntitle: never closed\n# T\n## U\n\nFR-001\n',
      '# A\r\n\r\n- FR-001: x\r\n## B\r\nmore\r\n## C\r\nFR-001\r\n',
      '# A\r- FR-001: x\r## B\rmore\r## C\rFR-001',
      '| a | b |\n|---|---|\n| 1 | 2 |\n## H\n\n| FR-001 | x |\n| --- | --- |\n| FR-002 | y |\n\n## I\n\nz\n',
      '# A\n    # indented code\n## B\n\ttab\n# C\n\nFR-001\n\n## D\n\nq\n',
      '# A\n\n- list FR-001\n  ```\n## B\n\n```\n# C\n```\n\n## D\n\nFR-002\n',
      '# A\n\n**US-001: Story**\n\n> As a user\n\n## B\n\ntext\n\n## C\n\nUS-001\n',
      '# A\n\n### FR-001 Heading definition\n\nbody\n\n- more\n\n## B\n\nnext\n\n## C\n\nFR-001\n',
      '# A\n\n1. ```\n   code\n```\n# B\n\nFR-001\n\n## C\n\nx\n',
      '# A\n\n   ```\n# B\n   ```\n\nFR-001\n\n## C\n\nx\n',
      '# A\n\n<span>\n```\n\n# B\n```\n\nFR-001\n\n## C\n\nx\n',
      '# A\n\n````\n```\n# FR-001 in code\n````\n\n## B\n\ntext\n\n## C\n\nFR-002\n',
      '# A\n\n~~~~ info ```\n~~~ \n# FR-001 in code\n  ~~~~  \n\n## B\n\ntext\n\n## C\n\nFR-002\n',
      '# A\n\n```\n~~~\n# FR-001 in code\n\t```\n```\n\n## B\n\ntext\n\n## C\n\nFR-002\n',
      // A table row's summary is its other cells as text: a definition elsewhere makes `[x]` a link, whose text is `x`.
      '# A\n\n| ID | Desc |\n|---|---|\n| FR-001 | [x] and [ß] |\n\n## B\n\n[x]: /x\n\n## C\n\ntext\n\n## D\n\n[SS]: /s\n\n## E\n\nmore\n',
      '# A\n\n| ID | Desc |\n|---|---|\n| FR-001 | [Foo\\]bar] [^n] |\n\n## B\n\n> [foo\\]BAR]: /x\n\n## C\n\n[^n]: note\n\n## D\n\nplain\n',
    ];
    for (const text of cases) expectSame(text);
  });

  test('the test fixtures and rule scenarios, with each kind of line ending', () => {
    const files = testMarkdown();
    assert.ok(files.length > 50, `${files.length} Markdown files under test/`);
    let parts = 0;
    for (const { name, text } of files) {
      for (const [ending, variant] of [['as is', text], ['CRLF', text.replace(/\r?\n/g, '\r\n')], ['CR', text.replace(/\r?\n/g, '\r')]] as const) {
        if (expectSame(variant, `${name} (${ending})`).whole === undefined) parts++;
      }
    }
    assert.ok(parts > files.length, `${parts} of ${files.length * 3} parsed in parts`);
  });

  test('the benchmark workspace specs (the first 300; all 5,000 with SPECWRIGHT_INDEX_TEXT_ALL=1)', () => {
    const count = process.env.SPECWRIGHT_INDEX_TEXT_ALL === '1' ? 5000 : 300;
    let parsed = 0;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const text = workspaceSpec(i);
      const stats = expectSame(text, `workspace spec ${i}`);
      assert.equal(stats.whole, undefined, `workspace spec ${i} was parsed whole: ${stats.whole}`);
      parsed += stats.parsed;
      total += text.length;
    }
    assert.ok(parsed < total / 4, `parsed ${parsed} of ${total} code units`);
  });

  test('random documents', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        expectSame(text);
      }),
      { numRuns: 500 },
    );
    let parts = 0;
    fc.assert(
      fc.property(sectionedText, (text) => {
        if (expectSame(text).whole === undefined) parts++;
      }),
      { numRuns: 1500 },
    );
    assert.ok(parts > 500, `${parts} of 1500 random documents in sections parsed in parts`);
  });

  test('random edits of the seed specs', () => {
    const seeds = testMarkdown().filter(({ name }) => name.includes('seeds'));
    const edit = fc.record({ at: fc.nat(), insert: fc.oneof(line.map((l) => `${l}\n`), fc.constantFrom('\n', '`', '<', '[', ']:', '#', '# ', '```\n', '<!--', '-->')), remove: fc.nat({ max: 20 }) });
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 }), ({ text }, edits) => {
        let edited = text;
        for (const change of edits) {
          const at = change.at % (edited.length + 1);
          edited = edited.slice(0, at) + change.insert + edited.slice(at + change.remove);
        }
        expectSame(edited);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a team\'s own ID prefixes', () => {
  test('IDs of declared prefixes are found in parts as in the whole text, and only when declared', () => {
    const text = ['# Billing', '', '## Context', '', 'Monthly invoices.', '', '## Requirements', '', '- **REQ-001**: Send invoices.', '- **BR-1**: Never change a sent invoice.', '', '## Notes', '', 'See REQ-001.', ''].join('\n');
    const prefixes = ['BR-', 'REQ-'];
    const { stats, ...fast } = indexText(text, prefixes);
    assert.deepStrictEqual(fast, indexTextWhole(text, prefixes));
    assert.equal(stats.whole, undefined, 'parsed in parts');
    assert.deepEqual(
      fast.occurrences.map((occurrence) => `${occurrence.role} ${occurrence.id}`),
      ['definition REQ-001', 'definition BR-1', 'reference REQ-001'],
    );
    assert.deepStrictEqual(indexOfDocument(parseSpec(text), prefixes), indexTextWhole(text, prefixes));
    assert.deepEqual(indexText(text).occurrences, []);
  });
});

describe('where a text is cut', () => {
  test('before headings at the margin outside fences and HTML comments; nowhere after an unsure line', () => {
    const text = '# A\n```\n# code\n```\n## B\n<!--\n# comment\n-->\n### C\n  ```\n# D\n';
    assert.deepEqual(cutsOf(text, 0), [0, text.indexOf('## B'), text.indexOf('### C')]);
    assert.deepEqual(cutsOf('# A\n<div>\n# B\n', 0), [0]);
    assert.deepEqual(cutsOf('# A\n< 5 ms\n# B\n', 0), [0, 11]);
    assert.deepEqual(cutsOf('# A\n    ```\n# B\n', 0), [0, 12]);
  });

  test('a typical spec is mostly not parsed', () => {
    const text = workspaceSpec(7);
    const { stats } = indexText(text);
    assert.equal(stats.whole, undefined);
    assert.ok(stats.parsed < text.length / 2, `${stats.parsed} of ${text.length}`);
  });

  test('an ID of every built-in prefix, in a section of its own, is found', () => {
    for (const prefix of BUILT_IN_ID_PREFIXES) {
      const id = `${prefix}001`;
      const text = `# Title\n\nIntro.\n\n## Other\n\nNothing to see.\n\n## Requirements\n\n- ${id}: Do it.\n\n## Later\n\nMore prose.\n`;
      const stats = expectSame(text, id);
      assert.equal(stats.whole, undefined, `${id}: parsed in parts`);
      assert.deepEqual(
        indexText(text).occurrences.map((occurrence) => occurrence.id),
        [id],
      );
    }
  });
});
