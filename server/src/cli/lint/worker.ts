import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import type { Settings } from '../../core/config/settings';
import { readMarkdownFacts, type MarkdownFacts, type MarkdownToRead } from '../trace/collect';
import { familiesForBase } from '../conventions';
import { Checker, prefetchWorkspaceParts, type CheckResult, type CheckTask } from './check-file';
import { KeptDocuments, keepBudgetPerThread } from './kept-documents';
import type { WorkspaceData } from './workspace-context';

// The worker-thread side of `specwright lint`: a worker runs the bundled CLI script
// (dist/cli.js), whose entry point sees the setup below in `workerData` and calls
// runLintWorker instead of the command line. A run has two phases, and every thread, the
// main one included, works in both:
//  1. the workspace read: each thread takes the next Markdown file of the workspace from a
//     counter they share, reads it for the IDs it defines and its trace, and keeps the
//     document it parsed when the run checks that file;
//  2. once the main thread has put the workspace together and sent it, the check: each
//     thread checks first the files whose documents it kept, then claims any group of
//     files nobody has claimed yet.
// The main thread puts the results back in the order a serial run would have produced.

const WORKER_KIND = 'specwright-lint-worker';

/** A Markdown file of a workspace folder to read in the first phase. */
export interface ReadJob extends MarkdownToRead {
  /** The workspace folder. */
  readonly base: string;
  /** Index into the run's table of settings. */
  readonly settings: number;
}

/** What a worker is started with. Plain data and shared memory: nothing else crosses threads. */
export interface WorkerSetup {
  readonly kind: typeof WORKER_KIND;
  readonly cwd: string;
  readonly fix: boolean;
  /** How many threads the run has, the main one included. */
  readonly threads: number;
  readonly settings: readonly Settings[];
  /** Every workspace folder's Markdown files, in the order their walks met them. */
  readonly reads: readonly ReadJob[];
  /** Int32Array of one element: the next read job to take. */
  readonly readNext: SharedArrayBuffer;
  /** Int32Array: for each read job, the `threadId + 1` of the thread that took it (0: not taken yet). */
  readonly readOwners: SharedArrayBuffer;
  /** Files checked one after another by one thread: usually one file; under `--fix`, every path of one file on disk. */
  readonly groups: readonly (readonly CheckTask[])[];
  /** Int32Array: for each group, the `threadId + 1` of the thread that claimed it (0: not claimed yet). */
  readonly groupOwners: SharedArrayBuffer;
}

/** What a worker posts: the facts of each file it read, then the results of each group it checked. */
export type WorkerMessage =
  | { readonly type: 'read'; readonly job: number; readonly facts: MarkdownFacts | null }
  | { readonly type: 'checked'; readonly group: number; readonly results: readonly CheckResult[] };

/** What the main thread posts once the workspace read is done. */
export interface CheckMessage {
  readonly type: 'check';
  /** Per workspace folder, its IDs and trace graph (see workspace-context.ts). */
  readonly workspaces: ReadonlyMap<string, WorkspaceData>;
}

export function workerSetup(fields: Omit<WorkerSetup, 'kind'>): WorkerSetup {
  return { kind: WORKER_KIND, ...fields };
}

/** Whether this thread was started by {@link runLintWorker}'s counterpart in threads.ts. */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as { kind?: unknown } | null)?.kind === WORKER_KIND;
}

/** Takes items in order from the counter every thread shares; records which thread took each. */
export class SharedQueue {
  private readonly next: Int32Array;
  readonly owners: Int32Array;

  constructor(next: SharedArrayBuffer, owners: SharedArrayBuffer, private readonly count: number) {
    this.next = new Int32Array(next);
    this.owners = new Int32Array(owners);
  }

  /** The next item nobody has taken, now this thread's; undefined when all are taken. */
  take(): number | undefined {
    const item = Atomics.add(this.next, 0, 1);
    if (item >= this.count) return undefined;
    Atomics.store(this.owners, item, threadId + 1);
    return item;
  }
}

/**
 * Groups of files claimed by one thread each: a thread claims the groups it holds the
 * documents of first (its `preferred`, in order), then any group nobody has claimed.
 */
export class GroupClaims {
  readonly owners: Int32Array;
  private cursor = 0;
  private preferredAt = 0;

  constructor(
    owners: SharedArrayBuffer,
    private readonly count: number,
    private readonly preferred: readonly number[],
  ) {
    this.owners = new Int32Array(owners);
  }

  /** The next group this thread claimed; undefined when every group is claimed. */
  claim(): number | undefined {
    while (this.preferredAt < this.preferred.length) {
      const group = this.preferred[this.preferredAt++] as number;
      if (this.tryClaim(group)) return group;
    }
    while (this.cursor < this.count) {
      const group = this.cursor++;
      if (this.tryClaim(group)) return group;
    }
    return undefined;
  }

  private tryClaim(group: number): boolean {
    return Atomics.compareExchange(this.owners, group, 0, threadId + 1) === 0;
  }
}

/** The groups whose first file's document this thread kept, in order. */
export function groupsKeptBy(groups: readonly (readonly CheckTask[])[], keep: KeptDocuments): number[] {
  const preferred: number[] = [];
  for (const [index, group] of groups.entries()) if (group[0] && keep.has(group[0].path)) preferred.push(index);
  return preferred;
}

/** The paths a run checks: the documents worth keeping from its workspace read. */
export function checkedPaths(groups: readonly (readonly CheckTask[])[]): Set<string> {
  return new Set(groups.flatMap((group) => group.map((task) => task.path)));
}

/** Reads one file of the first phase with its folder's families; keeps its document in `keep` when wanted. */
export async function readJobFacts(job: ReadJob, settings: readonly Settings[], keep: KeptDocuments): Promise<MarkdownFacts | undefined> {
  const { families } = await familiesForBase(job.base);
  return readMarkdownFacts(job, settings[job.settings] as Settings, families, keep);
}

/** The worker's whole life: read files until none are left, wait for the workspace, check groups until none are left, then end. */
export async function runLintWorker(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const port = parentPort;
  if (!port) return;
  // Listening keeps the thread alive while the main thread puts the workspace together.
  const checkMessage = new Promise<CheckMessage>((resolve) => port.once('message', resolve));
  const keep = new KeptDocuments(checkedPaths(setup.groups), keepBudgetPerThread(setup.threads));
  prefetchWorkspaceParts(setup.groups, setup.settings);
  const reads = new SharedQueue(setup.readNext, setup.readOwners, setup.reads.length);
  for (let job = reads.take(); job !== undefined; job = reads.take()) {
    const facts = await readJobFacts(setup.reads[job] as ReadJob, setup.settings, keep);
    const message: WorkerMessage = { type: 'read', job, facts: facts ?? null };
    port.postMessage(message);
  }
  const { workspaces } = await checkMessage;
  const checker = new Checker(setup.cwd, setup.fix, setup.settings, workspaces, keep);
  const claims = new GroupClaims(setup.groupOwners, setup.groups.length, groupsKeptBy(setup.groups, keep));
  for (let group = claims.claim(); group !== undefined; group = claims.claim()) {
    const results: CheckResult[] = [];
    for (const task of setup.groups[group] as readonly CheckTask[]) results.push(await checker.check(task));
    const message: WorkerMessage = { type: 'checked', group, results };
    port.postMessage(message);
  }
}
