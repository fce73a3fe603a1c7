import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { encodeOnce, jsonEncoder } from '../../server/src/lsp/json-encoding';
import { forwardConsole } from '../../server/src/lsp/stdio';

const encode = async (message: object, charset: 'utf-8' | 'ascii' = 'utf-8') =>
  Buffer.from(await jsonEncoder.encode(message as Message, { charset })).toString(charset === 'ascii' ? 'latin1' : 'utf-8');

const id = fc.oneof(fc.integer(), fc.string());
const answer = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()));

describe('the JSON encoder of the stdio transport', () => {
  test('writes a response with a marked result byte for byte as JSON.stringify would, every time', async () => {
    await fc.assert(
      fc.asyncProperty(id, answer, async (requestId, value) => {
        const result = encodeOnce(value as object);
        const message = { jsonrpc: '2.0', id: requestId, result };
        const expected = JSON.stringify(message);
        assert.equal(await encode(message), expected);
        assert.equal(await encode({ jsonrpc: '2.0', id: requestId, result }), expected);
      }),
    );
  });

  test('writes every other message as JSON.stringify would', async () => {
    const unmarked = { jsonrpc: '2.0', id: 1, result: [{ name: 'Goals ✓ 🚀' }] };
    const error = { jsonrpc: '2.0', id: 2, error: { code: -32603, message: 'failed' } };
    const notification = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: encodeOnce({ uri: 'file:///a.md', diagnostics: [] }) };
    const request = { jsonrpc: '2.0', id: 3, method: 'workspace/configuration', params: { items: [] } };
    const nullResult = { jsonrpc: '2.0', id: 4, result: null };
    for (const message of [unmarked, error, notification, request, nullResult]) assert.equal(await encode(message), JSON.stringify(message));
  });

  test('reuses the bytes of a marked result: its later changes are not written', async () => {
    const result = encodeOnce([{ name: 'Goals', detail: 'H2' }]);
    const first = await encode({ jsonrpc: '2.0', id: 1, result });
    result[0]!.name = 'Changed';
    assert.equal(await encode({ jsonrpc: '2.0', id: 2, result }), first.replace('"id":1', '"id":2'));
    // Without the mark, the same change is written: the reuse is the mark's doing.
    const plain = [{ name: 'Goals' }];
    await encode({ jsonrpc: '2.0', id: 3, result: plain });
    plain[0]!.name = 'Changed';
    assert.match(await encode({ jsonrpc: '2.0', id: 4, result: plain }), /Changed/);
  });

  test('encodes non-ASCII text as UTF-8 on both paths', async () => {
    const result = encodeOnce([{ name: 'Café ✓ 🚀 — 仕様' }]);
    const message = { jsonrpc: '2.0', id: 7, result };
    const bytes = Buffer.from(await jsonEncoder.encode(message as Message, { charset: 'utf-8' }));
    assert.deepEqual(bytes, Buffer.from(JSON.stringify(message), 'utf-8'));
    assert.deepEqual(JSON.parse(bytes.toString('utf-8')), message);
  });

  test('falls back to JSON.stringify for a response with other fields or another charset', async () => {
    const result = encodeOnce([1, 2, 3]);
    const extra = { jsonrpc: '2.0', id: 1, result, extra: true };
    assert.equal(await encode(extra), JSON.stringify(extra));
    const ascii = { jsonrpc: '2.0', id: 1, result };
    assert.equal(await encode(ascii, 'ascii'), JSON.stringify(ascii));
  });

  test('rejects, rather than throws, what JSON cannot encode', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(jsonEncoder.encode({ jsonrpc: '2.0', id: 1, result: encodeOnce(cyclic) } as Message, { charset: 'utf-8' }), TypeError);
    await assert.rejects(jsonEncoder.encode({ jsonrpc: '2.0', id: 1, result: cyclic } as Message, { charset: 'utf-8' }), TypeError);
  });
});

describe('console output of a stdio server', () => {
  test('goes to the client log', () => {
    const saved = { ...console };
    const logged: string[] = [];
    const errors: string[] = [];
    try {
      forwardConsole({ console: { log: (m: string) => logged.push(m), error: (m: string) => errors.push(m) } } as never);
      console.log('parsed %d sections', 3);
      console.info({ a: 1 });
      console.warn('careful');
      console.error(new Error('boom').message);
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(logged, ['parsed 3 sections', '{ a: 1 }']);
    assert.deepEqual(errors, ['careful', 'boom']);
  });
});
