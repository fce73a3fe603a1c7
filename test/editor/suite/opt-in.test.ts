import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, waitForOurDiagnostics } from './helpers';

suite('opting single files in and out', () => {
  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('specwright', vscode.workspace.workspaceFolders?.[0]?.uri);
    for (const key of ['includeFiles', 'excludeFiles']) {
      await configuration.update(key, undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  test('"Check This File as a Spec" and "Stop Checking This File" switch a note on and off', async () => {
    const note = await openInEditor('notes/README.md');
    await vscode.commands.executeCommand('specwright.checkFileAsSpec', note.uri);
    assert.deepEqual(vscode.workspace.getConfiguration('specwright', note.uri).get('includeFiles'), ['notes/README.md']);
    await waitForOurDiagnostics(note.uri, (d) => d.length > 0, 'diagnostics on notes/README.md once it is opted in');

    await vscode.commands.executeCommand('specwright.stopCheckingFile', note.uri);
    const configuration = vscode.workspace.getConfiguration('specwright', note.uri);
    assert.deepEqual(configuration.get('includeFiles'), []);
    const defaults = configuration.inspect<string[]>('excludeFiles')?.defaultValue ?? [];
    assert.ok(defaults.includes('**/node_modules/**'), 'the contributed default excludes node_modules');
    assert.deepEqual(configuration.get('excludeFiles'), [...defaults, 'notes/README.md'], 'the default exclusions are kept');
    await waitForOurDiagnostics(note.uri, (d) => d.length === 0, 'no diagnostics on notes/README.md once it is opted out');
  });
});
