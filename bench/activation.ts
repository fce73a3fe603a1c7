// Extension activation in a real VS Code: the test/editor infrastructure (code-server's VS Code
// server, headless Chromium, the `runTests` shim) starts a fresh window per run with the
// extension under development and test/editor/activation-probe as the extension-test entry.
// The probe opens a spec while Specwright is not yet active and waits for its first
// diagnostics; `activate` reports when it was called and when it returned. Both read
// `performance.now()` in the same extension host, so the readings share a clock.
// Usage: node --import tsx bench/activation.ts [--full]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActivationSample } from '../test/editor/activation-probe/index';
import { isMain, median, ms, percentile, progress, ROOT, runAlone, type RunOptions, type Section } from './util';

const SHIM = join(ROOT, 'test/editor/code-server-shim.mjs');
const FIXTURE = join(ROOT, 'test/fixtures/editor-workspace');
const SPEC = 'specs/checkout.md';
const LOGS = join(ROOT, 'test-results/bench-activation');
/** Windows started per mode; the first one of each is a warmup and not counted. */
const RUNS = { quick: 5, full: 20 } as const;
const WARMUP = 1;
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
    const args = [
      workspace,
      `--extensionDevelopmentPath=${ROOT}`,
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
    for (let i = 0; i < WARMUP + runs; i++) {
      progress(`activation: window ${i + 1} of ${WARMUP + runs}${i < WARMUP ? ' (warmup)' : ''}`);
      await window(args, env);
    }
    const samples = readFileSync(results, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ActivationSample)
      .slice(WARMUP);
    if (samples.length !== runs) throw new Error(`expected ${runs} samples, found ${samples.length}`);

    const measures: [string, (s: ActivationSample) => number][] = [
      ['spec opened → `activate` called (VS Code: activation event, loading dist/client.js)', (s) => s.activateStart - s.opened],
      ['`activate` called → returned (registrations; the language server starts in the background)', (s) => s.activateEnd - s.activateStart],
      ['spec opened → first Specwright diagnostics (all of the above, then the first check)', (s) => s.firstDiagnostics - s.opened],
    ];
    const rows = measures.map(([label, measure]) => {
      const values = samples.map(measure);
      return [label, ms(median(values)), ms(percentile(values, 95)), String(values.length)];
    });
    rows.push(...serverPhases(samples, existsSync(timing) ? readFileSync(timing, 'utf8') : ''));
    return [
      {
        title: 'Extension activation',
        intro:
          `VS Code's server from code-server (test/editor infrastructure), one new server, browser window and extension host per run ` +
          `(${WARMUP} warmup run not counted), the extension under development from \`dist/\`. In each window \`${SPEC}\` of ` +
          '`test/fixtures/editor-workspace` is opened while Specwright is not active (it activates on `onLanguage:markdown`); ' +
          '`activate` records `performance.now()` when called and before returning, the probe when it opened the spec and when ' +
          "Specwright's first diagnostics for it arrived, all in the same extension host.",
        tables: [{ header: ['measure', 'median', 'p95', 'n'], rows }],
        notes: [
          '`activate` does not wait for the language server: it starts `dist/server.js` (Node, IPC) and returns, so the server start and the LSP initialize handshake count in the time to first diagnostics.',
          "These are code-server numbers: the workbench runs in headless Chromium and the extension in the server's Node extension host, " +
            'as in desktop Remote development. Desktop VS Code (local extension host, Electron) gives different absolute times; ' +
            'there, Developer: Show Running Extensions lists its own activation times.',
          'With few runs p95 is close to the slowest run; n is shown.',
        ],
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The server's marks in each window (one server process per window, in order), as rows from the spec being opened. */
function serverPhases(samples: readonly ActivationSample[], log: string): string[][] {
  const byPid = new Map<string, Map<string, number>>();
  for (const match of log.matchAll(/^specwright-timing (.+) ([\d.]+) pid (\d+)$/gm)) {
    const marks = byPid.get(match[3] as string) ?? new Map<string, number>();
    marks.set(match[1] as string, Number(match[2]));
    byPid.set(match[3] as string, marks);
  }
  // The warmup window's server came first.
  const servers = [...byPid.values()].slice(WARMUP);
  if (servers.length !== samples.length || samples.some((sample) => sample.timeOrigin === undefined)) return [];
  const steps: [string, string][] = [
    ['loaded', 'spec opened → server process started, bundle loaded (`loaded`)'],
    ['initialize', '→ initialize received'],
    ['didOpen', '→ didOpen received'],
    ['diagnostic request', '→ first diagnostic request (pull)'],
    ['diagnostic answered', '→ answered (first check: templates read, rules run)'],
  ];
  const rows: string[][] = [];
  let previous: string | undefined;
  for (const [name, label] of steps) {
    const values = samples.flatMap((sample, i) => {
      const marks = servers[i] as Map<string, number>;
      const at = marks.get(name);
      const from = previous === undefined ? sample.timeOrigin + sample.opened : marks.get(previous);
      return at === undefined || from === undefined ? [] : [at - from];
    });
    if (values.length > 0) rows.push([label, ms(median(values)), ms(percentile(values, 95)), String(values.length)]);
    previous = name;
  }
  const last = samples.flatMap((sample, i) => {
    const answered = (servers[i] as Map<string, number>).get('diagnostic answered');
    return answered === undefined ? [] : [sample.timeOrigin + sample.firstDiagnostics - answered];
  });
  if (last.length > 0) rows.push(['→ diagnostics seen by the extension host', ms(median(last)), ms(percentile(last, 95)), String(last.length)]);
  return rows;
}

if (isMain(__filename)) runAlone(run);
