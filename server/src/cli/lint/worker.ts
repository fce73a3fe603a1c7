import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import type { Settings } from '../../core/config/settings';
import { Checker, type CheckResult, type CheckTask } from './check-file';
import type { WorkspaceData } from './workspace-context';

// The worker-thread side of `specwright lint`: a worker runs the bundled CLI script
// (dist/cli.js), whose entry point sees the setup below in `workerData` and calls
// runLintWorker instead of the command line. Every thread, the main one included, takes
// the next group of files from a counter they share, checks it and posts the results;
// the main thread puts them back in the order a serial run would have produced.

const WORKER_KIND = 'specwright-lint-worker';

/** What a worker is started with. Plain data and shared memory: nothing else crosses threads. */
export interface WorkerSetup {
  readonly kind: typeof WORKER_KIND;
  readonly cwd: string;
  readonly fix: boolean;
  readonly settings: readonly Settings[];
  /** Per workspace folder, its IDs and trace graph (see workspace-context.ts). */
  readonly workspaces: ReadonlyMap<string, WorkspaceData>;
  /** Files checked one after another by one thread: usually one file; under `--fix`, every path of one file on disk. */
  readonly groups: readonly (readonly CheckTask[])[];
  /** Int32Array of one element: the next group to take. */
  readonly next: SharedArrayBuffer;
  /** Int32Array: for each group, the `threadId + 1` of the thread that took it (0: not taken yet). */
  readonly owners: SharedArrayBuffer;
}

/** What a worker posts for each group it checked. */
export interface GroupDone {
  readonly group: number;
  readonly results: readonly CheckResult[];
}

export function workerSetup(fields: Omit<WorkerSetup, 'kind'>): WorkerSetup {
  return { kind: WORKER_KIND, ...fields };
}

/** Whether this thread was started by {@link runLintWorker}'s counterpart in lint-files.ts. */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as { kind?: unknown } | null)?.kind === WORKER_KIND;
}

/** Takes groups in order from the counter every thread shares; records which thread took each. */
export class SharedQueue {
  private readonly next: Int32Array;
  readonly owners: Int32Array;

  constructor(
    setup: Pick<WorkerSetup, 'next' | 'owners'>,
    private readonly count: number,
  ) {
    this.next = new Int32Array(setup.next);
    this.owners = new Int32Array(setup.owners);
  }

  /** The next group nobody has taken, now this thread's; undefined when all are taken. */
  take(): number | undefined {
    const group = Atomics.add(this.next, 0, 1);
    if (group >= this.count) return undefined;
    Atomics.store(this.owners, group, threadId + 1);
    return group;
  }
}

/** The worker's whole life: check groups until none are left, then end (nothing keeps the thread alive). */
export async function runLintWorker(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const port = parentPort;
  if (!port) return;
  const checker = new Checker(setup.cwd, setup.fix, setup.settings, setup.workspaces);
  const queue = new SharedQueue(setup, setup.groups.length);
  for (let group = queue.take(); group !== undefined; group = queue.take()) {
    const results: CheckResult[] = [];
    for (const task of setup.groups[group] as readonly CheckTask[]) results.push(await checker.check(task));
    const message: GroupDone = { group, results };
    port.postMessage(message);
  }
}
