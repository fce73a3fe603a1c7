import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseMarkdownSource } from '../core/parse/markdown';
import type { ParseAnswer, PieceEntry } from '../core/parse/pieces';
import { prescan, type Prescan } from '../core/parse/prescan';
import { parseSpec, parseSpecSteps, type SpecDocument } from '../core/parse/spec-document';
import { runParseSteps } from '../core/parse/pieces';
import type { ParseHost } from './parse-host';

/** Documents at least this long (UTF-16 code units) are parsed off the request path ({@link SpecCache.ready}). */
export const OFF_THREAD_MIN_LENGTH = 16 * 1024;
/** After an edit, pieces at least this long are parsed in the worker; shorter ones here, between other work. */
export const REMOTE_PIECE_MIN_LENGTH = 4 * 1024;
/** How long parsing here may hold the thread before other work gets a turn (ms). */
const SLICE_MS = 8;

/** What the cache needs besides documents. */
export interface SpecCacheOptions {
  /** Parses large pieces in a worker; without it every parse runs here. */
  readonly host?: ParseHost;
  /** How long parsing and putting a version together here may hold the thread before other work gets a turn (ms). */
  readonly sliceMs?: number;
  /** A version parsed by {@link SpecCache.ready} is in: what was built from an older one is stale. */
  readonly parsed?: (uri: string) => void;
}

interface Job {
  readonly version: number;
  readonly done: Promise<void>;
  readonly wanted: { cancelled: boolean };
  /** Once the parse has begun to put the version together: runs the rest of it now. */
  finish?: () => void;
  /** How much of the document the parser has read so far (UTF-16 code units, about). */
  read: number;
  readonly length: number;
}

/** How far the parse of a document's current version is (see {@link SpecCache.progress}). */
export interface ParseProgress {
  /** The document's length (UTF-16 code units). */
  readonly length: number;
  /** How much of it the parser has read, at most `length`. */
  readonly read: number;
}

/**
 * Parsed specs by document URI, one parse per document version: diagnostics, symbols
 * and folding for the same version share it. A new version is parsed from the previous
 * one: only the pieces of the document whose text changed are parsed again (see
 * `parse/pieces.ts`); the result is the same as parsing the whole text. The previous
 * version's tree is reused for the new one, so a spec is only good while its document
 * version is current.
 *
 * A large document, or one the pre-scan found hostile, is parsed by {@link ready}: its
 * pieces are parsed in a worker thread (after an edit, the short ones here, a few
 * milliseconds at a time) and put together between other work, so that requests about
 * other documents are answered meanwhile. Whoever needs the tree of such a document
 * awaits `ready` before `get`; what must not wait for it (the workspace index) asks
 * {@link now}.
 */
export class SpecCache {
  private readonly entries = new Map<string, { version: number; spec: SpecDocument }>();
  private readonly jobs = new Map<string, Job>();
  /** Pieces parsed for a document's first version, kept while its parse may be started again. */
  private readonly seeds = new Map<string, Map<string, PieceEntry>>();
  /** Whether a document's version is parsed off the request path, and the pre-scan that decided it. */
  private readonly decided = new Map<string, { version: number; offThread: boolean; scan?: Prescan }>();

  constructor(private readonly options: SpecCacheOptions = {}) {}

  get(document: TextDocument): SpecDocument {
    const current = this.entries.get(document.uri);
    if (current && current.version === document.version) return current.spec;
    this.settle(document.uri);
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.spec;
    if (cached && cached.version > document.version) {
      // A late request for an older version: parse it on the side, leaving the newer one intact.
      return parseSpec(document.getText(), cached.spec);
    }
    // Versions only move forward, so the previous one is done with: its tree is moved into
    // the new one rather than copied. Whoever still holds it after an await must check that
    // its document version is still current before using its nodes' positions.
    const decided = this.decided.get(document.uri);
    const scan = decided?.version === document.version ? decided.scan : undefined;
    const spec = parseSpec(document.getText(), cached?.spec, { retirePrevious: true, ...this.seed(document.uri, cached), ...(scan ? { prescanned: scan } : {}) });
    this.entries.set(document.uri, { version: document.version, spec });
    this.seeds.delete(document.uri);
    return spec;
  }

  /** The spec of the document's current version if it is parsed, without parsing it. */
  peek(document: TextDocument): SpecDocument | undefined {
    const cached = this.entries.get(document.uri);
    return cached && cached.version === document.version ? cached.spec : undefined;
  }

  /**
   * The spec of the document's current version without waiting: parsed at once when the
   * document is small and ordinary, otherwise undefined until {@link ready} (started here)
   * is through.
   */
  now(document: TextDocument): SpecDocument | undefined {
    const parsed = this.peek(document);
    if (parsed) return parsed;
    if (!this.offThread(document)) return this.get(document);
    void this.ready(document);
    return undefined;
  }

  /** The spec of the latest version parsed, whichever it is (its front matter and text stay as they were). */
  latest(uri: string): SpecDocument | undefined {
    return this.entries.get(uri)?.spec;
  }

  /**
   * Resolves once the document's current version is parsed (then {@link get} returns it
   * at once), or once the document has moved on (callers check its version). A small
   * document is parsed at once; a large or hostile one off the request path.
   */
  ready(document: TextDocument): Promise<void> {
    const { uri, version } = document;
    const job = this.jobs.get(uri);
    if (job?.version === version) return job.done;
    this.settle(uri);
    const cached = this.entries.get(uri);
    if (cached && cached.version >= version) return Promise.resolve();
    if (!this.offThread(document)) {
      this.get(document);
      return Promise.resolve();
    }
    const started: Job = { version, wanted: { cancelled: false }, done: Promise.resolve(), read: 0, length: document.getText().length };
    const done = this.parse(document, document.getText(), cached, started).finally(() => {
      if (this.jobs.get(uri) === started) this.jobs.delete(uri);
      // Pieces sent ahead and never asked for (a cut was dropped, or the parse was).
      this.options.host?.release(started.wanted);
    });
    const running: Job = Object.assign(started, { done });
    this.jobs.set(uri, running);
    return done;
  }

  /** How far the parse of the document's current version is, while it is parsed off the request path; undefined otherwise. */
  progress(document: TextDocument): ParseProgress | undefined {
    const job = this.jobs.get(document.uri);
    if (job?.version !== document.version) return undefined;
    return { length: job.length, read: Math.min(job.read, job.length) };
  }

  delete(uri: string): void {
    this.settle(uri, false);
    this.decided.delete(uri);
    this.entries.delete(uri);
    this.seeds.delete(uri);
  }

  /**
   * Ends the parse under way for a document, if any, before another takes its place: one
   * that is putting its version together is finished now (the previous version is partly
   * moved into it), unless the document is gone; one still parsing pieces is dropped.
   */
  private settle(uri: string, finish = true): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    this.jobs.delete(uri);
    if (job.finish && finish) {
      job.finish();
      return;
    }
    job.wanted.cancelled = true;
    this.options.host?.prune();
  }

  /** Whether the document's current version is parsed off the request path (decided once per version). */
  private offThread(document: TextDocument): boolean {
    if (!this.options.host) return false;
    const known = this.decided.get(document.uri);
    if (known?.version === document.version) return known.offThread;
    const text = document.getText();
    // A short document is off the request path only for a shape the pre-scan knows; its parse reuses that pre-scan.
    const scan = text.length >= OFF_THREAD_MIN_LENGTH ? undefined : prescan(text);
    const decision = { version: document.version, offThread: scan === undefined || scan.regions.length > 0, ...(scan ? { scan } : {}) };
    this.decided.set(document.uri, decision);
    return decision.offThread;
  }

  private seed(uri: string, cached: { spec: SpecDocument } | undefined): { pieceCache?: Map<string, PieceEntry> } {
    if (cached) return {};
    let seed = this.seeds.get(uri);
    if (!seed) this.seeds.set(uri, (seed = new Map()));
    return { pieceCache: seed };
  }

  /**
   * Drives the steps of a parse: the pieces of a first parse, and long ones, in the
   * worker; the short pieces an edit changed here; between them, and between the pieces
   * put together, other work gets a turn every few milliseconds. Dropped as soon as the
   * document moves on while pieces are parsed (those parsed so far stay cached for the
   * next attempt); once the version is being put together, run to the end.
   */
  private async parse(document: TextDocument, text: string, previous: { version: number; spec: SpecDocument } | undefined, job: Job): Promise<void> {
    const { uri, version } = document;
    const { wanted } = job;
    const host = this.options.host as ParseHost;
    const decided = this.decided.get(uri);
    const scan = decided?.version === version ? decided.scan : undefined;
    const steps = parseSpecSteps(text, previous?.spec, { retirePrevious: true, ...this.seed(uri, previous), ...(scan ? { prescanned: scan } : {}) });
    let finished = false;
    const complete = (spec: SpecDocument) => {
      finished = true;
      // The document was closed meanwhile.
      if (wanted.cancelled) return;
      this.entries.set(uri, { version, spec });
      this.seeds.delete(uri);
      this.options.parsed?.(uri);
    };
    let next: { answer: ParseAnswer | undefined } | { error: unknown } | undefined;
    let slice = performance.now();
    for (;;) {
      if (finished || (job.finish && wanted.cancelled)) return;
      // Before the first pause nothing of the previous version has moved: the parse may be dropped.
      if (!job.finish && (wanted.cancelled || document.version !== version || this.entries.get(uri) !== previous)) {
        steps.return(undefined as never);
        return;
      }
      const step = next === undefined ? steps.next() : 'error' in next ? steps.throw(next.error) : steps.next(next.answer);
      if (step.done) {
        complete(step.value);
        return;
      }
      const request = step.value;
      if ('pause' in request) {
        // A first parse says which pieces it will ask for: the workers start on them together.
        if (request.prefetch) host.prefetch(request.prefetch, wanted);
        if (request.pause === 'must-finish') job.finish ??= () => {
          if (finished) return;
          complete(runParseSteps(steps));
        };
        next = { answer: undefined };
        if (performance.now() - slice > (this.options.sliceMs ?? SLICE_MS)) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
        continue;
      }
      // A first parse sends every piece to the worker: hostile pieces are short too (a few
      // kilobytes of footnotes cost the parser tens of milliseconds), and copying a tree
      // back costs a fraction of parsing it. After an edit the few pieces that changed are
      // parsed here, unless they are long.
      if (previous === undefined || request.source.length >= REMOTE_PIECE_MIN_LENGTH) {
        next = { answer: await host.parse(request, wanted) };
        job.read += request.source.length;
        slice = performance.now();
        continue;
      }
      if (performance.now() - slice > (this.options.sliceMs ?? SLICE_MS)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
        if (wanted.cancelled || document.version !== version) continue;
      }
      job.read += request.source.length;
      try {
        next = { answer: parseMarkdownSource(request.source, request.close) };
      } catch (error) {
        next = { error };
      }
    }
  }
}

/** Whether a document is parsed off the request path: it is large, or the pre-scan found a hostile shape in it. */
export function offThread(text: string): boolean {
  return text.length >= OFF_THREAD_MIN_LENGTH || prescan(text).regions.length > 0;
}
