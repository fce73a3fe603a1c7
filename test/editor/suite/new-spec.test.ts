import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, waitForOurDiagnostics, workspaceUri } from './helpers';

suite('New Spec from Template', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('called with arguments, it creates the spec, opens it and selects the first tab stop', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'feature-spec',
      title: 'Bulk Export',
      folder: 'docs/specs',
    });
    assert.ok(created, 'the command returned no file');
    assert.equal(created.toString(), workspaceUri('docs/specs/bulk-export.md').toString());
    const onDisk = readFileSync(created.fsPath, 'utf8');
    assert.ok(onDisk.startsWith('# Spec: Bulk Export\n\n**Feature ID:** bulk-export\n**Status:** Draft\n'), onDisk.slice(0, 120));
    assert.match(onDisk, /\*\*Last Updated:\*\* \d{4}-\d{2}-\d{2}\n/);

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), created.toString());
    assert.equal(editor.document.getText(), onDisk, 'with every tab stop untouched the buffer equals the file');
    assert.equal(editor.document.getText(editor.selection), '[Describe the problem or pain point this feature addresses. What is the current limitation or inefficiency?]');

    // The new spec is checked at once: the placeholders left are findings.
    const diagnostics = await waitForOurDiagnostics(created, (d) => d.some((x) => codeOf(x) === 'unfilled-placeholder'), 'findings on the new spec');
    assert.ok(diagnostics.length > 0);
  });

  test('in a trusted workspace the author comes from the repository’s git config', async () => {
    // The runner makes the workspace a git repository with its own user.name; the
    // Restricted Mode suite checks that an untrusted workspace's is not read.
    assert.equal(vscode.workspace.isTrusted, true);
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'technical-design',
      title: 'Trusted Author',
      folder: 'docs/specs',
      fileName: 'trusted-author.md',
    });
    assert.ok(created, 'the command returned no file');
    const onDisk = readFileSync(created.fsPath, 'utf8');
    assert.match(onDisk, /^\*\*Tech Lead\*\*: Workspace Author$/m, onDisk.slice(0, 400));
  });

  test('it never overwrites a file', async () => {
    const target = workspaceUri('docs/specs/keep-me.md');
    await vscode.workspace.fs.createDirectory(workspaceUri('docs/specs'));
    writeFileSync(target.fsPath, 'my own words\n');
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'technical-spec',
      title: 'Keep me',
      folder: 'docs/specs',
      fileName: 'keep-me.md',
    });
    assert.equal(created, undefined);
    assert.equal(readFileSync(target.fsPath, 'utf8'), 'my own words\n');
  });

  test('a target folder outside the workspace is refused', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'technical-spec',
      title: 'Escape',
      folder: '../outside',
    });
    assert.equal(created, undefined);
  });

  test('Copy Spec Prompt fills the conversation and the output folder', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('specwright.copySpecPrompt', {
      conversation: 'Maya: customers miss webhook events.',
      outputFolder: 'docs/specs',
    });
    assert.ok(text, 'no prompt');
    assert.ok(text.includes('## Conversation History\n\nMaya: customers miss webhook events.\n'));
    assert.ok(text.includes('Save the final technical spec in @docs/specs/TECHNICAL_SPEC.md'));
    assert.ok(!text.includes('{{CONVERSATION_HISTORY}}'));
  });
});
