import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../../core/config/settings';
import { isExcludedPath, isSpecFile } from '../../workspace/spec-files';
import { anyOptedInDocument, Checker, displayPathOf, internalErrorReport, type CheckResult, type CheckTask } from './check-file';
import type { Candidate } from './collect';
import { globPath, type ConfigLookup } from './config-lookup';
import type { FileReport } from './report';
import { SharedQueue, workerSetup, type GroupDone } from './worker';
import { familiesForBase } from '../conventions';
import { KeptDocuments } from './kept-documents';
import { needsWorkspace, readWorkspace, type WorkspaceData } from './workspace-context';

export interface LintFilesOptions {
  readonly cwd: string;
  readonly configs: ConfigLookup;
  /** Apply preferred fixes and write the files. */
  readonly fix: boolean;
  /** Called with how many candidates are done, for a progress line; `done === total` at the end. */
  readonly progress?: (done: number, total: number) => void;
  /**
   * Threads to check files on, the main thread included: a number, or `auto` for up to one
   * per available CPU, as many as the amount of Markdown makes worth starting. Default 1.
   */
  readonly threads?: number | 'auto';
  /** The script worker threads run: the bundled CLI, whose entry point starts a worker. Without it, everything runs on the main thread. */
  readonly workerScript?: string;
  /** False leaves the checking to the worker threads while any is running (tests use it to be sure the workers did the work). Default true. */
  readonly checkOnMainThread?: boolean;
}

export interface LintFilesResult {
  /** One report per spec, sorted by display path. */
  readonly reports: FileReport[];
  /** Problems that are not findings (template problems, a rule that crashed), in the order a serial run meets them. */
  readonly notices: string[];
  /** How many groups of files each thread checked: the main thread first. For tests. */
  readonly checkedBy: readonly number[];
}

/**
 * With `threads: 'auto'`, each worker thread needs this much Markdown to check, or it is
 * not started: a worker costs about a second of CPU time to start (loading the code,
 * reading the templates, compiling the parser's hot paths again), about what a third of
 * this takes to check.
 */
const BYTES_PER_WORKER = 1024 * 1024;

/**
 * Checks the candidates that are specs: every explicit file; otherwise files that match
 * `files`/`includeFiles` and not `excludeFiles`, or whose front matter has a
 * `specwright:` key (such files are read to find out, and skipped quietly when they
 * cannot be). Returns one report per spec, in path order, and the notices.
 *
 * With more than one thread, worker threads and the main thread take files from a shared
 * counter; the reports and notices are the same, in the same order, as on one thread.
 * Under `--fix`, all paths of one file on disk (links) go to one thread, in order.
 */
export async function lintFiles(candidates: readonly Candidate[], options: LintFilesOptions): Promise<LintFilesResult> {
  const total = candidates.length;
  options.progress?.(0, total);
  const direct = new Map<number, FileReport>();
  const tasks: CheckTask[] = [];
  const settingsTable: Settings[] = [];
  const settingsIndex = new Map<Settings, number>();
  for (const [index, candidate] of candidates.entries()) {
    try {
      const { settings, base } = options.configs.forFile(candidate.path);
      const path = globPath(base, candidate.path);
      const byPath = candidate.explicit || (candidate.named && !isExcludedPath(path, settings)) || isSpecFile(path, settings, undefined);
      if (candidate.isDirectory) {
        if (byPath) direct.set(index, { path: candidate.path, displayPath: displayPathOf(options.cwd, candidate.path), findings: [], fixed: 0, error: { code: 'directory', message: 'is a folder, not a file' } });
        continue;
      }
      if (!byPath && !isSpecFile(path, settings, anyOptedInDocument())) continue;
      let settingsId = settingsIndex.get(settings);
      if (settingsId === undefined) {
        settingsId = settingsTable.push(settings) - 1;
        settingsIndex.set(settings, settingsId);
      }
      tasks.push({ index, path: candidate.path, byPath, globPath: path, settings: settingsId, base });
    } catch (error) {
      direct.set(index, internalErrorReport(options.cwd, candidate.path, error));
    }
  }
  const groups = options.fix ? groupBySameFile(tasks) : tasks.map((task) => [task]);
  const threads = options.workerScript ? threadCount(options.threads, groups) : 1;
  // On one thread, the files a workspace read parses whole are kept for their check.
  const keep = threads === 1 ? new KeptDocuments(new Set(tasks.map((task) => task.path))) : undefined;
  // The workspaces whose rules look beyond one file, read once each, before any checking.
  const workspaceNotices: string[] = [];
  const workspaces = new Map<string, WorkspaceData>();
  for (const task of tasks) {
    if (workspaces.has(task.base) || !needsWorkspace(settingsTable[task.settings] as Settings)) continue;
    // The folder's own conventions shape its families, for the trace as for each file's check.
    const { families } = await familiesForBase(task.base);
    workspaces.set(task.base, readWorkspace(task.base, options.configs, workspaceNotices, (path) => displayPathOf(options.cwd, path), families, keep));
  }
  let done = total - tasks.length;
  const results = new Map<number, CheckResult>();
  const checkedBy = await runGroups(groups, threads, settingsTable, workspaces, options, keep, (groupResults) => {
    for (const result of groupResults) results.set(result.index, result);
    done += groupResults.length;
    if (done < total) options.progress?.(done, total);
  });
  options.progress?.(total, total);

  // Back in candidate order, as one thread would have met them.
  const reports: FileReport[] = [];
  const notices: string[] = [...workspaceNotices];
  const templateNotices = new Map<string, readonly string[]>();
  for (const result of results.values()) if (result.templates !== undefined && result.templateNotices) templateNotices.set(result.templates, result.templateNotices);
  const reportedTemplates = new Set<string>();
  for (let index = 0; index < total; index++) {
    const result = results.get(index);
    if (result?.templates !== undefined && !reportedTemplates.has(result.templates)) {
      reportedTemplates.add(result.templates);
      notices.push(...(templateNotices.get(result.templates) ?? []));
    }
    if (result) notices.push(...result.notices);
    const report = direct.get(index) ?? result?.report;
    if (report) reports.push(report);
  }
  reports.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
  return { reports, notices, checkedBy };
}

/** Groups tasks by the file on disk they read (device and inode), keeping the order of first appearance. */
function groupBySameFile(tasks: readonly CheckTask[]): CheckTask[][] {
  const groups: CheckTask[][] = [];
  const byFile = new Map<string, CheckTask[]>();
  for (const task of tasks) {
    let stat;
    try {
      stat = statSync(task.path, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    const key = stat ? `${stat.dev}:${stat.ino}` : undefined;
    const group = key === undefined ? undefined : byFile.get(key);
    if (group) group.push(task);
    else {
      const created = [task];
      groups.push(created);
      if (key !== undefined) byFile.set(key, created);
    }
  }
  return groups;
}

function threadCount(requested: LintFilesOptions['threads'], groups: readonly (readonly CheckTask[])[]): number {
  if (requested !== 'auto') return Math.max(1, Math.min(Math.floor(requested ?? 1), groups.length));
  const cpus = availableParallelism();
  if (cpus <= 1 || groups.length <= 1) return 1;
  // Enough Markdown for every CPU is enough to know.
  const enough = (cpus - 1) * BYTES_PER_WORKER;
  let bytes = 0;
  for (const group of groups) {
    for (const task of group) bytes += sizeOf(task.path);
    if (bytes >= enough) break;
  }
  return Math.max(1, Math.min(cpus, 1 + Math.floor(bytes / BYTES_PER_WORKER), groups.length));
}

function sizeOf(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Checks every group, on the main thread and on worker threads when asked for, and
 * calls `onDone` with each group's results as they arrive. Returns how many groups each
 * thread checked. A worker that dies leaves the groups it had taken to the main thread.
 */
async function runGroups(
  groups: readonly (readonly CheckTask[])[],
  threads: number,
  settingsTable: readonly Settings[],
  workspaces: ReadonlyMap<string, WorkspaceData>,
  options: LintFilesOptions,
  keep: KeptDocuments | undefined,
  onDone: (results: readonly CheckResult[]) => void,
): Promise<number[]> {
  const checker = new Checker(options.cwd, options.fix, settingsTable, workspaces, keep);
  const shared = { next: new SharedArrayBuffer(4), owners: new SharedArrayBuffer(4 * Math.max(1, groups.length)) };
  const queue = new SharedQueue(shared, groups.length);
  const finished: boolean[] = new Array<boolean>(groups.length).fill(false);
  const checkedBy: number[] = [0];
  let remaining = groups.length;
  const retry: number[] = [];
  let wake: (() => void) | undefined;
  const mainTakes = options.checkOnMainThread ?? true;
  const complete = (group: number, results: readonly CheckResult[], thread: number) => {
    if (finished[group]) return;
    finished[group] = true;
    remaining--;
    checkedBy[thread] = (checkedBy[thread] ?? 0) + 1;
    onDone(results);
    wake?.();
  };

  const workers: Worker[] = [];
  let running = 0;
  if (threads > 1 && options.workerScript) {
    const setup = workerSetup({ cwd: options.cwd, fix: options.fix, settings: settingsTable, workspaces, groups, ...shared });
    for (let i = 1; i < threads; i++) {
      const slot = i;
      checkedBy[slot] = 0;
      const worker = new Worker(options.workerScript, { workerData: setup });
      const owner = worker.threadId + 1;
      worker.on('message', (message: GroupDone) => complete(message.group, message.results, slot));
      // A worker that fails to start or crashes is not fatal: the main thread takes over
      // the groups it had taken. Its messages are all delivered before 'exit'.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        running--;
        for (let group = 0; group < groups.length; group++) if (!finished[group] && queue.owners[group] === owner) retry.push(group);
        wake?.();
      });
      workers.push(worker);
      running++;
    }
  }

  try {
    while (remaining > 0) {
      const group = retry.shift() ?? (mainTakes || running === 0 ? queue.take() : undefined);
      if (group !== undefined) {
        const results: CheckResult[] = [];
        for (const task of groups[group] as readonly CheckTask[]) results.push(await checker.check(task));
        complete(group, results, 0);
        // Let the workers' results in between files.
        if (workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return checkedBy;
}
