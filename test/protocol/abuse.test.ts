// The server under abuse, over real stdio: it answers with errors, never publishes
// diagnostics for a version that is no longer current, and keeps serving.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './harness';

const SPEC = '# Spec: Export\n\n**Status:** Draft\n\n## Goals\n\nFast exports for [Customer Segment].\n\n## Risks\n\n';

/** The server's resident memory, from /proc (Linux). */
function residentKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
}

describe('the server under abuse', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
  });
  after(() => client.stop());

  test('thousands of rapid edits: diagnostics only for the version current when they were computed, and the last one arrives', async () => {
    const uri = client.uri('specs/rapid.md');
    await client.open(uri, SPEC);
    let text = SPEC;
    let version = 1;
    for (let i = 0; i < 3000; i++) {
      const at = text.indexOf('Fast') + (i % 5);
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - (text.lastIndexOf('\n', at - 1) + 1);
      version = await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
    }
    await client.diagnostics(uri, (p) => p.version === version, 60_000);
    const versions = client.publications(uri).map((p) => p.version ?? -1);
    // Stale work is dropped: versions only go up, each is published once, the last is the current one.
    assert.ok(versions.every((v, i) => i === 0 || v > (versions[i - 1] as number)), `published out of order or twice: ${versions.join(',')}`);
    assert.equal(versions.at(-1), version);
  });

  test('an edit outside the document, unknown methods and malformed params are answered or ignored; the server keeps serving', async () => {
    const uri = client.uri('specs/odd.md');
    await client.open(uri, SPEC);
    const version = await client.change(uri, [{ range: { start: { line: 999, character: 5 }, end: { line: 1200, character: 0 } }, text: '\n## Appended\n' }]);
    const after = await client.diagnostics(uri, (p) => p.version === version);
    assert.ok(Array.isArray(after));
    await assert.rejects(client.connection.sendRequest('specwright/doesNotExist', { x: 1 }), (error: { code?: number }) => error.code === -32601);
    // Nonsense params: an error or an empty answer, never a crash.
    for (const [method, params] of [['textDocument/hover', { textDocument: 5, position: 'x' }], ['textDocument/completion', null], ['textDocument/definition', { textDocument: { uri } }]] as const) {
      await client.connection.sendRequest(method, params).then(
        (result) => assert.ok(result === null || Array.isArray(result) || typeof result === 'object', method),
        (error: { code?: number }) => assert.ok(typeof error.code === 'number', method),
      );
    }
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 42 }, contentChanges: 'nope' });
    await client.connection.sendNotification('specwright/unknownNotification', {});
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.ok(hover === null || typeof hover === 'object');
  });

  test('malformed JSON-RPC on the wire gets a parse error, and the next request is answered', async () => {
    const body = '{"jsonrpc":"2.0","id":777,"method":';
    client.child.stdin?.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const uri = client.uri('specs/after-garbage.md');
    await client.open(uri, SPEC);
    const diagnostics: Diagnostic[] = await client.diagnostics(uri);
    assert.ok(diagnostics.length > 0, 'still checking documents');
  });

  test('a document closed while it is being checked: no diagnostics after the clearing one', async () => {
    const uri = client.uri('specs/closing.md');
    await client.open(uri, SPEC.repeat(200));
    await client.close(uri);
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared, []);
    // A later request for the same document is answered, and nothing stale is published afterwards.
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols, null);
    const last = client.publications(uri).at(-1);
    assert.deepEqual(last?.diagnostics, []);
  });

  test('a cancelled request is answered with an error or a result, never left hanging', async () => {
    const uri = client.uri('specs/cancel.md');
    await client.open(uri, SPEC);
    const source = new (await import('vscode-jsonrpc')).CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } }, source.token);
    source.cancel();
    await pending.then(
      (result) => assert.ok(result === null || Array.isArray(result)),
      (error: { code?: number }) => assert.ok(typeof error.code === 'number'),
    );
  });

  test('memory stays flat over 10,000 edit cycles', async (t) => {
    const uri = client.uri('specs/memory.md');
    await client.open(uri, SPEC);
    const pid = client.child.pid as number;
    const cycle = async (n: number) => {
      let version = 0;
      for (let i = 0; i < n; i++) {
        const insert = { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'y' };
        const remove = { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 1 } }, text: '' };
        await client.change(uri, [insert]);
        version = await client.change(uri, [remove]);
      }
      await client.diagnostics(uri, (p) => p.version === version, 120_000);
    };
    await cycle(1000);
    const warm = residentKiB(pid);
    await cycle(5000);
    const later = residentKiB(pid);
    t.diagnostic(`server resident memory: ${Math.round(warm / 1024)} MiB after 2,000 warm-up edits, ${Math.round(later / 1024)} MiB after 10,000 more`);
    // 10,000 edits (5,000 cycles of insert and delete) after warm-up: resident memory may move with the
    // garbage collector, but not grow with the number of versions seen.
    assert.ok(later - warm < 64 * 1024, `resident memory grew from ${warm} KiB to ${later} KiB`);
  });
});
