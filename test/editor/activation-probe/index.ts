// The benchmark's entry point in the extension host (bench/activation.ts starts it through
// the code-server shim as `--extensionTestsPath`): opens a spec in a window where Specwright
// is not active yet, waits for Specwright's first diagnostics, and appends one JSON line of
// `performance.now()` readings to the file SPECWRIGHT_BENCH_ACTIVATION names. The extension
// and this probe share the extension host, so their readings share one clock.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID, ourDiagnostics, waitForEvent, workspaceUri } from '../suite/helpers';

interface Api {
  readonly activation?: { readonly start: number; readonly end: number };
}

export interface ActivationSample {
  /** Just before the spec was opened. */
  readonly opened: number;
  /** `activate` called, and returned (both read by the extension). */
  readonly activateStart: number;
  readonly activateEnd: number;
  /** The first `onDidChangeDiagnostics` with Specwright's diagnostics for the spec. */
  readonly firstDiagnostics: number;
  readonly diagnostics: number;
  /** `performance.timeOrigin` of the extension host: readings plus this are milliseconds since the epoch. */
  readonly timeOrigin: number;
}

export async function run(): Promise<void> {
  const out = process.env.SPECWRIGHT_BENCH_ACTIVATION;
  if (!out) throw new Error('SPECWRIGHT_BENCH_ACTIVATION names no file for the results');
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  if (extension.isActive) throw new Error(`${EXTENSION_ID} was active before a spec was opened`);

  const uri = workspaceUri('specs/checkout.md');
  const diagnostics = waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => (ourDiagnostics(uri).length > 0 ? performance.now() : undefined),
    'Specwright diagnostics on specs/checkout.md',
    () => 'none',
    60_000,
  );
  const opened = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const firstDiagnostics = await diagnostics;
  const api = await extension.activate();
  if (!api.activation) throw new Error('the extension does not report its activation times (an older dist/client.js?)');
  const sample: ActivationSample = {
    opened,
    activateStart: api.activation.start,
    activateEnd: api.activation.end,
    firstDiagnostics,
    diagnostics: ourDiagnostics(uri).length,
    timeOrigin: performance.timeOrigin,
  };
  fs.appendFileSync(out, `${JSON.stringify(sample)}\n`);
}
