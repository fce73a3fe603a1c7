// The command line on real documents: each labelled corpus under test/ (spec-kit, Kiro,
// OpenSpec, ADRs, RFCs and KEPs other people wrote) laid out where the documents live in
// their repositories, linted as a user lints them, against markdownlint-cli2 on the same
// files. A corpus is about the size of a team's spec folder (40–55 documents), so this is
// the time a user waits for `specwright lint` in CI, start-up included.
// Usage: node --import tsx bench/real-documents.ts [--full] [--runs <n>]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runOnce, writeRssHook } from './cli';
import { bytes, isMain, median, ms, progress, ratio, ROOT, runAlone, runsFromArgs, WORK, type Check, type RunOptions, type Section } from './util';

/** The command as a project installs it: the bundle, loaded with V8's code cache kept between runs. */
const SPECWRIGHT_CLI = join(ROOT, 'bin/specwright.js');
const SPECWRIGHT_BUNDLE = join(ROOT, 'dist/cli.js');
const MARKDOWNLINT_CLI2 = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
/** Runs per tool and corpus (the median is reported), unless `--runs <n>` says otherwise. */
const RUNS = { quick: 5, full: 11 } as const;
/** The most a corpus of real documents may take to lint, start-up included. */
const BUDGET_MS = 2000;

interface Labelled {
  readonly file: string;
  readonly repository: string;
  readonly path: string;
}

interface Laid {
  readonly name: string;
  readonly dir: string;
  /** Paths relative to `dir`, as the CLI is given them. */
  readonly files: string[];
  readonly bytes: number;
}

/** The labelled corpora under test/, each with a labels.json. */
function corpora(): string[] {
  return readdirSync(join(ROOT, 'test'))
    .filter((name) => name.startsWith('corpus') && existsSync(join(ROOT, 'test', name, 'labels.json')))
    .sort((a, b) => (a === 'corpus' ? -1 : b === 'corpus' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
}

/** Copies a corpus's documents to `<work>/<corpus>/<owner>/<repo>/<path>`, as the corpus scorer does, in a Git working tree of its own. */
function layOut(name: string): Laid {
  const source = join(ROOT, 'test', name);
  const dir = join(WORK, 'real-documents', name);
  rmSync(dir, { recursive: true, force: true });
  const labels = JSON.parse(readFileSync(join(source, 'labels.json'), 'utf8')) as { documents: Labelled[] };
  const files: string[] = [];
  let total = 0;
  for (const doc of labels.documents) {
    const relative = `${doc.repository}/${doc.path}`;
    const target = join(dir, relative);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(source, doc.file), target);
    total += statSync(target).size;
    files.push(relative);
  }
  // A repository of its own, as the documents' repositories are: the workspace Specwright
  // reads for IDs and the trace is this corpus, not the repository the benchmark runs in.
  try {
    execFileSync('git', ['init', '--quiet', dir], { stdio: 'ignore' });
  } catch {
    mkdirSync(join(dir, '.git'));
  }
  return { name, dir, files, bytes: total };
}

interface Timing {
  readonly wall: number[];
  readonly cpu: number[];
  readonly peaks: number[];
  findings?: number;
  checked?: number;
  failure?: string;
}

export async function run(options: RunOptions): Promise<Section[]> {
  if (!existsSync(SPECWRIGHT_BUNDLE)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first.');
  writeRssHook();
  // A cache of this run's own, empty at its start: the first run of the build writes it.
  const cache = join(WORK, 'compile-cache');
  rmSync(cache, { recursive: true, force: true });
  process.env.SPECWRIGHT_CACHE_DIR = cache;
  let cold: { name: string; ms: number } | undefined;
  const runs = runsFromArgs() ?? RUNS[options.mode];
  const anchorAvailable = existsSync(MARKDOWNLINT_CLI2);
  const rows: string[][] = [];
  const notes: string[] = [];
  const checks: Check[] = [];
  let slowest: { name: string; wall: number } | undefined;
  for (const name of corpora()) {
    const laid = layOut(name);
    for (const file of laid.files) readFileSync(join(laid.dir, file));
    const specwright: Timing = { wall: [], cpu: [], peaks: [] };
    const anchor: Timing = { wall: [], cpu: [], peaks: [] };
    if (cold === undefined) {
      progress(`real documents: ${name}, the untimed run that writes the code cache`);
      const first = await runOnce([SPECWRIGHT_CLI, 'lint', '--format', 'json', '--no-config', ...laid.files], laid.dir);
      cold = { name, ms: first.ms };
    }
    // The tools take turns, so that load from elsewhere on the machine falls on both alike.
    for (let i = 0; i < runs; i++) {
      progress(`real documents: ${name} (${laid.files.length} documents), run ${i + 1} of ${runs}`);
      if (!specwright.failure) {
        const result = await runOnce([SPECWRIGHT_CLI, 'lint', '--format', 'json', '--no-config', ...laid.files], laid.dir);
        if (result.code !== 0 && result.code !== 1) {
          specwright.failure = `exit code ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' ')}`;
        } else {
          specwright.wall.push(result.ms);
          if (result.cpuMs !== undefined) specwright.cpu.push(result.cpuMs);
          if (result.peakRss !== undefined) specwright.peaks.push(result.peakRss);
          const report = JSON.parse(result.stdout) as { files: unknown[]; summary?: Record<string, number> };
          specwright.checked = report.files.length;
          specwright.findings = ['errors', 'warnings', 'information', 'hints'].reduce((sum, key) => sum + (report.summary?.[key] ?? 0), 0);
        }
      }
      if (anchorAvailable && !anchor.failure) {
        const result = await runOnce([MARKDOWNLINT_CLI2, '**/*.md'], laid.dir);
        if (result.code !== 0 && result.code !== 1) {
          anchor.failure = `exit code ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' ')}`;
        } else {
          anchor.wall.push(result.ms);
          const found = /Summary: (\d+) (?:error|issue)/.exec(result.stdout)?.[1];
          anchor.findings = found === undefined ? 0 : Number(found);
          const checked = /Linting: (\d+) file/.exec(result.stdout)?.[1];
          if (checked !== undefined) anchor.checked = Number(checked);
        }
      }
    }
    if (specwright.failure) notes.push(`${name}: specwright lint failed: ${specwright.failure}`);
    if (anchor.failure) notes.push(`${name}: markdownlint-cli2 failed: ${anchor.failure}`);
    const wall = specwright.wall.length > 0 ? median(specwright.wall) : undefined;
    const anchorWall = anchor.wall.length > 0 ? median(anchor.wall) : undefined;
    if (wall !== undefined && (!slowest || wall > slowest.wall)) slowest = { name, wall };
    if (specwright.checked !== undefined && specwright.checked !== laid.files.length) {
      notes.push(`${name}: Specwright reported ${specwright.checked} files of the ${laid.files.length} it was given.`);
    }
    rows.push([
      `test/${name}`,
      String(laid.files.length),
      bytes(laid.bytes),
      wall === undefined ? 'failed' : ms(wall),
      wall === undefined ? '' : ms(wall / laid.files.length),
      specwright.cpu.length > 0 ? ms(median(specwright.cpu)) : '—',
      specwright.peaks.length > 0 ? bytes(Math.max(...specwright.peaks)) : '—',
      specwright.findings === undefined ? '?' : specwright.findings.toLocaleString('en-US'),
      anchorWall === undefined ? (anchorAvailable ? 'failed' : 'not available') : ms(anchorWall),
      wall === undefined || anchorWall === undefined ? '' : ratio(wall, anchorWall),
    ]);
  }
  checks.push({
    target: `CLI on each corpus of real documents (40–55 documents): median ≤ ${ms(BUDGET_MS)}`,
    measured: slowest ? `slowest ${ms(slowest.wall)} (test/${slowest.name}, ${ratio(slowest.wall, BUDGET_MS)} the target)` : 'not measured',
    pass: slowest ? slowest.wall <= BUDGET_MS : undefined,
  });
  notes.push(
    'A corpus is linted as a CI job lints a spec folder: a new process each run, so the time includes Node’s start-up, loading the bundle, ' +
      'finding the repositories’ templates and checking every document with the rules of its family.',
    'Specwright runs as a project runs it, `bin/specwright.js`, which keeps V8’s code cache of the bundle between runs. The first run of a build writes ' +
      `the cache and is not timed${cold ? ` (test/${cold.name}: ${ms(cold.ms)})` : ''}; every timed run reads it, as a second run, a hook’s or an editor task’s does. ` +
      'A CI job that lints once in a fresh container runs cold.',
  );
  return [
    {
      title: 'CLI on real documents',
      intro:
        'Each labelled corpus under `test/` (documents other people wrote: spec-kit, Kiro, OpenSpec, MADR and Nygard ADRs, RFCs and KEPs) is copied to where its ' +
        'documents live in their repositories, then linted: Specwright with `lint --format json --no-config <every document>`, markdownlint-cli2 with ' +
        `\`"**/*.md"\` (default rules) as the anchor, from the corpus folder, after one read of every file. Wall time is the median of ${runs} runs, ` +
        'the tools taking turns; CPU time and peak RSS as in the CLI part.',
      tables: [
        {
          header: ['corpus', 'documents', 'size', 'Specwright (median)', 'per document', 'CPU time', 'peak RSS', 'findings', 'markdownlint-cli2 (median)', 'Specwright ÷ markdownlint-cli2'],
          rows,
        },
      ],
      notes,
      checks,
    },
  ];
}

if (isMain(__filename)) runAlone(run);
