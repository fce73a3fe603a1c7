// Keystroke to diagnostics, over real stdio: Specwright's language server against remark's.
// Each document is opened under specs/ (so it is a spec), then characters are typed one
// per change into a paragraph in the middle; each change is timed from sending didChange
// to receiving publishDiagnostics for exactly that version. Specwright gets incremental
// changes; the remark server asks for full text sync and gets the whole new text.
// Also reports the servers' memory (VmRSS) after opening each document.
// Usage: node --import tsx bench/lsp-keystroke.ts [--full]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { editOffset, ensureCorpus, TYPED, type CorpusDocument } from './corpus';
import { documentUri, LspClient, REMARK_SERVER, SPECWRIGHT_SERVER, type ServerSpec } from './lsp-client';
import {
  bytes,
  isMain,
  median,
  ms,
  percentile,
  progress,
  ratio,
  ROOT,
  runAlone,
  verdict,
  type Check,
  type Mode,
  type RunOptions,
  type Section,
} from './util';

interface EditPlan {
  readonly warmup: number;
  readonly min: number;
  readonly max: number;
  /** Stop adding edits (beyond `min`) after this much measured time. */
  readonly budgetMs: number;
}

/** Per size: how many edits, or a reason to skip. The same plan for both servers. */
function plan(mode: Mode, size: CorpusDocument): EditPlan | string {
  const full = mode === 'full';
  switch (size.id) {
    case '10kb':
      return full ? { warmup: 5, min: 30, max: 100, budgetMs: 10_000 } : { warmup: 3, min: 20, max: 40, budgetMs: 3000 };
    case '100kb':
      return full ? { warmup: 5, min: 20, max: 60, budgetMs: 20_000 } : { warmup: 5, min: 10, max: 40, budgetMs: 5000 };
    case '1mb':
      // Warm-up as at the smaller sizes: the open ran the whole pipeline once, but not the
      // edit path. The budget stops a server that takes seconds per change after `min`
      // changes; one that takes milliseconds gets enough changes for a stable median.
      return full ? { warmup: 3, min: 5, max: 60, budgetMs: 30_000 } : { warmup: 3, min: 2, max: 30, budgetMs: 5000 };
    default:
      if (!full) return 'skipped in quick mode (minutes per change at this size; run `npm run bench:full`)';
      return { warmup: 0, min: 2, max: 3, budgetMs: 60_000 };
  }
}

/** Per change, as long as a slow server may reasonably take. */
const TIMEOUT_MS = 15 * 60_000;

export interface SizeResult {
  readonly open?: { ms: number; diagnostics: number };
  readonly edits: readonly number[];
  readonly rssAfterOpen?: number;
  readonly skipped?: string;
}

/** The edit sequence: the i-th change types TYPED[i] right after the previous one. */
function editAt(text: string, offset: number, index: number): { edit: { range: Range; text: string }; next: string } {
  const before = text.slice(0, offset + index);
  const line = before.split('\n').length - 1;
  const character = before.length - before.lastIndexOf('\n') - 1;
  const ch = TYPED[index % TYPED.length] as string;
  return {
    edit: { range: { start: { line, character }, end: { line, character } }, text: ch },
    next: before + ch + text.slice(offset + index),
  };
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface Session {
  readonly server: ServerSpec;
  readonly client: LspClient;
  readonly idleRss?: number;
  readonly sizes: Map<string, SizeResult>;
  peakRss?: number;
  error?: string;
}

/** The state of one server on one document while edits are interleaved. */
interface Lane {
  readonly session: Session;
  readonly plan: EditPlan;
  readonly uri: string;
  readonly times: number[];
  readonly open: { ms: number; diagnostics: number };
  readonly rssAfterOpen?: number;
  text: string;
  spent: number;
  done: boolean;
}

/**
 * Runs both servers side by side: per document, each opens it, then the edits alternate
 * (edit i to one server, then the same edit i to the other), so that load from other
 * work on a shared machine falls on both alike.
 */
async function runSessions(servers: readonly ServerSpec[], mode: Mode, docs: readonly CorpusDocument[]): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const server of servers) {
    const client = await LspClient.start(server);
    await new Promise((resolve) => setTimeout(resolve, 300));
    sessions.push({ server, client, idleRss: client.memory()?.rss, sizes: new Map() });
  }
  try {
    for (const doc of docs) {
      const offset = editOffset(doc.text);
      const uri = documentUri(`spec-${doc.id}.md`);
      const lanes: Lane[] = [];
      for (const session of sessions) {
        const edits = plan(mode, doc);
        if (typeof edits === 'string') {
          session.sizes.set(doc.id, { edits: [], skipped: edits });
          continue;
        }
        if (session.error) continue;
        progress(`keystroke: ${session.server.name}, open ${doc.label}`);
        try {
          const opened = await session.client.open(uri, doc.text, TIMEOUT_MS);
          lanes.push({
            session,
            plan: edits,
            uri,
            times: [],
            open: { ms: opened.ms, diagnostics: opened.diagnostics.length },
            rssAfterOpen: session.client.memory()?.rss,
            text: doc.text,
            spent: 0,
            done: false,
          });
        } catch (error) {
          session.error = error instanceof Error ? error.message : String(error);
        }
      }
      for (let i = 0; lanes.some((lane) => !lane.done); i++) {
        for (const lane of lanes) {
          const measured = i - lane.plan.warmup;
          if (measured >= lane.plan.max || (measured >= lane.plan.min && lane.spent >= lane.plan.budgetMs)) lane.done = true;
          if (lane.done) continue;
          const { edit, next } = editAt(lane.text, offset, i);
          lane.text = next;
          try {
            const result = await lane.session.client.change(lane.uri, edit, lane.text, TIMEOUT_MS);
            if (measured >= 0) {
              lane.times.push(result.ms);
              lane.spent += result.ms;
            }
          } catch (error) {
            lane.session.error = error instanceof Error ? error.message : String(error);
            lane.done = true;
          }
        }
      }
      for (const lane of lanes) {
        progress(`keystroke: ${lane.session.server.name}, ${doc.label}: median ${ms(median(lane.times))} over ${lane.times.length} edits`);
        lane.session.sizes.set(doc.id, { open: lane.open, edits: lane.times, rssAfterOpen: lane.rssAfterOpen });
        await lane.session.client.close(uri);
      }
    }
  } finally {
    for (const session of sessions) {
      session.peakRss = session.client.memory()?.peak;
      await session.client.stop();
    }
  }
  return sessions;
}

const TARGETS: Record<string, number> = { '100kb': 10, '1mb': 50 };

export async function run(options: RunOptions): Promise<Section[]> {
  if (!existsSync(join(ROOT, 'dist/server.js'))) throw new Error('dist/server.js is missing: build first (`node esbuild.mjs --production`).');
  const docs = ensureCorpus();
  const [specwright, remark] = (await runSessions([SPECWRIGHT_SERVER, REMARK_SERVER], options.mode, docs)) as [Session, Session];

  const stat = (result: SizeResult | undefined, f: (values: number[]) => number) =>
    result && result.edits.length > 0 ? f([...result.edits]) : Number.NaN;
  const rows = docs.map((doc) => {
    const s = specwright.sizes.get(doc.id);
    const r = remark.sizes.get(doc.id);
    const sMedian = stat(s, median);
    const rMedian = stat(r, median);
    const target = TARGETS[doc.id];
    const targetCell =
      target === undefined
        ? '—'
        : Number.isFinite(sMedian)
          ? `≤ ${target} ms: ${verdict(sMedian <= target)}${sMedian > target ? ` (${ratio(sMedian, target)} the target)` : ''}`
          : '≤ ' + target + ' ms: not measured';
    const faster = Number.isFinite(sMedian) && Number.isFinite(rMedian) ? verdict(sMedian < rMedian) : 'n/a';
    return [
      doc.label,
      s?.skipped ? 'skipped' : ms(sMedian),
      ms(stat(s, (v) => percentile(v, 95))),
      String(s?.edits.length ?? 0),
      r?.skipped ? 'skipped' : ms(rMedian),
      ms(stat(r, (v) => percentile(v, 95))),
      String(r?.edits.length ?? 0),
      ratio(sMedian, rMedian),
      targetCell,
      faster,
    ];
  });
  const openRows = docs.map((doc) => {
    const s = specwright.sizes.get(doc.id);
    const r = remark.sizes.get(doc.id);
    return [
      doc.label,
      s?.open ? ms(s.open.ms) : '—',
      s?.open ? String(s.open.diagnostics) : '—',
      r?.open ? ms(r.open.ms) : '—',
      r?.open ? String(r.open.diagnostics) : '—',
    ];
  });
  const skipped = [specwright, remark].flatMap((runResult) =>
    docs.flatMap((doc) => {
      const reason = runResult.sizes.get(doc.id)?.skipped;
      return reason ? [`${runResult.server.name} at ${doc.label}: ${reason}.`] : [];
    }),
  );
  const errors = [specwright, remark].flatMap((runResult) => (runResult.error ? [`${runResult.server.name} stopped early: ${runResult.error}`] : []));

  const checks: Check[] = [];
  for (const doc of docs) {
    const sMedian = stat(specwright.sizes.get(doc.id), median);
    const rMedian = stat(remark.sizes.get(doc.id), median);
    const target = TARGETS[doc.id];
    if (target !== undefined) {
      checks.push({
        target: `keystroke → diagnostics at ${doc.label}: median ≤ ${target} ms`,
        measured: Number.isFinite(sMedian) ? `${ms(sMedian)} (${ratio(sMedian, target)} the target)` : 'not measured',
        pass: Number.isFinite(sMedian) ? sMedian <= target : undefined,
      });
    }
    checks.push({
      target: `keystroke → diagnostics at ${doc.label}: faster than the remark server`,
      measured:
        Number.isFinite(sMedian) && Number.isFinite(rMedian)
          ? `${ms(sMedian)} vs ${ms(rMedian)} (${ratio(sMedian, rMedian)})`
          : 'not measured in this mode',
      pass: Number.isFinite(sMedian) && Number.isFinite(rMedian) ? sMedian < rMedian : undefined,
    });
  }

  const keystroke: Section = {
    checks,
    title: 'Keystroke to diagnostics (LSP, push diagnostics)',
    intro:
      'Each server runs as a child process on stdio. The client advertises no pull diagnostics, answers ' +
      '`workspace/configuration` with an object per item (`{ diagnosticsDelay: 0 }` for the `specwright` section, ' +
      '`{}` otherwise) and opens each document under `specs/`. One character is typed per change into a paragraph in ' +
      'the middle of the document; the time is from sending `didChange` to receiving `publishDiagnostics` for exactly ' +
      'that version, one change at a time, alternating between the two servers (edit i to one, then the same edit i to the other) so that load from elsewhere on the machine falls on both alike. Specwright gets incremental changes; the remark server declares full text ' +
      'sync and gets the whole new text. Same documents, same edits, warmup edits excluded.',
    tables: [
      {
        caption: '**Per change** (median, p95 over n changes; ratio = Specwright ÷ remark)',
        header: ['size', 'Specwright median', 'p95', 'n', 'remark median', 'p95', 'n', 'ratio', 'target', 'faster than remark'],
        rows,
      },
      {
        caption: '**Open → first diagnostics** (one run each; the number of diagnostics published)',
        header: ['size', 'Specwright', 'diagnostics', 'remark', 'diagnostics'],
        rows: openRows,
      },
    ],
    notes: [
      'The remark anchor is `unified-language-server` 4.1.0 + `remark` 15 started with remark-language-server’s options ' +
        '(`bench/remark-server.mjs`), with `.remarkrc.json` = remark-frontmatter, remark-gfm, remark-preset-lint-recommended. ' +
        '**Patched:** its `streamError` PassThrough is put in flowing mode; unpatched, it never publishes once a report ' +
        'passes 16 KiB (about 100 messages), which these documents do from 100 KB up.',
      'p95 is the nearest-rank 95th percentile; with fewer than 20 changes it is close to the maximum.',
      ...skipped,
      ...errors,
    ],
  };

  const memoryRows = [specwright, remark].map((runResult) => [
    runResult.server.name,
    runResult.idleRss ? bytes(runResult.idleRss) : '—',
    ...docs.map((doc) => {
      const value = runResult.sizes.get(doc.id)?.rssAfterOpen;
      return value ? bytes(value) : '—';
    }),
    runResult.peakRss ? bytes(runResult.peakRss) : '—',
  ]);
  const largest = options.mode === 'full' ? '5 MB' : '1 MB';
  const memory: Section = {
    title: 'Server memory',
    intro:
      'VmRSS from `/proc/<pid>/status` of each server process: idle after `initialize`, then right after the first ' +
      'diagnostics for each document (documents are opened in increasing size in one process; each is closed before ' +
      `the next). Peak is VmHWM at the end of the run. The headline figure is the RSS after opening the ${largest} spec.`,
    tables: [
      {
        header: ['server', 'idle', ...docs.map((doc) => `after opening ${doc.label}`), 'peak (VmHWM)'],
        rows: memoryRows,
      },
    ],
    notes: ['The workspace index cold start (a folder of specs indexed for requirement IDs) has its own part: see "Workspace index" below.'],
  };
  return [keystroke, memory];
}

if (isMain(__filename)) runAlone(run);
