import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { pathToFileURL } from 'node:url';
import type { Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient, temporaryWorkspace } from './harness';

// Other specs on disk that use the requirement the open one defines.
const USERS = 40;
const files: Record<string, string> = { 'specs/main.md': '# Main\n\n## Requirements\n\n- FR-001: Log in\n' };
for (let i = 0; i < USERS; i++) files[`specs/user-${String(i).padStart(2, '0')}.md`] = `# User ${i}\n\n## Notes\n\nNeeds FR-001 first.\n\n- FR-${String(100 + i)}: Own requirement ${i}\n`;

describe('answers that need the whole workspace wait for its index', () => {
  const workspace = temporaryWorkspace('specwright-index-wait-', files);
  let client: TestClient;
  const progress: { token: string | number; value: { kind: string } }[] = [];
  before(async () => {
    ({ client } = await TestClient.start({ rootPath: workspace.path, settings: { diagnosticsDelay: 0 } }));
    client.connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string } }) => void progress.push(params));
  });
  after(async () => {
    await client.stop();
    workspace.dispose();
  });

  test('references asked right after the first open list every file', async () => {
    const uri = pathToFileURL(workspace.file('specs/main.md')).href;
    await client.open(uri, files['specs/main.md'] as string);
    const references = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri },
      position: { line: 4, character: 4 },
      context: { includeDeclaration: true },
      workDoneToken: 'references-1',
    })) as Location[];
    assert.equal(references.length, USERS + 1, 'the definition and every use on disk');
    assert.equal(new Set(references.map((location) => location.uri)).size, USERS + 1);
    const reported = progress.filter((p) => p.token === 'references-1').map((p) => p.value.kind);
    // Progress is shown only while the index is still being walked; when shown, it ends.
    if (reported.length > 0) assert.deepEqual(reported, ['begin', 'end']);
  });

  test('workspace symbols list every file’s requirements', async () => {
    const symbols = (await client.connection.sendRequest('workspace/symbol', { query: 'FR-1' })) as SymbolInformation[];
    assert.equal(symbols.filter((symbol) => /^FR-1\d\d/.test(symbol.name)).length, USERS);
  });
});

describe('requests sent right after initialize answer from the whole index', () => {
  const workspace = temporaryWorkspace('specwright-index-first-', files);
  const mainUri = pathToFileURL(workspace.file('specs/main.md')).href;
  const userUri = pathToFileURL(workspace.file('specs/user-07.md')).href;
  after(() => workspace.dispose());

  // Each request is the first thing a fresh server is asked: nothing has started the walk before it.
  const first = async <T>(send: (client: TestClient) => Promise<T>): Promise<T> => {
    const { client } = await TestClient.start({ rootPath: workspace.path });
    try {
      return await send(client);
    } finally {
      await client.stop();
    }
  };

  test('definition, from a file not open, finds the definition in another file', async () => {
    const definitions = await first(
      async (client) => (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: userUri }, position: { line: 4, character: 8 } })) as Location[] | null,
    );
    assert.deepEqual(definitions?.map((location) => location.uri), [mainUri]);
  });

  test('references, for a document opened with the request, list every file', async () => {
    const references = await first(async (client) => {
      await client.open(mainUri, files['specs/main.md'] as string);
      return (await client.connection.sendRequest('textDocument/references', {
        textDocument: { uri: mainUri },
        position: { line: 4, character: 4 },
        context: { includeDeclaration: true },
      })) as Location[];
    });
    assert.equal(new Set(references.map((location) => location.uri)).size, USERS + 1);
  });

  test('rename edits every file that uses the requirement', async () => {
    const edit = await first(async (client) => {
      await client.open(mainUri, files['specs/main.md'] as string);
      return (await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: mainUri }, position: { line: 4, character: 4 }, newName: 'FR-900' })) as WorkspaceEdit;
    });
    const edited = (edit.documentChanges ?? []).flatMap((change) => ('textDocument' in change ? [change.textDocument.uri] : []));
    assert.equal(new Set(edited).size, USERS + 1);
  });

  for (const method of ['textDocument/rename', 'textDocument/references']) {
    test(`${method} cancelled while the index is walked stops waiting`, async () => {
      const outcome = await first(async (client) => {
        await client.open(mainUri, files['specs/main.md'] as string);
        const cancel = new CancellationTokenSource();
        const params = { textDocument: { uri: mainUri }, position: { line: 4, character: 4 }, newName: 'FR-900', context: { includeDeclaration: true } };
        const answer = client.connection.sendRequest(method, params, cancel.token).then(
          () => 'answered',
          (error: { code?: number }) => error.code,
        );
        // Sent with the request: the walk of the workspace takes many turns of the server's loop.
        cancel.cancel();
        return answer;
      });
      assert.equal(outcome, -32800, 'RequestCancelled, not an answer after the whole walk');
    });
  }

  test('workspace symbols list every file’s requirements', async () => {
    const symbols = await first(async (client) => (await client.connection.sendRequest('workspace/symbol', { query: 'FR-1' })) as SymbolInformation[]);
    assert.equal(symbols.filter((symbol) => /^FR-1\d\d/.test(symbol.name)).length, USERS);
  });
});
