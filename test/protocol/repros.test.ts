import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TestClient } from './harness';

/** A minimised case from the differential tester (see test/fixtures/repros). */
interface Repro {
  readonly start: string;
  readonly edits?: TextDocumentContentChangeEvent[];
  readonly changes?: TextDocumentContentChangeEvent[];
}

const repro = (name: string): Repro => JSON.parse(readFileSync(join(__dirname, '../fixtures/repros', `${name}.json`), 'utf8')) as Repro;
const editsOf = (r: Repro): TextDocumentContentChangeEvent[] => r.edits ?? r.changes ?? [];

/** Applies incremental changes to a string the way the server's documents do. */
export function applyChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  for (const change of changes) {
    if (!('range' in change)) {
      text = change.text;
      continue;
    }
    const offset = (position: { line: number; character: number }): number => {
      let at = 0;
      for (let line = 0; line < position.line; line++) {
        const next = text.indexOf('\n', at);
        if (next < 0) return text.length;
        at = next + 1;
      }
      const end = text.indexOf('\n', at);
      return Math.min(at + position.character, end < 0 ? text.length : end);
    };
    text = text.slice(0, offset(change.range.start)) + change.text + text.slice(offset(change.range.end));
  }
  return text;
}

const ignoreContentModified = (error: { code?: number }): 'modified' => {
  if (error.code === -32801) return 'modified';
  throw error;
};

describe('minimised cases from the differential tester, over stdio', () => {
  let pull: TestClient;
  let freshPull: TestClient;
  let count = 0;
  before(async () => {
    ({ client: pull } = await TestClient.start({ pull: true }));
    ({ client: freshPull } = await TestClient.start({ pull: true }));
  });
  after(async () => {
    await pull.stop();
    await freshPull.stop();
  });

  const pulled = async (client: TestClient, uri: string): Promise<Diagnostic[]> => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
        return report.kind === 'full' ? report.items : [];
      } catch (error) {
        // The document changed while it was checked: ask again, as clients do.
        if ((error as { code?: number }).code !== -32802) throw error;
      }
    }
    throw new Error('diagnostics were never answered');
  };

  for (const name of ['setext-after-definition-empty-section', 'min-empty-section-piece-verdict']) {
    test(`pull mode: ${name}`, async () => {
      const r = repro(name);
      const uri = pull.uri(`specs/live-${++count}.md`);
      await pull.open(uri, r.start);
      await pulled(pull, uri);
      let text = r.start;
      for (const edit of editsOf(r)) {
        await pull.change(uri, [edit]);
        text = applyChanges(text, [edit]);
        await pulled(pull, uri);
      }
      const freshUri = freshPull.uri(`specs/fresh-${count}.md`);
      await freshPull.open(freshUri, text);
      assert.deepEqual(await pulled(pull, uri), await pulled(freshPull, freshUri));
    });
  }

  for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange']) {
    for (const warm of [false, true]) {
      test(`${method} followed at once by a change is not answered for the newer version (${warm ? 'warm' : 'just opened'})`, async () => {
        const r = repro('bulk-request-answered-for-newer-version');
        const uri = pull.uri(`specs/bulk-${++count}.md`);
        await pull.open(uri, r.start);
        if (warm) await pull.connection.sendRequest(method, { textDocument: { uri } });
        // Sent back to back, so the change is read while the request is in hand.
        const answer = pull.connection.sendRequest(method, { textDocument: { uri } }).catch(ignoreContentModified);
        await pull.change(uri, editsOf(r));
        const got = await answer;
        const newer = await pull.connection.sendRequest(method, { textDocument: { uri } });
        const freshUri = freshPull.uri(`specs/bulk-fresh-${count}.md`);
        await freshPull.open(freshUri, r.start);
        const forV1 = await freshPull.connection.sendRequest(method, { textDocument: { uri: freshUri } });
        if (got !== 'modified') assert.deepEqual(got, forV1, 'answered for the version asked');
        assert.notDeepEqual(newer, forV1);
      });
    }
  }
});

describe('push mode: the last publication is the current version', () => {
  let push: TestClient;
  let fresh: TestClient;
  let count = 0;
  before(async () => {
    ({ client: push } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
    ({ client: fresh } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await push.stop();
    await fresh.stop();
  });

  const settle = async (client: TestClient, uri: string, version: number): Promise<Diagnostic[]> =>
    client.diagnostics(uri, (p) => p.version === version);

  for (const name of ['push-first-check-stale-findings', 'push-stale-findings-after-template-change']) {
    test(`${name}: open and change back to back, then after the first publication`, async () => {
      const r = repro(name);
      const text = applyChanges(r.start, editsOf(r));
      const freshUri = fresh.uri(`specs/fresh-${++count}.md`);
      await fresh.open(freshUri, text);
      const expected = await settle(fresh, freshUri, 1);

      const uri = push.uri(`specs/live-${count}.md`);
      await push.open(uri, r.start);
      const version = await push.change(uri, editsOf(r));
      assert.deepEqual(await settle(push, uri, version), expected);

      // The two documents share requirement IDs: keep one open at a time.
      const closedAt = push.publications(uri).length;
      await push.close(uri);
      await push.until(() => push.publications(uri).slice(closedAt).find((p) => p.diagnostics.length === 0), 10_000, 'cleared diagnostics');
      await fresh.close(freshUri);

      // With the server's own event as the sync point: a template changes once version 1 is out.
      const second = push.uri(`specs/live-${count}-b.md`);
      await push.open(second, r.start);
      await settle(push, second, 1);
      await push.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: push.uri('.specwright/templates/x/template.md'), type: 1 }],
      });
      const next = await push.change(second, editsOf(r));
      assert.deepEqual(await settle(push, second, next), expected);
      // Whatever else was published, the last word for each document is the current version's.
      await push.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: second } });
      assert.equal(push.publications(second).at(-1)?.version, next);
      assert.deepEqual(push.publications(second).at(-1)?.diagnostics, expected);
    });
  }
});
