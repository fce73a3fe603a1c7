import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateSpec } from '../../bench/corpus';
import { parseMarkdownSource } from '../../server/src/core/parse/markdown';
import type { ParseAnswer, ParseRequest } from '../../server/src/core/parse/pieces';
import { parseSpec, parseSpecSteps, parseSpecWhole, type SpecDocument } from '../../server/src/core/parse/spec-document';
import { OFF_THREAD_MIN_LENGTH, offThread, SpecCache } from '../../server/src/lsp/documents';
import type { ParseHost, Wanted } from '../../server/src/lsp/parse-host';

// The steps of a parse (`parseSpecSteps`), driven by hand, and the server's cache that
// drives them off the request path with a worker (here a stand-in that parses on a later turn).

/** Drives the steps, answering each request with `answer`. */
function drive(text: string, answer: (request: ParseRequest) => ParseAnswer, previous?: SpecDocument): { spec: SpecDocument; requests: number } {
  const steps = parseSpecSteps(text, previous);
  let requests = 0;
  let step = steps.next();
  while (!step.done) {
    if ('pause' in step.value) {
      step = steps.next();
      continue;
    }
    requests++;
    step = steps.next(answer(step.value));
  }
  return { spec: step.value, requests };
}

function same(actual: SpecDocument, expected: SpecDocument): void {
  assert.deepStrictEqual(actual.root, expected.root);
  assert.deepStrictEqual(actual.outline, expected.outline);
  assert.deepStrictEqual(actual.placeholders, expected.placeholders);
}

/** A worker stand-in: parses each request on a later turn of the event loop, and counts them. */
class LaterHost {
  requests = 0;
  parse(request: ParseRequest, wanted: Wanted): Promise<ParseAnswer> {
    this.requests++;
    if (this.ahead.has(`${request.close ?? ''}\u0000${request.source}`)) this.asked++;
    return new Promise((resolve) =>
      setImmediate(() => resolve(wanted.cancelled ? { type: 'parse-failure', reason: 'cancelled' } : parseMarkdownSource(request.source, request.close))),
    );
  }
  prune(): void {}
  /** What was sent ahead, and what of it was asked for. */
  readonly ahead = new Set<string>();
  asked = 0;
  prefetch(requests: readonly ParseRequest[]): void {
    for (const request of requests) this.ahead.add(`${request.close ?? ''}\u0000${request.source}`);
  }
  release(): void {}
}

describe('the steps of a parse', () => {
  test('answered with the parser, they give what parseSpec gives', () => {
    const text = generateSpec(40 * 1024, 7);
    const { spec, requests } = drive(text, (request) => parseMarkdownSource(request.source, request.close));
    assert.ok(requests > 5, `${requests} requests`);
    same(spec, parseSpecWhole(text));
  });

  test('a request answered with a failure gives the document read as text, saying why', () => {
    const text = '# Spec\n\n## Goals\n\nShip [Feature Name].\n';
    const { spec } = drive(text, () => ({ type: 'parse-failure', reason: 'The Markdown parser ran out of memory; the document was read as text' }));
    assert.deepEqual(spec.root.children, []);
    assert.equal(spec.text, text);
    assert.deepEqual(spec.degraded, [{ start: 0, end: text.length, kind: 'parser-failure', reason: 'The Markdown parser ran out of memory; the document was read as text' }]);
  });

  test('steps abandoned half-way leave the previous version as it was', () => {
    const text = generateSpec(40 * 1024, 11);
    const previous = parseSpec(text);
    const before = structuredClone(previous.root);
    const edited = `# Changed\n\n${text}`;
    const steps = parseSpecSteps(edited, previous, { retirePrevious: true });
    let step = steps.next();
    assert.equal(step.done, false);
    step = steps.next(parseMarkdownSource((step.value as ParseRequest).source, (step.value as ParseRequest).close));
    assert.equal(step.done === false && 'source' in step.value, true, 'still parsing pieces');
    steps.return(undefined as never);
    assert.deepStrictEqual(previous.root, before);
    same(parseSpec(edited, previous, { retirePrevious: true }), parseSpecWhole(edited));
  });
});

describe('documents parsed off the request path', () => {
  test('small ordinary documents are parsed at once; large or hostile ones off the request path', () => {
    assert.equal(offThread('# Spec\n\n## Goals\n\nShip it.\n'), false);
    assert.equal(offThread('x'.repeat(OFF_THREAD_MIN_LENGTH)), true);
    assert.equal(offThread(`# Spec\n\n${'- '.repeat(40)}deep\n`), true);
  });

  test('a large document is ready with the tree parseSpec gives, its pieces parsed by the worker', async () => {
    const host = new LaterHost();
    const parsed: string[] = [];
    const cache = new SpecCache({ host: host as unknown as ParseHost, parsed: (uri) => parsed.push(uri) });
    const text = generateSpec(64 * 1024, 3);
    const document = TextDocument.create('file:///large.md', 'markdown', 1, text);
    assert.equal(cache.peek(document), undefined);
    const ready = cache.ready(document);
    // Nothing is parsed on the caller's turn.
    assert.equal(cache.peek(document), undefined);
    await ready;
    assert.ok(host.requests > 5);
    // Every piece was sent ahead, and asked for.
    assert.equal(host.asked, host.requests);
    assert.equal(host.ahead.size, host.requests);
    assert.deepEqual(parsed, ['file:///large.md']);
    same(cache.get(document), parseSpecWhole(text));
  });

  test('an edit while the document is parsed replaces that parse; the pieces already parsed are kept', async () => {
    const host = new LaterHost();
    const cache = new SpecCache({ host: host as unknown as ParseHost });
    const text = generateSpec(64 * 1024, 5);
    const document = TextDocument.create('file:///edited.md', 'markdown', 1, text);
    const first = cache.ready(document);
    // Let a few pieces through, then edit the title.
    for (let i = 0; i < 4; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    const requestsBefore = host.requests;
    TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Edited ' }], 2);
    const second = cache.ready(document);
    await Promise.all([first, second]);
    assert.equal(cache.peek(document)?.text, document.getText());
    same(cache.get(document), parseSpecWhole(document.getText()));
    const total = host.requests;
    // The pieces parsed for version 1 after the first were not parsed again for version 2.
    const fresh = new LaterHost();
    const again = new SpecCache({ host: fresh as unknown as ParseHost });
    await again.ready(TextDocument.create('file:///fresh.md', 'markdown', 1, document.getText()));
    assert.ok(total - requestsBefore < fresh.requests + 1, `${total - requestsBefore} requests after the edit, ${fresh.requests} from scratch`);
  });

  test('an edit at any point of a parse gives the new version as a fresh parse would, whether the parse was dropped or finished first', async () => {
    const text = generateSpec(48 * 1024, 13);
    const turns = async (count: number) => {
      for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    // Every pause gives up the thread, so some edits land while the version is put together.
    for (let k = 0; k <= 64; k += 4) {
      const cache = new SpecCache({ host: new LaterHost() as unknown as ParseHost, sliceMs: -1 });
      const document = TextDocument.create('file:///k.md', 'markdown', 1, text);
      const first = cache.ready(document);
      await turns(k);
      TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Edited ' }], 2);
      // The synchronous path (what a request that cannot wait takes) and the awaited one agree.
      const spec = k % 8 === 0 ? cache.get(document) : (await cache.ready(document), cache.get(document));
      await first;
      same(spec, parseSpecWhole(document.getText()));
      assert.equal(cache.peek(document), spec, `k = ${k}`);
    }
  });

  test('a parse that fails in the worker leaves the document read as text', async () => {
    const host = { parse: () => Promise.resolve({ type: 'parse-failure', reason: 'The Markdown parser took longer than 5 s; the document was read as text' }), prune() {}, prefetch() {}, release() {} };
    const cache = new SpecCache({ host: host as unknown as ParseHost });
    const document = TextDocument.create('file:///failed.md', 'markdown', 1, generateSpec(32 * 1024, 9));
    await cache.ready(document);
    assert.equal(cache.get(document).degraded?.[0]?.kind, 'parser-failure');
  });
});
