import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { DocumentSymbol, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER } from './harness';

// VS Code starts the server with Node IPC (--node-ipc); other clients use stdio.
test('serves over Node IPC, as VS Code starts it', async () => {
  const child = fork(SERVER, ['--node-ipc'], { silent: true });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.diagnostics.length > 0) resolve(params);
    }),
  );
  connection.listen();
  try {
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: 'file:///ws',
      capabilities: {},
      initializationOptions: { settings: { diagnosticsDelay: 0 } },
    })) as InitializeResult;
    assert.equal(init.serverInfo?.name, 'specwright-language-server');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ws/specs/a.md', languageId: 'markdown', version: 1, text: '\uFEFF# A\n\n## [Goal]\n' },
    });
    const params = await published;
    // The BOM is the document's first UTF-16 code unit, so it shifts nothing on line 2.
    assert.deepEqual(
      params.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['empty-section', 2, 0, 9],
        ['unfilled-placeholder', 2, 3, 9],
      ],
    );
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    if (child.exitCode === null) await once(child, 'exit');
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('prints its version and usage without starting', async () => {
  for (const [flag, pattern] of [
    ['--version', /^\d+\.\d+\.\d+\n$/],
    ['--help', /^Usage: specwright-language-server/],
  ] as const) {
    const child = fork(SERVER, [flag], { silent: true });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(out, pattern);
  }
});

const OUTLINED = '# Spec\n\n## Goals ✓\n\nShip it.\n\n## Risks\n\n```sh\nretry\n```\n\n### Rollback\n\nRevert.\n';

async function initialized(connection: MessageConnection): Promise<void> {
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: 'file:///ws',
    capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    initializationOptions: { settings: { diagnosticsDelay: 0 } },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///ws/specs/a.md', languageId: 'markdown', version: 1, text: OUTLINED },
  });
}

async function outline(connection: MessageConnection): Promise<unknown[]> {
  const textDocument = { uri: 'file:///ws/specs/a.md' };
  return [
    await connection.sendRequest('textDocument/documentSymbol', { textDocument }),
    await connection.sendRequest('textDocument/foldingRange', { textDocument }),
  ];
}

// Over stdio the server writes repeated outline answers from bytes it encoded once.
test('answers the outline and folding over stdio as over Node IPC', async () => {
  const ipcChild = fork(SERVER, ['--node-ipc'], { silent: true });
  const ipc = createMessageConnection(new IPCMessageReader(ipcChild), new IPCMessageWriter(ipcChild));
  const stdioChild = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdio = createMessageConnection(new StreamMessageReader(stdioChild.stdout), new StreamMessageWriter(stdioChild.stdin));
  try {
    await initialized(ipc);
    await initialized(stdio);
    const expected = await outline(ipc);
    const [symbols] = expected as [DocumentSymbol[]];
    assert.deepEqual(symbols[0]?.children?.map((s) => s.name), ['Goals ✓', 'Risks']);
    assert.deepEqual(await outline(stdio), expected);
    assert.deepEqual(await outline(stdio), expected);
  } finally {
    for (const connection of [ipc, stdio]) connection.dispose();
    ipcChild.kill();
    stdioChild.kill();
  }
});

test('over stdio, exits when its input ends: 0 after a shutdown request, 1 without', async () => {
  for (const args of [['--stdio'], []]) {
    for (const shutdown of [true, false]) {
      const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      const exited = once(child, 'exit');
      const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      try {
        await initialized(connection);
        if (shutdown) await connection.sendRequest('shutdown');
        child.stdin.end();
        const [code] = await exited;
        assert.equal(code, shutdown ? 0 : 1, `${args.join(' ') || 'no arguments'}, ${shutdown ? 'after' : 'without'} shutdown`);
      } finally {
        connection.dispose();
        child.kill();
      }
    }
  }
});
