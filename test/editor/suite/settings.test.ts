import * as vscode from 'vscode';
import { openInEditor, resetSetting, waitForOurDiagnostics } from './helpers';

suite('settings', () => {
  teardown(async () => {
    await resetSetting('specwright', 'files');
  });

  test('changing specwright.files re-validates: an unmatched spec loses its diagnostics, and gets them back', async () => {
    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics before the settings change');

    await vscode.workspace
      .getConfiguration('specwright')
      .update('files', ['**/no-such-folder/**/*.md'], vscode.ConfigurationTarget.Workspace);
    await waitForOurDiagnostics(
      spec.uri,
      (d) => d.length === 0,
      'diagnostics on specs/checkout.md to disappear once specwright.files no longer matches it',
    );

    await resetSetting('specwright', 'files');
    await waitForOurDiagnostics(
      spec.uri,
      (d) => d.length > 0,
      'diagnostics on specs/checkout.md to return once specwright.files is reset',
    );
  });
});
