// Specwright in an untrusted workspace (Restricted Mode). The runner opens a copy of
// test/fixtures/editor-workspace-restricted/workspace with workspace trust on and nobody
// trusting the folder, gives VS Code that fixture's home/ as the home folder (a global git
// configuration naming "Global Author", template folders reached through `~`), makes the
// workspace a git repository whose own configuration names "Workspace Author", and installs
// Specwright as a VSIX would (an extension under development is never disabled by
// Restricted Mode, so only an installed one shows what users get).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LIST_TEMPLATES, type ListTemplatesResult } from '../../../common/src/protocol';
import { EXTENSION_ID, codeOf, describeDiagnostics, openInEditor, waitForEvent, waitForOurDiagnostics, workspaceUri } from '../suite/helpers';

const GLOBAL_AUTHOR = 'Global Author';
const WORKSPACE_AUTHOR = 'Workspace Author';

function extension(): vscode.Extension<{ client: LanguageClient }> {
  const found = vscode.extensions.getExtension<{ client: LanguageClient }>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not among the extensions VS Code loaded (disabled in Restricted Mode?)`);
  return found;
}

async function client(): Promise<LanguageClient> {
  const ext = extension();
  return (ext.isActive ? ext.exports : await ext.activate()).client;
}

async function templateIds(): Promise<Map<string, string>> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  const list = await (await client()).sendRequest<ListTemplatesResult>(LIST_TEMPLATES, { uri: folder.uri.toString() });
  return new Map(list.templates.map((template) => [template.id, template.origin]));
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceUri('.').fsPath, encoding: 'utf8' }).trim();
}

suite('Restricted Mode (an untrusted workspace)', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.getConfiguration('security.workspace.trust').get('enabled'), true, 'workspace trust is switched off');
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: this suite did not run in Restricted Mode');
  });

  test('Specwright is installed (not under development), declares untrusted support and is enabled', () => {
    const ext = extension();
    const installed = process.env.SPECWRIGHT_INSTALLED_EXTENSION;
    assert.ok(installed, 'the runner names the installed copy in SPECWRIGHT_INSTALLED_EXTENSION');
    assert.equal(realpathSync(ext.extensionPath), realpathSync(installed), 'VS Code loaded another copy of Specwright');
    assert.deepEqual(ext.packageJSON.capabilities?.untrustedWorkspaces, { supported: true });
  });

  test('opening a spec activates it; workspace settings and the config file apply', async () => {
    const spec = await openInEditor('specs/checkout.md');
    const diagnostics = await waitForOurDiagnostics(
      spec.uri,
      (d) => d.some((x) => codeOf(x) === 'unfilled-placeholder') && d.some((x) => codeOf(x) === 'empty-section'),
      'placeholder and empty-section findings on specs/checkout.md',
    );
    assert.equal(extension().isActive, true);
    // .vscode/settings.json: "specwright.rules": { "unfilled-placeholder": "error" }
    const placeholder = diagnostics.find((d) => codeOf(d) === 'unfilled-placeholder')!;
    assert.equal(placeholder.severity, vscode.DiagnosticSeverity.Error, describeDiagnostics(diagnostics));
    // .specwright.yaml: rules: { empty-section: information }
    const empty = diagnostics.find((d) => codeOf(d) === 'empty-section')!;
    assert.equal(empty.severity, vscode.DiagnosticSeverity.Information, describeDiagnostics(diagnostics));
  });

  test('templates from inside the workspace are offered', async () => {
    const ids = await templateIds();
    assert.equal(ids.get('team-note'), 'workspace', '.specwright/templates/team-note');
    assert.equal(ids.get('spec-kit-plan'), 'spec-kit', '.specify/templates/plan-template.md');
    assert.ok(ids.has('team-decision'), 'team-templates/, a folder the config file names inside the workspace');
    assert.equal(ids.get('technical-spec'), 'built-in');
  });

  test('the workspace settings cannot name a template folder (machine-scoped setting)', async () => {
    // The user settings' value reaches Specwright; the workspace's (~/settings-templates) does not.
    // The window may still be reading the user settings file: wait for its value to arrive.
    const folders = () => vscode.workspace.getConfiguration('specwright').get<string[]>('templateFolders');
    const read = folders()?.length ? folders() : await waitForEvent(vscode.workspace.onDidChangeConfiguration, () => (folders()?.length ? folders() : undefined), 'the user settings', () => JSON.stringify(folders()));
    assert.deepEqual(read, ['~/user-templates']);
    const ids = await templateIds();
    assert.ok(!ids.has('from-workspace-settings'), `~/settings-templates from .vscode/settings.json was read: ${[...ids.keys()].join(', ')}`);
  });

  test('the config file cannot name a template folder outside the workspace (`~/…`)', async () => {
    const ids = await templateIds();
    assert.ok(!ids.has('from-config-file'), `~/config-templates from .specwright.yaml was read: ${[...ids.keys()].join(', ')}`);
  });

  test('New Spec from Template works; the author comes from the global git config, not the repository’s or the workspace settings', async () => {
    // The premise: the repository's own configuration would give another name.
    assert.equal(git('config', 'user.name'), WORKSPACE_AUTHOR);
    assert.equal(git('config', '--global', 'user.name'), GLOBAL_AUTHOR);

    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'team-note',
      title: 'Untrusted Note',
      folder: 'docs/specs',
    });
    assert.ok(created, 'the command returned no file');
    assert.equal(created.toString(), workspaceUri('docs/specs/untrusted-note.md').toString());
    const text = readFileSync(created.fsPath, 'utf8');
    assert.ok(text.startsWith(`# Untrusted Note\n\n**Author:** ${GLOBAL_AUTHOR}\n`), text.slice(0, 120));
    assert.ok(!text.includes(WORKSPACE_AUTHOR), text.slice(0, 120));
    // specwright.author is an application setting: the workspace's value is not used either.
    assert.ok(!text.includes('Author From Workspace Settings'), text.slice(0, 120));
    await waitForOurDiagnostics(created, (d) => d.some((x) => codeOf(x) === 'unfilled-placeholder'), 'findings on the new spec');
  });

  test('Copy Spec Prompt works', async () => {
    const text = await vscode.commands.executeCommand<string | undefined>('specwright.copySpecPrompt', {
      conversation: 'Maya: customers miss webhook events.',
      outputFolder: 'docs/specs',
    });
    assert.ok(text?.includes('Maya: customers miss webhook events.'), 'no prompt');
  });

  test('"Check This File as a Spec" writes the workspace setting and the note is checked', async () => {
    const note = await openInEditor('notes/README.md');
    try {
      await vscode.commands.executeCommand('specwright.checkFileAsSpec', note.uri);
      assert.deepEqual(vscode.workspace.getConfiguration('specwright', note.uri).get('includeFiles'), ['notes/README.md']);
      await waitForOurDiagnostics(note.uri, (d) => d.length > 0, 'diagnostics on notes/README.md once it is opted in');
    } finally {
      await vscode.workspace
        .getConfiguration('specwright', note.uri)
        .update('includeFiles', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });
});
