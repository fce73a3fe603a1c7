// The benchmark's entry point in the extension host (bench/activation.ts starts it through
// the code-server shim as `--extensionTestsPath`): opens a spec, waits for Specwright's first
// diagnostics, and appends one JSON line of `performance.now()` readings to the file
// SPECWRIGHT_BENCH_ACTIVATION names. The extension and this probe share the extension host,
// so their readings share one clock, whose zero is the extension host's start.
// SPECWRIGHT_BENCH_OPEN says when the spec is opened: `at-once` (default), as soon as the
// probe runs, the window barely started; `settled`, once Specwright has activated by itself
// and its server has started (or, when nothing activates it, after SETTLE_MS), as a person
// opens a spec a few seconds after the window.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, ourDiagnostics, waitForEvent, workspaceUri } from '../suite/helpers';

interface Api {
  readonly activation?: { readonly start: number; readonly end: number };
  readonly ready?: Promise<void>;
}

/** How long `settled` waits for Specwright to activate by itself before opening the spec anyway. */
const SETTLE_MS = 10_000;

export interface ActivationSample {
  readonly mode: 'at-once' | 'settled';
  /** When the probe was run (the window had started). */
  readonly probeStart: number;
  /** Whether Specwright was active, and its server running, when the spec was opened. */
  readonly activeBeforeOpen: boolean;
  readonly readyBeforeOpen: boolean;
  /** Just before the spec was opened, and once its editor was shown (`showTextDocument` resolved). */
  readonly opened: number;
  readonly shown?: number;
  /** `activate` called, and returned (both read by the extension). */
  readonly activateStart: number;
  readonly activateEnd: number;
  /** The first `onDidChangeDiagnostics` with Specwright's diagnostics for the spec. */
  readonly firstDiagnostics: number;
  /**
   * When they were first in the extension host's diagnostics (polled every millisecond or
   * two): the extension host sends them on to the editor at once, while it tells extensions
   * (`onDidChangeDiagnostics`) only after a 50 ms debounce.
   */
  readonly firstCollected?: number;
  readonly diagnostics: number;
  /** `performance.timeOrigin` of the extension host: readings plus this are milliseconds since the epoch. */
  readonly timeOrigin: number;
}

/** Waits until Specwright is active and its server started, or `SETTLE_MS` passed; whether it got there. */
async function settle(extension: vscode.Extension<Api>): Promise<boolean> {
  const deadline = performance.now() + SETTLE_MS;
  while (!extension.isActive && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!extension.isActive) return false;
  await extension.exports.ready;
  return true;
}

/**
 * When Specwright's diagnostics for `uri` are first in the extension host's collection. A
 * benchmark's probe may poll: `onDidChangeDiagnostics` comes 50 ms late by design, and the
 * reading that matters is when the editor was sent them.
 */
async function firstInCollection(uri: vscode.Uri): Promise<number> {
  for (;;) {
    if (ourDiagnostics(uri).length > 0) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export async function run(): Promise<void> {
  const probeStart = performance.now();
  const out = process.env.SPECWRIGHT_BENCH_ACTIVATION;
  if (!out) throw new Error('SPECWRIGHT_BENCH_ACTIVATION names no file for the results');
  const mode = process.env.SPECWRIGHT_BENCH_OPEN === 'settled' ? 'settled' : 'at-once';
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  let ready = false;
  if (mode === 'settled') await settle(extension);
  const activeBeforeOpen = extension.isActive;
  if (activeBeforeOpen) {
    // Whether the server had started, without waiting for it.
    void extension.exports.ready?.then(() => (ready = true));
    await Promise.resolve();
  }

  const uri = workspaceUri('specs/checkout.md');
  const diagnostics = waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => (ourDiagnostics(uri).length > 0 ? performance.now() : undefined),
    'Specwright diagnostics on specs/checkout.md',
    () => 'none',
    60_000,
  );
  const readyBeforeOpen = ready;
  const collected = firstInCollection(uri);
  const opened = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const shown = performance.now();
  const firstDiagnostics = await diagnostics;
  const firstCollected = await collected;
  const api = await extension.activate();
  if (!api.activation) throw new Error('the extension does not report its activation times (an older dist/client.js?)');
  const sample: ActivationSample = {
    mode,
    probeStart,
    activeBeforeOpen,
    readyBeforeOpen,
    opened,
    shown,
    activateStart: api.activation.start,
    activateEnd: api.activation.end,
    firstDiagnostics,
    firstCollected,
    diagnostics: ourDiagnostics(uri).length,
    timeOrigin: performance.timeOrigin,
  };
  fs.appendFileSync(out, `${JSON.stringify(sample)}\n`);
}
