import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TRACEABILITY, type TraceabilityResult } from '../../common/src/protocol';
import { TestClient } from './harness';

// Requirement IDs of a team's own prefixes (`idPrefixes` in the config file) in the
// editor: the task list's citation of one no spec defines is reported, and the feature's
// matrix holds the declared IDs with the tasks and tests that cite them.
const FIXTURE = resolve(__dirname, '../fixtures/trace/own-prefixes');
const SPEC = 'specs/001-billing/spec.md';
const TASKS = 'specs/001-billing/tasks.md';

describe('requirement IDs of a team’s own prefixes, over the language server protocol', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-prefixes-lsp-'));
    cpSync(FIXTURE, root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the matrix holds the declared IDs; a task citing an undefined one gets unknown-id', async () => {
    await client.open(client.uri(SPEC), readFileSync(join(root, SPEC), 'utf8'));
    await client.open(client.uri(TASKS), readFileSync(join(root, TASKS), 'utf8'));
    await client.until(() => (client.logs.some((line) => line.startsWith('Indexed the workspace')) ? true : undefined), 20_000, 'the workspace walk');
    const unknown = await client.until(
      () =>
        client
          .publications(client.uri(TASKS))
          .map((params) => params.diagnostics.filter((diagnostic: Diagnostic) => diagnostic.code === 'unknown-id'))
          .find((found) => found.length > 0),
      20_000,
      'unknown-id on the task list',
    );
    assert.deepEqual(
      unknown.map((diagnostic) => `${diagnostic.range.start.line + 1} ${diagnostic.message.includes('REQ-009') ? 'REQ-009' : diagnostic.message}`),
      ['6 REQ-009'],
    );
    const matrix = (await client.connection.sendRequest(TRACEABILITY, { uri: client.uri(SPEC) })) as TraceabilityResult;
    assert.deepEqual(
      matrix.requirements.map((row) => `${row.id} ${row.tasks.map((task) => task.id).join(',')} ${row.tests.length}`),
      ['REQ-001 T001 1', 'REQ-002  1', 'BR-1 T002 0'],
    );
  });
});
