// The parsing floor and the library anchors, in process, on the same documents:
// markdown-it, micromark events (+ gfm + frontmatter), mdast-util-from-markdown
// (+ gfm + frontmatter), the markdownlint library (default rules) and Specwright's own
// parse and lintText. Medians per size; Specwright's lintText as a ratio of each.
// Usage: node --import tsx bench/parsers.ts [--full]
import MarkdownIt from 'markdown-it';
import { lint as markdownlint } from 'markdownlint/sync';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse as micromarkParse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parseMarkdown } from '../server/src/core/parse/markdown';
import { parseSpec, type SpecDocument } from '../server/src/core/parse/spec-document';
import { lintDocument, lintText } from '../server/src/core/lint/lint';
import { ensureCorpus, type CorpusDocument } from './corpus';
import {
  isMain,
  median,
  ms,
  progress,
  ratio,
  runAlone,
  sample,
  type Mode,
  type RunOptions,
  type SampleOptions,
  type Section,
} from './util';

interface Tool {
  readonly id: string;
  readonly label: string;
  /** Prepares the input once (untimed), then `run` is timed on it. */
  readonly prepare?: (text: string) => unknown;
  readonly run: (input: never) => unknown;
  /** Sizes to skip (they would only repeat what another row shows, at great cost). */
  readonly skip?: (mode: Mode, size: string) => boolean;
}

const markdownIt = new MarkdownIt();

export const TOOLS: readonly Tool[] = [
  { id: 'markdown-it', label: 'markdown-it `parse` (tokens)', run: (text: string) => markdownIt.parse(text, {}) },
  {
    id: 'micromark',
    label: 'micromark events + gfm + frontmatter',
    run: (text: string) =>
      postprocess(
        micromarkParse({ extensions: [gfm(), frontmatter(['yaml'])] })
          .document()
          .write(preprocess()(text, undefined, true)),
      ),
  },
  {
    id: 'mdast',
    label: 'mdast-util-from-markdown + gfm + frontmatter',
    run: (text: string) =>
      fromMarkdown(text, {
        extensions: [gfm(), frontmatter(['yaml'])],
        mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
      }),
  },
  {
    id: 'markdownlint',
    label: 'markdownlint library, default rules (sync)',
    run: (text: string) => markdownlint({ strings: { doc: text } }),
  },
  { id: 'specwright', label: 'Specwright `lintText` (parse + spec model + rules)', run: (text: string) => lintText(text) },
  {
    id: 'specwright-parse',
    label: 'Specwright `parseMarkdown` only (unified + remark-parse + gfm + frontmatter)',
    run: (text: string) => parseMarkdown(text),
    // The same parse lintText does; at large sizes its cost is read off lintText minus the other parts.
    skip: (mode, size) => size === '5mb' || (mode === 'quick' && size === '1mb'),
  },
  {
    id: 'specwright-rules',
    label: 'Specwright `lintDocument` only (rules on an already parsed spec)',
    prepare: (text) => parseSpec(text),
    run: (spec: SpecDocument) => lintDocument(spec),
    // Preparing the 5 MB input costs a whole parse (minutes) for a row of milliseconds.
    skip: (_mode, size) => size === '5mb',
  },
];

/** Runs per size: small sizes repeat a lot; large ones rely on the JIT warmed by the smaller sizes. */
function plan(mode: Mode, size: CorpusDocument): SampleOptions | undefined {
  switch (size.id) {
    case '10kb':
      return { warmup: 5, min: 10, max: 60, budgetMs: mode === 'full' ? 2000 : 800 };
    case '100kb':
      return { warmup: 2, min: 5, max: 30, budgetMs: mode === 'full' ? 4000 : 1500 };
    case '1mb':
      return mode === 'full' ? { warmup: 0, min: 3, max: 10, budgetMs: 3000 } : { warmup: 0, min: 2, max: 5, budgetMs: 1000 };
    default:
      return mode === 'full' ? { warmup: 0, min: 1, max: 5, budgetMs: 3000 } : undefined;
  }
}

export interface ParserResults {
  /** tool id → size id → measured times (ms). */
  readonly times: Map<string, Map<string, number[]>>;
  readonly sizes: readonly CorpusDocument[];
}

export async function measureParsers(options: RunOptions): Promise<ParserResults> {
  const sizes = ensureCorpus();
  const times = new Map<string, Map<string, number[]>>(TOOLS.map((tool) => [tool.id, new Map()]));
  for (const size of sizes) {
    const runs = plan(options.mode, size);
    if (!runs) continue;
    for (const tool of TOOLS) {
      if (tool.skip?.(options.mode, size.id)) continue;
      progress(`parsers: ${tool.id} on ${size.label}`);
      const input = (tool.prepare ? tool.prepare(size.text) : size.text) as never;
      const measured = await sample(() => tool.run(input), runs);
      times.get(tool.id)?.set(size.id, measured);
    }
  }
  return { times, sizes };
}

export async function run(options: RunOptions): Promise<Section[]> {
  const { times, sizes } = await measureParsers(options);
  const measuredSizes = sizes.filter((size) => times.get('specwright')?.has(size.id));
  const cell = (tool: string, size: string) => {
    const values = times.get(tool)?.get(size);
    return values ? `${ms(median(values))} (n=${values.length})` : '—';
  };
  const medianOf = (tool: string, size: string) => median(times.get(tool)?.get(size) ?? []);
  const skipped = sizes.filter((size) => !measuredSizes.includes(size)).map((size) => size.label);
  return [
    {
      title: 'Parsers floor and library anchors',
      intro:
        'In-process medians (`performance.now()`) of each library on the same documents; warmup runs excluded. ' +
        'At 1 MB and 5 MB the functions have already been JIT-compiled on the smaller documents. ' +
        'Specwright rows import the server sources through tsx (same code as the bundle, not minified).',
      tables: [
        {
          caption: '**Median time per document** (n = measured runs)',
          header: ['tool', ...measuredSizes.map((size) => size.label)],
          rows: TOOLS.map((tool) => [tool.label, ...measuredSizes.map((size) => cell(tool.id, size.id))]),
        },
        {
          caption: '**Specwright `lintText` ÷ each tool** (below 1× means Specwright is faster)',
          header: ['anchor', ...measuredSizes.map((size) => size.label)],
          rows: TOOLS.filter((tool) => !tool.id.startsWith('specwright')).map((tool) => [
            tool.label,
            ...measuredSizes.map((size) => ratio(medianOf('specwright', size.id), medianOf(tool.id, size.id))),
          ]),
        },
        {
          caption:
            '**Where Specwright’s `lintText` time goes** (medians; the spec model — front matter, outline, placeholders — ' +
            'is what remains of lintText after the parse and the rules)',
          header: ['', ...measuredSizes.map((size) => size.label)],
          rows: [
            ['lintText', ...measuredSizes.map((size) => ms(medianOf('specwright', size.id)))],
            ['parse (unified + remark-parse)', ...measuredSizes.map((size) => ms(medianOf('specwright-parse', size.id)))],
            ['rules (lintDocument)', ...measuredSizes.map((size) => ms(medianOf('specwright-rules', size.id)))],
            [
              'spec model (the rest)',
              ...measuredSizes.map((size) => {
                const rest = medianOf('specwright', size.id) - medianOf('specwright-parse', size.id) - medianOf('specwright-rules', size.id);
                return Number.isNaN(rest) ? '—' : rest < 0 ? 'within noise' : ms(rest);
              }),
            ],
          ],
        },
      ],
      notes: [
        ...(skipped.length > 0 ? [`Not measured in quick mode: ${skipped.join(', ')} (run \`npm run bench:full\`).`] : []),
        '`parseMarkdown` alone is measured up to 100 KB in quick mode and up to 1 MB in full mode (beyond, it is the same parse ' +
          'lintText runs); `lintDocument` alone up to 1 MB.',
        'markdownlint 0.42.1 runs its rules on micromark tokens (micromark 4.0.3 from this tree, with its own extension set); ' +
          'markdown-it is only needed for custom rules.',
      ],
    },
  ];
}

if (isMain(__filename)) runAlone(run);
