import { Worker } from 'node:worker_threads';
import type { Settings } from '../../core/config/settings';
import type { MarkdownFacts } from '../trace/collect';
import { Checker, prefetchWorkspaceParts, type CheckResult, type CheckTask } from './check-file';
import { KeptDocuments, keepBudgetPerThread } from './kept-documents';
import type { LintFilesOptions } from './lint-files';
import { checkedPaths, GroupClaims, groupsKeptBy, readJobFacts, SharedQueue, workerSetup, type CheckMessage, type ReadJob, type WorkerMessage } from './worker';
import type { WorkspaceData } from './workspace-context';

// The main thread's side of a `specwright lint` run on several threads (worker.ts has the
// workers' side and the two phases). With one thread, the same code runs everything here.

/** What a run does on its threads. */
export interface ThreadWork {
  /** The workspaces' Markdown files, read in the first phase. */
  readonly reads: readonly ReadJob[];
  /** The groups of files checked in the second. */
  readonly groups: readonly (readonly CheckTask[])[];
  readonly settings: readonly Settings[];
  /** Threads, the main one included. */
  readonly threads: number;
  /** Puts the workspaces together from every file's facts, in `reads` order, between the phases. */
  readonly assemble: (facts: readonly (MarkdownFacts | undefined)[]) => ReadonlyMap<string, WorkspaceData>;
}

/**
 * Reads the workspaces and checks every group, on the main thread and on worker threads
 * when asked for, and calls `onDone` with each group's results as they arrive. Returns
 * how many files each thread read and how many groups it checked, the main thread first. A worker that dies leaves the files and groups it
 * had taken to the main thread.
 */
export async function runOnThreads(
  work: ThreadWork,
  options: Pick<LintFilesOptions, 'cwd' | 'fix' | 'workerScript' | 'checkOnMainThread'>,
  onDone: (results: readonly CheckResult[]) => void,
): Promise<{ readBy: number[]; checkedBy: number[] }> {
  const { reads, groups } = work;
  const buffers = {
    readNext: new SharedArrayBuffer(4),
    readOwners: new SharedArrayBuffer(4 * Math.max(1, reads.length)),
    groupOwners: new SharedArrayBuffer(4 * Math.max(1, groups.length)),
  };
  const readQueue = new SharedQueue(buffers.readNext, buffers.readOwners, reads.length);
  const facts: (MarkdownFacts | undefined)[] = new Array<MarkdownFacts | undefined>(reads.length);
  const read: boolean[] = new Array<boolean>(reads.length).fill(false);
  let readsLeft = reads.length;
  const checked: boolean[] = new Array<boolean>(groups.length).fill(false);
  let groupsLeft = groups.length;
  const checkedBy: number[] = [0];
  const readBy: number[] = [0];
  const retryReads: number[] = [];
  const retryGroups: number[] = [];
  let wake: (() => void) | undefined;
  const mainWorks = options.checkOnMainThread ?? true;

  const finishRead = (job: number, found: MarkdownFacts | undefined, thread: number) => {
    if (read[job]) return;
    read[job] = true;
    readBy[thread] = (readBy[thread] ?? 0) + 1;
    facts[job] = found;
    readsLeft--;
    wake?.();
  };
  const finishGroup = (group: number, results: readonly CheckResult[], thread: number) => {
    if (checked[group]) return;
    checked[group] = true;
    groupsLeft--;
    checkedBy[thread] = (checkedBy[thread] ?? 0) + 1;
    onDone(results);
    wake?.();
  };
  const sleep = async () => {
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  };

  const workers: Worker[] = [];
  let running = 0;
  let claims: GroupClaims | undefined;
  if (work.threads > 1 && options.workerScript) {
    const setup = workerSetup({ cwd: options.cwd, fix: options.fix, threads: work.threads, settings: work.settings, reads, groups, ...buffers });
    for (let slot = 1; slot < work.threads; slot++) {
      checkedBy[slot] = 0;
      readBy[slot] = 0;
      const worker = new Worker(options.workerScript, { workerData: setup });
      const owner = worker.threadId + 1;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'read') finishRead(message.job, message.facts ?? undefined, slot);
        else finishGroup(message.group, message.results, slot);
      });
      // A worker that fails to start or crashes is not fatal: the main thread takes over
      // what it had taken. Its messages are all delivered before 'exit'.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        running--;
        for (let job = 0; job < reads.length; job++) if (!read[job] && readQueue.owners[job] === owner) retryReads.push(job);
        for (let group = 0; group < groups.length; group++) if (!checked[group] && claims?.owners[group] === owner) retryGroups.push(group);
        wake?.();
      });
      workers.push(worker);
      running++;
    }
  }

  // The reads of templates checking needs run in the background while this thread parses.
  prefetchWorkspaceParts(groups, work.settings);
  try {
    // The first phase: every thread reads the workspaces' files.
    const keep = new KeptDocuments(checkedPaths(groups), keepBudgetPerThread(work.threads));
    while (readsLeft > 0) {
      const job = retryReads.shift() ?? (mainWorks || running === 0 ? readQueue.take() : undefined);
      if (job === undefined) {
        await sleep();
        continue;
      }
      finishRead(job, await readJobFacts(reads[job] as ReadJob, work.settings, keep), 0);
    }
    const workspaces = work.assemble(facts);
    const message: CheckMessage = { type: 'check', workspaces };
    for (const worker of workers) worker.postMessage(message);

    // The second: every thread checks, the files it kept first.
    const checker = new Checker(options.cwd, options.fix, work.settings, workspaces, keep);
    claims = new GroupClaims(buffers.groupOwners, groups.length, groupsKeptBy(groups, keep));
    while (groupsLeft > 0) {
      const group = retryGroups.shift() ?? (mainWorks || running === 0 ? claims.claim() : undefined);
      if (group === undefined) {
        await sleep();
        continue;
      }
      const results: CheckResult[] = [];
      for (const task of groups[group] as readonly CheckTask[]) results.push(await checker.check(task));
      finishGroup(group, results, 0);
      // Let the workers' results in between files.
      if (workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { readBy, checkedBy };
}
