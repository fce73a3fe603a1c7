import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Connection, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SpecCache } from '../../server/src/lsp/documents';
import type { SettingsStore } from '../../server/src/lsp/settings-store';
import { DEFAULT_SETTINGS } from '../../server/src/core/config/settings';
import { Validator } from '../../server/src/lsp/validation';

interface Repro {
  readonly start: string;
  readonly changes: TextDocumentContentChangeEvent[];
}

const repro = (name: string): Repro => JSON.parse(readFileSync(join(__dirname, '../fixtures/repros', `${name}.json`), 'utf8')) as Repro;

/**
 * A validator whose template look-up waits for the test: the moment an edit lands in the
 * middle of a check (a template read from disk) is chosen, not left to timing.
 */
function harness(text: string) {
  const uri = 'file:///w/specs/live.md';
  const document = TextDocument.create(uri, 'markdown', 1, text);
  const published: PublishDiagnosticsParams[] = [];
  const gates: (() => void)[] = [];
  let gated = true;
  const connection = {
    sendDiagnostics: async (params: PublishDiagnosticsParams) => void published.push(params),
    console: { error: () => undefined },
  } as unknown as Connection;
  const settings = { get: async () => ({ ...DEFAULT_SETTINGS, diagnosticsDelay: 0 }) } as unknown as SettingsStore;
  const validator = new Validator({
    connection,
    cache: new SpecCache(),
    settings,
    workspaceFolders: () => ['file:///w'],
    document: (asked) => (asked === uri ? document : undefined),
    templates: () => (gated ? new Promise((resolve) => gates.push(() => resolve(undefined))) : Promise.resolve(undefined)),
  });
  const until = async (probe: () => boolean): Promise<void> => {
    for (let turn = 0; turn < 1000 && !probe(); turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(probe(), 'the awaited step happened');
  };
  return {
    uri,
    document,
    published,
    validator,
    /** Waits until a check is waiting for templates, then lets it go on. */
    async release(): Promise<void> {
      await until(() => gates.length > 0);
      gated = false;
      for (const gate of gates.splice(0)) gate();
    },
    async waitFor(version: number): Promise<PublishDiagnosticsParams> {
      await until(() => published.some((params) => params.version === version));
      return published.filter((params) => params.version === version).at(-1) as PublishDiagnosticsParams;
    },
    until,
    /** Makes the next template look-ups wait again. */
    gate: () => void (gated = true),
    gatesWaiting: () => gates.length,
  };
}

async function freshDiagnostics(text: string) {
  const fresh = harness(text);
  fresh.validator.schedule(fresh.document);
  await fresh.release();
  return (await fresh.waitFor(1)).diagnostics;
}

for (const name of ['push-first-check-stale-findings', 'push-stale-findings-after-template-change']) {
  test(`push mode: an edit in the middle of a check is not given that check's findings (${name})`, async () => {
    const { start, changes } = repro(name);
    const live = harness(start);
    if (name.includes('template-change')) {
      // A warm server: version 1 checked and published, then templates change.
      live.validator.schedule(live.document);
      await live.release();
      await live.waitFor(1);
      live.gate();
      live.validator.forgetFindings();
    }
    live.validator.schedule(live.document);
    // Once the check of version 1 waits for templates, the edit arrives.
    await live.until(() => live.gatesWaiting() > 0);
    TextDocument.update(live.document, changes, 2);
    live.validator.schedule(live.document);
    await live.release();
    const last = await live.waitFor(2);
    assert.equal(live.published.at(-1), last, 'the last publication is for the current version');
    assert.deepEqual(last.diagnostics, await freshDiagnostics(live.document.getText()));
  });
}
