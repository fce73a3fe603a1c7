import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LIST_TEMPLATES } from '../../common/src/protocol';
import { TestClient, temporaryWorkspace } from './harness';

/** A minimised case from the differential tester (see test/fixtures/repros). */
interface Repro {
  readonly start: string;
  readonly edits?: TextDocumentContentChangeEvent[];
  readonly changes?: TextDocumentContentChangeEvent[];
  /** The text after the edits, when the repro records it. */
  readonly final?: string;
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

/** The text after the repro's edits (checked against the one it records). */
function finalText(r: Repro): string {
  const text = applyChanges(r.start, editsOf(r));
  if (r.final !== undefined) assert.equal(text, r.final, 'the edits give the recorded final text');
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
      assert.equal(text, finalText(r));
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

describe('push mode: an edit that lands while a check reads templates', () => {
  // Many small templates, so that reading them takes many turns of the server's event loop.
  const templates: Record<string, string> = {};
  for (let i = 0; i < 200; i++) templates[`.specwright/templates/zz-${String(i).padStart(3, '0')}.md`] = `# Zz ${i}\n\n## Qq ${i}\n\n[Text]\n`;
  const workspace = temporaryWorkspace('specwright-repros-', templates);
  // The server marks on stderr the moment the first check has parsed the document and goes on
  // to read templates: the edit is sent then, so it lands while they are read.
  const options = { rootPath: workspace.path, settings: { diagnosticsDelay: 0 }, env: { SPECWRIGHT_STARTUP_TIMING: '1' } };
  let fresh: TestClient;
  before(async () => {
    ({ client: fresh } = await TestClient.start(options));
  });
  after(async () => {
    await fresh.stop();
    workspace.dispose();
  });

  const settle = async (client: TestClient, uri: string, version: number): Promise<Diagnostic[]> =>
    client.diagnostics(uri, (p) => p.version === version);

  /** The diagnostics of the text after the repro's edits, opened in a fresh server (then closed). */
  const expectedFor = async (r: Repro, name: string): Promise<Diagnostic[]> => {
    const freshUri = fresh.uri(`specs/fresh-${name}.md`);
    await fresh.open(freshUri, finalText(r));
    const expected = await settle(fresh, freshUri, 1);
    await fresh.close(freshUri);
    return expected;
  };

  /** Opens the repro's start and sends its edits once the first check has parsed it. */
  const replay = async (client: TestClient, uri: string, r: Repro): Promise<number> => {
    await client.open(uri, r.start);
    await client.until(() => (client.stderr.some((line) => line.startsWith('specwright-timing parsed ')) ? true : undefined), 10_000, 'the first parse');
    return client.change(uri, editsOf(r));
  };

  /** The current version's diagnostics are published, and nothing publishes over them. */
  const assertPublished = async (client: TestClient, uri: string, version: number, expected: Diagnostic[]) => {
    const got = await settle(client, uri, version);
    assert.deepEqual(got, expected);
    // Answered after every earlier message: any run still due has published by then.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(client.publications(uri).at(-1)?.version, version);
    assert.deepEqual(client.publications(uri).at(-1)?.diagnostics, expected);
  };

  test('push-first-check-stale-findings: during the first read of templates', async () => {
    const r = repro('push-first-check-stale-findings');
    const expected = await expectedFor(r, 'first-check');
    const { client } = await TestClient.start(options);
    try {
      const uri = client.uri('specs/live.md');
      await assertPublished(client, uri, await replay(client, uri, r), expected);
    } finally {
      await client.stop();
    }
  });

  test('push-stale-findings-after-template-change: during the read of templates after a change', async () => {
    const r = repro('push-stale-findings-after-template-change');
    const expected = await expectedFor(r, 'template-change');
    const { client } = await TestClient.start(options);
    try {
      // Templates are read, then one changes on disk: the check reads them again.
      await client.connection.sendRequest(LIST_TEMPLATES, {});
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: client.uri('.specwright/templates/x/template.md'), type: 1 }],
      });
      const uri = client.uri('specs/live.md');
      await assertPublished(client, uri, await replay(client, uri, r), expected);
    } finally {
      await client.stop();
    }
  });
});
