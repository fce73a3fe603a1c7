// Request latency on the 1 MB spec, over real stdio: document symbols and folding ranges,
// and completion, hover and code actions when the server advertises them. Two cases:
// the same document version again (the parse is cached), and right after an edit (the
// request has to wait for the new version to be parsed), with the default diagnostics
// delay and, for reference, with none.
// Usage: node --import tsx bench/lsp-requests.ts [--full]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, ServerCapabilities } from 'vscode-languageserver-protocol';
import { editOffset, ensureCorpus, TYPED } from './corpus';
import { documentUri, LspClient, SPECWRIGHT_SERVER } from './lsp-client';
import { isMain, median, ms, percentile, progress, ROOT, runAlone, verdict, type Check, type RunOptions, type Section } from './util';

const TARGET_MS = 20;
const TIMEOUT_MS = 15 * 60_000;

interface Position {
  line: number;
  character: number;
}

/** Where position-based requests are made: the typing point and the H1 title. */
interface Anchors {
  readonly edit: Position;
  readonly title: Position;
}

interface RequestKind {
  readonly method: string;
  readonly label: string;
  readonly provided: (capabilities: ServerCapabilities) => boolean;
  readonly params: (uri: string, at: Anchors, diagnostics: readonly Diagnostic[]) => unknown;
}

const REQUESTS: readonly RequestKind[] = [
  {
    method: 'textDocument/documentSymbol',
    label: 'document symbols',
    provided: (c) => Boolean(c.documentSymbolProvider),
    params: (uri) => ({ textDocument: { uri } }),
  },
  {
    method: 'textDocument/foldingRange',
    label: 'folding ranges',
    provided: (c) => Boolean(c.foldingRangeProvider),
    params: (uri) => ({ textDocument: { uri } }),
  },
  {
    method: 'textDocument/completion',
    label: 'completion',
    provided: (c) => Boolean(c.completionProvider),
    params: (uri, at) => ({ textDocument: { uri }, position: at.edit, context: { triggerKind: 1 } }),
  },
  {
    method: 'textDocument/hover',
    label: 'hover',
    provided: (c) => Boolean(c.hoverProvider),
    params: (uri, at) => ({ textDocument: { uri }, position: at.title }),
  },
  {
    method: 'textDocument/codeAction',
    label: 'code actions',
    provided: (c) => Boolean(c.codeActionProvider),
    params: (uri, at, diagnostics) => {
      const target = diagnostics[Math.floor(diagnostics.length / 2)];
      return {
        textDocument: { uri },
        range: target?.range ?? { start: at.edit, end: at.edit },
        context: { diagnostics: target ? [target] : [], triggerKind: 1 },
      };
    },
  },
];

interface AfterEdits {
  /** Per request kind, the time from each edit to its answer. */
  readonly perKind: Map<RequestKind, number[]>;
  /** The time from each edit to the diagnostics for its version. */
  readonly diagnostics: number[];
}

/** One-character edits, each followed at once by every request together. */
async function afterEdits(
  client: LspClient,
  uri: string,
  original: string,
  offset: number,
  provided: readonly RequestKind[],
  send: (kind: RequestKind) => Promise<unknown>,
  rounds: number,
): Promise<AfterEdits> {
  const perKind = new Map<RequestKind, number[]>(provided.map((kind) => [kind, []]));
  const diagnostics: number[] = [];
  let text = original;
  for (let i = 0; i < rounds && provided.length > 0; i++) {
    const insertAt = offset + i;
    const ch = TYPED[i % TYPED.length] as string;
    const position = positionAt(text, insertAt);
    text = text.slice(0, insertAt) + ch + text.slice(insertAt);
    const change = await client.change(uri, { range: { start: position, end: position }, text: ch }, text, TIMEOUT_MS, false);
    const start = performance.now();
    await Promise.all(provided.map((kind) => send(kind).then(() => perKind.get(kind)?.push(performance.now() - start))));
    await change.diagnostics;
    diagnostics.push(performance.now() - start);
  }
  return { perKind, diagnostics };
}

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}


/** Symbols (with their children), ranges, items: how much the answer holds. */
function count(result: unknown): string {
  const walk = (value: unknown): number =>
    Array.isArray(value)
      ? value.reduce((sum: number, item: unknown) => sum + 1 + (item && typeof item === 'object' && 'children' in item ? walk(item.children) : 0), 0)
      : 0;
  if (Array.isArray(result)) return String(walk(result));
  if (result && typeof result === 'object' && 'items' in result && Array.isArray(result.items)) return String(result.items.length);
  return result === null || result === undefined ? 'null' : '1';
}

export async function run(options: RunOptions): Promise<Section[]> {
  if (!existsSync(join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: build first (`node esbuild.mjs --production`).');
  const full = options.mode === 'full';
  const doc = ensureCorpus().find((d) => d.id === '1mb');
  if (!doc) throw new Error('No 1 MB document in the corpus');
  // The settings an editor user has (a diagnostics delay of 150 ms), not the benchmark's no-delay default.
  const client = await LspClient.start(SPECWRIGHT_SERVER, undefined, {});
  const rows: string[][] = [];
  const checks: Check[] = [];
  const notes: string[] = [];
  try {
    const uri = documentUri('requests-1mb.md');
    progress('requests: open 1 MB');
    const { diagnostics } = await client.open(uri, doc.text, TIMEOUT_MS);
    const offset = editOffset(doc.text);
    const at: Anchors = { edit: positionAt(doc.text, offset), title: positionAt(doc.text, doc.text.search(/^# /m) + 2) };
    const provided = REQUESTS.filter((kind) => kind.provided(client.capabilities));
    const send = (kind: RequestKind) => client.connection.sendRequest(kind.method, kind.params(uri, at, diagnostics));

    // Same version: the parse is cached; the time is the feature plus the round trip.
    const cached = new Map<RequestKind, number[]>();
    const results = new Map<RequestKind, unknown>();
    for (const kind of provided) {
      progress(`requests: ${kind.label}, same version`);
      for (let i = 0; i < 3; i++) results.set(kind, await send(kind));
      const times: number[] = [];
      let spent = 0;
      while (times.length < (full ? 100 : 40) && (times.length < 10 || spent < (full ? 5000 : 1500))) {
        const start = performance.now();
        await send(kind);
        const elapsed = performance.now() - start;
        times.push(elapsed);
        spent += elapsed;
      }
      cached.set(kind, times);
    }

    // Right after a one-character edit, all requests at once (as an editor refreshing its
    // outline, folding and hover would): each waits for the new version's parse. With the
    // settings an editor user has (a diagnostics delay of 150 ms) the check of the new
    // version comes after them; with no delay, they queue behind it.
    const rounds = full ? 8 : 3;
    progress('requests: all, right after an edit');
    const withDelay = await afterEdits(client, uri, doc.text, offset, provided, send, rounds);
    progress('requests: all, right after an edit, no diagnostics delay');
    const undelayedClient = await LspClient.start(SPECWRIGHT_SERVER);
    let noDelay: AfterEdits;
    try {
      const undelayedUri = documentUri('requests-1mb-no-delay.md');
      const opened = await undelayedClient.open(undelayedUri, doc.text, TIMEOUT_MS);
      noDelay = await afterEdits(undelayedClient, undelayedUri, doc.text, offset, provided, (kind) =>
        undelayedClient.connection.sendRequest(kind.method, kind.params(undelayedUri, at, opened.diagnostics)), rounds);
    } finally {
      await undelayedClient.stop();
    }

    for (const kind of REQUESTS) {
      const same = cached.get(kind);
      const after = withDelay.perKind.get(kind);
      const afterNoDelay = noDelay.perKind.get(kind) ?? [];
      if (!same || !after) {
        rows.push([kind.label, 'not yet provided', '', '', '', '', '', '', '']);
        checks.push({ target: `${kind.label} at 1 MB: median ≤ ${TARGET_MS} ms`, measured: 'not yet provided', pass: undefined });
        continue;
      }
      if (results.get(kind) === null || results.get(kind) === undefined) {
        notes.push(`${kind.label} answered null here, so its same-version time is the round trip of an empty answer.`);
      }
      const sameMedian = median(same);
      const afterMedian = median(after);
      checks.push(
        { target: `${kind.label} at 1 MB, same version: median ≤ ${TARGET_MS} ms`, measured: ms(sameMedian), pass: sameMedian <= TARGET_MS },
        { target: `${kind.label} at 1 MB, right after an edit: median ≤ ${TARGET_MS} ms`, measured: ms(afterMedian), pass: afterMedian <= TARGET_MS },
      );
      rows.push([
        kind.label,
        ms(sameMedian),
        ms(percentile(same, 95)),
        String(same.length),
        ms(afterMedian),
        String(after.length),
        ms(median(afterNoDelay)),
        count(results.get(kind)),
        `same version: ${verdict(sameMedian <= TARGET_MS)}; after an edit: ${verdict(afterMedian <= TARGET_MS)}`,
      ]);
    }
    notes.push(
      `After an edit the diagnostics for the new version arrived ${ms(median(withDelay.diagnostics))} (median) after it with the ` +
        `default delay of 150 ms, and ${ms(median(noDelay.diagnostics))} with no delay, when the requests waited behind the check.`,
    );
  } finally {
    await client.stop();
  }
  return [
    {
      title: 'Requests on the 1 MB spec (Specwright)',
      intro:
        'Round-trip time of each request over stdio on the 1 MB spec. *Same version*: repeated on an unchanged document ' +
        '(the parse is cached per version; warmup requests excluded). *After an edit*: all requests sent together right after ' +
        'a one-character `didChange`, as an editor refreshing outline, folding and hover would, so each includes parsing the ' +
        'new version; the server has the settings a user has, so the new version is checked 150 ms after the edit ' +
        '(`specwright.diagnosticsDelay`), after the requests. *No delay*: the same with `diagnosticsDelay: 0` (as the keystroke ' +
        'benchmark sets it), where the requests wait behind the check of the new version; for reference, no target. ' +
        `Target: median ≤ ${TARGET_MS} ms. Requests the server does not advertise in its \`initialize\` result ` +
        'are marked "not yet provided". Hover is asked on the H1 title; code actions on a diagnostic’s range.',
      tables: [
        {
          header: ['request', 'same version median', 'p95', 'n', 'after an edit median', 'n', 'after an edit, no delay', 'results', `target ≤ ${TARGET_MS} ms`],
          rows,
        },
      ],
      notes,
      checks,
    },
  ];
}

if (isMain(__filename)) runAlone(run);
