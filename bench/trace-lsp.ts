// Traceability in the language server at scale, over real stdio: the generated
// spec-kit-shaped workspace of the `trace-cli` part (full mode: 5,000 specs and 20,000 code
// files; quick mode a tenth). One feature's spec.md and tasks.md are opened; measured:
// didOpen → the index logs that it read the workspace (specs parsed, code files scanned,
// in the background while the open documents got their own diagnostics), → the spec's
// diagnostics carrying trace findings (the graph built and the document checked again);
// then an edit to tasks.md that takes the first story's tags off its tasks → the spec's
// diagnostics reporting the story uncovered (the graph patched where the one changed file cites, and the open documents
// checked again after the index's quiet period of 250 ms); a `specwright/traceability`
// request and a code-lens request; the server's memory.
// Usage: node --import tsx bench/trace-lsp.ts [--full]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TRACEABILITY } from '../common/src/protocol';
import { LspClient, SPECWRIGHT_SERVER } from './lsp-client';
import { generate } from './trace-cli';
import { bytes, isMain, median, ms, progress, runAlone, type RunOptions, type Section } from './util';
import { parseFloor } from './workspace-index';

const RUNS = { quick: 3, full: 1 } as const;
const TIMEOUT_MS = Number(process.env.SPECWRIGHT_BENCH_TIMEOUT_MS ?? 20 * 60_000);
const INDEXED = /Indexed the workspace: (\d+) Markdown files, (\d+) parsed, in (\d+) ms; (\d+) test and source files/;

interface Run {
  readonly indexedMs: number;
  readonly serverMs: number;
  readonly files: number;
  readonly code: number;
  readonly traceFindingsMs: number;
  readonly editMs: number;
  readonly traceabilityMs: number;
  readonly codeLensMs: number;
  readonly rss: number | undefined;
  readonly peak: number | undefined;
}

/**
 * Resolves with when the first publication for `uri` from now on that `accept` takes came.
 * (It takes over the connection's diagnostics handler until then: register it only after
 * the client's own waits are over.)
 */
function nextPublication(client: LspClient, uri: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    const disposable = client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri !== uri || !accept(params.diagnostics)) return;
      clearTimeout(timer);
      disposable.dispose();
      resolve(performance.now());
    });
  });
}

async function once(dir: string): Promise<Run> {
  const client = await LspClient.start(SPECWRIGHT_SERVER, dir, { diagnosticsDelay: 0 });
  try {
    const feature = join(dir, 'specs', '0001-feature-0');
    const specUri = pathToFileURL(join(feature, 'spec.md')).href;
    const tasksUri = pathToFileURL(join(feature, 'tasks.md')).href;
    const spec = readFileSync(join(feature, 'spec.md'), 'utf8');
    const tasks = readFileSync(join(feature, 'tasks.md'), 'utf8');
    const indexed = client.waitForLog(INDEXED, TIMEOUT_MS);
    const start = performance.now();
    await client.open(specUri, spec, TIMEOUT_MS);
    await client.open(tasksUri, tasks, TIMEOUT_MS);
    // Once the workspace is read, the open documents are checked again with the trace graph:
    // the spec's first publication after the index's log message.
    const arrivals: number[] = [];
    let wake: (() => void) | undefined;
    const listening = client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri !== specUri) return;
      arrivals.push(performance.now());
      wake?.();
    });
    const { match, at } = await indexed;
    const deadline = performance.now() + TIMEOUT_MS;
    while (!arrivals.some((time) => time > at) && performance.now() < deadline) await new Promise<void>((resolve) => (wake = resolve));
    listening.dispose();
    const tracedAt = arrivals.find((time) => time > at) ?? Number.NaN;
    // Untag the first story's tasks: the story is no longer covered, and the spec says so.
    const storyLine = spec.split('\n').findIndex((line) => line.startsWith('### User Story 1 '));
    const untagged = tasks.replace(/ \[US1\]/g, '');
    const lines = tasks.split('\n');
    const uncovered = nextPublication(client, specUri, (diagnostics) => diagnostics.some((d) => d.code === 'uncovered-requirement' && d.range.start.line === storyLine));
    const editStart = performance.now();
    // Sent as is: the client's own wait for this version's diagnostics would outlive the run.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: tasksUri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length } }, text: untagged }],
    });
    const clearedAt = await uncovered;
    let t = performance.now();
    await client.connection.sendRequest(TRACEABILITY, { uri: specUri });
    const traceabilityMs = performance.now() - t;
    t = performance.now();
    await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: specUri } });
    const codeLensMs = performance.now() - t;
    const memory = client.memory();
    return {
      indexedMs: at - start,
      files: Number(match[1]),
      code: Number(match[4]),
      serverMs: Number(match[3]),
      traceFindingsMs: tracedAt - start,
      editMs: clearedAt - editStart,
      traceabilityMs,
      codeLensMs,
      rss: memory?.rss,
      peak: memory?.peak,
    };
  } finally {
    await client.stop();
  }
}

export async function run(options: RunOptions): Promise<Section[]> {
  const full = options.mode === 'full';
  const features = full ? 2500 : 250;
  const codeFiles = full ? 20_000 : 2_000;
  const dir = generate(features, codeFiles);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS[options.mode]; i++) {
    progress(`trace-lsp: run ${i + 1}`);
    runs.push(await once(dir));
  }
  // The anchor: the raw parse of the specs the walk must parse whole (their family traces
  // stories and task lines), once, in this process, after the runs.
  const floor = parseFloor(specTexts(dir));
  const m = (pick: (run: Run) => number | undefined) => {
    const values = runs.map(pick).filter((value): value is number => value !== undefined && Number.isFinite(value));
    return values.length > 0 ? median(values) : Number.NaN;
  };
  return [
    {
      title: 'Traceability in the language server',
      intro:
        `The workspace of the command-line part (${(2 * features).toLocaleString('en-US')} specs, ${codeFiles.toLocaleString('en-US')} source and test files), over stdio; ` +
        `one feature's spec.md and tasks.md opened. ${RUNS[options.mode] === 1 ? 'One run' : `Median of ${RUNS[options.mode]} runs`}, each a fresh server.`,
      tables: [
        {
          header: ['measure', 'value'],
          rows: [
            ['didOpen → workspace read (specs parsed, code scanned)', ms(m((run) => run.indexedMs))],
            ['… the server’s own time for the walk', ms(m((run) => run.serverMs))],
            ['raw parse floor: mdast-util-from-markdown + gfm + frontmatter over every spec, in process', ms(floor)],
            ['… the walk as a ratio of it (the walk also reads the test and source files)', `${(m((run) => run.serverMs) / floor).toFixed(2)}×`],
            ['didOpen → the spec checked again with the trace graph', ms(m((run) => run.traceFindingsMs))],
            ['edit to tasks.md → the spec reports the story it uncovered (includes the 250 ms quiet period)', ms(m((run) => run.editMs))],
            ['specwright/traceability request', ms(m((run) => run.traceabilityMs))],
            ['code lens request on the spec', ms(m((run) => run.codeLensMs))],
            ['server memory after (RSS / peak)', `${bytes(m((run) => run.rss))} / ${bytes(m((run) => run.peak))}`],
          ],
        },
      ],
      notes: [`Read by the index: ${runs[0]?.files.toLocaleString('en-US') ?? '?'} Markdown files and ${runs[0]?.code.toLocaleString('en-US') ?? '?'} test and source files.`],
    },
  ];
}

/** The text of every Markdown file under the workspace's `specs/`. */
function specTexts(dir: string): string[] {
  return readdirSync(join(dir, 'specs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

if (isMain(__filename)) runAlone(run);
