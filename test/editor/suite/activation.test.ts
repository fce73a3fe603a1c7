import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, waitForOurDiagnostics } from './helpers';

suite('activation', () => {
  test('the extension is installed and activates when a spec is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the extensions VS Code loaded`);

    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');
    assert.equal(extension.isActive, true, 'diagnostics arrived but the extension reports isActive = false');
  });
});
