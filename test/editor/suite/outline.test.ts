import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, waitForOurDiagnostics, workspaceUri } from './helpers';

interface OutlineApi {
  refresh(document: vscode.TextDocument | undefined): Promise<{ progress: { text: string } } | undefined>;
  getChildren(node?: unknown): unknown[];
  getTreeItem(node: unknown): vscode.TreeItem;
}

async function api(): Promise<{ outline: OutlineApi }> {
  const extension = vscode.extensions.getExtension<{ outline: OutlineApi }>(EXTENSION_ID);
  assert.ok(extension);
  return extension.isActive ? extension.exports : extension.activate();
}

/** Every tree item of the Spec Outline, depth first. */
function items(outline: OutlineApi): vscode.TreeItem[] {
  const out: vscode.TreeItem[] = [];
  const stack = [...outline.getChildren()].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    out.push(outline.getTreeItem(node));
    stack.push(...[...outline.getChildren(node)].reverse());
  }
  return out;
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

suite('outline', () => {
  test('the Outline lists each heading once: VS Code’s Markdown symbols, not a second copy', async () => {
    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', spec.uri)) ?? [];
    const names: string[] = [];
    const stack = [...symbols];
    while (stack.length > 0) {
      const symbol = stack.pop()!;
      names.push(symbol.name.replace(/^#+\s*/, ''));
      stack.push(...(symbol.children ?? []));
    }
    assert.equal(names.filter((name) => name === 'Goals').length, 1, names.join(', '));
    assert.ok(!names.includes('Front matter'), 'the server’s own symbols are for editors without an outline');
  });

  test('the Spec Outline shows each section’s state and the missing ones, and inserts one on click', async () => {
    const uri = workspaceUri('specs/rate-limits.md');
    mkdirSync(dirname(uri.fsPath), { recursive: true });
    writeFileSync(uri.fsPath, '---\nspecwright: technical-spec\n---\n\n# Technical Spec: Rate limits\n\n## 1. Overview\n\nToken buckets per tenant.\n\n## 2. System Context\n\n[Which services are affected]\n\n## 3. Technical Requirements\n\n### 3.1 Functional Requirements\n\n## 4. Technical Design\n\nSee below.\n');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitForOurDiagnostics(uri, (d) => d.length > 0, 'diagnostics on the new spec');
    const { outline } = await api();
    const summary = await outline.refresh(document);
    assert.ok(summary, 'no summary for a spec');
    assert.match(summary.progress.text, /^\d+\/\d+ sections complete · \d+ placeholders?/);

    const all = items(outline);
    const byLabel = (text: string) => all.find((item) => label(item) === text);
    assert.ok(byLabel('Front matter'), all.map(label).join(', '));
    assert.equal(byLabel('1. Overview')?.description, undefined, 'complete sections carry no note');
    assert.equal(byLabel('2. System Context')?.description, 'placeholders left');
    assert.equal(byLabel('3.1 Functional Requirements')?.description, 'empty');
    const missing = byLabel('3.2 Non-Functional Requirements');
    assert.equal(missing?.description, 'missing — click to insert');
    assert.equal(missing?.command?.command, 'specwright.insertSection');

    await vscode.commands.executeCommand(missing.command.command, ...(missing.command.arguments ?? []));
    assert.ok(document.getText().includes('### 3.1 Functional Requirements\n\n### 3.2 Non-Functional Requirements\n\nSpecify performance'), document.getText());
  });

  test('Go to Next Placeholder selects each placeholder in turn and wraps around', async () => {
    const spec = await openInEditor('specs/checkout.md');
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await vscode.commands.executeCommand('specwright.nextPlaceholder');
      seen.push(editor.document.getText(editor.selection));
    }
    assert.deepEqual(seen, ['[Payment Provider]', '[Payment Provider]', 'YYYY-MM-DD', '[Payment Provider]']);
    assert.equal(editor.selection.start.line, 10, 'wrapped to the first one');
    await vscode.commands.executeCommand('specwright.previousPlaceholder');
    assert.equal(editor.document.getText(editor.selection), 'YYYY-MM-DD');
  });
});
