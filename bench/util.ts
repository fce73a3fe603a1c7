// Shared helpers for the benchmarks: paths, a seeded random generator, statistics,
// a time-budgeted sampler, and the result model every part returns.
import { resolve } from 'node:path';

/** The repository root (this file lives in bench/). */
export const ROOT = resolve(__dirname, '..');
/** Generated corpora and scratch folders; ignored by git. */
export const WORK = resolve(ROOT, 'bench/.work');

export type Mode = 'quick' | 'full';

export interface RunOptions {
  readonly mode: Mode;
}

/** One table of results: a header row and rows of already formatted cells. */
export interface Table {
  readonly caption?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What each part of the benchmark returns: printed to the console and written to RESULTS.md. */
export interface Section {
  readonly title: string;
  /** One paragraph saying what was measured and how. */
  readonly intro: string;
  readonly tables: readonly Table[];
  readonly notes: readonly string[];
  /** Targets checked by this part, gathered at the top of RESULTS.md. */
  readonly checks?: readonly Check[];
}

export interface Check {
  readonly target: string;
  readonly measured: string;
  /** undefined when it could not be measured. */
  readonly pass: boolean | undefined;
}

/** `--runs <n>` from the command line, if given. */
export function runsFromArgs(argv: readonly string[] = process.argv): number | undefined {
  const at = argv.indexOf('--runs');
  const value = at >= 0 ? Number(argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The mode from the command line: `--full` for the long run, quick otherwise. */
export function modeFromArgs(argv: readonly string[] = process.argv): Mode {
  return argv.includes('--full') ? 'full' : 'quick';
}

/** Whether the file at `filename` is the script Node was started with. */
export function isMain(filename: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === filename;
}

/** mulberry32: a small, fast, seeded generator, so corpora are the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest-rank percentile; only meaningful with enough samples (callers print n). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface SampleOptions {
  /** Runs made first and thrown away (JIT, caches). */
  readonly warmup: number;
  /** Measured runs made whatever the budget. */
  readonly min: number;
  /** Measured runs at most. */
  readonly max: number;
  /** Stop adding runs (beyond `min`) once the measured runs have taken this long. */
  readonly budgetMs: number;
}

/**
 * Times `run` (milliseconds, `performance.now()`), warmup runs excluded: at least
 * `min` runs, then more until `max` runs or `budgetMs` of measured time.
 */
export async function sample(run: () => unknown, options: SampleOptions): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await run();
  const times: number[] = [];
  let spent = 0;
  while (times.length < options.max && (times.length < options.min || spent < options.budgetMs)) {
    const start = performance.now();
    await run();
    const elapsed = performance.now() - start;
    times.push(elapsed);
    spent += elapsed;
  }
  return times;
}

/** Milliseconds, with precision that suits the magnitude. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** A ratio such as `0.42×` (how many times the anchor's time this is). */
export function ratio(value: number, anchor: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(anchor) || anchor <= 0) return '—';
  const r = value / anchor;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

export function bytes(value: number): string {
  if (value >= 1024 * 1024 * 1024) return `${(value / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(2)} MiB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value} B`;
}

/** A pass/fail mark for a target. */
export function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return 'n/a';
  return pass ? 'pass' : 'FAIL';
}

/** Renders a table as GitHub Markdown (also readable on a terminal). */
export function renderTable(table: Table): string {
  const widths = table.header.map((cell, i) => Math.max(cell.length, ...table.rows.map((row) => (row[i] ?? '').length), 3));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  return [line(table.header), rule, ...table.rows.map(line)].join('\n');
}

/** Renders a section as Markdown. */
export function renderSection(section: Section): string {
  const parts = [`## ${section.title}`, section.intro];
  for (const table of section.tables) {
    if (table.caption) parts.push(table.caption);
    parts.push(renderTable(table));
  }
  if (section.notes.length > 0) parts.push(section.notes.map((note) => `- ${note}`).join('\n'));
  return parts.join('\n\n');
}

/** Logs progress to stderr so the results on stdout stay clean. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs a part on its own: `node --import tsx bench/<part>.ts [--full]`. */
export function runAlone(run: (options: RunOptions) => Promise<Section[]>): void {
  run({ mode: modeFromArgs() }).then(
    (sections) => {
      process.stdout.write(`${sections.map(renderSection).join('\n\n')}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
