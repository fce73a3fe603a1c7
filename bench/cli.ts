// The command line: `specwright lint <folder>` against markdownlint-cli2 on the same
// generated workspace of specs. Wall time (measured around the child process) and peak
// RSS (`/usr/bin/time -v` when present, else the child's own maxRSS reported at exit).
// Quick mode uses the first 500 of the 5,000 specs; full mode all of them.
// Usage: node --import tsx bench/cli.ts [--full]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWorkspace, WORKSPACE_FILES, type Workspace } from './corpus';
import { bytes, isMain, median, ms, progress, ratio, ROOT, runAlone, WORK, type RunOptions, type Section } from './util';

const TIME = '/usr/bin/time';
const SPECWRIGHT_CLI = join(ROOT, 'dist/cli.js');
const MARKDOWNLINT_CLI2 = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const RSS_HOOK = join(WORK, 'maxrss-hook.cjs');
/** Quick mode lints the first this many specs of the workspace. */
const QUICK_FILES = 300;

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

interface RunResult {
  readonly stdout: string;
  readonly ms: number;
  readonly peakRss: number | undefined;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs `node <args>` in `cwd`: stdout collected, stderr drained (its head kept for errors). */
function runOnce(args: readonly string[], cwd: string): Promise<RunResult> {
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
      if (existsSync(report)) {
        const text = readFileSync(report, 'utf8');
        const kb = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] : text.trim();
        if (kb) peakRss = Number(kb) * 1024;
        rmSync(report, { force: true });
      }
      resolve({ ms: elapsed, peakRss, code, stderr, stdout: Buffer.concat(stdout).toString('utf8') });
    });
  });
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
  mkdirSync(WORK, { recursive: true });
  writeFileSync(
    RSS_HOOK,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  warmFileCache(workspace.dir);
  // One run per tool: a run over the whole workspace takes minutes on two cores.
  const runs = 1;
  const rows: string[][] = [];
  const medians = new Map<string, number>();
  const notes: string[] = [];
  for (const tool of TOOLS) {
    if (!tool.available()) {
      rows.push([tool.name, 'not available', '', '', '', '', '']);
      continue;
    }
    const times: number[] = [];
    const peaks: number[] = [];
    let reported: { files?: number; findings?: number } = {};
    let failure: string | undefined;
    for (let i = 0; i < runs; i++) {
      progress(`cli: ${tool.name}, run ${i + 1} of ${runs} on ${workspace.files} files`);
      const result = await runOnce(tool.args(workspace), workspace.dir);
      if (result.code === null || !tool.okCodes.includes(result.code)) {
        failure = `exit code ${result.code}: ${result.stderr.trim().split('\n').slice(0, 3).join(' ')}`;
        break;
      }
      times.push(result.ms);
      reported = tool.summary(result.stdout);
      if (result.peakRss !== undefined) peaks.push(result.peakRss);
    }
    if (failure) {
      rows.push([tool.name, 'failed', '', '', '', '', '']);
      notes.push(`${tool.name} failed: ${failure}`);
      continue;
    }
    const wall = median(times);
    medians.set(tool.name, wall);
    rows.push([
      tool.name,
      ms(wall),
      ms(wall / workspace.files),
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
  if (!full) notes.push(`Quick mode: the first ${count} of the ${WORKSPACE_FILES.toLocaleString('en-US')} generated specs (same generator and seeds); \`npm run bench:full\` runs all of them.`);
  return [
    {
      title: 'CLI on a workspace of specs',
      intro:
        `Both tools lint the same ${workspace.files.toLocaleString('en-US')} specs (${bytes(workspace.bytes)}) under \`docs/specs/\`, ` +
        'run as `node <cli>` from the workspace folder (its own Git working tree), stdout collected by the benchmark, after one read of every file to warm the ' +
        'file-system cache. Specwright: `lint <folder> --format json`; markdownlint-cli2: `"**/*.md"`, default rules. ' +
        `Wall time is measured around the child process (${runs === 1 ? 'one run per tool' : `median of ${runs} runs`}); peak RSS is the ` +
        `${existsSync(TIME) ? '`/usr/bin/time -v` maximum resident set size' : 'maxRSS the child reports at exit'}. Exit codes 0 and 1 are normal.`,
      tables: [{ header: ['tool', runs === 1 ? 'wall time' : 'wall time (median)', 'per file', 'peak RSS', 'runs', 'files checked', 'findings'], rows }],
      notes,
    },
  ];
}

if (isMain(__filename)) runAlone(run);
