import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, openInEditor, ourDiagnostics, SOURCE, waitForOurDiagnostics } from './helpers';

suite('non-spec Markdown', () => {
  test('a Markdown file outside the spec globs gets no Specwright diagnostics', async () => {
    const readmeUri = (await openInEditor('notes/README.md')).uri;
    const seenOnReadme: string[] = [];
    const watcher = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => uri.toString() === readmeUri.toString())) {
        const ours = ourDiagnostics(readmeUri);
        if (ours.length > 0) seenOnReadme.push(describeDiagnostics(ours));
      }
    });
    try {
      // Positive signal first: the server is up and has checked a spec opened after the README.
      const spec = await openInEditor('specs/checkout.md');
      await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');
      // The README has placeholders and an empty section too, so a wrongly matched file would show them.
      await openInEditor('notes/README.md');
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', readmeUri);
    } finally {
      watcher.dispose();
    }
    assert.deepEqual(seenOnReadme, [], `${SOURCE} diagnostics appeared on notes/README.md`);
    assert.equal(describeDiagnostics(ourDiagnostics(readmeUri)), '(none)');
  });
});
