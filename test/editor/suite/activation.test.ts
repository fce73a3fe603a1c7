import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, waitForOurDiagnostics } from './helpers';

suite('activation', () => {
  // Runs first: VS Code runs the tests once the extensions that start with the window are active.
  test('the extension starts with the window in a workspace that holds specs, before any file is opened', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the extensions VS Code loaded`);
    const markdown = vscode.workspace.textDocuments.filter((document) => document.languageId === 'markdown').map((document) => document.uri.path);
    assert.deepEqual(markdown, [], 'a Markdown file was open before the tests began');
    assert.equal(extension.isActive, true, 'the workspace has a specs/ folder, yet the extension is not active');
  });

  test('the extension is installed and activates when a spec is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the extensions VS Code loaded`);

    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');
    assert.equal(extension.isActive, true, 'diagnostics arrived but the extension reports isActive = false');
  });
});
