import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, openInEditor, waitForEvent, waitForOurDiagnostics } from './helpers';

// Traceability in the real editor: the spec-kit feature of the test workspace (a spec, its
// tasks, a contract test citing FR-003 and US1). The trace findings show as diagnostics,
// each requirement has a code lens counting what cites it, and the Traceability view and
// its filter show the feature’s matrix.

interface Requirement {
  readonly id: string;
  readonly tasks: readonly { readonly id: string }[];
  readonly tests: readonly { readonly path: string }[];
}
interface TraceabilityApi {
  readonly current: { readonly scope: string; readonly requirements: readonly Requirement[]; readonly coverage: { tasks: { covered: number; expected: number }; tests: { covered: number; expected: number } } } | undefined;
  readonly onDidChangeTreeData: vscode.Event<unknown>;
  getChildren(node?: unknown): unknown[];
  getTreeItem(node: unknown): vscode.TreeItem;
}

async function api(): Promise<{ traceability: TraceabilityApi }> {
  const extension = vscode.extensions.getExtension<{ traceability: TraceabilityApi }>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
const SPEC = 'specs/001-photo-albums/spec.md';

suite('traceability', () => {
  test('the spec shows the story no task covers, and a code lens on each requirement counts its tasks and tests', async () => {
    const spec = await openInEditor(SPEC);
    const lineOf = (needle: string) => spec.getText().split('\n').findIndex((line) => line.includes(needle));
    const diagnostics = await waitForOurDiagnostics(spec.uri, (d) => d.some((x) => codeOf(x) === 'uncovered-requirement'), `uncovered-requirement on ${SPEC}`);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1} ${codeOf(d)} ${spec.getText(d.range)}`).sort(),
      [`${lineOf('User Story 2') + 1} uncovered-requirement User Story 2 - Share an album (Priority: P2)`, `${lineOf('User Story 2') + 1} untested-requirement User Story 2 - Share an album (Priority: P2)`].sort(),
    );
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec.uri)) ?? [];
    const titles = new Map(lenses.filter((lens) => lens.range.start.line > 0).map((lens) => [lens.range.start.line, lens.command?.title]));
    assert.equal(titles.get(lineOf('User Story 1')), '4 tasks · 1 test · covered');
    assert.equal(titles.get(lineOf('User Story 2')), '0 tasks · 0 tests · not covered');
    // One FR of three is cited by a test: FRs are not expected to be, so the lens only counts.
    assert.equal(titles.get(lineOf('**FR-003**')), '0 tasks · 1 test');
    // The lens opens the places that cite the story in the references peek.
    const us1 = lenses.find((lens) => lens.range.start.line === lineOf('User Story 1'));
    assert.equal(us1?.command?.command, 'specwright.showCitations');
    await vscode.commands.executeCommand(us1.command.command, ...(us1.command.arguments ?? []));
  });

  test('the Traceability view lists the feature’s requirements with what cites them, and filters the uncovered ones', async () => {
    const { traceability } = await api();
    await openInEditor(SPEC);
    const current = await waitForEvent(
      traceability.onDidChangeTreeData,
      () => (traceability.current?.scope === 'specs/001-photo-albums' ? traceability.current : undefined),
      'the Traceability view to show specs/001-photo-albums',
      () => JSON.stringify(traceability.current?.scope),
    );
    assert.deepEqual(current.coverage, { tasks: { covered: 1, expected: 2 }, tests: { covered: 1, expected: 2 } });
    const roots = () => traceability.getChildren().map((node) => label(traceability.getTreeItem(node)));
    assert.deepEqual(roots(), ['US1', 'US2', 'FR-001', 'FR-002', 'FR-003', 'SC-001']);
    const us1 = traceability.getChildren()[0];
    assert.deepEqual(
      traceability.getChildren(us1).map((node) => label(traceability.getTreeItem(node))),
      ['T010 [P] [US1] Contract test for POST /albums in tests/contract/test_albums.py', 'T011 [P] [US1] Integration test for creating an album in tests/integration/test_create_album.py', 'T012 [P] [US1] Create the Album model in src/models/album.py', 'T013 [US1] Implement AlbumService in [file path]', 'tests/contract/test_albums.py:5'],
    );
    await vscode.commands.executeCommand('specwright.showUncoveredRequirements');
    assert.deepEqual(roots(), ['US2']);
    await vscode.commands.executeCommand('specwright.showAllRequirements');
    assert.equal(roots().length, 6);
  });
});
