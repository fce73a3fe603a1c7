import type { SpecDocument } from '../../core/parse/spec-document';

/**
 * The most text (in UTF-16 code units) kept parsed between reading a workspace and
 * checking its files. A kept document's tree takes many times its text in memory; a
 * workspace small enough to be checked on one thread fits; in a larger one, the rest is
 * parsed twice, which is what worker threads make up for.
 */
export const KEEP_BUDGET = 4 * 1024 * 1024;

/** Each thread's share of {@link KEEP_BUDGET}: a run keeps as much in all, however many threads it has. */
export function keepBudgetPerThread(threads: number): number {
  return Math.floor(KEEP_BUDGET / Math.max(1, threads));
}

/**
 * Documents a workspace read parsed whole, kept for the check of the same file on the
 * same thread (each thread keeps its own, within its own budget), so that a `specwright lint` run parses each of them once instead of twice.
 * Only the files about to be checked are kept, within a budget. A kept document is given
 * back once, and only for exactly the text it was parsed from: a file changed in between
 * is parsed again.
 */
export class KeptDocuments {
  private readonly kept = new Map<string, SpecDocument>();
  private room: number;

  constructor(
    /** Absolute paths of the files the run will check. */
    private readonly wanted: ReadonlySet<string>,
    budget = KEEP_BUDGET,
  ) {
    this.room = budget;
  }

  /** Whether a document of `length` code units at `path` would be kept. */
  wants(path: string, length: number): boolean {
    return this.wanted.has(path) && length <= this.room && !this.kept.has(path);
  }

  /** Whether a document is kept for `path`. */
  has(path: string): boolean {
    return this.kept.has(path);
  }

  keep(path: string, document: SpecDocument): void {
    if (!this.wants(path, document.text.length)) return;
    this.kept.set(path, document);
    this.room -= document.text.length;
  }

  /** The document kept for `path` if it was parsed from `text`; it is no longer kept either way. */
  take(path: string, text: string): SpecDocument | undefined {
    const document = this.kept.get(path);
    if (!document) return undefined;
    this.kept.delete(path);
    this.room += document.text.length;
    return document.text === text ? document : undefined;
  }
}
