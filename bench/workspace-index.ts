// The workspace index's cold start, over real stdio: Specwright's language server started
// in the generated workspace of specs (its own folder and current directory), one spec
// opened, then timed until the server logs `Indexed the workspace: …`. Reported per run:
// time to the opened spec's first diagnostics (they must not wait for the index), time to
// the index, the server's own count and time, request round trips while the index is
// being built, and the server's memory right after (VmRSS) and at its peak (VmHWM). The
// anchor is the raw parse floor: mdast-util-from-markdown (+ gfm + frontmatter) over the
// text of every file, in process. Quick mode uses the first 300 of the 5,000 specs, like
// the CLI part; full mode all of them.
// Usage: node --import tsx bench/workspace-index.ts [--full] [--runs <n>]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureWorkspace, WORKSPACE_FILES, type Workspace } from './corpus';
import { LspClient, SPECWRIGHT_SERVER, type ServerSpec } from './lsp-client';
import { TOOLS as PARSERS } from './parsers';
import { bytes, isMain, median, ms, progress, ratio, ROOT, runAlone, runsFromArgs, type RunOptions, type Section } from './util';

/** Quick mode indexes the first this many specs of the workspace (as the CLI part lints them). */
const QUICK_FILES = 300;
/** Cold starts per mode (the median is reported), unless `--runs <n>` says otherwise. */
const RUNS = { quick: 3, full: 3 } as const;
/** As long as a slow server may reasonably take to index the whole workspace. */
const TIMEOUT_MS = 20 * 60_000;
const INDEXED = /Indexed the workspace: (\d+) Markdown files, (\d+) parsed, in (\d+) ms/;

/** What one cold start measured. Times in milliseconds; memory in bytes. */
export interface ColdStart {
  /** Spawning the server → its `initialize` answer. */
  readonly initializeMs: number;
  /** VmRSS after `initialize`, before anything is opened. */
  readonly idleRss: number | undefined;
  /** `didOpen` → the spec's first `publishDiagnostics`. */
  readonly firstDiagnosticsMs: number;
  readonly diagnostics: number;
  /** Whether the first diagnostics arrived before the index was complete. */
  readonly diagnosticsBeforeIndex: boolean;
  /** `didOpen` → the `Indexed the workspace` log message (the walk starts with the first open document). */
  readonly indexedMs: number;
  /** What the server logged: files seen, files parsed, and its own time for the walk. */
  readonly files: number;
  readonly parsed: number;
  readonly serverMs: number;
  /** A hover on the spec's title right after its first diagnostics (it consults the index), if the index was not complete yet. */
  readonly hoverWhileIndexingMs: number | undefined;
  /** Round trips of folding-range requests, one after another, from then until the index was complete. */
  readonly requestsWhileIndexing: readonly number[];
  /** The same requests once the index is complete: what a round trip costs anyway. */
  readonly requestsAfter: readonly number[];
  /** VmRSS right after the log message, and VmHWM (peak) then. */
  readonly rss: number | undefined;
  readonly peak: number | undefined;
}

/** The spec opened in the cold workspace: the first one the generator wrote, with the position of its title. */
export function firstSpec(workspace: Workspace): { path: string; text: string; title: { line: number; character: number } } {
  const specs = join(workspace.dir, 'docs', 'specs');
  const candidates = readdirSync(specs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(join(specs, entry.name)).map((name) => ({ name, path: join(specs, entry.name, name) })))
    .filter((file) => file.name.endsWith('.md'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const path = candidates[0]?.path;
  if (!path) throw new Error(`no spec under ${specs}`);
  const text = readFileSync(path, 'utf8');
  const line = text.split('\n').findIndex((row) => /^# /.test(row));
  return { path, text, title: { line: Math.max(0, line), character: 3 } };
}

/** Starts `server` cold in the workspace, opens one spec and waits for the index. */
export async function coldStart(server: ServerSpec, workspace: Workspace): Promise<ColdStart> {
  const spec = firstSpec(workspace);
  const uri = pathToFileURL(spec.path).href;
  const spawned = performance.now();
  const client = await LspClient.start(server, workspace.dir);
  try {
    const initializeMs = performance.now() - spawned;
    const idleRss = client.memory()?.rss;
    const indexed = client.waitForLog(INDEXED, TIMEOUT_MS);
    let done = false;
    let memory: { rss: number; peak: number } | undefined;
    const finished = indexed.then((result) => {
      done = true;
      // Read at once: the message handler runs before anything else the client does.
      memory = client.memory();
      return result;
    });
    const opened = performance.now();
    const first = await client.open(uri, spec.text, TIMEOUT_MS);
    const diagnosticsBeforeIndex = !done;
    let hoverWhileIndexingMs: number | undefined;
    if (!done) {
      const start = performance.now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: spec.title });
      if (!done) hoverWhileIndexingMs = performance.now() - start;
    }
    const requests: number[] = [];
    while (!done) {
      const start = performance.now();
      await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
      // A request answered after the index was complete says nothing about responsiveness during it.
      if (!done) requests.push(performance.now() - start);
    }
    const { match, at } = await finished;
    const after: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
      after.push(performance.now() - start);
    }
    return {
      initializeMs,
      idleRss,
      firstDiagnosticsMs: first.ms,
      diagnostics: first.diagnostics.length,
      diagnosticsBeforeIndex,
      indexedMs: at - opened,
      files: Number(match[1]),
      parsed: Number(match[2]),
      serverMs: Number(match[3]),
      hoverWhileIndexingMs,
      requestsWhileIndexing: requests,
      requestsAfter: after,
      rss: memory?.rss,
      peak: memory?.peak,
    };
  } finally {
    await client.stop();
  }
}

/** The text of every Markdown file of the workspace, read once (this also warms the file-system cache). */
function workspaceTexts(workspace: Workspace): string[] {
  return readdirSync(join(workspace.dir, 'docs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** The raw parse floor: mdast-util-from-markdown (+ gfm + frontmatter, as in the parsers part) over every text, in process, once. */
export function parseFloor(texts: readonly string[]): number {
  const mdast = PARSERS.find((tool) => tool.id === 'mdast');
  if (!mdast) throw new Error('bench/parsers.ts has no mdast tool');
  const parse = mdast.run as (text: string) => unknown;
  // Warm the JIT on a few files first; the timed pass covers all of them.
  for (const text of texts.slice(0, 5)) parse(text);
  const start = performance.now();
  for (const text of texts) parse(text);
  return performance.now() - start;
}

export async function run(options: RunOptions): Promise<Section[]> {
  if (!existsSync(join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: build first (`node esbuild.mjs --production`).');
  const full = options.mode === 'full';
  const workspace = ensureWorkspace(full ? WORKSPACE_FILES : QUICK_FILES);
  const texts = workspaceTexts(workspace);
  const runs = runsFromArgs() ?? RUNS[options.mode];
  // The anchor for the first diagnostics: the same spec alone in a workspace (nothing else to index).
  const alone = ensureWorkspace(1);
  const results: ColdStart[] = [];
  const aloneResults: ColdStart[] = [];
  const notes: string[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`index: cold start ${i + 1} of ${runs} with the spec alone, then on ${workspace.files} specs`);
    try {
      aloneResults.push(await coldStart(SPECWRIGHT_SERVER, alone));
    } catch (error) {
      notes.push(`Cold start ${i + 1} with the spec alone failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const result = await coldStart(SPECWRIGHT_SERVER, workspace);
      progress(`index: ${result.files} files in ${ms(result.serverMs)}, RSS ${result.rss === undefined ? '?' : bytes(result.rss)}`);
      results.push(result);
    } catch (error) {
      notes.push(`Cold start ${i + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  progress(`index: the parse floor over ${texts.length} files`);
  const floor = parseFloor(texts);
  const of = (f: (result: ColdStart) => number | undefined) => median(results.map(f).filter((value): value is number => value !== undefined));
  const serverMs = of((result) => result.serverMs);
  const indexedMs = of((result) => result.indexedMs);
  const requests = results.flatMap((result) => result.requestsWhileIndexing);
  const after = results.flatMap((result) => result.requestsAfter);
  const hovers = results.flatMap((result) => (result.hoverWhileIndexingMs === undefined ? [] : [result.hoverWhileIndexingMs]));
  const rows: string[][] = [
    ['spawn → `initialize` answered', ms(of((result) => result.initializeMs))],
    ['`didOpen` → the spec’s first diagnostics', ms(of((result) => result.firstDiagnosticsMs))],
    ['the same with the spec alone in its workspace (nothing to index)', ms(median(aloneResults.map((result) => result.firstDiagnosticsMs)))],
    ['first diagnostics arrived before the index was complete', `${results.filter((result) => result.diagnosticsBeforeIndex).length} of ${results.length} runs`],
    ['`didOpen` → `Indexed the workspace` logged', ms(indexedMs)],
    ['the walk, as the server times it', ms(serverMs)],
    ['per file (the server’s time)', ms(serverMs / workspace.files)],
    ['hover on the title right after the first diagnostics, while indexing', hovers.length > 0 ? `${ms(median(hovers))} (n=${hovers.length})` : 'none (the index was complete first)'],
    [
      'folding ranges while indexing, back to back: median / max round trip',
      requests.length > 0 ? `${ms(median(requests))} / ${ms(Math.max(...requests))} (n=${requests.length})` : 'none (the index was complete first)',
    ],
    ['the same once the index is complete: median / max round trip', `${ms(median(after))} / ${ms(Math.max(...after))} (n=${after.length})`],
    ['RSS idle (after `initialize`)', bytes(of((result) => result.idleRss))],
    ['RSS right after indexing', bytes(of((result) => result.rss))],
    ['peak RSS (VmHWM) right after indexing', bytes(of((result) => result.peak))],
    ['raw parse floor: mdast-util-from-markdown + gfm + frontmatter over every file, in process', ms(floor)],
    ['the server’s walk ÷ the parse floor', ratio(serverMs, floor)],
  ];
  const counts = [...new Set(results.map((result) => `${result.files.toLocaleString('en-US')} Markdown files, ${result.parsed.toLocaleString('en-US')} parsed`))];
  return [
    {
      title: 'Workspace index (cold start)',
      intro:
        `Specwright’s language server (\`dist/server.js --stdio\`) started in the generated workspace of ${workspace.files.toLocaleString('en-US')} specs ` +
        `(${bytes(workspace.bytes)}) as its only folder and current directory, file-system cache warm, the client as in the keystroke part. ` +
        'The index is built in the background when the first document is opened: one spec is opened and the run ends when the server logs ' +
        '`Indexed the workspace: …` (`window/logMessage`). Meanwhile, once the spec’s diagnostics are in, hover is asked on its title (it consults the index) ' +
        'and then folding ranges, one request after another, to see how long a request waits behind the indexing. ' +
        'VmRSS and VmHWM from `/proc/<pid>/status` are read as the log message arrives. ' +
        `${results.length === 1 ? 'One cold start' : `Medians of ${results.length} cold starts`} (a new server each), each after one in a workspace that holds the opened spec alone, ` +
        'whose first diagnostics show what the check costs with nothing to index. ' +
        'The anchor is the raw parse of the same files: mdast-util-from-markdown with the gfm and frontmatter extensions over every file’s text, once, in this process.',
      tables: [{ header: ['measure', 'median'], rows }],
      notes: [
        ...(counts.length > 0 ? [`The server reported: ${counts.join('; ')}.`] : []),
        ...(full
          ? []
          : [`Quick mode: the first ${workspace.files} of the ${WORKSPACE_FILES.toLocaleString('en-US')} generated specs (same generator and seeds); \`npm run bench:full\` indexes all of them.`]),
        ...notes,
      ],
    },
  ];
}

if (isMain(__filename)) runAlone(run);
