// Documents shaped to stall or crash the Markdown parser, replayed over real stdio: the
// server survives, the hostile document gets its parse-degraded finding, and another
// open spec is still checked and answered.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { SERVER, TestClient } from './harness';

const REPROS = join(__dirname, '../fixtures/repros');
const HEAD = '# Spec: Hostile\n\n## Overview\n\n';
const OTHER = '# Spec: Other\n\n## Goals\n\nShip [Feature Name] to FR-001 users.\n\n## Risks\n\n';

const HOSTILE: Record<string, string> = {
  'deep inline list (reproducer)': (JSON.parse(readFileSync(join(REPROS, 'hostile-deep-inline-list-stack-overflow.json'), 'utf8')) as { text: string }).text,
  'setext underline run (reproducer)': (JSON.parse(readFileSync(join(REPROS, 'hostile-setext-underline-run-stall.json'), 'utf8')) as { text: string }).text,
  'unclosed front matter over 600 KB': `---\n${'key: value\n'.repeat(60_000)}`,
  '50,000 emphasis delimiters': `${HEAD}${'*a'.repeat(50_000)}\n`,
  'a 50,000-column table': `${HEAD}|${' a |'.repeat(50_000)}\n|${' - |'.repeat(50_000)}\n`,
  '10,000 footnotes': HEAD + Array.from({ length: 10_000 }, (_, i) => `Text[^n${i}].\n\n[^n${i}]: Note ${i}.\n`).join('\n'),
};

for (const pull of [false, true]) {
  describe(`hostile documents (${pull ? 'pull' : 'push'} diagnostics)`, () => {
    let client: TestClient;
    before(async () => {
      ({ client } = await TestClient.start({ pull, settings: { diagnosticsDelay: 0 } }));
    });
    after(() => client.stop());

    for (const [name, text] of Object.entries(HOSTILE)) {
      test(`${name}: degraded with a finding, and another spec is still checked and hovered`, async () => {
        const slug = name.replace(/\W+/g, '-');
        const hostile = client.uri(`specs/hostile-${slug}.md`);
        const other = client.uri(`specs/other-${slug}.md`);
        await client.open(hostile, text);
        await client.open(other, OTHER);
        const hover = client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 4, character: 8 } });
        const hostileDiagnostics = pull
          ? ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: hostile } })) as { items: { code?: unknown; message?: unknown }[] }).items
          : await client.diagnostics(hostile, () => true, 60_000);
        const otherDiagnostics = pull
          ? ((await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: other } })) as { items: { code?: unknown; message?: unknown }[] }).items
          : await client.diagnostics(other, () => true, 60_000);
        assert.ok(hostileDiagnostics.some((d) => d.code === 'parse-degraded'), `no parse-degraded finding: ${JSON.stringify(hostileDiagnostics.slice(0, 3))}`);
        // The pre-scan read the shape as text; the parser was not left to fail on it first.
        const failed = hostileDiagnostics.filter((d) => d.code === 'parse-degraded' && /parser failed/i.test(String(d.message)));
        assert.deepEqual(failed, [], 'the pre-scan knows this shape');
        assert.ok(otherDiagnostics.some((d) => d.code === 'unfilled-placeholder'), 'the other spec is checked');
        assert.ok((await hover) !== undefined);
        assert.deepEqual(client.logs.filter((line) => /Maximum call stack|Could not check/i.test(line)), [], 'no check failed');
        const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: hostile } });
        assert.ok(Array.isArray(symbols));
        await client.close(hostile);
        await client.close(other);
      });
    }
  });
}

describe('the workspace index with a hostile file on disk', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'specwright-hostile-'));
  mkdirSync(join(workspace, 'specs'));
  const table = (id: string, need: string) => `| ID | Need |\n|---|---|\n| ${id} | ${need} |\n`;
  // The IDs are in the same section as the hostile text, so the index has to parse it.
  writeFileSync(join(workspace, 'specs/hostile.md'), `${HOSTILE['deep inline list (reproducer)']}\n${table('FR-007', 'Survive')}`);
  writeFileSync(join(workspace, 'specs/setext.md'), `${HOSTILE['setext underline run (reproducer)']}\n${table('FR-008', 'Stay fast')}`);
  writeFileSync(join(workspace, 'specs/defs.md'), `# Spec: Definitions\n\n## Requirements\n\n${table('FR-002', 'Export a CSV')}`);
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: workspace, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('indexes every file, the hostile ones too', async () => {
    // Opening a document starts the walk of the folder.
    await client.open(client.uri('specs/a.md'), '# Spec: A\n\n## Goals\n\nAs FR-002 says.\n');
    const done = await client.until(() => client.logs.find((line) => line.startsWith('Indexed the workspace')), 60_000, 'the index');
    assert.match(done, /3 Markdown files, 3 parsed/);
    const ids = await client.connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'FR-00' });
    assert.deepEqual(ids.map((symbol) => symbol.name.split(':')[0]).sort(), ['FR-002', 'FR-007', 'FR-008']);
    assert.deepEqual(client.logs.filter((line) => /Maximum call stack|Could not/i.test(line)), []);
  });
});

describe('a message stream the server cannot read', () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const valid = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const cases: Record<string, string> = {
    'no Content-Length': `Content-Type: application/vscode-jsonrpc\r\n\r\n${body}`,
    'a Content-Length that is not a number': `Content-Length: twelve\r\n\r\n${body}`,
    'a Content-Length too short': `Content-Length: 10\r\n\r\n${body}${valid}`,
    'a Content-Length too long': `Content-Length: 99999999999\r\n\r\n${body}`,
  };
  for (const [name, bytes] of Object.entries(cases)) {
    test(`${name}: the server says why on stderr and exits non-zero`, async () => {
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      // The input stays open: the server must not wait for it to end.
      child.stdin.write(bytes);
      const [code] = await exited;
      assert.notEqual(code, 0);
      assert.notEqual(code, null);
      assert.match(stderr, /message stream from the client is broken/);
    });
  }
});
