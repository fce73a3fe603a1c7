// Hostile documents: shapes on which the Markdown parser stalls or overflows its stack,
// and an ordinary spec of 1 MB, which the same targets hold for.
// For each: the in-process check (parse and rules, first parse of the document, on one
// thread), and over real stdio the time to its first diagnostics and, sent right after it
// is opened, a hover on another open spec, which must not wait for it (the server parses
// such documents off the request path). Medians of a few runs.
// Usage: node --import tsx bench/hostile.ts
// SPECWRIGHT_BENCH_SERVER=<path to a server.js> measures another build (an older one, for
// the numbers before); SPECWRIGHT_BENCH_RUNS sets the number of runs; SPECWRIGHT_BENCH_CASES=<regexp>
// measures only the documents whose names match.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKING_NOTICE_MS } from '../server/src/lsp/validation';
import { generateSpec } from './corpus';
import { documentUri, LspClient, SPECWRIGHT_SERVER } from './lsp-client';
import { isMain, median, ms, progress, ROOT, runAlone, verdict, type Check, type RunOptions, type Section } from './util';

const CHECK_TARGET_MS = 2000;
const HOVER_TARGET_MS = 100;
const TIMEOUT_MS = 120_000;
const HEAD = '# Spec: Hostile\n\n## Overview\n\n';
const OTHER = '# Spec: Other\n\n## Goals\n\nShip [Feature Name] to FR-001 users.\n\n## Risks\n\n';

function repro(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/repros', `${name}.json`), 'utf8')) as { text: string }).text;
}

function footnotes(count: number): string {
  return HEAD + Array.from({ length: count }, (_, i) => `Text[^n${i}].\n\n[^n${i}]: Note ${i}.\n`).join('\n');
}

/** The hostile documents, each at most 1 MB, and an ordinary spec of 1 MB (the corpus' 1 MB spec) for comparison. */
export function hostileCases(): { name: string; text: string }[] {
  return [
    { name: '3,000 list markers on one line', text: repro('hostile-deep-inline-list-stack-overflow') },
    { name: '8,000 `=` lines under a paragraph', text: repro('hostile-setext-underline-run-stall') },
    { name: 'unclosed front matter, 660 KB', text: `---\n${'key: value\n'.repeat(60_000)}` },
    { name: '`*a` × 50,000', text: `${HEAD}${'*a'.repeat(50_000)}\n` },
    { name: 'a 50,000-column table', text: `${HEAD}|${' a |'.repeat(50_000)}\n|${' - |'.repeat(50_000)}\n` },
    { name: '10,000 footnotes', text: footnotes(10_000) },
    { name: '28,000 footnotes, 1 MB', text: footnotes(28_000) },
    { name: 'an ordinary spec, 1 MB', text: generateSpec(1024 * 1024, 1002) },
  ];
}

async function inProcess(text: string): Promise<number> {
  const { parseSpec } = await import('../server/src/core/parse/spec-document');
  const { lintDocument } = await import('../server/src/core/lint/lint');
  const start = performance.now();
  lintDocument(parseSpec(text));
  return performance.now() - start;
}

export async function run(options: RunOptions): Promise<Section[]> {
  const runs = Number(process.env.SPECWRIGHT_BENCH_RUNS) || (options.mode === 'full' ? 5 : 3);
  const server = process.env.SPECWRIGHT_BENCH_SERVER;
  const spec = server ? { name: 'Specwright (other build)', args: [server, '--stdio'] } : SPECWRIGHT_SERVER;
  const rows: string[][] = [];
  const checks: Check[] = [];
  const only = process.env.SPECWRIGHT_BENCH_CASES ? new RegExp(process.env.SPECWRIGHT_BENCH_CASES) : undefined;
  for (const [index, { name, text }] of hostileCases().entries()) {
    if (only && !only.test(name)) continue;
    progress(`hostile: ${name}`);
    const inProcessMs: number[] = [];
    for (let i = 0; i < runs && !server; i++) inProcessMs.push(await inProcess(text));
    const diagnosticsMs: number[] = [];
    const findingsMs: number[] = [];
    let noticed = 0;
    const hoverMs: number[] = [];
    const openHoverMs: number[] = [];
    let degraded = 0;
    let givenUp = false;
    let failure = '';
    for (let i = 0; i < runs && !failure; i++) {
      const client = await LspClient.start(spec);
      try {
        const other = documentUri(`hostile-other-${index}-${i}.md`);
        await client.open(other, OTHER, TIMEOUT_MS);
        const hostile = documentUri(`hostile-${index}-${i}.md`);
        const opened = client.open(hostile, text, TIMEOUT_MS);
        // Its rejection is read below, after the hover; until then it must not go unhandled.
        opened.catch(() => undefined);
        const start = performance.now();
        const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 4, character: 8 } });
        await hover.catch(() => undefined);
        hoverMs.push(performance.now() - start);
        const { ms: took, diagnostics, noticeMs } = await opened;
        // The first diagnostics: the findings, or before them the notice that the document is still being checked.
        diagnosticsMs.push(Math.min(took, noticeMs ?? took));
        findingsMs.push(took);
        if (noticeMs !== undefined) noticed++;
        degraded = diagnostics.filter((d) => d.code === 'parse-degraded').length;
        givenUp = diagnostics.some((d) => d.code === 'parse-degraded' && /Markdown parser .*read as text/.test(d.message));
        // Once the hostile document is checked and stays open.
        for (let k = 0; k < 5; k++) {
          const at = performance.now();
          await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 4, character: 8 } });
          openHoverMs.push(performance.now() - at);
        }
      } catch (error) {
        failure = error instanceof Error ? error.message.replace(/^[^:]*: /, '') : String(error);
      } finally {
        await client.stop();
      }
    }
    const checkMs = inProcessMs.length > 0 ? median(inProcessMs) : Number.NaN;
    const firstMs = diagnosticsMs.length > 0 ? median(diagnosticsMs) : Number.NaN;
    const allMs = findingsMs.length > 0 ? median(findingsMs) : Number.NaN;
    const hover = hoverMs.length > 0 ? median(hoverMs) : Number.NaN;
    const openHover = openHoverMs.length > 0 ? median(openHoverMs) : Number.NaN;
    const shown = (value: number) => (Number.isNaN(value) ? '—' : ms(value));
    rows.push([name, `${Math.round(text.length / 1024)} KB`, shown(checkMs), failure || ms(firstMs), failure || ms(allMs), `${noticed}/${diagnosticsMs.length}`, shown(hover), shown(openHover), String(degraded), givenUp ? 'yes' : 'no']);
    const target = (what: string, value: number, limit: number, pass = value <= limit): Check => ({
      target: `hostile: ${what}`,
      measured: Number.isNaN(value) ? failure : ms(value),
      pass: !Number.isNaN(value) && pass,
    });
    // Checked in time, or given up with a diagnostic that says why.
    checks.push(target(`${name} has diagnostics ≤ ${CHECK_TARGET_MS} ms (its findings, or a diagnostic saying it is still being checked or was read as text)`, firstMs, CHECK_TARGET_MS, firstMs <= CHECK_TARGET_MS || givenUp));
    checks.push(target(`hover on another spec sent with ${name} ≤ ${HOVER_TARGET_MS} ms`, hover, HOVER_TARGET_MS));
    checks.push(target(`hover on another spec while ${name} is open ≤ ${HOVER_TARGET_MS} ms`, openHover, HOVER_TARGET_MS));
  }
  return [
    {
      title: 'Hostile documents',
      intro:
        `Documents shaped to stall or crash the Markdown parser. In-process: \`parseSpec\` and every rule, first parse, on one thread. ` +
        `Over stdio (${spec.name}, a fresh server per run): the time from opening the document to its first diagnostics (its findings, or ` +
        `the information diagnostic saying it is still being checked, sent after ${CHECKING_NOTICE_MS} ms), to all its findings, and the ` +
        `latency of a hover on another open spec sent right after it was opened (while the hostile document is parsed: the ` +
        `server parses it off the request path, its pieces in a worker thread) and once the hostile document is checked and open. ` +
        `*Given up*: its diagnostics say the parser was stopped (time or memory budget) and the document read as text. Medians of ${runs} runs.`,
      tables: [
        {
          header: ['document', 'size', 'in-process check', 'first diagnostics', 'all findings', 'runs with a "still checking" notice', 'hover on another spec, sent with it', 'hover on another spec, while it is open', 'parse-degraded findings', 'given up'],
          rows,
        },
      ],
      notes: [
        `Targets: each document's diagnostics within ${CHECK_TARGET_MS} ms of opening it: its findings, or a diagnostic saying it is still being checked or was read as text; ` +
          `another spec's hover within ${HOVER_TARGET_MS} ms, sent with the hostile document and while it is open. ${verdict(checks.every((check) => check.pass))}`,
      ],
      checks,
    },
  ];
}

if (isMain(__filename)) runAlone(run);
