// The command line: `specwright lint <folder>` against markdownlint-cli2 on the same
// generated workspace of specs. Wall time (measured around the child process), CPU time
// and peak RSS (`/usr/bin/time -v` when present, else the child's own maxRSS and CPU
// time reported at exit). Quick mode uses the first 300 of the 5,000 specs and runs each
// tool three times; full mode all of them, once. The tools take turns run by run.
// Usage: node --import tsx bench/cli.ts [--full] [--runs <n>]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ensureWorkspace, WORKSPACE_FILES, type Workspace } from './corpus';
import { bytes, isMain, median, ms, progress, ratio, ROOT, runAlone, runsFromArgs, WORK, type RunOptions, type Section } from './util';

const TIME = '/usr/bin/time';
const SPECWRIGHT_CLI = join(ROOT, 'dist/cli.js');
const MARKDOWNLINT_CLI2 = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const RSS_HOOK = join(WORK, 'maxrss-hook.cjs');
/** Quick mode lints the first this many specs of the workspace. */
const QUICK_FILES = 300;
/** Runs per tool (the median is reported), unless `--runs <n>` says otherwise. */
const RUNS = { quick: 3, full: 1 } as const;

interface Tool {
  readonly name: string;
  readonly available: () => boolean;
  /** Arguments after `node`, with the workspace as the current directory. */
  readonly args: (workspace: Workspace) => string[];
  /** Exit codes of a normal run (findings or none). */
  readonly okCodes: readonly number[];
  /** What the run reports about itself: files checked and findings, from its stdout. */
  readonly summary: (stdout: string) => { files?: number; findings?: number };
}

const TOOLS: readonly Tool[] = [
  {
    name: 'specwright lint (dist/cli.js)',
    available: () => existsSync(SPECWRIGHT_CLI),
    args: (workspace) => [SPECWRIGHT_CLI, 'lint', workspace.dir, '--format', 'json'],
    okCodes: [0, 1],
    summary: (stdout) => {
      try {
        const report = JSON.parse(stdout) as { summary?: Record<string, number> };
        const summary = report.summary ?? {};
        const findings = ['errors', 'warnings', 'information', 'hints'].reduce((sum, key) => sum + (summary[key] ?? 0), 0);
        return { files: summary.files, findings };
      } catch {
        return {};
      }
    },
  },
  {
    name: 'markdownlint-cli2 (default rules)',
    available: () => existsSync(MARKDOWNLINT_CLI2),
    args: () => [MARKDOWNLINT_CLI2, '**/*.md'],
    okCodes: [0, 1],
    summary: (stdout) => {
      const files = /Linting: (\d+) file/.exec(stdout)?.[1];
      const findings = /Summary: (\d+) (?:error|issue)/.exec(stdout)?.[1];
      return { files: files === undefined ? undefined : Number(files), findings: findings === undefined ? undefined : Number(findings) };
    },
  },
];

export interface RunResult {
  readonly stdout: string;
  readonly ms: number;
  readonly peakRss: number | undefined;
  /** User + system CPU time of the child, in milliseconds (every thread). */
  readonly cpuMs: number | undefined;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs `node <args>` in `cwd`: stdout collected, stderr drained (its head kept for errors). */
export function runOnce(args: readonly string[], cwd: string): Promise<RunResult> {
  const useTime = existsSync(TIME);
  const report = join(WORK, `cli-rss-${process.pid}.txt`);
  rmSync(report, { force: true });
  const command = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-v', '-o', report, process.execPath, ...args] : ['--require', RSS_HOOK, ...args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, argv, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_MAXRSS_FILE: report },
    });
    let stderr = '';
    const stdout: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      let peakRss: number | undefined;
      let cpuMs: number | undefined;
      if (existsSync(report)) {
        const text = readFileSync(report, 'utf8');
        if (useTime) {
          const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1];
          if (kb) peakRss = Number(kb) * 1024;
          const user = /User time \(seconds\): ([\d.]+)/.exec(text)?.[1];
          const system = /System time \(seconds\): ([\d.]+)/.exec(text)?.[1];
          if (user !== undefined && system !== undefined) cpuMs = (Number(user) + Number(system)) * 1000;
        } else {
          const [kb, cpu] = text.trim().split(' ');
          if (kb) peakRss = Number(kb) * 1024;
          if (cpu) cpuMs = Number(cpu);
        }
        rmSync(report, { force: true });
      }
      resolve({ ms: elapsed, peakRss, cpuMs, code, stderr, stdout: Buffer.concat(stdout).toString('utf8') });
    });
  });
}

/** The preload that reports peak RSS and CPU time at exit, where `/usr/bin/time` is missing. */
export function writeRssHook(): void {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(
    RSS_HOOK,
    "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_MAXRSS_FILE, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1000}`); });\n",
  );
}

/** What the runs of one tool measured. */
interface Measured {
  readonly times: number[];
  readonly cpu: number[];
  readonly peaks: number[];
  reported: { files?: number; findings?: number };
  failure?: string;
}

/** Reads every file once so both tools start with the same warm file-system cache. */
function warmFileCache(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) readFileSync(join(entry.parentPath, entry.name));
  }
}

export async function run(options: RunOptions): Promise<Section[]> {
  const full = options.mode === 'full';
  const count = full ? WORKSPACE_FILES : QUICK_FILES;
  const workspace = ensureWorkspace(count);
  writeRssHook();
  warmFileCache(workspace.dir);
  const runs = runsFromArgs() ?? RUNS[options.mode];
  const rows: string[][] = [];
  const medians = new Map<string, number>();
  const notes: string[] = [];
  const available = TOOLS.filter((tool) => tool.available());
  const measured = new Map<Tool, Measured>();
  for (const tool of available) measured.set(tool, { times: [], cpu: [], peaks: [], reported: {} });
  // The tools take turns, so that load from elsewhere on the machine falls on both alike.
  for (let i = 0; i < runs; i++) {
    for (const tool of available) {
      const state = measured.get(tool) as Measured;
      if (state.failure) continue;
      progress(`cli: ${tool.name}, run ${i + 1} of ${runs} on ${workspace.files} files`);
      const result = await runOnce(tool.args(workspace), workspace.dir);
      if (result.code === null || !tool.okCodes.includes(result.code)) {
        state.failure = `exit code ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' ')}`;
        continue;
      }
      state.times.push(result.ms);
      if (result.cpuMs !== undefined) state.cpu.push(result.cpuMs);
      if (result.peakRss !== undefined) state.peaks.push(result.peakRss);
      state.reported = tool.summary(result.stdout);
    }
  }
  for (const tool of TOOLS) {
    const state = measured.get(tool);
    if (!state) {
      rows.push([tool.name, 'not available', '', '', '', '', '', '']);
      continue;
    }
    if (state.failure) {
      rows.push([tool.name, 'failed', '', '', '', '', '', '']);
      notes.push(`${tool.name} failed: ${state.failure}`);
      continue;
    }
    const { times, cpu, peaks, reported } = state;
    const wall = median(times);
    medians.set(tool.name, wall);
    rows.push([
      tool.name,
      ms(wall),
      ms(wall / workspace.files),
      cpu.length > 0 ? ms(median(cpu)) : '—',
      peaks.length > 0 ? bytes(Math.max(...peaks)) : '—',
      String(times.length),
      reported.files === undefined ? '?' : reported.files.toLocaleString('en-US'),
      reported.findings === undefined ? '?' : reported.findings.toLocaleString('en-US'),
    ]);
    if (reported.files !== undefined && reported.files !== workspace.files) {
      notes.push(`${tool.name} checked ${reported.files} files, not the ${workspace.files} in the workspace: its time is not comparable.`);
    }
  }
  const specwright = medians.get(TOOLS[0]?.name as string);
  const anchor = medians.get(TOOLS[1]?.name as string);
  if (specwright !== undefined && anchor !== undefined) {
    notes.unshift(`Specwright ÷ markdownlint-cli2 wall time: ${ratio(specwright, anchor)}.`);
  }
  notes.push(
    `Specwright checks files on one thread per CPU (${availableParallelism()} here; \`SPECWRIGHT_JOBS\` sets the number); markdownlint-cli2 on one. ` +
      'CPU time is user + system time of all the process’s threads, so it shows the cost of the threads as well as the gain.',
  );
  if (!full) notes.push(`Quick mode: the first ${count} of the ${WORKSPACE_FILES.toLocaleString('en-US')} generated specs (same generator and seeds); \`npm run bench:full\` runs all of them.`);
  return [
    {
      title: 'CLI on a workspace of specs',
      intro:
        `Both tools lint the same ${workspace.files.toLocaleString('en-US')} specs (${bytes(workspace.bytes)}) under \`docs/specs/\`, ` +
        'run as `node <cli>` from the workspace folder (its own Git working tree), stdout collected by the benchmark, after one read of every file to warm the ' +
        'file-system cache. Specwright: `lint <folder> --format json`; markdownlint-cli2: `"**/*.md"`, default rules. ' +
        `Wall time is measured around the child process (${runs === 1 ? 'one run per tool' : `median of ${runs} runs, the tools taking turns`}); CPU time and peak RSS are the ` +
        `${existsSync(TIME) ? '`/usr/bin/time -v` user + system time and maximum resident set size' : 'CPU time and maxRSS the child reports at exit'}` +
        `${runs === 1 ? '' : ' (median CPU, highest RSS)'}. Exit codes 0 and 1 are normal.`,
      tables: [{ header: ['tool', runs === 1 ? 'wall time' : 'wall time (median)', 'per file', 'CPU time', 'peak RSS', 'runs', 'files checked', 'findings'], rows }],
      notes,
      checks: [
        {
          target: `CLI on ${workspace.files.toLocaleString('en-US')} specs: at least as fast as markdownlint-cli2`,
          measured: specwright !== undefined && anchor !== undefined ? `${ms(specwright)} vs ${ms(anchor)} (${ratio(specwright, anchor)})` : 'not measured',
          pass: specwright !== undefined && anchor !== undefined ? specwright <= anchor : undefined,
        },
      ],
    },
  ];
}

if (isMain(__filename)) runAlone(run);
