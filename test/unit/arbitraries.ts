// Generators shared by the property tests (robustness.test.ts, fix-properties.test.ts):
// the seed documents and rule scenarios, Markdown-like text, YAML front matter (valid
// and broken), deep nesting, hostile characters and line endings, and mutations of a
// seed (edits, section removals and duplications, line-ending changes, front matter
// swapped). Every generator is built from shrinkable parts, so a failure shrinks to a
// small counterexample that fast-check prints with its seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** A fixed clock: fixes that insert today's date must not make two runs differ. */
export const NOW = new Date('2026-01-15T12:00:00Z');

const fixtures = join(__dirname, '../fixtures');
const rules = join(__dirname, '../rules');

function markdownFiles(folder: string, filter: (name: string) => boolean = () => true): { name: string; text: string }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md') && filter(name))
    .sort()
    .map((name) => ({ name: join(folder, name).slice(join(__dirname, '../..').length + 1), text: readFileSync(join(folder, name), 'utf8') }));
}

/** The seed documents, unfilled and filled, and the filled technical spec. */
export const SEEDS: readonly { name: string; text: string }[] = [
  ...markdownFiles(join(fixtures, 'seeds/unfilled')),
  ...markdownFiles(join(fixtures, 'seeds/filled'), (name) => name !== 'README.md'),
  ...markdownFiles(join(fixtures, 'templates')),
];

/** The rule scenarios of test/rules (not their `.fixed.md` goldens): small documents full of findings. */
export const SCENARIOS: readonly { name: string; text: string }[] = readdirSync(rules, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => markdownFiles(join(rules, entry.name), (name) => /^[^.]+\.md$/.test(name)));

export const TEMPLATE_IDS = ['feature-spec', 'feature-implementation', 'technical-spec', 'production-spec', 'technical-design', 'technical-spec-prompt'];

// ---------------------------------------------------------------------------------------
// Markdown-like text

/** Fragments that mean something to Markdown, YAML, the placeholder patterns or the rules. */
const TOKENS = [
  '# ', '## ', '### ', '###### ', '####### ', '#', '\n# Title\n', '\n## 1. Overview\n', '\n## Risks\n', '\n### 2.1 Data\n', 'Title\n===\n', 'Sub\n---\n',
  '---\n', '...\n', '```\n', '~~~\n', '    code\n', '- ', '* ', '1. ', '- [ ] ', '- [x] ', '> ', '>> ', '  ', '\t',
  '| a | b |\n', '|---|---|\n', '| [Name] | x |\n', '[x]', '[Name]', '[Feature Name]', '[A/B/C]', '[Draft|Review]', '[a]: /url\n', '[^1]', '[^1]: note\n', '![i](x.png)', '[link](http://x)',
  '`', '``', '\\', '\\[', '*', '**', '_', '__', '~~', '<!--', '-->', '<!-- Why we build it -->', '<div>', '</div>', '<br>', '&amp;', '&#0;',
  'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm:ss', '{{v}}', '{{title}}', '{{date}}', '${x}', 'TODO', 'TBD', '[NEEDS CLARIFICATION: who?]',
  'FR-001', 'FR-001: Do it', '| FR-002 | x |', 'NFR-1', 'T001', 'CHK001', 'US-001',
  ': ', 'title: x\n', 'specwright: feature-spec\n', 'status: Draft\n',
  'âœ…', 'Ã©', 'â€”', 'ðŸŸ¡', 'ğŸŸ¢', '😀', '仕様', '\u200d', '\ufe0f', 'é', 'e\u0301',
  '\r\n', '\n', '\r', '\n\n', '\uFEFF', '\u0000', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\u2028', '\u00a0',
  '_Italic guidance line._\n', '**Status:** [Draft/In Review/Approved]\n',
];

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
);

/** Random Markdown-ish text: tokens and random strings run together. */
export const markdownish: fc.Arbitrary<string> = fc.array(token, { maxLength: 80 }).map((parts) => parts.join(''));

/** A line ending: mostly `\n`, sometimes `\r\n` or `\r`. */
export const lineEnding: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('\n') },
  { weight: 2, arbitrary: fc.constant('\r\n') },
  { weight: 1, arbitrary: fc.constant('\r') },
);

/** Markdown-ish text as lines, each ended by `\n`, `\r\n` or `\r`. */
export const markdownLines: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.array(token, { maxLength: 6 }), lineEnding), { maxLength: 40 })
  .map((lines) => lines.map(([parts, eol]) => parts.join('') + eol).join(''));


// ---------------------------------------------------------------------------------------
// YAML front matter

const KEYS = ['title', 'status', 'created', 'updated', 'last_updated', 'version', 'description', 'owner', 'name', 'branch', 'feature_id', 'tags', 'specwright', 'author', 'x', ''];

const VALUES = [
  '', 'x', 'Draft', 'Drafty', 'In Progress', 'Complete', 'DRAFT', '"Draft"', "'quoted'", '"unclosed', "'unclosed", '[Feature Name]', '[Draft|In Progress|Review|Complete]',
  'YYYY-MM-DD', '[YYYY-MM-DDTHH:mm:ss-04:00]', '2026-01-05', '2026-1-5', '2026-13-01', '2026-01-05T10:00:00-04:00', '2026-01-05T10:00:00', '2020-01-01', '"2025-10-05"',
  '1', '1.0', '4.10', '"3"', 'true', 'no', 'null', '~', '[a, b]', '[feature/x]', '[1]', '{a: 1}', '[unclosed', '{unclosed', '- item',
  '&anchor value', '*anchor', '*missing', '!!str 1', '!!binary x', '|\n  block\n  text', '>\n  folded', '# comment', 'a: b', 'a #not comment', '"esc \\u00e9 \\x"', '@reserved', '`tick',
  'feature-spec', 'feature-implementation', 'technical-design', 'technical-spec', 'production-spec', 'unknown-template', '{{title}}', '😀', '\u0000', '\uD800', '\t',
];

const longScalar = fc.tuple(fc.constantFrom('a', 'é', '😀', ' ', 'x '), fc.integer({ min: 500, max: 6000 })).map(([unit, n]) => unit.repeat(n));

const yamlValue = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: longScalar }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

const yamlLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(': ', ':', ' : ', ':\t', '\t: '), yamlValue).map(([k, sep, v]) => `${k}${sep}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('<<: *anchor', 'base: &anchor', '  nested: 1', '\tindented: tab', '- list', '? complex', '# comment', '', '   ', '---', '...', '%YAML 1.2', 'key: value # c', 'key: value\ttab') },
  { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
);

/**
 * A front-matter block: an opening fence (after an optional BOM), YAML lines (valid or
 * not: duplicate keys, anchors and aliases, tabs, flow collections, very long scalars),
 * and a closing `---`, `...` or none, with any line endings.
 */
export const frontMatter: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '\uFEFF'),
    fc.array(yamlLine, { maxLength: 12 }),
    fc.constantFrom('---', '---', '...', '', '--- ', '----'),
    fc.constantFrom('\n', '\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([bom, lines, close, eol, duplicate]) => {
    const body = duplicate && lines.length > 0 ? [...lines, lines[0] as string] : lines;
    return `${bom}---${eol}${body.map((line) => line + eol).join('')}${close === '' ? '' : close + eol}`;
  });

/** A document made of front matter and a body. */
export const withFrontMatter = (body: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.tuple(frontMatter, body).map(([head, rest]) => head + rest);

// ---------------------------------------------------------------------------------------
// Hostile shapes

/** Lists, block quotes and mixes of them nested hundreds of levels deep. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('- ', '> ', '1. ', '* ', '>- ', '- > ', '  - '), fc.integer({ min: 100, max: 400 }), fc.constantFrom('[Name]', 'x', '# H', '```', 'FR-001', ''), fc.constantFrom('line', 'staircase', 'quotes', 'brackets'))
  .map(([marker, depth, leaf, shape]) => {
    if (shape === 'line') return `# T\n\n${marker.repeat(depth)}${leaf}\n`;
    if (shape === 'brackets') return `# T\n\n${'['.repeat(depth)}${leaf}${']'.repeat(depth)} ${'*'.repeat(depth)}x${'_'.repeat(depth)}\n`;
    // Each line one level deeper than the one before: a staircase of indented items
    // (its text grows with the square of the depth, so it stops sooner), or of `>`.
    let out = '# T\n\n';
    if (shape === 'quotes') for (let i = 1; i <= depth; i++) out += `${'>'.repeat(i)} ${leaf} ${i}\n`;
    else for (let i = 0; i < Math.min(depth, 120); i++) out += `${' '.repeat(i * 2)}${marker}${leaf} ${i}\n`;
    return out;
  });

/**
 * Lines of 100,000 characters and more. (A line of nothing but `[Name]`, `*a*` or `\\`
 * takes micromark seconds; robustness.test.ts has one such line, not hundreds.)
 */
export const longLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('Text with a [Name] in it, and more words after it. ', 'x', '😀', 'âœ… ', '| a ', 'FR-001 ', '`', '\\[x\\] ', 'a *b* c and more words ', '<!-- -->'), fc.constantFrom('', '# ', '- ', '> ', '| '))
  .map(([unit, start]) => `# Long\n\n${start}${unit.repeat(Math.ceil(100_000 / unit.length))}\n`);

/** Characters that are not text: NUL, C0 and C1 controls, lone surrogates, noncharacters. */
export const binaryJunk: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\u0085', '\u001b', '\b', '\f', '\v', '\uFEFF'), token), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** Converts each line ending to one of `\n`, `\r\n`, `\r`, chosen per line by `choices`. */
export function mixLineEndings(text: string, choices: readonly number[]): string {
  let i = 0;
  return text.replace(/\r\n|\r|\n/g, () => ['\n', '\r\n', '\r'][(choices[i++ % Math.max(1, choices.length)] ?? 0) % 3] as string);
}

// ---------------------------------------------------------------------------------------
// Mutations of a document

/** Lines that start an ATX heading, as offsets. */
function headingStarts(text: string): number[] {
  const starts: number[] = [];
  const pattern = /(^|\r\n|\r|\n)(?=#{1,6}(?:[ \t]|\r|\n|$))/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    starts.push(match.index + (match[1] as string).length);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return starts;
}

/** The section that starts at the `n`-th heading: up to the next heading of any level. */
function sectionAt(text: string, n: number): { start: number; end: number } | undefined {
  const starts = headingStarts(text);
  if (starts.length === 0) return undefined;
  const i = n % starts.length;
  return { start: starts[i] as number, end: starts[i + 1] ?? text.length };
}

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'remove-section'; n: number }
  | { kind: 'duplicate-section'; n: number }
  | { kind: 'empty-section'; n: number }
  | { kind: 'line-endings'; choices: number[] }
  | { kind: 'bom' }
  | { kind: 'front-matter'; block: string };

/** One mutation of a document; offsets are taken modulo the length at the time it applies. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(markdownish, fc.constantFrom(...TOKENS)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }), text: fc.constantFrom(...TOKENS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove-section' as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-section' as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty-section' as const), n: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-endings' as const), choices: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('front-matter' as const), block: frontMatter }) },
);

export function mutate(text: string, change: Mutation): string {
  const at = (n: number) => n % (text.length + 1);
  switch (change.kind) {
    case 'insert':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at));
    case 'delete':
      return text.slice(0, at(change.at)) + text.slice(at(change.at) + change.length);
    case 'replace':
      return text.slice(0, at(change.at)) + change.text + text.slice(at(change.at) + change.length);
    case 'remove-section': {
      const section = sectionAt(text, change.n);
      return section ? text.slice(0, section.start) + text.slice(section.end) : text;
    }
    case 'duplicate-section': {
      const section = sectionAt(text, change.n);
      return section ? text.slice(0, section.end) + text.slice(section.start, section.end) + text.slice(section.end) : text;
    }
    case 'empty-section': {
      // Keep the heading line, drop what follows it up to the next heading.
      const section = sectionAt(text, change.n);
      if (!section) return text;
      const lineEnd = text.slice(section.start, section.end).search(/\r\n|\r|\n/);
      return lineEnd < 0 ? text : text.slice(0, section.start + lineEnd) + '\n\n' + text.slice(section.end);
    }
    case 'line-endings':
      return mixLineEndings(text, change.choices);
    case 'bom':
      return text.startsWith('\uFEFF') ? text.slice(1) : `\uFEFF${text}`;
    case 'front-matter': {
      const existing = /^\uFEFF?---(?:\r\n|\r|\n)[\s\S]*?(?:\r\n|\r|\n)(?:---|\.\.\.)(?:\r\n|\r|\n|$)/.exec(text);
      return change.block + (existing ? text.slice(existing[0].length) : text);
    }
  }
}

/** A document from `documents` with one to `max` mutations applied in turn. */
export function mutated(documents: readonly { text: string }[], max = 4): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...documents.map((document) => document.text)), fc.array(mutation, { minLength: 1, maxLength: max }))
    .map(([text, changes]) => changes.reduce(mutate, text));
}

/** Any of the above: the text analysis must survive. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: markdownish },
  { weight: 3, arbitrary: markdownLines },
  { weight: 3, arbitrary: withFrontMatter(markdownLines) },
  { weight: 1, arbitrary: binaryJunk },
);

/** A head (front matter, say), then up to 60 lines, each with its line ending; the last one's sometimes dropped. */
export function linesAfter(head: fc.Arbitrary<string>, line: fc.Arbitrary<string>, ending: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(head, fc.array(fc.tuple(line, ending), { maxLength: 60 }), fc.boolean()).map(([start, lines, trailing]) => {
    const body = lines.map(([text, eol]) => text + eol).join('');
    return start + (trailing ? body : body.replace(/(\r\n|\r|\n)$/, ''));
  });
}
