import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, openInEditor, waitForOurDiagnostics } from './helpers';

suite('diagnostics', () => {
  test('a half-filled spec reports unfilled placeholders and an empty section', async () => {
    const spec = await openInEditor('specs/checkout.md');
    const diagnostics = await waitForOurDiagnostics(
      spec.uri,
      (d) => d.some((x) => codeOf(x) === 'unfilled-placeholder') && d.some((x) => codeOf(x) === 'empty-section'),
      'unfilled-placeholder and empty-section on specs/checkout.md',
    );

    const placeholders = diagnostics.filter((d) => codeOf(d) === 'unfilled-placeholder');
    const flagged = placeholders.map((d) => spec.getText(d.range));
    assert.ok(
      flagged.some((text) => text.includes('[Payment Provider]')),
      `expected the placeholder [Payment Provider] to be flagged; flagged: ${JSON.stringify(flagged)}`,
    );

    const empty = diagnostics.filter((d) => codeOf(d) === 'empty-section');
    const goalsLine = spec.getText().split('\n').findIndex((line) => line.startsWith('## Goals'));
    assert.ok(
      empty.some((d) => d.range.start.line === goalsLine),
      `expected an empty-section diagnostic on line ${goalsLine + 1} (## Goals); got ${describeDiagnostics(empty)}`,
    );
    for (const d of diagnostics) {
      assert.ok(d.message.length > 0, `diagnostic ${codeOf(d)} has an empty message`);
    }
  });

  test('editing the spec re-validates it', async () => {
    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.some((x) => codeOf(x) === 'empty-section'), 'empty-section before the edit');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === spec, 'the spec should be the active editor');

    const original = spec.getText();
    const goalsLine = original.split('\n').findIndex((line) => line.startsWith('## Goals'));
    const goalsHeading = spec.lineAt(goalsLine);
    const filled = await editor.edit((edit) =>
      edit.insert(goalsHeading.range.end, '\n\nCheckout completes in one page without a reload.'),
    );
    assert.ok(filled, 'the edit was not applied');
    try {
      await waitForOurDiagnostics(
        spec.uri,
        (d) => !d.some((x) => codeOf(x) === 'empty-section' && x.range.start.line === goalsLine),
        'the empty-section diagnostic on ## Goals to go away after filling the section',
      );
    } finally {
      // The text is put back by an edit of the document itself and saved: the revert command acts
      // on whichever editor the workbench has active, which is not always this one by then.
      const restore = new vscode.WorkspaceEdit();
      restore.replace(spec.uri, new vscode.Range(spec.positionAt(0), spec.positionAt(spec.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(restore), 'the edit putting the text back was not applied');
      assert.ok(await spec.save(), 'the spec was not saved');
    }
    await waitForOurDiagnostics(
      spec.uri,
      (d) => d.some((x) => codeOf(x) === 'empty-section' && x.range.start.line === goalsLine),
      'the empty-section diagnostic on ## Goals to return once the text is put back',
    );
  });
});
