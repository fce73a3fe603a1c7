// A large or hostile document is parsed off the request path (its pieces in a worker
// thread): requests about other documents are answered while it is parsed, it still gets
// its diagnostics, and a parse that overruns its budget or a worker that dies leaves a
// diagnostic on that document, never a dead server. Over real stdio.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from './harness';

const HEAD = '# Spec: Hostile\n\n## Overview\n\n';
const OTHER = '# Spec: Other\n\n## Goals\n\nShip [Feature Name] to FR-001 users.\n\n## Risks\n\n';
/** About 1 MB: 28,000 footnote calls, each followed by its note. */
const FOOTNOTES = HEAD + Array.from({ length: 28_000 }, (_, i) => `Text[^n${i}].\n\n[^n${i}]: Note ${i}.\n`).join('\n');
const TABLE = `${HEAD}|${' a |'.repeat(50_000)}\n|${' - |'.repeat(50_000)}\n`;
/** Requests about the other spec, one after another, that must all be answered while the hostile document is parsed. */
const ROUND_TRIPS = 20;

/** Opens the other spec and waits for its check, so that what follows measures the hostile document alone. */
async function openOther(client: TestClient, name: string): Promise<string> {
  const other = client.uri(`specs/${name}.md`);
  await client.open(other, OTHER);
  await client.diagnostics(other, () => true, 60_000);
  return other;
}

describe('a large hostile document is parsed off the request path', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ settings: { diagnosticsDelay: 0 } }));
  });
  after(() => client.stop());

  test('hovers and outlines of another spec are answered before a 1 MB document of footnotes is checked, and it is checked', async () => {
    const other = await openOther(client, 'other-footnotes');
    const hostile = client.uri('specs/footnotes.md');
    const events: string[] = [];
    await client.open(hostile, FOOTNOTES);
    const checked = client.diagnostics(hostile, () => true, 120_000).then((diagnostics) => {
      events.push('hostile checked');
      return diagnostics;
    });
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 4, character: 8 } });
      assert.ok(hover, 'the placeholder on the other spec has a hover');
      const symbols = await client.connection.sendRequest<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri: other } });
      assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the other spec has an outline');
      events.push('other answered');
    }
    events.push('all answered');
    const diagnostics = await checked;
    assert.equal(events.indexOf('all answered'), ROUND_TRIPS, `every request about the other spec came first: ${events.join(', ')}`);
    // Past the first thousand, definitions are read as text: the check of the document went through.
    assert.ok(diagnostics.some((d) => d.code === 'parse-degraded'), JSON.stringify(diagnostics.slice(0, 3)));
    // Its own requests wait for its parse, then are answered from it.
    const symbols = await client.connection.sendRequest<{ name: string }[] | null>('textDocument/documentSymbol', { textDocument: { uri: hostile } });
    assert.ok(symbols?.some((symbol) => symbol.name.includes('Hostile')), JSON.stringify(symbols?.slice(0, 2)));
    await client.close(hostile);
    await client.close(other);
  });

  test('an edit made while the document is parsed replaces that parse, and the new version is checked', async () => {
    const hostile = client.uri('specs/edited.md');
    await client.open(hostile, FOOTNOTES);
    // The title, before the first parse is through.
    const version = await client.change(hostile, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, text: 'Draft' }]);
    const diagnostics = await client.diagnostics(hostile, (params) => params.version === version, 120_000);
    assert.ok(diagnostics.some((d) => d.code === 'parse-degraded'));
    const symbols = await client.connection.sendRequest<{ name: string }[] | null>('textDocument/documentSymbol', { textDocument: { uri: hostile } });
    assert.ok(symbols?.some((symbol) => symbol.name.startsWith('Draft')), JSON.stringify(symbols?.slice(0, 2)));
    await client.close(hostile);
  });
});

/** The parse-degraded diagnostics that say the parser did not get through, and why. */
function givenUp(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === 'parse-degraded' && /read as text/.test(d.message) && /Markdown parser/.test(d.message));
}

for (const [what, env, reason] of [
  ['overruns its time budget', { SPECWRIGHT_PARSE_BUDGET_MS: '1' }, /took longer than 0\.001 s/],
  ['runs out of memory', { SPECWRIGHT_PARSE_MEMORY_MB: '1' }, /ran out of memory|stopped|failed/],
] as const) {
  describe(`a parse worker that ${what}`, () => {
    let client: TestClient;
    before(async () => {
      ({ client } = await TestClient.start({ settings: { diagnosticsDelay: 0 }, env }));
    });
    after(() => client.stop());

    test('leaves a diagnostic on the document that says why, and the server answering', async () => {
      const other = await openOther(client, `other-${what.replace(/\W+/g, '-')}`);
      const hostile = client.uri(`specs/table-${what.replace(/\W+/g, '-')}.md`);
      await client.open(hostile, TABLE);
      const diagnostics = await client.diagnostics(hostile, () => true, 60_000);
      const found = givenUp(diagnostics);
      assert.equal(found.length, 1, JSON.stringify(diagnostics));
      assert.match((found[0] as Diagnostic).message, reason);
      // The server is alive: the other spec is answered, and the next hostile document gets the same diagnostic.
      const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 4, character: 8 } });
      assert.ok(hover);
      const again = client.uri(`specs/again-${what.replace(/\W+/g, '-')}.md`);
      await client.open(again, TABLE);
      assert.equal(givenUp(await client.diagnostics(again, () => true, 60_000)).length, 1);
      assert.deepEqual(client.logs.filter((line) => /Uncaught|Unhandled rejection|Could not check/.test(line)), []);
    });
  });
}
