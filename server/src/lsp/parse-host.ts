import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { ParseAnswer, ParseRequest } from '../core/parse/pieces';

/** A parse sent to the worker. */
export interface ParseJob {
  readonly id: number;
  readonly source: string;
  readonly close: string | undefined;
  /** Asked for by a parse (not sent ahead). */
  readonly asked: boolean;
}

/** The worker's answer to a {@link ParseJob}. */
export type ParseReply = { readonly id: number; readonly root: Root } | { readonly id: number; readonly error: string };

/** How the parse workers are started and held to account. */
export interface ParseHostOptions {
  /** The worker's script: dist/parse-worker.js beside the server bundle. */
  readonly script: string;
  /** How long one parse may take before its worker is stopped and the parse given up (ms). */
  readonly budgetMs: number;
  /** Each worker's heap limit (MB): past it the worker dies and its parse is given up. */
  readonly memoryMb: number;
  /** How many workers parse at once (the default: {@link defaultWorkers}). */
  readonly workers?: number;
  /** Told when a worker stops on its own (crash, memory) or is stopped for its time. */
  readonly log?: (message: string) => void;
  /** How long the workers are kept with nothing to parse before they are stopped, giving their memory back (ms). */
  readonly idleMs?: number;
}

/** The default {@link ParseHostOptions.idleMs}: long enough to keep them between the edits of a large document. */
const IDLE_MS = 10_000;
/** Workers at most, however many CPUs there are: past a few, copying trees back to the server's thread is what limits. */
const MAX_WORKERS = 4;

/**
 * One worker per CPU the process may use but one, which the server's thread needs (it
 * takes the trees in, puts them together and answers requests meanwhile): at least one,
 * at most {@link MAX_WORKERS}. On two cores, one worker parsing ahead measured faster
 * than two contending with the server's thread.
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, MAX_WORKERS));
}

/** Whether a parse is still wanted: the document may have moved on meanwhile. */
export interface Wanted {
  readonly cancelled: boolean;
}

interface Pending {
  readonly job: ParseJob;
  readonly wanted: Wanted;
  readonly resolve: (answer: ParseAnswer) => void;
}

interface Slot {
  readonly worker: Worker;
  current?: { readonly pending: Pending; readonly timer: NodeJS.Timeout };
}

/**
 * Parses Markdown in worker threads, a few at once (one piece per worker at a time), so
 * that a piece that takes the parser long holds up nothing but its own document, and the
 * pieces of a large document are parsed side by side. A parse that exceeds its time
 * budget, or a worker that dies (out of memory, a crash), is answered with a failure
 * that says why, and the next parse starts a new worker: the server never goes down with
 * it. A parse no longer wanted is dropped, and stopped if it is running.
 *
 * Pieces a parse will ask for can be sent ahead ({@link prefetch}); asked for, they are
 * answered from there. A parse asked for that was not sent ahead goes before those.
 */
export class ParseHost {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  /** Parses sent ahead, by request, until they are asked for or no longer wanted. */
  private readonly ahead = new Map<string, { readonly wanted: Wanted; readonly answer: Promise<ParseAnswer> }>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;
  private readonly size: number;

  constructor(private readonly options: ParseHostOptions) {
    this.size = Math.max(1, options.workers ?? defaultWorkers());
  }

  /** Parses `request` in a worker; never rejects. */
  parse(request: ParseRequest, wanted: Wanted): Promise<ParseAnswer> {
    const key = keyOf(request);
    const ahead = this.ahead.get(key);
    if (ahead?.wanted === wanted) {
      this.ahead.delete(key);
      return ahead.answer;
    }
    // Asked for now: whoever asks waits for it, so it goes before what was sent ahead.
    return this.enqueue(request, wanted, true);
  }

  /** Starts parsing `requests` before they are asked for (by {@link parse}, with the same `wanted`). */
  prefetch(requests: readonly ParseRequest[], wanted: Wanted): void {
    for (const request of requests) {
      const key = keyOf(request);
      if (this.ahead.has(key)) continue;
      this.ahead.set(key, { wanted, answer: this.enqueue(request, wanted, false) });
    }
  }

  /** Forgets what was sent ahead for `wanted` and not asked for; what is not yet parsed is not parsed. */
  release(wanted: Wanted): void {
    for (const [key, ahead] of this.ahead) if (ahead.wanted === wanted) this.ahead.delete(key);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const pending = this.queue[i] as Pending;
      if (pending.wanted === wanted && !pending.job.asked) {
        this.queue.splice(i, 1);
        pending.resolve(failure('Parsed ahead and not needed'));
      }
    }
  }

  /** Drops parses no longer wanted, and stops the workers running one. */
  prune(): void {
    for (const [key, ahead] of this.ahead) if (ahead.wanted.cancelled) this.ahead.delete(key);
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const pending = this.queue[i] as Pending;
      if (pending.wanted.cancelled) {
        this.queue.splice(i, 1);
        pending.resolve(failure('The document changed before it was parsed'));
      }
    }
    for (const slot of [...this.slots]) if (slot.current?.pending.wanted.cancelled) this.stop(slot, failure('The document changed before it was parsed'));
  }

  /** Stops the workers; parses still queued are answered with a failure. */
  dispose(): void {
    clearTimeout(this.idle);
    this.ahead.clear();
    for (const pending of this.queue.splice(0)) pending.resolve(failure('The server is shutting down'));
    for (const slot of [...this.slots]) this.stop(slot, failure('The server is shutting down'));
  }

  private enqueue(request: ParseRequest, wanted: Wanted, asked: boolean): Promise<ParseAnswer> {
    return new Promise((resolve) => {
      const pending = { job: { id: this.nextId++, source: request.source, close: request.close, asked }, wanted, resolve };
      if (asked) this.queue.unshift(pending);
      else this.queue.push(pending);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => !candidate.current);
      if (!slot && this.slots.length >= this.size) return;
      const pending = this.queue.shift() as Pending;
      if (pending.wanted.cancelled) {
        pending.resolve(failure('The document changed before it was parsed'));
        continue;
      }
      clearTimeout(this.idle);
      slot ??= this.start();
      const running = slot;
      const timer = setTimeout(() => {
        const seconds = this.options.budgetMs / 1000;
        this.options.log?.(`The parse worker took longer than ${seconds} s on ${describeSize(pending.job.source)}: stopped`);
        this.stop(running, failure(`The Markdown parser took longer than ${seconds} s on ${describeSize(pending.job.source)} and was stopped; the document was read as text`));
      }, this.options.budgetMs);
      slot.current = { pending, timer };
      slot.worker.postMessage(pending.job);
    }
    if (this.slots.every((slot) => !slot.current)) this.stopWhenIdle();
  }

  private start(): Slot {
    const worker = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb } });
    // A worker must not keep a server whose client has gone from exiting.
    worker.unref();
    const slot: Slot = { worker };
    const alive = () => this.slots.includes(slot);
    worker.on('message', (reply: ParseReply) => {
      if (!alive() || slot.current?.pending.job.id !== reply.id) return;
      this.finish(slot, 'root' in reply ? reply.root : failure(`The Markdown parser failed (${reply.error}); the document was read as text`));
    });
    worker.on('error', (error: Error) => {
      if (!alive()) return;
      const why = /ERR_WORKER_OUT_OF_MEMORY/.test(String((error as { code?: string }).code)) ? `ran out of memory (over ${this.options.memoryMb} MB)` : `failed (${error.message})`;
      this.options.log?.(`The parse worker ${why}`);
      this.remove(slot);
      if (slot.current) this.finish(slot, failure(`The Markdown parser ${why} on ${describeSize(slot.current.pending.job.source)}; the document was read as text`));
    });
    worker.on('exit', (code) => {
      if (!alive()) return;
      this.remove(slot);
      this.options.log?.(`The parse worker stopped (exit code ${code})`);
      if (slot.current) this.finish(slot, failure(`The Markdown parser stopped (exit code ${code}); the document was read as text`));
    });
    this.slots.push(slot);
    return slot;
  }

  private remove(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idle);
    if (this.slots.length === 0) return;
    this.idle = setTimeout(() => {
      if (this.queue.length > 0 || this.slots.some((slot) => slot.current)) return;
      for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    }, this.options.idleMs ?? IDLE_MS);
    this.idle.unref();
  }

  /** Stops a worker (a new one starts when one is needed) and answers the parse it was running. */
  private stop(slot: Slot, answer: ParseAnswer): void {
    this.remove(slot);
    void slot.worker.terminate();
    this.finish(slot, answer);
  }

  private finish(slot: Slot, answer: ParseAnswer): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    current.pending.resolve(answer);
    this.pump();
  }
}

function keyOf(request: ParseRequest): string {
  return `${request.close ?? ''}\u0000${request.source}`;
}

function failure(reason: string): ParseAnswer {
  return { type: 'parse-failure', reason };
}

function describeSize(source: string): string {
  return source.length >= 10 * 1024 ? `a block of ${Math.round(source.length / 1024)} KB` : `a block of ${source.length} characters`;
}
