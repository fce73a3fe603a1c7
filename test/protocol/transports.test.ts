import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
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
