// Generates syntaxes/placeholders.tmLanguage.json, the TextMate grammar that VS Code injects
// into Markdown to colour the placeholders of a spec template, from the regular-expression
// sources the language server scans with (server/src/core/parse/placeholder-patterns.ts). The file
// is never edited by hand; test/grammar/grammar-sync.test.ts fails when it drifts, and
// test/grammar/agreement.test.ts checks that what it colours is what the server reports.
// Usage: node --import tsx scripts/generate-grammar.ts [--check]
//   --check  write nothing; exit 1 if the checked-in grammar differs.
//
// Scopes. Every placeholder is one token scoped `variable.other.placeholder.<kind>.specwright`,
// <kind> being the server's PlaceholderKind: text, choice, date, variable, todo, clarification.
// `variable` is coloured by the default Dark+ and Light+ themes and by nearly every popular
// theme, and it stands out against Markdown prose, which themes leave uncoloured; a
// placeholder is a variable of the template that the author fills in. `.other` is the
// conventional home of variables that are neither parameters nor language names, and the
// kind segment lets a theme or `editor.tokenColorCustomizations` colour, say, TODO words apart.
//
// Where. The injection selector applies in two places:
// - Markdown prose (paragraphs, headings, table cells, list items, block quotes), with the
//   `L:` priority so that `[Owner]` wins over the grammar's shortcut-reference rule that
//   starts at the same character; never inside fenced or indented code, inline code, HTML
//   comments and tags, links, images, autolinks or embedded languages.
// - Front-matter values, with the default priority so that the YAML grammar keeps its flow
//   lists: `tags: [payments]` stays a list, as it does for the server. The server reads a
//   one-item flow list that looks like a placeholder (`status: [Draft|Review]`) as one, and
//   YAML's plain scalars swallow their first character, so a value that starts with a
//   placeholder is matched from the whitespace after its `key:` (which is left unscoped).
//   Keys and comments are never coloured.
// HTML blocks, link-definition lines and thematic breaks are none of these, so they are not
// coloured either.
// Oniguruma's `\d` and `\w` are Unicode-aware where JavaScript's are ASCII, so sources are
// translated by toOniguruma() before use.
//
// Limitations. TextMate sees one line at a time and knows nothing of the document:
// - A shortcut reference `[label]` whose definition is elsewhere in the file is coloured; the
//   server masks it. `[text][label]` and `[text][]` are always taken for links, so they are
//   not coloured even when the label is not defined (where the server reports `[text]`).
// - A line that becomes a setext heading because of the `---` or `===` under it is coloured
//   like a paragraph: a bare choice list on it is coloured, where the server does not look
//   for one in headings.
// - A link-definition line at the top level (`[Metric]: fast`) is not coloured: the Markdown
//   grammar matches the whole line before the injection can look inside it. In a list item
//   or quote it is coloured unless its destination looks like a URL, as in the server.
// - In front matter, a placeholder inside a flow list of several items is not coloured, and
//   a one-item list that is a `/` choice list of three words or more is scoped as a choice
//   (as the same bracket is in prose) where the server calls it text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BRACKET, CLARIFICATION, DATE_MASK, GENERIC_ITEM, TODO_WORD, VARIABLE } from '../server/src/core/parse/placeholder-patterns';
import type { PlaceholderKind } from '../server/src/core/parse/placeholders';

/** The repository root. */
export const ROOT = resolve(__dirname, '..');
/** Where the grammar is written, relative to the root (as in package.json `contributes.grammars`). */
export const GRAMMAR_PATH = 'syntaxes/placeholders.tmLanguage.json';
/** The grammar's scope name (as in package.json `contributes.grammars`). */
export const SCOPE_NAME = 'markdown.placeholders.specwright';

// A record, so that a kind the server adds fails to type-check until it has a scope here.
const KINDS: Record<PlaceholderKind, true> = { text: true, choice: true, date: true, variable: true, todo: true, clarification: true };

/** The kinds of placeholder the grammar tells apart: all of the server's `PlaceholderKind`s. */
export const PLACEHOLDER_KINDS = Object.keys(KINDS) as PlaceholderKind[];

/** The TextMate scope of a placeholder of `kind`. */
export function placeholderScope(kind: PlaceholderKind): string {
  return `variable.other.placeholder.${kind}.specwright`;
}

/**
 * Translates a JavaScript regular-expression source (as used without the `u` flag) into
 * Oniguruma syntax with the same meaning: `\d` and `\w` become their ASCII classes, which
 * Oniguruma would otherwise read as Unicode classes. Throws on escapes whose meaning differs
 * and that have no translation here (`\b`, `\B`, and `\D`, `\W` inside a class).
 */
export function toOniguruma(source: string): string {
  const ascii: Record<string, readonly [inClass: string, outside: string]> = {
    d: ['0-9', '[0-9]'],
    w: ['A-Za-z0-9_', '[A-Za-z0-9_]'],
  };
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      const translation = ascii[next];
      if (translation) out += inClass ? translation[0] : translation[1];
      else if ((next === 'D' || next === 'W') && !inClass) out += `[^${ascii[next.toLowerCase()]?.[0]}]`;
      else if ('bBDW'.includes(next)) throw new Error(`toOniguruma: \\${next} has no translation in ${source}`);
      else out += char + next;
    } else {
      if (char === '[' && !inClass) inClass = true;
      else if (char === ']' && inClass) inClass = false;
      out += char;
    }
  }
  return out;
}

const H = '[ \\t]';
// The server's word guards around date masks and TODO words: `(?<![\w-])` … `(?![\w-])`.
const WORD_BEFORE = toOniguruma('(?<![\\w-])');
const WORD_AFTER = toOniguruma('(?![\\w-])');
const DATE = toOniguruma(DATE_MASK);
const DATE_WORD = `${WORD_BEFORE}(?:${DATE})${WORD_AFTER}`;
// A TODO word opening a compound in a script written without spaces (`TODO管理`, to-do
// management) is a word, not a marker: the server leaves it too.
const TODO = `${WORD_BEFORE}(?:${toOniguruma(TODO_WORD)})${WORD_AFTER}(?![\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}])|\\?{3,}`;
const EXAMPLE = '(?i:e\\.g\\.)';

// What may precede the text of a line inside containers: indentation, `>`, list markers and
// a task box. It is used in lookbehinds, where Oniguruma allows no lookaround.
const CONTAINERS = `(?:${H}*(?:>|(?:[-*+]|[0-9]{1,9}[.)])${H}(?:${H}*\\[[ xX]\\]${H})?))*${H}*`;
const LIST_MARKER_BEFORE = `(?:^|[ \\t>])(?:[-*+]|[0-9]{1,9}[.)])${H}+`;
// The server's test for a definition destination that is a real URL (`isUrlLike`).
const URL_LIKE = '(?:<|#|/|\\.{1,2}/|[A-Za-z][A-Za-z0-9+.-]*:|[^\\s]*[./])';
const NO_EXAMPLE = `(?![^\\[\\]\\r\\n]*${EXAMPLE})`;

// Where a bracket is not a placeholder, as the scanner decides it: escaped, a task box or an
// empty pair, a footnote call, only inline code, a link definition with a URL, or a link.
// Each lookbehind sits behind a cheap lookahead, so it runs only where it can matter.
const BRACKET_GUARDS = [
  '(?<!\\\\)',
  `(?!\\[${H}*x?${H}*\\])`,
  `(?!(?=\\[X\\](?:${H}|$))(?<=${LIST_MARKER_BEFORE}))`,
  `(?!\\[${H}*\\^)`,
  `(?!\\[${H}*(?:\`[^\`\\[\\]\\r\\n]*\`${H}*)+\\])`,
  `(?!(?=\\[[^\\[\\]\\r\\n]*\\]:${H}*${URL_LIKE})(?<=^${CONTAINERS}))`,
].join('');
const NOT_A_LINK = '(?![(\\[])';

/**
 * One option of a choice list: at most `maxLength` characters once trimmed and `maxWords`
 * words of `word` characters. `stop` lists (as class characters) what else ends a list.
 */
function option(separator: '|' | '/', word: string, maxLength: number, maxWords: number, stop = ''): string {
  const ends = `\\${separator}${stop}`;
  const length = `(?=[^\\s${ends}](?:[^${ends}\\r\\n]{0,${maxLength - 2}}[^\\s${ends}])?${H}*(?:[${ends}]|$))`;
  return `${length}${word}(?:${H}+${word}){0,${maxWords - 1}}`;
}

function list(separator: '|' | '/', item: string, minimum: number): string {
  return `${item}(?:${H}*\\${separator}${H}*${item}){${minimum - 1},}`;
}

// A bracketed choice list, as `splitChoices(label, 2)` accepts it: options of at most 32
// characters and four words when `|` separates them or a `/` has spaces around it, else two.
const BRACKET_WORD_PIPE = '[^\\s|:\\[\\]]+';
const BRACKET_WORD_SLASH = '[^\\s|/:\\[\\]]+';
const BRACKET_PIPE_CHOICES = list('|', option('|', BRACKET_WORD_PIPE, 32, 4, '\\]'), 2);
const BRACKET_SLASH_CHOICES = [
  `(?=[^\\[\\]\\r\\n]*\\s/\\s)${list('/', option('/', BRACKET_WORD_SLASH, 32, 4, '\\]'), 2)}`,
  list('/', option('/', BRACKET_WORD_SLASH, 32, 2, '\\]'), 2),
].join('|');
const BRACKET_CHOICES = `${BRACKET_PIPE_CHOICES}|${BRACKET_SLASH_CHOICES}`;

// A choice list written without brackets as the whole value of a line or table cell, after
// an optional `**Label:**` or `Label:`, as `scanBareChoices` accepts it: options of at most
// 24 characters and three words (two when `/` separates them without spaces), not ending in
// punctuation; at least three options when `/` separates them. Nothing that the scanner
// masks may occur: inline code, HTML, escapes, brackets, autolinks.
const BARE_CHAR = '(?:[^\\s|/:\\[`<\\\\]|<(?![A-Za-z/!?])|\\\\(?![!-/:-@\\[-`{-~]))';
const BARE_WORD_PIPE = `(?:${BARE_CHAR}|/)+`;
const BARE_WORD_SLASH = `${BARE_CHAR}+`;
const NO_END_PUNCTUATION = '(?<![.,;!?])';
const BARE_PIPE_CHOICES = list('|', option('|', BARE_WORD_PIPE, 24, 3) + NO_END_PUNCTUATION, 2);
const BARE_SLASH_CHOICES = [
  `(?=[^|\\r\\n]*\\s/\\s)${list('/', option('/', BARE_WORD_SLASH, 24, 3, '|') + NO_END_PUNCTUATION, 3)}`,
  list('/', option('/', BARE_WORD_SLASH, 24, 2, '|') + NO_END_PUNCTUATION, 3),
].join('|');
const BARE_CHOICES = `${BARE_PIPE_CHOICES}|${BARE_SLASH_CHOICES}`;
const NO_AUTOLINK = '(?:www\\.|[A-Za-z0-9._+-]@[A-Za-z0-9-]+\\.[A-Za-z])';
// The scanner takes a label when one is there and never backtracks out of it, hence the
// atomic group. The label is handed back to Markdown's inline rules, so it stays bold.
const LABEL = `(?>(?:(\\*\\*[^*\\r\\n]{1,40}\\*\\*${H}*:?|[A-Za-z][A-Za-z0-9_ ]{0,30}:)${H}*)?)`;
const LABEL_AND_VALUE = {
  1: { patterns: [{ include: 'text.html.markdown#inline' }] },
  2: { name: placeholderScope('choice') },
};
// A line's text starts where the paragraph, list item or quote around it anchors `\G`; that
// anchor also makes the rule cheap, as it is tried at one position per line.
const LINE_CHOICE = [
  `\\G(?<=^${CONTAINERS})`,
  `(?:(?<=[-*+.)]${H})\\[[ xX]\\]${H}+)?`,
  LABEL,
  `(?!#{1,6}(?:${H}|$))(?![^\\r\\n]*${EXAMPLE})(?![^\\r\\n]*${NO_AUTOLINK})`,
  `(${BARE_CHOICES})`,
  `(?=${H}*$)`,
].join('');
// A table cell starts after a `|` of a row, a line that starts and ends with `|`; a cell
// cannot hold an unescaped `|`, so only `/` lists are looked for. The costly look to the end
// of the row comes last, once a list has matched.
const CELL_CHOICE = [
  `(?<=\\|)(?<=^[ \\t>]*\\|[^\\r\\n]*)${H}*`,
  LABEL,
  `(?![^|\\r\\n]*${EXAMPLE})(?![^|\\r\\n]*${NO_AUTOLINK})`,
  `(${BARE_SLASH_CHOICES})`,
  `(?=${H}*\\|)(?=[^\\r\\n]*\\|${H}*$)`,
].join('');

// The value of a front-matter key or sequence item, matched from the whitespace before it.
// A one-item flow list is a placeholder when its item is a date mask, a `|` choice list,
// an ALL_CAPS name or a phrase of three words or more (`classifyFlowPlaceholder`). In prose
// the same text after `Label:` is a bracket, and a phrase that is a `/` choice list is a
// choice there, so such a phrase is scoped as a choice here too.
const VALUE_AFTER_KEY = `(?<=[:-])${H}+`;
const FLOW_ITEM_WORD = '[^\\s,:\\[\\]{}#"\']+';
const THREE_WORDS = `(?=${FLOW_ITEM_WORD}${H}+${FLOW_ITEM_WORD}${H}+${FLOW_ITEM_WORD})`;
const FLOW_LIST = [
  `(\\[${H}*(?:${DATE})${H}*\\])`,
  `(\\[${NO_EXAMPLE}${H}*(?:${BRACKET_PIPE_CHOICES}|${THREE_WORDS}(?:${BRACKET_SLASH_CHOICES}))${H}*\\])`,
  `(\\[${H}*(?:[A-Z][A-Z0-9_.-]{2,}|${FLOW_ITEM_WORD}(?:${H}+${FLOW_ITEM_WORD}){2,})${H}*\\])`,
].join('|');
const FLOW_END = `(?=${H}+#|${H}*$)`;

function rule(kind: PlaceholderKind, match: string): object {
  return { name: placeholderScope(kind), match };
}

// A bracket as BRACKET finds it, whose text between the brackets is `inner`.
function bracketRule(kind: PlaceholderKind, inner: string): object {
  return rule(kind, `${BRACKET_GUARDS}(?=${toOniguruma(BRACKET)})\\[${inner}\\]${NOT_A_LINK}`);
}

/**
 * Builds the injection grammar. Pure: the same object every time, for the generator to write
 * and for tests to compare with the checked-in file and to tokenize with.
 */
export function buildGrammar(): object {
  const prose =
    'L:text.html.markdown (meta.paragraph.markdown | markup.heading.markdown | markup.table.markdown | markup.list | markup.quote.markdown)' +
    ' -markup.fenced_code -markup.raw -markup.inline.raw -comment -meta.link -meta.image -markup.underline.link' +
    ' -constant.other.reference.link -meta.tag -meta.embedded';
  const frontMatter = 'text.html.markdown meta.embedded.block.frontmatter -comment -entity.name.tag';
  // Order matters where two rules match at the same character: the first listed wins, so the
  // longer reading comes first, as the server keeps the longest of overlapping placeholders.
  const repository: Record<string, object> = {
    'line-choice': { match: LINE_CHOICE, captures: LABEL_AND_VALUE },
    'cell-choice': { match: CELL_CHOICE, captures: LABEL_AND_VALUE },
    'flow-list-value': {
      match: `${VALUE_AFTER_KEY}(?:${FLOW_LIST})${FLOW_END}`,
      captures: {
        1: { name: placeholderScope('date') },
        2: { name: placeholderScope('choice') },
        3: { name: placeholderScope('text') },
      },
    },
    'scalar-value': {
      match: `${VALUE_AFTER_KEY}(?!${BARE_CHOICES})(?:((?=\\$)(?:${toOniguruma(VARIABLE)}))|(${DATE_WORD})|(${TODO}))`,
      captures: {
        1: { name: placeholderScope('variable') },
        2: { name: placeholderScope('date') },
        3: { name: placeholderScope('todo') },
      },
    },
    // A list item that is all a template's sample (`- Task 1`, `1. Question 1?`), bold or not.
    'generic-item': {
      match: `\\G(?<=^${CONTAINERS})(?:(?<=[-*+.)]${H})\\[[ xX]\\]${H}+)?(?<=[-*+.)\\]]${H})(\\*\\*(?i:${GENERIC_ITEM})\\*\\*|(?i:${GENERIC_ITEM}))(?=${H}*$)`,
      captures: { 1: { name: placeholderScope('text') } },
    },
    clarification: rule('clarification', `${BRACKET_GUARDS}${toOniguruma(CLARIFICATION)}${NOT_A_LINK}`),
    'bracket-date': bracketRule('date', `${H}*(?:${DATE})${H}*`),
    'bracket-choice': bracketRule('choice', `${NO_EXAMPLE}${H}*(?:${BRACKET_CHOICES})${H}*`),
    'bracket-text': rule('text', `${BRACKET_GUARDS}${toOniguruma(BRACKET)}${NOT_A_LINK}`),
    variable: rule('variable', toOniguruma(VARIABLE)),
    date: rule('date', DATE_WORD),
    todo: rule('todo', TODO),
  };
  return {
    information_for_contributors: [
      'Generated by scripts/generate-grammar.ts from server/src/core/parse/placeholder-patterns.ts.',
      'Do not edit: change the generator or the patterns and run `npm run generate:grammar`.',
    ],
    name: 'Specwright placeholders',
    scopeName: SCOPE_NAME,
    injectionSelector: `${prose}, ${frontMatter}`,
    patterns: Object.keys(repository).map((key) => ({ include: `#${key}` })),
    repository,
  };
}

/** The file contents for {@link buildGrammar}: two-space JSON with a trailing newline. */
export function renderGrammar(): string {
  return `${JSON.stringify(buildGrammar(), null, 2)}\n`;
}

function main(args: readonly string[]): number {
  const path = join(ROOT, GRAMMAR_PATH);
  const expected = renderGrammar();
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === expected) {
    console.log(`${GRAMMAR_PATH}: up to date`);
    return 0;
  }
  if (args.includes('--check')) {
    console.error(`${GRAMMAR_PATH} is out of date: run \`npm run generate:grammar\`.`);
    return 1;
  }
  writeFileSync(path, expected);
  console.log(`wrote ${GRAMMAR_PATH}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
