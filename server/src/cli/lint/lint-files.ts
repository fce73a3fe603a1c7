import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Settings } from '../../core/config/settings';
import { isExcludedPath, isSpecFile, specPath } from '../../workspace/spec-files';
import { anyOptedInDocument, displayPathOf, internalErrorReport, type CheckResult, type CheckTask } from './check-file';
import type { Candidate } from './collect';
import { globPath, type ConfigLookup } from './config-lookup';
import type { FileReport } from './report';
import type { ReadJob } from './worker';
import { familiesForBase } from '../conventions';
import { assembleWorkspace, planWorkspace, type MarkdownFacts, type PlannedWorkspace } from '../trace/collect';
import { runOnThreads } from './threads';
import { needsWorkspace, workspaceDataOf, type WorkspaceData } from './workspace-context';

export interface LintFilesOptions {
  readonly cwd: string;
  readonly configs: ConfigLookup;
  /** Apply preferred fixes and write the files. */
  readonly fix: boolean;
  /** Called with how many candidates are done, for a progress line; `done === total` at the end. */
  readonly progress?: (done: number, total: number) => void;
  /**
   * Threads to read and check files on, the main thread included: a number, or `auto` for
   * up to one per available CPU, as many as the amount of Markdown makes worth starting.
   * Default 1.
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
  /** How many files of the workspaces each thread read: the main thread first. For tests. */
  readonly readBy: readonly number[];
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
  const settingsIdOf = (settings: Settings): number => {
    let id = settingsIndex.get(settings);
    if (id === undefined) {
      id = settingsTable.push(settings) - 1;
      settingsIndex.set(settings, id);
    }
    return id;
  };
  for (const [index, candidate] of candidates.entries()) {
    try {
      const { settings, base } = options.configs.forFile(candidate.path);
      const relativePath = globPath(base, candidate.path);
      const path = specPath(relativePath, basename(base), settings);
      const byPath = candidate.explicit || (candidate.named && !isExcludedPath(path, settings)) || isSpecFile(path, settings, undefined);
      if (candidate.isDirectory) {
        if (byPath) direct.set(index, { path: candidate.path, displayPath: displayPathOf(options.cwd, candidate.path), findings: [], fixed: 0, error: { code: 'directory', message: 'is a folder, not a file' } });
        continue;
      }
      if (!byPath && !isSpecFile(path, settings, anyOptedInDocument())) continue;
      tasks.push({ index, path: candidate.path, byPath, globPath: path, relativePath, settings: settingsIdOf(settings), base });
    } catch (error) {
      direct.set(index, internalErrorReport(options.cwd, candidate.path, error));
    }
  }
  const groups = options.fix ? groupBySameFile(tasks) : tasks.map((task) => [task]);
  const threads = options.workerScript ? threadCount(options.threads, groups) : 1;
  // The workspaces whose rules look beyond one file: each is walked once, here, and its
  // Markdown read on every thread, before any checking (see worker.ts).
  const workspaceNotices: string[] = [];
  const planned = new Map<string, PlannedWorkspace>();
  const reads: ReadJob[] = [];
  for (const task of tasks) {
    if (planned.has(task.base) || !needsWorkspace(settingsTable[task.settings] as Settings)) continue;
    // The folder's own conventions shape its families, for the trace as for each file's check.
    const { families } = await familiesForBase(task.base);
    const plan = planWorkspace(task.base, options.configs, families);
    planned.set(task.base, plan);
    for (const [index, file] of plan.markdown.entries()) reads.push({ ...file, base: task.base, settings: settingsIdOf(plan.settings[index] as Settings) });
  }
  const assemble = (facts: readonly (MarkdownFacts | undefined)[]): Map<string, WorkspaceData> => {
    const workspaces = new Map<string, WorkspaceData>();
    let at = 0;
    for (const [base, plan] of planned) {
      const collected = assembleWorkspace(plan, facts.slice(at, at + plan.markdown.length));
      at += plan.markdown.length;
      workspaces.set(base, workspaceDataOf(base, collected, workspaceNotices, (path) => displayPathOf(options.cwd, path)));
    }
    return workspaces;
  };
  let done = total - tasks.length;
  const results = new Map<number, CheckResult>();
  const { readBy, checkedBy } = await runOnThreads({ reads, groups, settings: settingsTable, threads, assemble }, options, (groupResults) => {
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
  return { reports, notices, readBy, checkedBy };
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
