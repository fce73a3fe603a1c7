import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, Diagnostic, Hover, MarkupContent, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TRACEABILITY, type TraceabilityResult } from '../../common/src/protocol';
import { TestClient } from './harness';

// Traceability in the language server, over stdio: the trace rules report in the editor
// exactly what `specwright lint` reports for the same workspace; requirements carry a code
// lens and a hover saying who cites them; `specwright/traceability` gives the feature's
// matrix; a test file changed on disk, an edited task list and a rename move it all along.
const TRACE = resolve(__dirname, '../fixtures/trace');
const CLI = resolve(__dirname, '../../dist/cli.js');
const TRACE_RULES = /^(uncovered-requirement|untested-requirement|orphan-task|done-task-uncovered|stale-reference|unknown-id|spec-delta-target)$/;
const SPEC = 'specs/001-photo-albums/spec.md';
const TASKS = 'specs/001-photo-albums/tasks.md';

/** What `specwright lint` reports of the trace rules, as `file:line rule`. */
function cliTraceFindings(root: string): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { files: { path: string; findings: { line: number; ruleId: string }[] }[] };
  return report.files.flatMap((file) => file.findings.filter((finding) => TRACE_RULES.test(finding.ruleId)).map((finding) => `${file.path}:${finding.line} ${finding.ruleId}`)).sort();
}

const traceOf = (file: string, diagnostics: readonly Diagnostic[]) =>
  diagnostics.filter((d) => TRACE_RULES.test(String(d.code))).map((d) => `${file}:${d.range.start.line + 1} ${String(d.code)}`);

describe('traceability over the language server protocol (a spec-kit workspace)', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-trace-lsp-'));
    cpSync(join(TRACE, 'spec-kit'), root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const walked = () => client.until(() => (client.logs.some((line) => line.startsWith('Indexed the workspace')) ? true : undefined), 20_000, 'the workspace walk');
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  /** The first diagnostics of a document published from now on (or from publication `since`) that `accept` takes. */
  const settled = async (uri: string, accept: (diagnostics: Diagnostic[]) => boolean, since = client.publications(uri).length) =>
    client.until(() => client.publications(uri).slice(since).find((params) => accept(params.diagnostics))?.diagnostics, 20_000, `diagnostics for ${uri}`);

  test('the editor reports the trace findings `specwright lint` reports, at the same lines', async () => {
    const expected = cliTraceFindings(root);
    assert.ok(expected.length >= 4, `expected the fixture to have trace findings, found ${expected.join(', ')}`);
    await client.open(client.uri(SPEC), read(SPEC));
    await client.open(client.uri(TASKS), read(TASKS));
    await walked();
    const wanted = (file: string) => expected.filter((line) => line.startsWith(`${file}:`));
    const spec = await settled(client.uri(SPEC), (d) => traceOf(SPEC, d).sort().join('\n') === wanted(SPEC).join('\n'), 0).catch(() => undefined);
    const tasks = await settled(client.uri(TASKS), (d) => traceOf(TASKS, d).sort().join('\n') === wanted(TASKS).join('\n'), 0).catch(() => undefined);
    const last = (uri: string, file: string) => traceOf(file, client.publications(uri).at(-1)?.diagnostics ?? []).sort();
    assert.deepEqual(spec ? traceOf(SPEC, spec).sort() : last(client.uri(SPEC), SPEC), wanted(SPEC));
    assert.deepEqual(tasks ? traceOf(TASKS, tasks).sort() : last(client.uri(TASKS), TASKS), wanted(TASKS));
  });

  test('a code lens on each requirement counts the tasks and tests citing it', async () => {
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(SPEC) } })) as CodeLens[];
    const byLine = new Map(lenses.map((lens) => [lens.range.start.line + 1, lens.command?.title ?? '']));
    const lineOf = (needle: string) => read(SPEC).split('\n').findIndex((line) => line.includes(needle)) + 1;
    // US1: cited by T010, T011, T012 and by the test file's comment.
    assert.equal(byLine.get(lineOf('### User Story 1')), '3 tasks · 1 test · covered');
    // US3: no task cites it, though tasks trace user stories.
    assert.equal(byLine.get(lineOf('### User Story 3')), '0 tasks · 0 tests · not covered');
    // FR-001: no task cites FRs here, so none is expected; a test names it twice, a source file once.
    assert.equal(byLine.get(lineOf('**FR-001**')), '0 tasks · 2 tests · 1 source file · covered');
    // A spec of another feature, which nothing cites, gets no lens on its requirements.
    const elsewhere = 'specs/002-sharing/spec.md';
    const other = '# Feature Specification: Sharing\n\n## Requirements\n\n- **FR-101**: System MUST share albums.\n';
    mkdirSync(join(root, 'specs/002-sharing'), { recursive: true });
    writeFileSync(join(root, elsewhere), other);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(elsewhere), type: 1 }] });
    await client.open(client.uri(elsewhere), other);
    const otherLenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(elsewhere) } })) as CodeLens[];
    assert.deepEqual(otherLenses.filter((lens) => lens.range.start.line > 0), []);
    const us1 = lenses.find((lens) => lens.range.start.line + 1 === lineOf('### User Story 1'));
    assert.equal(us1?.command?.command, 'specwright.showCitations');
    const locations = us1?.command?.arguments?.[2] as { uri: string; range: { start: { line: number } } }[];
    assert.deepEqual(
      locations.map((where) => `${where.uri.slice(client.uri('').length)}:${where.range.start.line + 1}`),
      [`${TASKS}:5`, `${TASKS}:6`, `${TASKS}:7`, 'tests/albums.test.ts:3'],
    );
  });

  test('hover on a requirement ID lists who cites it, with links', async () => {
    const line = read(SPEC).split('\n').findIndex((text) => text.includes('**FR-001**'));
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(SPEC) }, position: { line, character: 5 } })) as Hover | null;
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /\*\*FR-001\*\* · 0 tasks · 2 tests · 1 source file · covered/);
    assert.match(value, new RegExp(`\\[tests/albums\\.test\\.ts:3\\]\\(${client.uri('tests/albums.test.ts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#L3\\)`));
  });

  test('specwright/traceability: the feature matrix with coverage of what is expected', async () => {
    const result = (await client.connection.sendRequest(TRACEABILITY, { uri: client.uri(TASKS) })) as TraceabilityResult;
    assert.equal(result.scope, 'specs/001-photo-albums');
    assert.equal(result.complete, true);
    const row = (id: string) => result.requirements.find((requirement) => requirement.id === id);
    assert.deepEqual(row('US1')?.tasks.map((task) => `${task.id}${task.done ? ' done' : ''}`), ['T010 done', 'T011 done', 'T012']);
    assert.deepEqual(row('US3')?.tasks, []);
    assert.deepEqual(row('FR-003')?.tests.map((where) => `${where.path}:${where.range.start.line + 1}:${where.range.start.character}`), ['tests/albums.test.ts:6:6']);
    // Tasks trace user stories (US1, US2 cited; US3 not); tests cite FRs and stories.
    assert.deepEqual(result.coverage.tasks, { covered: 2, expected: 3 });
    assert.equal(result.coverage.tests.expected > 0, true);
  });

  test('a test file changed on disk and an edited task list move coverage along', async () => {
    const testFile = 'tests/albums.test.ts';
    const us2 = read(SPEC).split('\n').findIndex((line) => line.startsWith('### User Story 2'));
    const since = client.publications(client.uri(SPEC)).length;
    // One story of three cited by a test: stories are not expected to be tested yet.
    assert.ok(!client.publications(client.uri(SPEC)).at(-1)?.diagnostics.some((d) => d.code === 'untested-requirement' && d.range.start.line === us2));
    writeFileSync(join(root, testFile), `${read(testFile)}test('US3: photos keep the order given', () => {});\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(testFile), type: 2 }] });
    // The spec is checked again: with two stories of three tested, US2 is expected to be tested too.
    await settled(client.uri(SPEC), (d) => d.some((x) => x.code === 'untested-requirement' && x.range.start.line === us2), since);
    const matrix = (await client.connection.sendRequest(TRACEABILITY, { uri: client.uri(SPEC) })) as TraceabilityResult;
    assert.deepEqual(matrix.requirements.find((r) => r.id === 'US3')?.tests.map((where) => where.path), [testFile]);
    // A task for US3 clears the uncovered-requirement finding on the spec.
    const text = read(TASKS);
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.startsWith('- [ ] T020'));
    await client.change(client.uri(TASKS), [{ range: { start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } }, text: '- [ ] T021 [US3] Reorder photos in src/ui/order.tsx\n' }]);
    const spec = await settled(client.uri(SPEC), (d) => !d.some((x) => x.code === 'uncovered-requirement'));
    assert.deepEqual(spec.filter((d) => d.code === 'uncovered-requirement'), []);
  });

  test('renaming a requirement renames it in the tasks and in the tests that cite it', async () => {
    const line = read(SPEC).split('\n').findIndex((text) => text.includes('**FR-003**'));
    const edit = (await client.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: client.uri(SPEC) },
      position: { line, character: 5 },
      newName: 'FR-030',
    })) as WorkspaceEdit;
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    const testEdit = changes.find((change) => change.textDocument.uri === client.uri('tests/albums.test.ts'));
    assert.deepEqual(testEdit?.edits, [{ range: { start: { line: 5, character: 6 }, end: { line: 5, character: 12 } }, newText: 'FR-030' }]);
    assert.equal(testEdit?.textDocument.version, null);
    assert.ok(changes.some((change) => change.textDocument.uri === client.uri(SPEC)));
  });
});

describe('traceability over the language server protocol (a Kiro workspace)', () => {
  test('criteria no task cites and a task citing a criterion that does not exist: the editor reports what `specwright lint` reports', async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-trace-kiro-'));
    cpSync(join(TRACE, 'kiro'), root, { recursive: true });
    const requirements = '.kiro/specs/sign-in/requirements.md';
    const tasks = '.kiro/specs/sign-in/tasks.md';
    // Criterion 2.1 loses its task; a task cites criterion 3.4, which no requirement has.
    writeFileSync(join(root, tasks), readFileSync(join(root, tasks), 'utf8').replace('_Requirements: 2.1_', '_Requirements: 3.4_'));
    const expected = cliTraceFindings(root);
    assert.ok(expected.some((line) => line.startsWith(`${requirements}:`)), `expected a finding on the requirements, found ${expected.join(', ')}`);
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } });
    try {
      for (const file of [requirements, tasks]) await client.open(client.uri(file), readFileSync(join(root, file), 'utf8'));
      for (const file of [requirements, tasks]) {
        const wanted = expected.filter((line) => line.startsWith(`${file}:`));
        const uri = client.uri(file);
        const seen = await client
          .until(() => client.publications(uri).find((params) => traceOf(file, params.diagnostics).sort().join('\n') === wanted.join('\n'))?.diagnostics, 20_000, `${file} to match the CLI`)
          .catch(() => client.publications(uri).at(-1)?.diagnostics ?? []);
        assert.deepEqual(traceOf(file, seen).sort(), wanted);
      }
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('traceability over the language server protocol (an OpenSpec workspace)', () => {
  const MAIN = 'openspec/specs/profile/spec.md';
  const AVATARS = 'openspec/changes/add-avatars/specs/profile/spec.md';
  const TWO_FACTOR = 'openspec/changes/add-2fa/specs/auth/spec.md';
  const ARCHIVED = 'openspec/changes/archive/2025-05-01-add-login-history/specs/auth/spec.md';
  let client: TestClient;
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'specwright-trace-openspec-'));
    cpSync(join(TRACE, 'openspec'), root, { recursive: true });
    ({ client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } }));
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const lineOf = (file: string, needle: string) => read(file).split('\n').findIndex((line) => line.includes(needle));

  test('deltas checked against the specs they change: the editor reports what `specwright lint` reports, archived changes nothing', async () => {
    const expected = cliTraceFindings(root);
    assert.deepEqual(expected, [`${AVATARS}:14 spec-delta-target`, `${AVATARS}:23 spec-delta-target`]);
    for (const file of [AVATARS, TWO_FACTOR, ARCHIVED, MAIN]) await client.open(client.uri(file), read(file));
    await client.until(() => (client.logs.some((line) => line.startsWith('Indexed the workspace')) ? true : undefined), 20_000, 'the workspace walk');
    const seen = await client
      .until(() => client.publications(client.uri(AVATARS)).find((params) => traceOf(AVATARS, params.diagnostics).sort().join('\n') === expected.join('\n'))?.diagnostics, 20_000, `${AVATARS} to match the CLI`)
      .catch(() => client.publications(client.uri(AVATARS)).at(-1)?.diagnostics ?? []);
    assert.deepEqual(traceOf(AVATARS, seen).sort(), expected);
    // The graph is read now: the other documents, checked again after an edit, have nothing to report.
    for (const file of [TWO_FACTOR, ARCHIVED, MAIN]) {
      const uri = client.uri(file);
      const since = client.publications(uri).length;
      const end = read(file).split('\n').length - 1;
      await client.change(uri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '\n' }]);
      const after = await client.until(() => client.publications(uri)[since]?.diagnostics, 20_000, `${file} checked again`);
      assert.deepEqual(traceOf(file, after), []);
    }
    const dropped = client.publications(client.uri(AVATARS)).at(-1)?.diagnostics.find((d) => d.code === 'spec-delta-target' && d.range.start.line === 13);
    assert.match(dropped?.message ?? '', /found `Name set` missing/);
  });

  test('a requirement an open change alters has a code lens and a hover naming the change; one no change alters has none', async () => {
    // Line 0 has the document's progress lens.
    const traceLenses = async (file: string) => ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(file) } })) as CodeLens[]).filter((lens) => lens.range.start.line > 0);
    const lenses = await traceLenses(MAIN);
    assert.deepEqual(
      lenses.map((lens) => `${lens.range.start.line}: ${lens.command?.title ?? ''}`),
      [`${lineOf(MAIN, '### Requirement: Display name')}: modified in add-avatars`],
    );
    const locations = lenses[0]?.command?.arguments?.[2] as { uri: string; range: { start: { line: number } } }[];
    assert.deepEqual(locations.map((where) => `${where.uri.slice(client.uri('').length)}:${where.range.start.line + 1}`), [`${AVATARS}:14`]);
    const auth = 'openspec/specs/auth/spec.md';
    await client.open(client.uri(auth), read(auth));
    const authLenses = await traceLenses(auth);
    assert.deepEqual(authLenses.map((lens) => lens.command?.title), ['modified in add-2fa', 'removed in add-2fa', 'modified in add-2fa; renamed to Sign-in history in add-2fa']);
    const hoverAt = async (file: string, line: number) =>
      ((await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: client.uri(file) }, position: { line, character: 5 } })) as Hover | null)?.contents as MarkupContent | undefined;
    const onSpec = (await hoverAt(MAIN, lineOf(MAIN, '### Requirement: Display name')))?.value ?? '';
    assert.match(onSpec, /\*\*Display name\*\* · modified in add-avatars/);
    assert.ok(onSpec.includes(`[${AVATARS}:14](${client.uri(AVATARS)}#L14)`), onSpec);
    // Hovered in the delta, the entry says which requirement it changes, and where that is.
    const onDelta = (await hoverAt(AVATARS, lineOf(AVATARS, '### Requirement: Display name')))?.value ?? '';
    assert.ok(onDelta.includes(`current requirement — [${MAIN}:${lineOf(MAIN, '### Requirement: Display name') + 1}]`), onDelta);
  });

  test('specwright/traceability from a delta: the requirements of the spec it changes, with the open changes to each', async () => {
    const result = (await client.connection.sendRequest(TRACEABILITY, { uri: client.uri(AVATARS) })) as TraceabilityResult;
    assert.equal(result.scope, 'openspec/specs/profile');
    assert.deepEqual(
      result.requirements.map((requirement) => ({ id: requirement.id, coverage: requirement.coverage, changes: requirement.changes?.map((change) => `${change.operation} ${change.change} ${change.location.path}:${change.location.range.start.line + 1}`) })),
      [{ id: 'Display name', coverage: false, changes: [`modified add-avatars ${AVATARS}:14`] }],
    );
    assert.deepEqual(result.coverage, { tasks: { covered: 0, expected: 0 }, tests: { covered: 0, expected: 0 } });
  });
});

describe('OpenSpec: an edited delta moves the lenses of the spec it changes', () => {
  test('a delta that stops modifying a requirement asks the editor to refresh the lenses, and the requirement loses its lens', async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-trace-openspec-lens-'));
    cpSync(join(TRACE, 'openspec'), root, { recursive: true });
    const main = 'openspec/specs/profile/spec.md';
    const delta = 'openspec/changes/add-avatars/specs/profile/spec.md';
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 }, lensRefresh: true });
    try {
      for (const file of [main, delta]) await client.open(client.uri(file), readFileSync(join(root, file), 'utf8'));
      await client.until(() => (client.logs.some((line) => line.startsWith('Indexed the workspace')) ? true : undefined), 20_000, 'the workspace walk');
      const lenses = async () => ((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: client.uri(main) } })) as CodeLens[]).filter((lens) => lens.range.start.line > 0);
      assert.deepEqual((await lenses()).map((lens) => lens.command?.title), ['modified in add-avatars']);
      // Diagnostics of the delta as it is, once: the graph has been compared since.
      await client.until(() => client.publications(client.uri(delta)).find((params) => params.diagnostics.some((d) => d.code === 'spec-delta-target'))?.diagnostics, 20_000, 'the delta checked');
      const before = client.lensRefreshes;
      const line = readFileSync(join(root, delta), 'utf8').split('\n').findIndex((text) => text === '### Requirement: Display name');
      await client.change(client.uri(delta), [{ range: { start: { line, character: 17 }, end: { line, character: 29 } }, text: 'Display name and avatar' }]);
      await client.until(() => (client.lensRefreshes > before ? true : undefined), 20_000, 'a code lens refresh');
      assert.deepEqual(await lenses(), []);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('stale references in the editor', () => {
  test('a requirement edited in the editor makes the task citing it stale; accepting the change on the command line clears it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'specwright-trace-stale-'));
    cpSync(join(TRACE, 'spec-kit'), root, { recursive: true });
    execFileSync(process.execPath, [CLI, 'trace', '--accept', 'all'], { cwd: root, encoding: 'utf8' });
    const { client } = await TestClient.start({ rootPath: root, settings: { diagnosticsDelay: 0 } });
    try {
      const spec = readFileSync(join(root, SPEC), 'utf8');
      const tasks = readFileSync(join(root, TASKS), 'utf8');
      await client.open(client.uri(SPEC), spec);
      await client.open(client.uri(TASKS), tasks);
      await client.until(() => (client.logs.some((line) => line.startsWith('Indexed the workspace')) ? true : undefined), 20_000, 'the workspace walk');
      const t012 = tasks.split('\n').findIndex((line) => line.includes('T012'));
      const staleOnTask = (params: { diagnostics: Diagnostic[] }) => params.diagnostics.some((d) => d.code === 'stale-reference' && d.range.start.line === t012);
      const since = client.publications(client.uri(TASKS)).length;
      // FR-002's text changes in the open spec (not saved): T012, which cites it, is to be reviewed.
      const line = spec.split('\n').findIndex((text) => text.includes('**FR-002**'));
      const at = (spec.split('\n')[line] ?? '').indexOf('by drag and drop') + 'by drag and drop'.length;
      await client.change(client.uri(SPEC), [{ range: { start: { line, character: at }, end: { line, character: at } }, text: ' or by pasting them' }]);
      await client.until(() => client.publications(client.uri(TASKS)).slice(since).find(staleOnTask), 20_000, 'stale-reference on T012');
      // The change is saved and accepted: the lock records it, and the editor reads the lock again.
      writeFileSync(join(root, SPEC), spec.replace('by drag and drop', 'by drag and drop or by pasting them'));
      const after = client.publications(client.uri(TASKS)).length;
      execFileSync(process.execPath, [CLI, 'trace', '--accept', 'FR-002'], { cwd: root, encoding: 'utf8' });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.specwright/trace.lock'), type: 2 }] });
      const cleared = await client.until(() => client.publications(client.uri(TASKS)).slice(after).find((params) => !staleOnTask(params)), 20_000, 'stale-reference cleared');
      assert.deepEqual(cleared.diagnostics.filter((d) => d.code === 'stale-reference'), []);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
