// Cold start to first diagnostics, over real stdio: the language server is spawned
// (`node dist/server.js --stdio`), sent initialize / initialized and the didOpen of a
// seed spec, and timed until that spec's first publishDiagnostics. Each phase is read
// from timing marks the server writes to stderr when SPECWRIGHT_STARTUP_TIMING=1 (in
// milliseconds since its process started): `node started` (Node's bootstrap complete),
// `loaded` (bundle read and evaluated), `initialize`, `initialized`, `didOpen`, then the
// first check's steps (workspace IDs, trace, settings, the spec parsed, templates,
// conventions, rules run) and `published`. Two
// workspaces: one holding nothing else, and the generated one of 300 specs (the walk of
// the workspace index must not slow the first check). The spec is opened from memory,
// not written to either workspace. `--baseline <server.js>` also runs another build of
// the server, interleaved with this one, for a before/after comparison in one run.
// Usage: node --import tsx bench/cold-start.ts [--full] [--baseline <path>]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWorkspace } from './corpus';
import { LspClient, SPECWRIGHT_SERVER, type ServerSpec } from './lsp-client';
import { isMain, median, ms, progress, ROOT, runAlone, WORK, type RunOptions, type Section } from './util';

/** Cold starts per workspace and server; the median is reported. */
const RUNS = { quick: 7, full: 21 } as const;
const TIMEOUT_MS = 60_000;
const SEED = join(ROOT, 'test/fixtures/seeds/unfilled/000-feature-spec.md');
/** The first check's steps, in order, as the server marks them. */
const MARKS = [
  'node started',
  'loaded',
  'initialize',
  'initialized',
  'didOpen',
  'workspace ids',
  'trace',
  'settings',
  'parsed',
  'templates',
  'conventions',
  'linted',
  'published',
] as const;
/** The goal: from didOpen of the first spec to its diagnostics, on a loaded 2-core machine. */
const TARGET_MS = 1500;

interface Sample {
  /** Client clock: spawn → initialize answer, spawn → diagnostics, didOpen → diagnostics. */
  readonly initializeMs: number;
  readonly totalMs: number;
  readonly openToDiagnosticsMs: number;
  /** Server clock (since its process started), per mark. */
  readonly marks: Partial<Record<(typeof MARKS)[number], number>>;
}

async function coldStart(server: ServerSpec, workspace: string, uri: string, text: string): Promise<Sample> {
  const before = process.env.SPECWRIGHT_STARTUP_TIMING;
  process.env.SPECWRIGHT_STARTUP_TIMING = '1';
  const spawned = performance.now();
  let client: LspClient;
  try {
    client = await LspClient.start(server, workspace);
  } finally {
    if (before === undefined) delete process.env.SPECWRIGHT_STARTUP_TIMING;
    else process.env.SPECWRIGHT_STARTUP_TIMING = before;
  }
  try {
    const initializeMs = performance.now() - spawned;
    const opened = performance.now();
    const first = await client.open(uri, text, TIMEOUT_MS);
    const totalMs = opened - spawned + first.ms;
    const marks: Sample['marks'] = {};
    for (const match of client.stderr.join('').matchAll(/^specwright-timing (.+) ([\d.]+)$/gm)) {
      const name = match[1] as (typeof MARKS)[number];
      if (MARKS.includes(name)) marks[name] = Number(match[2]);
    }
    return { initializeMs, totalMs, openToDiagnosticsMs: first.ms, marks };
  } finally {
    await client.stop();
  }
}

/** How long Node itself takes to start and exit with nothing to do: the floor under `loaded`. */
function bareNode(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  return median(times);
}

function baselineFromArgs(argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf('--baseline');
  return index === -1 ? undefined : resolve(argv[index + 1] ?? '');
}

export async function run({ mode }: RunOptions): Promise<Section[]> {
  const runs = RUNS[mode];
  const text = readFileSync(SEED, 'utf8');
  const empty = join(WORK, 'cold-start');
  mkdirSync(join(empty, 'docs', 'specs'), { recursive: true });
  const workspaces = [
    { name: 'nothing else', dir: empty },
    { name: '300 specs', dir: ensureWorkspace(300).dir },
  ];
  const baseline = baselineFromArgs();
  const servers: { label: string; spec: ServerSpec }[] = [
    ...(baseline ? [{ label: 'baseline', spec: { name: 'baseline', args: [baseline, '--stdio'] } }] : []),
    { label: baseline ? 'this build' : 'Specwright', spec: SPECWRIGHT_SERVER },
  ];
  const samples = new Map<string, Sample[]>();
  for (const workspace of workspaces) {
    const uri = pathToFileURL(join(workspace.dir, 'docs', 'specs', 'cold-start-seed.md')).href;
    for (let i = 0; i < runs; i++) {
      progress(`cold start: ${workspace.name}, run ${i + 1} of ${runs}`);
      // Interleaved, so that both servers see the same load.
      for (const server of servers) {
        const key = `${server.label}\u0000${workspace.name}`;
        samples.set(key, [...(samples.get(key) ?? []), await coldStart(server.spec, workspace.dir, uri, text)]);
      }
    }
  }
  const node = bareNode(runs);
  const phase = (list: readonly Sample[], from: (typeof MARKS)[number] | undefined, to: (typeof MARKS)[number]): string => {
    const values = list.flatMap((sample) => {
      const end = sample.marks[to];
      const start = from === undefined ? 0 : sample.marks[from];
      return end === undefined || start === undefined ? [] : [end - start];
    });
    return values.length === 0 ? '–' : ms(median(values));
  };
  const columns = [...samples.keys()];
  const cell = (key: string) => samples.get(key) as Sample[];
  const rows: string[][] = [
    ['Node started (process start → bootstrap complete)', ...columns.map((key) => phase(cell(key), undefined, 'node started'))],
    ['→ bundle read and evaluated (`loaded`)', ...columns.map((key) => phase(cell(key), 'node started', 'loaded'))],
    ['→ initialize received', ...columns.map((key) => phase(cell(key), 'loaded', 'initialize'))],
    ['→ initialized received (initialize answered)', ...columns.map((key) => phase(cell(key), 'initialize', 'initialized'))],
    ['→ didOpen received', ...columns.map((key) => phase(cell(key), 'initialized', 'didOpen'))],
    ['→ workspace IDs (index snapshot: the spec parsed, settings pulled)', ...columns.map((key) => phase(cell(key), 'didOpen', 'workspace ids'))],
    ['→ trace context', ...columns.map((key) => phase(cell(key), 'workspace ids', 'trace'))],
    ['→ settings', ...columns.map((key) => phase(cell(key), 'trace', 'settings'))],
    ['→ spec parsed', ...columns.map((key) => phase(cell(key), 'settings', 'parsed'))],
    ['→ templates (read and parsed the first time)', ...columns.map((key) => phase(cell(key), 'parsed', 'templates'))],
    ['→ conventions (the workspace folder\'s own, read the first time)', ...columns.map((key) => phase(cell(key), 'templates', 'conventions'))],
    ['→ rules run', ...columns.map((key) => phase(cell(key), 'conventions', 'linted'))],
    ['→ diagnostics published', ...columns.map((key) => phase(cell(key), 'linted', 'published'))],
    ['spawn → initialize answer (client)', ...columns.map((key) => ms(median(cell(key).map((sample) => sample.initializeMs))))],
    ['**didOpen → first diagnostics (client)**', ...columns.map((key) => `**${ms(median(cell(key).map((sample) => sample.openToDiagnosticsMs)))}**`)],
    ['**spawn → first diagnostics (client)**', ...columns.map((key) => `**${ms(median(cell(key).map((sample) => sample.totalMs)))}**`)],
  ];
  const mine = samples.get(`${servers[servers.length - 1]!.label}\u0000${workspaces[0]!.name}`) ?? [];
  const spawnToDiagnostics = median(mine.map((sample) => sample.totalMs));
  return [
    {
      title: 'Cold start to first diagnostics',
      intro:
        `A new server process per run (\`node dist/server.js --stdio\`, ${runs} runs per column, medians), initialize, initialized and ` +
        'the didOpen of a seed spec (test/fixtures/seeds/unfilled/000-feature-spec.md, opened from memory), until its first ' +
        'publishDiagnostics. Phases come from the server\'s own marks (SPECWRIGHT_STARTUP_TIMING=1), each from the mark before; ' +
        `the client's totals include the pipes. Node starting and exiting with nothing to do takes ${ms(node)} here.`,
      tables: [{ header: ['phase (median)', ...columns.map((key) => key.replace('\u0000', ', '))], rows }],
      notes: [
        'In an editor the extension host starts the server after activating the extension; the editor-activation part measures that path.',
      ],
      checks: [
        {
          target: `spawn of the server → first diagnostics of the first spec < ${TARGET_MS} ms`,
          measured: ms(spawnToDiagnostics),
          pass: spawnToDiagnostics < TARGET_MS,
        },
      ],
    },
  ];
}

if (isMain(__filename)) runAlone(run);
