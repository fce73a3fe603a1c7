import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { interactiveFirst } from '../../server/src/lsp/message-order';

// A model of how vscode-jsonrpc feeds a connection's messages to its strategy: the
// messages read so far wait in a queue, and one is handled per turn of the event loop
// (a `setImmediate`, as the strategy's own turns are here too).

interface Sent {
  readonly kind: 'request' | 'notification' | 'response';
  readonly method: string;
  readonly id: number;
}

function toMessage(sent: Sent): Message {
  if (sent.kind === 'request') return { jsonrpc: '2.0', id: sent.id, method: sent.method } as Message;
  if (sent.kind === 'notification') return { jsonrpc: '2.0', method: sent.method } as Message;
  return { jsonrpc: '2.0', id: sent.id, result: null } as Message;
}

/** Feeds `sent` through the strategy as the connection would; the order they were handled in (their indices). */
function handledOrder(sent: readonly Sent[]): number[] {
  const turns: (() => void)[] = [];
  const strategy = interactiveFirst((run) => turns.push(run));
  const queue = sent.map((item, index) => ({ message: toMessage(item), index }));
  const indexOf = new Map(queue.map(({ message, index }) => [message, index]));
  const handled: number[] = [];
  let scheduled = false;
  const trigger = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    turns.push(() => {
      scheduled = false;
      const next = queue.shift();
      try {
        if (next) strategy.handleMessage(next.message, (message) => handled.push(indexOf.get(message) as number));
      } finally {
        trigger();
      }
    });
  };
  trigger();
  for (let i = 0; i < 10_000 && turns.length > 0; i++) (turns.shift() as () => void)();
  assert.equal(turns.length, 0, 'the turns come to an end');
  return handled;
}

const request = (method: string, id: number): Sent => ({ kind: 'request', method, id });
const SYMBOLS = 'textDocument/documentSymbol';
const FOLDING = 'textDocument/foldingRange';
const HOVER = 'textDocument/hover';
const COMPLETION = 'textDocument/completion';
const DID_CHANGE: Sent = { kind: 'notification', method: 'textDocument/didChange', id: 0 };

describe('interactive requests first', () => {
  test('hover and completion sent with the outline and folding requests are handled before them', () => {
    const order = handledOrder([request(SYMBOLS, 1), request(FOLDING, 2), request(HOVER, 3), request(COMPLETION, 4)]);
    assert.deepEqual(order, [2, 3, 0, 1]);
  });

  test('a bulk request on its own is handled', () => {
    assert.deepEqual(handledOrder([request(SYMBOLS, 1)]), [0]);
  });

  test('a text change is never overtaken: waiting requests are handled before it', () => {
    assert.deepEqual(handledOrder([request(SYMBOLS, 1), DID_CHANGE, request(HOVER, 2)]), [0, 1, 2]);
    assert.deepEqual(handledOrder([request(SYMBOLS, 1), { kind: 'response', method: '', id: 7 }, request(HOVER, 2)]), [0, 1, 2]);
  });

  test('a bulk request waits a bounded number of turns behind a stream of interactive ones', () => {
    const sent = [request(SYMBOLS, 1), ...Array.from({ length: 40 }, (_, i) => request(HOVER, i + 2))];
    const order = handledOrder(sent);
    const at = order.indexOf(0);
    assert.ok(at > 0 && at <= 16, `handled at ${at}`);
  });

  test('any sequence: each message once; notifications and responses in order, after the requests sent before them', () => {
    const sent = fc.oneof(
      fc.constantFrom(SYMBOLS, FOLDING, HOVER, COMPLETION, 'textDocument/codeAction').map((method): Sent => ({ kind: 'request', method, id: 0 })),
      fc.constant<Sent>(DID_CHANGE),
      fc.constant<Sent>({ kind: 'response', method: '', id: 0 }),
    );
    fc.assert(
      fc.property(fc.array(sent, { maxLength: 40 }), (messages) => {
        const numbered = messages.map((message, id) => ({ ...message, id }));
        const order = handledOrder(numbered);
        assert.deepEqual([...order].sort((a, b) => a - b), numbered.map((_, i) => i), 'each message handled once');
        const position = new Map(order.map((index, at) => [index, at]));
        const isBulk = (item: Sent) => item.kind === 'request' && (item.method === SYMBOLS || item.method === FOLDING);
        numbered.forEach((message, i) => {
          // Everything sent before a message keeps its place before it...
          for (let j = 0; j < i; j++) {
            const earlier = numbered[j] as Sent;
            // ...except that an interactive request may overtake a bulk one, and a bulk one
            // may be overtaken by (so come after) interactive requests sent before it.
            if (isBulk(earlier) && message.kind === 'request' && !isBulk(message)) continue;
            if (isBulk(message) && earlier.kind === 'request' && !isBulk(earlier)) continue;
            assert.ok((position.get(j) as number) < (position.get(i) as number), `${j} (${earlier.method || earlier.kind}) before ${i} (${message.method || message.kind})`);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
