// Extension activation in a real VS Code: the test/editor infrastructure (code-server's VS Code
// server, headless Chromium, the `runTests` shim) starts a fresh window per run with the
// extension under development and test/editor/activation-probe as the extension-test entry.
// The probe opens a spec (as soon as the window has started, or once it has settled) and waits
// for its first diagnostics; `activate` reports when it was called and when it returned. Both
// read `performance.now()` in the same extension host, so the readings share a clock; the
// server's own marks (SPECWRIGHT_STARTUP_TIMING) are lined up with it through the epoch.
// Usage: node --import tsx bench/activation.ts [--full] [--baseline <another build's extension folder>] [--extension <the build to measure>]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ActivationSample } from '../test/editor/activation-probe/index';
import { isMain, median, ms, percentile, progress, ROOT, runAlone, type RunOptions, type Section } from './util';

const SHIM = join(ROOT, 'test/editor/code-server-shim.mjs');
const FIXTURE = join(ROOT, 'test/fixtures/editor-workspace');
const SPEC = 'specs/checkout.md';
const LOGS = join(ROOT, 'test-results/bench-activation');
/** Windows started per way of opening the spec, after one warmup window that is not counted. */
const RUNS = { quick: 5, full: 20 } as const;
const WARMUP = 1;
/** When the spec is opened in a window (see the probe); the warmup window opens it at once. */
const MODES = ['at-once', 'settled'] as const;
const LABEL = { 'at-once': 'opened at once', settled: 'opened once settled' } as const;
const SETTLE_S = 10;
/** The goal: from opening the first spec in a new window to its first diagnostics. */
const TARGET_MS = 1500;

type Marks = Map<string, number> | undefined;
/** A server mark on the extension host's clock. */
const at = (sample: ActivationSample, server: Marks, name: string): number => (server?.get(name) ?? Number.NaN) - sample.timeOrigin;
const since = (sample: ActivationSample, server: Marks, from: string, to: string): number => at(sample, server, to) - at(sample, server, from);

/** The rows of the table: each measure of one window. */
const STEPS: readonly [string, (sample: ActivationSample, server: Marks) => number | undefined][] = [
  ['extension host started → the probe runs (the window has started)', (s) => s.probeStart],
  ['extension host started → `activate` called (activation event, dist/client.js loaded)', (s) => s.activateStart],
  ['spec opened → `activate` called (negative: before it was opened)', (s) => s.activateStart - s.opened],
  ['`activate` called → returned (registrations; `client.start()` called)', (s) => s.activateEnd - s.activateStart],
  ['`activate` returned → server process started', (s, m) => at(s, m, 'process start') - s.activateEnd],
  ['→ Node started (bootstrap complete)', (s, m) => since(s, m, 'process start', 'node started')],
  ['→ server bundle read and evaluated', (s, m) => since(s, m, 'node started', 'loaded')],
  ['→ initialize received', (s, m) => since(s, m, 'loaded', 'initialize')],
  ['→ initialized received (initialize answered)', (s, m) => since(s, m, 'initialize', 'initialized')],
  ['spec opened → its editor shown (VS Code alone: `showTextDocument` resolved)', (s) => (s.shown ?? Number.NaN) - s.opened],
  ['spec opened → initialized received (negative: before it was opened)', (s, m) => at(s, m, 'initialized') - s.opened],
  ['spec opened → didOpen received', (s, m) => at(s, m, 'didOpen') - s.opened],
  // The first check's steps, counted from didOpen: it begins with the first pull request, which follows didOpen or waits for the spec's editor to show.
  ['didOpen → workspace IDs (index snapshot: the spec parsed, settings pulled)', (s, m) => since(s, m, 'didOpen', 'workspace ids')],
  ['→ trace context', (s, m) => since(s, m, 'workspace ids', 'trace')],
  ['→ settings', (s, m) => since(s, m, 'trace', 'settings')],
  ['→ spec parsed', (s, m) => since(s, m, 'settings', 'parsed')],
  ['→ templates (read and parsed the first time)', (s, m) => since(s, m, 'parsed', 'templates')],
  ["→ conventions (the workspace folder's own, read the first time)", (s, m) => since(s, m, 'templates', 'conventions')],
  ['→ rules run (the check done)', (s, m) => since(s, m, 'conventions', 'linted')],
  ['didOpen → first diagnostic request (pull: sent once the editor shows the spec)', (s, m) => since(s, m, 'didOpen', 'diagnostic request')],
  ['first diagnostic request → answered', (s, m) => since(s, m, 'diagnostic request', 'diagnostic answered')],
  ["→ diagnostics in the extension host's collection (sent on to the editor at once)", (s, m) => (s.firstCollected ?? Number.NaN) - at(s, m, 'diagnostic answered')],
  ['→ extensions told (`onDidChangeDiagnostics`, debounced 50 ms by VS Code)', (s) => s.firstDiagnostics - (s.firstCollected ?? Number.NaN)],
  ["didOpen received → diagnostics in the extension host's collection", (s, m) => (s.firstCollected ?? Number.NaN) - at(s, m, 'didOpen')],
  ["spec opened → its first Specwright diagnostics in the extension host's collection", (s) => (s.firstCollected ?? Number.NaN) - s.opened],
  ['**spec opened → first Specwright diagnostics (`onDidChangeDiagnostics`)**', (s) => s.firstDiagnostics - s.opened],
];
const RUN_TIMEOUT_MS = 90_000;

/** Starts one window through the shim and resolves once it has exited. */
function window(args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SHIM, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the window exited with ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')} (logs: ${LOGS})`));
    });
  });
}

function unavailable(reason: string): Section[] {
  return [{ title: 'Extension activation', intro: `Not measured: ${reason}.`, tables: [], notes: [] }];
}

export async function run({ mode }: RunOptions): Promise<Section[]> {
  if (!existsSync(join(ROOT, 'dist/client.js')) || !existsSync(join(ROOT, 'dist/server.js'))) {
    return unavailable('dist/client.js or dist/server.js is missing (build first)');
  }
  // The shim explains what is missing (code-server, Chromium) when setup has not run.
  const probe = join(ROOT, 'out/test/editor/activation-probe/index.js');
  execFileSync(process.execPath, [join(ROOT, 'test/editor/build.mjs'), 'activation-probe'], { cwd: ROOT, stdio: 'ignore' });

  const base = tmpdir().length <= 32 ? tmpdir() : '/tmp';
  const root = mkdtempSync(join(base, 'swb-'));
  const results = join(root, 'activation.jsonl');
  const timing = join(root, 'server-timing.log');
  const workspace = join(root, 'workspace');
  const runs = RUNS[mode];
  try {
    cpSync(FIXTURE, workspace, { recursive: true });
    mkdirSync(LOGS, { recursive: true });
    // User data and extension folders are kept from run to run, as on a machine where
    // VS Code has been started before; the server, the window and the extension host are new.
    const baseline = baselineFromArgs();
    const builds = [...(baseline ? [{ label: 'baseline', path: baseline }] : []), { label: baseline ? 'this build' : '', path: extensionFromArgs() ?? ROOT }];
    const args = (extension: string) => [
      workspace,
      `--extensionDevelopmentPath=${extension}`,
      `--extensionTestsPath=${probe}`,
      `--user-data-dir=${join(root, 'user-data')}`,
      `--extensions-dir=${join(root, 'extensions')}`,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ];
    const env = {
      ...process.env,
      SPECWRIGHT_BENCH_ACTIVATION: results,
      SPECWRIGHT_EDITOR_LOGS: LOGS,
      // The language server appends its timing marks here (milliseconds since the epoch).
      SPECWRIGHT_STARTUP_TIMING: timing,
      SPECWRIGHT_EDITOR_TIMEOUT_MS: String(RUN_TIMEOUT_MS),
      EXTENSIONS_GALLERY: '{}',
    };
    // The ways of opening (and the builds, with --baseline) alternate, so that all see the same load.
    const variants = MODES.flatMap((open) => builds.map((build) => ({ open, build })));
    const order = [...Array.from({ length: WARMUP }, () => variants[variants.length - 1]!), ...Array.from({ length: runs }, () => variants).flat()];
    for (const [i, variant] of order.entries()) {
      const what = `spec opened ${variant.open}${variant.build.label ? `, ${variant.build.label}` : ''}`;
      progress(`activation: window ${i + 1} of ${order.length}, ${what}${i < WARMUP ? ' (warmup)' : ''}`);
      await window(args(variant.build.path), { ...env, SPECWRIGHT_BENCH_OPEN: variant.open });
    }
    const all = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ActivationSample);
    if (all.length !== order.length) throw new Error(`expected ${order.length} samples, found ${all.length}`);
    // One server process per window, in order (the warmup window's came first).
    const servers = serverMarks(existsSync(timing) ? readFileSync(timing, 'utf8') : '');
    const windows = all.map((sample, i) => ({ sample, server: servers.length === all.length ? servers[i] : undefined, variant: order[i]! })).slice(WARMUP);
    const byVariant = variants.map((variant) => windows.filter((w) => w.variant === variant));
    const name = (variant: (typeof variants)[number]) => `${LABEL[variant.open]}${variant.build.label ? ` (${variant.build.label})` : ''}`;
    const atOnce = byVariant[builds.length - 1]!.map((w) => w.sample.firstDiagnostics - w.sample.opened);
    const header = ['measure', ...variants.flatMap((variant) => (baseline ? [name(variant)] : [`${name(variant)}: median`, 'p95'])), 'n'];
    const rows = STEPS.map(([label, measure]) => {
      const cells = byVariant.flatMap((list) => {
        const values = list.flatMap((w) => {
          const value = measure(w.sample, w.server);
          return value === undefined || !Number.isFinite(value) ? [] : [value];
        });
        if (values.length === 0) return baseline ? ['–'] : ['–', '–'];
        return baseline ? [ms(median(values))] : [ms(median(values)), ms(percentile(values, 95))];
      });
      return [label, ...cells, String(Math.min(...byVariant.map((list) => list.length)))];
    });
    const active = byVariant.map((list, i) => `${name(variants[i]!)}: Specwright active before the spec was opened in ${list.filter((w) => w.sample.activeBeforeOpen).length} of ${list.length} windows.`);
    return [
      {
        title: 'Extension activation',
        intro:
          `VS Code's server from code-server (test/editor infrastructure), one new server, browser window and extension host per run ` +
          `(${WARMUP} warmup run not counted), the extension under development from \`dist/\`. In each window \`${SPEC}\` of ` +
          '`test/fixtures/editor-workspace` (a workspace with a `specs/` folder) is opened, either at once, as soon as the window has started ' +
          'and the extension-test entry runs, or once it has settled: Specwright has activated by itself and its server has started ' +
          `(or, when nothing activated it, after ${SETTLE_S} s). The two kinds of window alternate. \`activate\` records \`performance.now()\` ` +
          "when called and before returning, the probe when it opened the spec and when Specwright's first diagnostics for it arrived, all in " +
          "the same extension host, whose start is the zero of its clock; the server's rows come from its own marks " +
          '(SPECWRIGHT_STARTUP_TIMING, milliseconds since the epoch, on the same machine), each from the row before unless it says otherwise.',
        tables: [{ header, rows }],
        notes: [
          ...active,
          'A negative median means the step came before the spec was opened; – means a mark was missing.',
          "These are code-server numbers: the workbench runs in headless Chromium and the extension in the server's Node extension host, " +
            'as in desktop Remote development. Desktop VS Code (local extension host, Electron) gives different absolute times; ' +
            'there, Developer: Show Running Extensions lists its own activation times.',
          'With few runs p95 is close to the slowest run; n is shown.',
        ],
        checks: [
          {
            target: `a spec opened as a new window starts → its first diagnostics < ${TARGET_MS} ms (code-server)`,
            measured: ms(median(atOnce)),
            pass: median(atOnce) < TARGET_MS,
          },
        ],
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** `--baseline <folder>`: another build of the extension (its package.json, dist/ and templates/), run in windows interleaved with this one's. */
function baselineFromArgs(argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf('--baseline');
  return index === -1 ? undefined : resolve(argv[index + 1] ?? '');
}

/** `--extension <folder>`: the build to measure, when not this repository's (a copy, say, so that dist/ may change meanwhile). */
function extensionFromArgs(argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf('--extension');
  return index === -1 ? undefined : resolve(argv[index + 1] ?? '');
}

/** The server's marks (milliseconds since the epoch) of each server process, in the order they started. */
function serverMarks(log: string): Map<string, number>[] {
  const byPid = new Map<string, Map<string, number>>();
  for (const match of log.matchAll(/^specwright-timing (.+) ([\d.]+) pid (\d+)$/gm)) {
    const marks = byPid.get(match[3] as string) ?? new Map<string, number>();
    marks.set(match[1] as string, Number(match[2]));
    byPid.set(match[3] as string, marks);
  }
  // By each process's first mark (builds without a `process start` mark have `loaded` first).
  return [...byPid.values()].sort((a, b) => Math.min(...a.values()) - Math.min(...b.values()));
}

if (isMain(__filename)) runAlone(run);
