import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { ParseAnswer, ParseRequest } from '../core/parse/pieces';

/** A parse sent to the worker. */
export interface ParseJob {
  readonly id: number;
  readonly source: string;
  readonly close: string | undefined;
}

/** The worker's answer to a {@link ParseJob}. */
export type ParseReply = { readonly id: number; readonly root: Root } | { readonly id: number; readonly error: string };

/** How the parse worker is started and held to account. */
export interface ParseHostOptions {
  /** The worker's script: dist/parse-worker.js beside the server bundle. */
  readonly script: string;
  /** How long one parse may take before the worker is stopped and the parse given up (ms). */
  readonly budgetMs: number;
  /** The worker's heap limit (MB): past it the worker dies and the parse is given up. */
  readonly memoryMb: number;
  /** Told when the worker stops on its own (crash, memory) or is stopped for its time. */
  readonly log?: (message: string) => void;
  /** How long the worker is kept with nothing to parse before it is stopped, giving its memory back (ms). */
  readonly idleMs?: number;
}

/** The default {@link ParseHostOptions.idleMs}: long enough to keep it between the edits of a large document. */
const IDLE_MS = 10_000;

/** Whether a parse is still wanted: the document may have moved on meanwhile. */
export interface Wanted {
  readonly cancelled: boolean;
}

interface Pending {
  readonly job: ParseJob;
  readonly wanted: Wanted;
  readonly resolve: (answer: ParseAnswer) => void;
}

/**
 * Parses Markdown in a worker thread, one request at a time, so that a piece that takes
 * the parser long holds up nothing but its own document. A parse that exceeds its time
 * budget, or a worker that dies (out of memory, a crash), is answered with a failure
 * that says why, and the next parse starts a new worker: the server never goes down
 * with it. A parse no longer wanted is dropped, and stopped if it is running.
 */
export class ParseHost {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private current: { pending: Pending; timer: NodeJS.Timeout } | undefined;
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly options: ParseHostOptions) {}

  /** Parses `request` in the worker; never rejects. */
  parse(request: ParseRequest, wanted: Wanted): Promise<ParseAnswer> {
    return new Promise((resolve) => {
      this.queue.push({ job: { id: this.nextId++, source: request.source, close: request.close }, wanted, resolve });
      this.pump();
    });
  }

  /** Drops parses no longer wanted, and stops the worker if it is running one. */
  prune(): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const pending = this.queue[i] as Pending;
      if (pending.wanted.cancelled) {
        this.queue.splice(i, 1);
        pending.resolve(failure('The document changed before it was parsed'));
      }
    }
    if (this.current?.pending.wanted.cancelled) this.stop(failure('The document changed before it was parsed'));
  }

  /** Stops the worker; parses still queued are answered with a failure. */
  dispose(): void {
    clearTimeout(this.idle);
    for (const pending of this.queue.splice(0)) pending.resolve(failure('The server is shutting down'));
    if (this.current) this.stop(failure('The server is shutting down'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.current) return;
    const pending = this.queue.shift();
    if (!pending) {
      this.stopWhenIdle();
      return;
    }
    clearTimeout(this.idle);
    if (pending.wanted.cancelled) {
      pending.resolve(failure('The document changed before it was parsed'));
      this.pump();
      return;
    }
    const worker = this.worker ?? this.start();
    const timer = setTimeout(() => {
      const seconds = this.options.budgetMs / 1000;
      this.options.log?.(`The parse worker took longer than ${seconds} s on ${describeSize(pending.job.source)}: stopped`);
      this.stop(failure(`The Markdown parser took longer than ${seconds} s on ${describeSize(pending.job.source)} and was stopped; the document was read as text`));
    }, this.options.budgetMs);
    this.current = { pending, timer };
    worker.postMessage(pending.job);
  }

  private start(): Worker {
    const worker = new Worker(this.options.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb } });
    // The worker must not keep a server whose client has gone from exiting.
    worker.unref();
    worker.on('message', (reply: ParseReply) => {
      if (worker !== this.worker || !this.current || this.current.pending.job.id !== reply.id) return;
      this.finish('root' in reply ? reply.root : failure(`The Markdown parser failed (${reply.error}); the document was read as text`));
    });
    worker.on('error', (error: Error) => {
      if (worker !== this.worker) return;
      const why = /ERR_WORKER_OUT_OF_MEMORY/.test(String((error as { code?: string }).code)) ? `ran out of memory (over ${this.options.memoryMb} MB)` : `failed (${error.message})`;
      this.options.log?.(`The parse worker ${why}`);
      this.worker = undefined;
      if (this.current) this.finish(failure(`The Markdown parser ${why} on ${describeSize(this.current.pending.job.source)}; the document was read as text`));
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      this.options.log?.(`The parse worker stopped (exit code ${code})`);
      if (this.current) this.finish(failure(`The Markdown parser stopped (exit code ${code}); the document was read as text`));
    });
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idle);
    if (!this.worker) return;
    this.idle = setTimeout(() => {
      if (this.current || this.queue.length > 0) return;
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
    }, this.options.idleMs ?? IDLE_MS);
    this.idle.unref();
  }

  /** Stops the worker (a new one starts for the next parse) and answers the running parse. */
  private stop(answer: ParseAnswer): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.finish(answer);
  }

  private finish(answer: ParseAnswer): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = undefined;
    current.pending.resolve(answer);
    this.pump();
  }
}

function failure(reason: string): ParseAnswer {
  return { type: 'parse-failure', reason };
}

function describeSize(source: string): string {
  return source.length >= 10 * 1024 ? `a block of ${Math.round(source.length / 1024)} KB` : `a block of ${source.length} characters`;
}
