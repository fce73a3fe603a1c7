import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateSpec } from '../../bench/corpus';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { foldingRanges } from '../../server/src/lsp/features/folding';
import type { LayoutOptions } from '../../server/src/core/parse/pieces';
import { findRequirementIds, requirementIdsOf } from '../../server/src/core/parse/requirement-ids';
import { contentVerdicts, sectionContent } from '../../server/src/core/parse/section-content';
import { parseSpec, parseSpecWhole, parseStats, type SpecDocument } from '../../server/src/core/parse/spec-document';
import { lintDocument } from '../../server/src/core/lint/lint';
import { keysOf } from '../../server/src/core/templates/match';
import { lineEnding, linesAfter } from './arbitraries';

const NOW = new Date('2026-01-15T12:00:00Z');

/** Cut at every heading, also on a first parse (which otherwise makes pieces of a few kilobytes). */
const FINE: LayoutOptions = { minPieceSize: 0 };

// The piecewise, incremental parse (`parseSpec`, with or without the previous version)
// must give exactly what parsing the whole document at once gives (`parseSpecWhole`):
// the same tree (node types, values, positions), outline, placeholders and front matter.

function expectSame(actual: SpecDocument, text: string, context = '', findings = true): void {
  const expected = parseSpecWhole(text);
  const where = `${context}\n${JSON.stringify(text)}`;
  assert.equal(actual.text, text);
  assert.ok(parseStats(actual), `parsed in pieces, not by the whole-document fallback${where}`);
  assert.deepStrictEqual(actual.root, expected.root, `tree differs${where}`);
  assert.deepStrictEqual(actual.outline, expected.outline, `outline differs${where}`);
  assert.deepStrictEqual(actual.placeholders, expected.placeholders, `placeholders differ${where}`);
  assert.deepStrictEqual(actual.frontMatter, expected.frontMatter, `front matter differs${where}`);
  assert.deepStrictEqual(actual.unclosedFrontMatter, expected.unclosedFrontMatter, `unclosed front matter differs${where}`);
  // What is computed piece by piece and reused across versions (requirement IDs, section verdicts, mojibake, folded blocks) as well.
  if (!findings) return;
  assert.deepStrictEqual(requirementIdsOf(actual), findRequirementIds(text, expected.root), `requirement IDs differ${where}`);
  assert.deepStrictEqual(keysOf(actual), keysOf(expected), `section keys differ${where}`);
  assert.deepStrictEqual(
    actual.outline.flat.map(contentVerdicts(actual)),
    expected.outline.flat.map((section) => sectionContent(text, section, expected.placeholders)),
    `section content verdicts differ${where}`,
  );
  const document = TextDocument.create('file:///spec.md', 'markdown', 1, text);
  assert.deepStrictEqual(foldingRanges(document, actual), foldingRanges(document, expected), `folding ranges differ${where}`);
  // Linting a megabyte twice per version would make this test minutes long; the IDs above cover it there.
  if (text.length < 200_000) assert.deepStrictEqual(lintDocument(actual, { now: NOW }), lintDocument(expected, { now: NOW }), `findings differ${where}`);
}

/**
 * Parses each version from the previous one, checking every version. Without `retire`
 * the previous version must not change; with it (as the language server parses) the
 * previous version's tree is taken over and only the new one is checked.
 */
function expectEditsSame(versions: readonly string[], first: LayoutOptions = FINE, retire = false): void {
  let previous: SpecDocument | undefined;
  let previousText = '';
  for (const [i, text] of versions.entries()) {
    const spec = parseSpec(text, previous, previous ? { retirePrevious: retire } : first);
    expectSame(spec, text, `version ${i}${retire ? ', retiring the previous one' : ''}`);
    if (previous && !retire) expectSame(previous, previousText, `version ${i - 1}, after parsing version ${i} from it`, false);
    previous = spec;
    previousText = text;
  }
}

// Lines that exercise what makes cutting a document hard: headings of every kind (and
// near misses), fences, HTML blocks, containers, tables, front matter, definitions and
// the references to them, footnotes, placeholders, tabs and odd characters.
const LINES = [
  '# Title', '## Section [Name]', '### Sub', '#### Deep', '#', '##', '####### seven', '#NoSpace', ' ## indented', '   # three', '    # code', '#\ttab', '## Closing ##',
  'Title line', 'Another line', '===', '---', '- - -', '***', '___', '=', '-',
  '```', '```js', '~~~', '````', '  ```', '    ```', '``` `bad', '~~~~', '```` ', '  ~~~', '- ```js', '> ~~~', '1. ```', '  <!-- nested', '- <div>', '> <!--',
  '<!-- comment', '-->', '<!-- one line -->', '<!-->', '<div>', '</div>', '<script>', '</script>', '<pre>', '</pre>', '<?php', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>', '<span>inline</span>', '<custom-tag attr="1">',
  '- item', '* item', '+ item', '1. item', '2) item', '  - nested', '- [ ] task', '- [x] done', '10. ten', '- ## listed heading', '  continued',
  '> quote', '> ## quoted heading', '>```', '> [foo]: /quoted', '> [Foo', '>bar]', '>',
  '| a | b |', '|---|---|', '| [Name] | x |', 'a | b', '--- | ---', '| 1 |',
  '[foo]: /url', '[Foo Bar]: https://x.y', '[metric]: fast', '[bar]: /b "title"', '[baz]:', '[multi', 'line]: /m', '- [Metric]: quick', '[ÄÖ]: /umlaut', '[a\\]b]: /esc',
  'See [foo] and [bar][].', 'Ref [Foo  bar] here', 'Also [FOO].', '[baz] alone', '![img][foo]', '[multi line]', '[äö] and [a\\]b]', 'Text [link](http://x) [Name]', '[Metric]',
  '[^1]: note', '[^n]: footnote text', 'Call[^1].', 'Call [^n] and [^2]', '    indented footnote body',
  '[Feature Name]', 'YYYY-MM-DD', '{{var}}', 'TODO: x', '[NEEDS CLARIFICATION: what]', 'Draft | Review | Done', '**Status:** A/B/C', 'High/Medium/Low',
  'Plain text.', 'More words here', '  indented text', '\ttabbed', '', '', '', '   ', 'x',
  'title: [Name]', 'status: [Draft|Review]', '# yaml comment', '...',
  '😀 emoji', 'Ã© mojibake', '\\[escaped\\]', '`code [x]`', '\uFEFF',
  // A definition, then text that an underline makes a setext heading starting at the definition.
  '[docs]: https://example.com/docs\nSee the docs\n---', '[f]:"\n}\n=', '[d]: /u\nText\n===', '[d]: /u "t"\n[e]: /v\nTwo defs then\n---',
];

const line = fc.constantFrom(...LINES);

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constant('---\ntitle: [Feature Name]\nstatus: Draft\n---\n'),
  fc.constant('---\ntitle: x\n...\n'),
  fc.constant('---\n# comment\n## not a heading\n---\n'),
  fc.constant('---\ntitle: unclosed\n'),
  fc.constant('---\r\ntitle: crlf\r\n---\r\n'),
  fc.constant('\uFEFF---\ntitle: bom\n---\n'),
  fc.constant('\uFEFF'),
);

const documentText = linesAfter(frontMatter, line, lineEnding);

const INSERTS = [
  '#', '# ', '## H\n', '\n', '\n\n', '`', '```\n', '~~~\n', '[', ']', '[foo]', '[foo]: /u\n', '[^1]: n\n', '[^1]', '-', '- ', '>', ' ', '    ', 'x', 'word ',
  '<!--', '-->', '<div>\n', '===\n', '---\n', '|', '\r\n', '\t', 'Ä', '[Name]', 'YYYY-MM-DD', '\n# Top\n', '\n```\n',
  '[d]: /u\n', '[f]:"\n}\n=', '\n---', '\n=', ' above',
];

/** A random edit: replace up to a few characters at a point (often a line start) with a snippet. */
const edit = fc.record({
  at: fc.nat(),
  atLineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
  insert: fc.oneof(fc.constantFrom(...INSERTS), line.map((l) => `${l}\n`), fc.string({ maxLength: 4 })),
});

function applyEdit(text: string, change: { at: number; atLineStart: boolean; remove: number; insert: string }): string {
  let at = change.at % (text.length + 1);
  if (change.atLineStart) {
    const previous = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1));
    at = previous + 1;
  }
  return text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
}

function versionsOf(start: string, edits: readonly { at: number; atLineStart: boolean; remove: number; insert: string }[]): string[] {
  const versions = [start];
  for (const change of edits) versions.push(applyEdit(versions[versions.length - 1] as string, change));
  return versions;
}

const seedsDir = join(__dirname, '../fixtures/seeds');
const seedTexts = ['filled', 'unfilled'].flatMap((kind) =>
  readdirSync(join(seedsDir, kind))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(join(seedsDir, kind, name), 'utf8')),
);

/** Property runs; each edit sequence checks up to nine versions. */
const RUNS = { documents: 500, edits: 300, seeds: 60 };

describe('piecewise parse equals whole-document parse', () => {
  test('cases that make cutting hard', () => {
    const cases = [
      '',
      '\uFEFF',
      '# A\n\ntext\n\n## B\n\nmore\n',
      '# A\n```\n# in code\n```\n## B\n',
      '# A\n```\n# never closed\n## still code\n',
      '# A\n- item\n\n  ```\n  code\n## B\n```\n# C\n',
      '# A\n<!-- comment\n## inside\n-->\n## B\n',
      '# A\n<div>\n## B is html\n\n## C\n',
      '# A\n<!-->\n## B\n',
      'Intro\n\nSetext\n======\n\nbody\n\nNext\n----\n\n# Atx\n',
      'Para\nSetext two lines\n===\n',
      '- a\n- b\n\nNot a list\n---\n',
      '# A\n\nSee [foo] and [^1].\n\n## B\n\n[foo]: /url\n[^1]: note\n',
      '# A\n\n[foo]: word\n\n## B\n\n[foo] [Foo] [FOO]\n\n## C\n\n> [foo\n>bar]\n\n[foo bar]: /x\n',
      '---\ntitle: [Name]\n---\n# T\n\n[x] and [^y]\n\n## D\n\n[x]: /x\n\n[^y]: y\n',
      '\uFEFF---\ntitle: t\n---\n# T\n\nYYYY-MM-DD\n',
      '---\ntitle: t\n...\n# T\n',
      '---\ntitle: never closed\n# T\n## U\n',
      '# A\r\n\r\ntext\r\n## B\r\nmore\r\n',
      '# A\rtext\r## B\rmore',
      '| a | b |\n|---|---|\n| 1 | 2 |\n## H\n',
      '> quote\n## H\n> [^1]: in quote\n\n# T\n\n[^1]\n',
      '# A\n\n[äö]: /x\n\n## B\n\n[ÄÖ]\n',
      '# A\n    # indented code\n## B\n\ttab\n# C\n',
      '---\na: b\n---\nsee [x] and [^1]\n    indented\n\n# H\n\n[x]: /u\n[^1]: n\n',
      'see [x]\n\n# H\n\n[x]: /u\n',
      '\uFEFFsee [X]\n\npara\n\n[x]: word\n',
      '\uFEFF```\n# in code\n\npara\n```\n# H\n',
      'a\n\nb\n===\n\n- c\n\nd\n\n> e\n\nf\n    g\n\n1. h\n\ni\n',
      // A task box on the line after an empty list item (found by the random edits).
      '# A\n\ntext\n\n### Q\n\n-\n[x] Do we? No.\n- [ ] Should we?\n\n## B\n\nmore\n',
    ];
    for (const text of cases) expectSame(parseSpec(text, undefined, FINE), text);
  });

  test('the minimised cases from the differential tester: a definition, then a setext heading that starts with it', () => {
    for (const name of ['setext-after-definition-empty-section', 'min-empty-section-piece-verdict']) {
      const repro = JSON.parse(readFileSync(join(__dirname, '../fixtures/repros', `${name}.json`), 'utf8')) as { start: string; final: string };
      for (const retire of [false, true]) {
        expectEditsSame([repro.start, repro.final], FINE, retire);
        expectEditsSame([repro.start, repro.final], {}, retire);
      }
    }
  });

  test('random documents', () => {
    fc.assert(fc.property(documentText, (text) => expectSame(parseSpec(text, undefined, FINE), text)), { numRuns: RUNS.documents });
  });

  test('random edits on random documents, each version parsed from the previous one', () => {
    fc.assert(
      fc.property(documentText, fc.array(edit, { minLength: 1, maxLength: 8 }), fc.boolean(), (text, edits, retire) => expectEditsSame(versionsOf(text, edits), FINE, retire)),
      { numRuns: RUNS.edits },
    );
  });

  test('random edits on the seed documents', () => {
    fc.assert(
      // The first version cut the default way (pieces of a few kilobytes), as a language server opening it would.
      fc.property(fc.constantFrom(...seedTexts), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (text, edits, retire) =>
        expectEditsSame(versionsOf(text, edits), {}, retire),
      ),
      { numRuns: RUNS.seeds },
    );
  });

  test('the benchmark documents (10 KB, 100 KB) and typing into them', () => {
    for (const [bytes, seed] of [
      [10 * 1024, 1000],
      [100 * 1024, 1001],
    ] as const) {
      const text = generateSpec(bytes, seed);
      const middle = text.indexOf('\n\n', text.length >> 1) + 2;
      const versions = [text];
      for (let i = 0; i < 5; i++) versions.push(applyEdit(versions[versions.length - 1] as string, { at: middle + i, atLineStart: false, remove: 0, insert: 'x' }));
      versions.push(applyEdit(versions[versions.length - 1] as string, { at: middle, atLineStart: true, remove: 0, insert: '```\n' }));
      versions.push(applyEdit(versions[versions.length - 1] as string, { at: middle, atLineStart: true, remove: 4, insert: '' }));
      versions.push(applyEdit(versions[versions.length - 1] as string, { at: 0, atLineStart: false, remove: 3, insert: '' }));
      expectEditsSame(versions, {});
      expectEditsSame(versions, {}, true);
    }
  });

  test('the 1 MB benchmark document, and typing into it', () => {
    const text = generateSpec(1024 * 1024, 1002);
    const first = parseSpec(text);
    const middle = text.indexOf('\n\n', text.length >> 1) + 2;
    const typed = `${text.slice(0, middle)}x${text.slice(middle)}`;
    const second = parseSpec(typed, first);
    expectSame(second, typed);
    // The first edit cut the piece it touched at every heading; the next one parses one of those again.
    const again = `${typed.slice(0, middle + 1)}y${typed.slice(middle + 1)}`;
    const third = parseSpec(again, second, { retirePrevious: true });
    expectSame(third, again);
    assert.equal(parseStats(third)?.parsed, 1);
  });
});

describe('incremental parse', () => {
  test('a first parse cuts pieces of a few kilobytes, one piece for a small document', () => {
    assert.equal(parseStats(parseSpec('# A\n\none\n\n## B\n\ntwo\n'))?.pieces, 1);
    const text = generateSpec(100 * 1024, 1001);
    const stats = parseStats(parseSpec(text));
    assert.ok(stats && stats.pieces > 10 && stats.pieces < 100, JSON.stringify(stats));
  });

  test('a footnote call is not taken for a call of every label it starts with', () => {
    // Each section calls and defines its own footnotes, cut into pieces at every paragraph:
    // each of the 40 calling pieces is parsed again with its section's two definitions, and
    // no other: `[^n12]` does not mention `[^n1]`.
    const text = Array.from({ length: 40 }, (_, i) => `## S${i}\n\nText[^n${i}] and [^n${i}0].\n\n[^n${i}]: One.\n\n[^n${i}0]: Two.\n`).join('\n');
    const spec = parseSpec(text, undefined, FINE);
    expectSame(spec, text);
    const stats = parseStats(spec);
    assert.ok(stats && stats.pieces > 40, JSON.stringify(stats));
    assert.equal(stats.parsed, stats.pieces + 40, JSON.stringify(stats));
  });

  test('a first parse does not cut a footnote call off from its note, so each piece is parsed once', () => {
    // Calls and notes alternate: a cut before a note would have the piece before it
    // parsed twice, the second time given the note.
    const text = `# Spec\n\n${Array.from({ length: 400 }, (_, i) => `Text[^n${i}].\n\n[^n${i}]: Note ${i}.\n`).join('\n')}`;
    const spec = parseSpec(text);
    expectSame(spec, text);
    const stats = parseStats(spec);
    assert.ok(stats && stats.pieces > 3, JSON.stringify(stats));
    assert.equal(stats.parsed, stats.pieces, JSON.stringify(stats));
  });

  test('footnote calls in one piece find their definitions in another, whatever their labels', () => {
    const labels = ['n1', 'n12', 'N1', 'a\\]b', 'a[b', 'x\\\\', 'ü', '1.2'];
    const calls = labels.map((label) => `Call [^${label}] and [^${label}x].`).join('\n\n');
    const definitions = labels.map((label) => `[^${label}]: Note.`).join('\n\n');
    for (const text of [`# A\n\n${calls}\n\n## B\n\n${definitions}\n`, `# A\n\n${definitions}\n\n## B\n\n${calls}\n`]) {
      expectSame(parseSpec(text, undefined, FINE), text);
    }
  });

  test('typing in a paragraph parses one piece again', () => {
    const text = '# A\n\none\n\n## B\n\ntwo\n\n## C\n\nthree\n';
    const first = parseSpec(text, undefined, FINE);
    // Cut at each heading and at each paragraph after a blank line.
    assert.equal(parseStats(first)?.pieces, 6);
    const second = parseSpec(text.replace('two', 'twos'), first);
    assert.deepEqual(parseStats(second), { pieces: 6, parsed: 1, reused: 5, merged: 0 });
  });

  test('a fence opened in one section swallows the headings after it', () => {
    const text = '# A\n\none\n\n## B\n\ntwo\n\n## C\n\nthree\n';
    const first = parseSpec(text, undefined, FINE);
    const opened = text.replace('two', '```\ntwo');
    const second = parseSpec(opened, first);
    expectSame(second, opened);
    // `# A`, `one`, then everything from `## B` on is one piece: the fence never closes.
    assert.equal(parseStats(second)?.pieces, 3);
    const closed = `${opened}\`\`\`\n`;
    expectSame(parseSpec(closed, second), closed);
  });

  test('a definition added in one section changes references in another', () => {
    const text = '# A\n\nsee [foo]\n\n## B\n\ntwo\n';
    const first = parseSpec(text, undefined, FINE);
    assert.equal(first.root.children[1]?.type, 'paragraph');
    const defined = text.replace('two', '[foo]: /url');
    const second = parseSpec(defined, first);
    expectSame(second, defined);
    const paragraph = second.root.children[1];
    assert.ok(paragraph?.type === 'paragraph' && paragraph.children.some((node) => node.type === 'linkReference'));
    const removed = defined.replace('[foo]: /url', 'two');
    expectSame(parseSpec(removed, second), removed);
  });

  test('retiring the previous version: a piece that appears twice is still placed twice, correctly', () => {
    const block = '## Notes\n\nTBD [Name]\n\n';
    let text = `# Spec\n\nIntro\n\n${block}${block}## End\n\n${block}`;
    let spec = parseSpec(text, undefined, FINE);
    for (const insert of ['x', 'yy', '\n\n## New\n\n', '']) {
      text = `${text.slice(0, 10)}${insert}${text.slice(10)}`;
      spec = parseSpec(text, spec, { retirePrevious: true });
      expectSame(spec, text, `after inserting ${JSON.stringify(insert)}`);
      // Moving the text back and forth reuses the same pieces again.
      const undone = text.replace(insert, '');
      spec = parseSpec(undone, spec, { retirePrevious: true });
      expectSame(spec, undone);
      spec = parseSpec(text, spec, { retirePrevious: true });
      expectSame(spec, text);
    }
  });

  test('an unrelated document or an empty one as the previous version', () => {
    const previous = parseSpec('# X\n\nsomething else entirely\n');
    const text = '# A\n\n## B\n';
    expectSame(parseSpec(text, previous), text);
    expectSame(parseSpec('', previous), '');
    expectSame(parseSpec(text, parseSpec('')), text);
  });
});
