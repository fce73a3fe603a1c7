// Generates the benchmark corpora from the seed fixtures, deterministically:
// - one spec document per size (about 10 KB, 100 KB, 1 MB and 5 MB), and
// - a workspace of 5,000 specs (2–20 KB each) under docs/specs/.
// Documents are built from the H2 sections of the five filled seeds (mostly) and the
// five unfilled templates (sometimes, which brings placeholders and empty sections),
// renumbered and renamed, with numbers, ids and extra prose varied by a seeded generator.
// Usage: node --import tsx bench/corpus.ts   (writes bench/.work/corpus and bench/.work/workspace)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, pick, progress, random, ROOT, WORK, type Section } from './util';

/** Bump when the generator changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 3;

export interface SizeSpec {
  readonly id: string;
  readonly label: string;
  readonly bytes: number;
}

export const SIZES: readonly SizeSpec[] = [
  { id: '10kb', label: '10 KB', bytes: 10 * 1024 },
  { id: '100kb', label: '100 KB', bytes: 100 * 1024 },
  { id: '1mb', label: '1 MB', bytes: 1024 * 1024 },
  { id: '5mb', label: '5 MB', bytes: 5 * 1024 * 1024 },
];

export const CORPUS_DIR = join(WORK, 'corpus');
export const WORKSPACE_DIR = join(WORK, 'workspace');
export const WORKSPACE_FILES = 5000;

interface SeedSection {
  readonly seed: string;
  readonly filled: boolean;
  readonly lines: readonly string[];
}

interface SeedLibrary {
  readonly filled: readonly SeedSection[];
  readonly unfilled: readonly SeedSection[];
  /** Bold "**Key:** value" lines from the filled seeds' preambles. */
  readonly preambleLines: readonly string[];
  /** Sentences from the filled seeds' paragraphs, for extra prose. */
  readonly sentences: readonly string[];
  /** Task-list items from the filled seeds. */
  readonly tasks: readonly string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits a seed into its H2 sections (outside fences), dropping front matter and the H1 preamble. */
function splitSeed(text: string, seed: string, filled: boolean): { sections: SeedSection[]; preamble: string[] } {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0] === '---') {
    const close = lines.findIndex((line, i) => i > 0 && (line === '---' || line === '...'));
    if (close > 0) lines = lines.slice(close + 1);
  }
  const sections: SeedSection[] = [];
  const preamble: string[] = [];
  let current: string[] | undefined;
  let fence: string | undefined;
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    }
    if (fence === undefined && /^## /.test(line)) {
      current = [line];
      sections.push({ seed, filled, lines: current });
    } else if (current) {
      current.push(line);
    } else if (!/^# /.test(line)) {
      preamble.push(line);
    }
  }
  return { sections, preamble };
}

function loadSeeds(): SeedLibrary {
  const dir = join(ROOT, 'test/fixtures/seeds');
  const filled: SeedSection[] = [];
  const unfilled: SeedSection[] = [];
  const preambleLines: string[] = [];
  const sentences: string[] = [];
  const tasks: string[] = [];
  for (const kind of ['filled', 'unfilled'] as const) {
    const files = readdirSync(join(dir, kind))
      .filter((name) => /^\d{3}-.*\.md$/.test(name))
      .sort();
    for (const name of files) {
      const text = readFileSync(join(dir, kind, name), 'utf8');
      const { sections, preamble } = splitSeed(text, name, kind === 'filled');
      (kind === 'filled' ? filled : unfilled).push(...sections);
      if (kind !== 'filled') continue;
      preambleLines.push(...preamble.filter((line) => /^\*\*[^*]+:?\*\*:? /.test(line)));
      let fence = false;
      for (const line of text.split('\n')) {
        if (FENCE.test(line)) fence = !fence;
        if (fence) continue;
        if (/^- \[[ x]\] /.test(line)) tasks.push(line);
        if (/^[A-Z][^|#>*]{40,}[.]$/.test(line)) {
          for (const sentence of line.split(/(?<=[.])\s+(?=[A-Z])/)) if (sentence.length > 30) sentences.push(sentence);
        }
      }
    }
  }
  if (filled.length === 0 || unfilled.length === 0) throw new Error('No seed sections found under test/fixtures/seeds');
  return { filled, unfilled, preambleLines, sentences, tasks };
}

let library: SeedLibrary | undefined;
function seeds(): SeedLibrary {
  library ??= loadSeeds();
  return library;
}

const AREAS = [
  'Billing', 'Search Indexer', 'Notification Service', 'Audit Log', 'Tenant Admin', 'Export Pipeline',
  'Mobile Sync', 'Identity', 'Rate Limiter', 'Scheduler', 'Webhooks', 'Reporting', 'Storage Tiering',
  'Feature Flags', 'Payments Gateway', 'Data Retention', 'Observability', 'Onboarding', 'Localization',
  'Access Reviews', 'Media Transcoding', 'Inventory', 'Support Inbox', 'Usage Metering', 'Geo Routing',
];
const VERBS = ['Incremental', 'Scheduled', 'Bulk', 'Self-Service', 'Regional', 'Audited', 'Offline', 'Delegated', 'Tiered', 'Streaming'];
const NOUNS = ['Exports', 'Invoices', 'Alerts', 'Sign-In', 'Quotas', 'Backfills', 'Snapshots', 'Approvals', 'Retries', 'Previews'];
const PEOPLE = ['Mara Lindqvist', 'Tobias Achebe', 'Priya Raman', 'Oskar Veldt', 'Ines Carvalho', 'Dmitri Sorensen', 'Hana Okafor', 'Luis Beaumont'];
const STATUSES = ['Draft', 'In Review', 'Approved', 'In Progress'];
const NOTES = [
  'Reviewed with the on-call rotation; no open questions.',
  'Numbers below come from the last 30 days of production traffic.',
  'Keep this table in step with the runbook.',
  'Open question for the design review: see the thread in the tracker.',
  'Owner to confirm the rollout window before approval.',
];

function title(rng: () => number): string {
  return `${pick(rng, VERBS)} ${pick(rng, NOUNS)} for ${pick(rng, AREAS)}`;
}

function frontMatter(rng: () => number, docTitle: string, index: number): string[] {
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return [
    '---',
    `title: "${docTitle}"`,
    `id: SPEC-${String(index).padStart(4, '0')}`,
    `status: ${pick(rng, STATUSES)}`,
    `owner: ${pick(rng, PEOPLE)}`,
    `created: ${date}`,
    `tags: [${pick(rng, AREAS).toLowerCase().replace(/ /g, '-')}, ${pick(rng, NOUNS).toLowerCase()}]`,
    '---',
    '',
  ];
}

/** One seed section, renumbered as section `n`, renamed after an area, its ids and numbers varied. */
function variedSection(rng: () => number, section: SeedSection, n: number): string[] {
  const lib = seeds();
  const area = pick(rng, AREAS);
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of section.lines) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && line.trim() === marker) fence = undefined;
      out.push(line);
      continue;
    }
    if (fence !== undefined) {
      out.push(line);
      continue;
    }
    let next = line;
    const h2 = /^## (?:\d+\.\s+)?(.*)$/.exec(line);
    const sub = /^(#{3,6}) (\d+)((?:\.\d+)+)\.?\s+(.*)$/.exec(line);
    if (h2 && out.length === 0) next = `## ${n}. ${h2[1]}: ${area}`;
    else if (sub) next = `${sub[1]} ${n}${sub[3]} ${sub[4]}`;
    else {
      // Renumber requirement and story ids, vary two- and three-digit numbers in prose.
      next = next.replace(/\b([A-Z]{1,4})-(\d{3})\b/g, (_m, prefix: string, digits: string) => `${prefix}-${n}${digits}`);
      if (!/^\s*\|/.test(next) && rng() < 0.5) next = next.replace(/\b\d{2,3}\b/g, () => String(10 + Math.floor(rng() * 890)));
    }
    out.push(next);
  }
  while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
  // Extras go before a closing thematic break, separated by blank lines.
  const tail: string[] = [];
  if (out.length > 0 && /^(---|\*\*\*|___)\s*$/.test(out[out.length - 1] as string)) {
    tail.push(out.pop() as string);
    while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
  }
  const extras: string[][] = [];
  if (rng() < 0.35 && lib.sentences.length > 0) {
    const count = 2 + Math.floor(rng() * 3);
    extras.push([Array.from({ length: count }, () => pick(rng, lib.sentences)).join(' ')]);
  }
  if (rng() < 0.15) extras.push([`<!-- ${pick(rng, NOTES)} -->`]);
  if (rng() < 0.12 && lib.tasks.length > 0) {
    const count = 2 + Math.floor(rng() * 3);
    extras.push(Array.from({ length: count }, () => pick(rng, lib.tasks)));
  }
  for (const block of extras) out.push('', ...block);
  if (tail.length > 0) out.push('', ...tail);
  out.push('');
  return out;
}

/**
 * A spec of about `targetBytes` (UTF-8): front matter, an H1, a short preamble, then
 * numbered H2 sections until the size is reached. About one section in seven comes
 * from an unfilled template.
 */
export function generateSpec(targetBytes: number, seed: number, index = seed): string {
  const lib = seeds();
  const rng = random(seed);
  const docTitle = title(rng);
  const lines = [...frontMatter(rng, docTitle, index), `# Spec: ${docTitle}`, ''];
  const preambleCount = 2 + Math.floor(rng() * 3);
  for (let i = 0; i < preambleCount; i++) lines.push(pick(rng, lib.preambleLines));
  lines.push('');
  let size = Buffer.byteLength(lines.join('\n'), 'utf8');
  for (let n = 1; size < targetBytes; n++) {
    // Prefer a section that does not overshoot the target by much (matters for small sizes).
    let chosen: string[] | undefined;
    let chosenSize = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      const source = rng() < 0.14 ? pick(rng, lib.unfilled) : pick(rng, lib.filled);
      const candidate = variedSection(rng, source, n);
      const candidateSize = Buffer.byteLength(candidate.join('\n'), 'utf8') + 1;
      if (!chosen || Math.abs(size + candidateSize - targetBytes) < Math.abs(size + chosenSize - targetBytes)) {
        chosen = candidate;
        chosenSize = candidateSize;
      }
      if (size + candidateSize <= targetBytes * 1.05) break;
    }
    lines.push(...(chosen as string[]));
    size += chosenSize;
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * The offset where the benchmark "types": just after the first space of a plain
 * paragraph line (outside fences, not a list, table, heading, quote or HTML) near
 * the middle of the document. Typing there never changes the document's structure.
 */
export function editOffset(text: string): number {
  const middle = text.length >> 1;
  const lines = text.split('\n');
  let offset = 0;
  let fence: string | undefined;
  let best: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && line.trim() === marker) fence = undefined;
    } else if (fence === undefined) {
      const previous = i > 0 ? (lines[i - 1] as string) : '';
      const following = lines[i + 1] ?? '';
      const plain =
        /^[A-Z][a-z]+ [a-z]/.test(line) &&
        line.length > 40 &&
        !line.includes('|') &&
        previous.trim() === '' &&
        !/^\s*(=+|-+)\s*$/.test(following);
      if (plain) {
        const at = offset + line.indexOf(' ') + 1;
        if (best === undefined || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
        if (at > middle) break;
      }
    }
    offset += line.length + 1;
  }
  if (best === undefined) throw new Error('No plain paragraph line to edit in the document');
  return best;
}

/** The characters typed, one per edit, cycling: a word and a space, never Markdown syntax. */
export const TYPED = 'benchmark ';

function readStamp(dir: string): string | undefined {
  const file = join(dir, '.generated');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export interface CorpusDocument extends SizeSpec {
  readonly path: string;
  readonly text: string;
}

/** The per-size documents, generated once into bench/.work/corpus and read back after. */
export function ensureCorpus(): CorpusDocument[] {
  const stamp = `v${GENERATOR_VERSION} ${SIZES.map((s) => s.bytes).join(',')}`;
  if (readStamp(CORPUS_DIR) !== stamp) {
    progress('generating the size corpus');
    rmSync(CORPUS_DIR, { recursive: true, force: true });
    mkdirSync(CORPUS_DIR, { recursive: true });
    SIZES.forEach((size, i) => writeFileSync(join(CORPUS_DIR, `spec-${size.id}.md`), generateSpec(size.bytes, 1000 + i)));
    writeFileSync(join(CORPUS_DIR, '.generated'), stamp);
  }
  return SIZES.map((size) => {
    const path = join(CORPUS_DIR, `spec-${size.id}.md`);
    return { ...size, path, text: readFileSync(path, 'utf8') };
  });
}

export interface Workspace {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

/**
 * The workspace of `count` specs (sizes log-uniform in 2–20 KB), generated once: the
 * 5,000-spec one in bench/.work/workspace, smaller ones (the same first files) beside it.
 */
export function ensureWorkspace(count = WORKSPACE_FILES): Workspace {
  const root = count === WORKSPACE_FILES ? WORKSPACE_DIR : `${WORKSPACE_DIR}-${count}`;
  const specsDir = join(root, 'docs', 'specs');
  const stamp = `v${GENERATOR_VERSION} ${count}`;
  const summary = join(root, '.summary.json');
  if (readStamp(root) !== stamp || !existsSync(summary)) {
    progress(`generating a workspace of ${count} specs`);
    rmSync(root, { recursive: true, force: true });
    let total = 0;
    for (let i = 0; i < count; i++) {
      const rng = random(50_000 + i);
      const target = Math.round(2048 * Math.pow(10, rng()));
      const area = AREAS[i % AREAS.length] as string;
      const dir = join(specsDir, area.toLowerCase().replace(/ /g, '-'));
      if (i < AREAS.length) mkdirSync(dir, { recursive: true });
      const text = generateSpec(target, 50_000 + i, i);
      total += Buffer.byteLength(text, 'utf8');
      writeFileSync(join(dir, `${String(i).padStart(4, '0')}-spec.md`), text);
    }
    writeFileSync(summary, JSON.stringify({ files: count, bytes: total }));
    writeFileSync(join(root, '.generated'), stamp);
  }
  // A project of its own: its own Git working tree, so that the repository's .gitignore
  // (which ignores bench/.work) does not hide the specs from tools that honour it.
  if (!existsSync(join(root, '.git'))) {
    try {
      execFileSync('git', ['init', '--quiet', root], { stdio: 'ignore' });
    } catch {
      mkdirSync(join(root, '.git'));
    }
  }
  const { files, bytes } = JSON.parse(readFileSync(summary, 'utf8')) as { files: number; bytes: number };
  return { dir: root, files, bytes };
}

/** A short description of the corpora, for RESULTS.md. */
export function describeCorpus(): Section {
  const docs = ensureCorpus();
  const workspace = ensureWorkspace();
  const rows = docs.map((doc) => {
    const lines = doc.text.split('\n');
    const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length;
    return [
      doc.label,
      `${Buffer.byteLength(doc.text, 'utf8').toLocaleString('en-US')}`,
      String(lines.length),
      String(count(/^#{2,4} /)),
      String(count(/^\s*\|/)),
      String(count(/^\s*- \[[ x]\]/)),
      String(count(/^ {0,3}(```|~~~)/) >> 1),
      String(count(/<!--/)),
    ];
  });
  return {
    title: 'Corpus',
    intro:
      'Generated deterministically (seeded) from the five filled seed specs and the five unfilled templates: ' +
      'front matter, an H1, then H2 sections taken from the seeds, renumbered and renamed, with ids, numbers and ' +
      'extra prose varied; about one section in seven comes from an unfilled template, so each document has ' +
      'placeholders and empty sections to report. Every tool reads the same files.',
    tables: [
      {
        header: ['document', 'bytes', 'lines', 'H2–H4', 'table rows', 'task items', 'fences', 'HTML comments'],
        rows,
      },
    ],
    notes: [
      `Workspace: ${workspace.files.toLocaleString('en-US')} specs under docs/specs/ (25 folders), sizes log-uniform in 2–20 KB, ` +
        `${(workspace.bytes / (1024 * 1024)).toFixed(1)} MiB in all.`,
    ],
  };
}

if (isMain(__filename)) {
  const started = performance.now();
  const section = describeCorpus();
  process.stdout.write(`${JSON.stringify(section.tables[0]?.rows)}\n${section.notes.join('\n')}\n`);
  progress(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
