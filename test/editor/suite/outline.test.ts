import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, waitForEvent, waitForOurDiagnostics, workspaceUri } from './helpers';

interface Progress {
  complete: number;
  total: number;
  placeholders: number;
  text: string;
}

interface OutlineApi {
  refresh(document: vscode.TextDocument | undefined): Promise<{ progress: Progress } | undefined>;
  readonly current: { readonly uri: vscode.Uri; readonly summary: { progress: Progress } } | undefined;
  readonly onDidChangeTreeData: vscode.Event<unknown>;
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

/**
 * The progress the Spec Outline (and the status bar) shows once the extension has refreshed
 * it for `uri` by itself, as it does when the active editor changes, and `ready` holds.
 */
function shownProgress(outline: OutlineApi, uri: vscode.Uri, ready: (progress: Progress) => boolean, what: string): Promise<Progress> {
  return waitForEvent(
    outline.onDidChangeTreeData,
    () => {
      const shown = outline.current;
      return shown?.uri.toString() === uri.toString() && ready(shown.summary.progress) ? shown.summary.progress : undefined;
    },
    what,
    () => (outline.current ? `${outline.current.uri.toString()}: ${outline.current.summary.progress.text}` : 'no spec shown'),
  );
}

const describeRows = (rows: vscode.TreeItem[]) => rows.map((item) => `${label(item)}${item.description ? ` (${String(item.description)})` : ''}`).join('; ');

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

  test('a written spec with one instance of each repeatable section: no missing row, every section complete', async () => {
    // specs/report-delivery.md follows the feature-spec template with one FR, one component and
    // one phase where the template shows two of each as examples; each is a pattern, not a list.
    const spec = await openInEditor('specs/report-delivery.md');
    const { outline } = await api();
    const progress = await shownProgress(outline, spec.uri, (p) => p.total > 0, 'the Spec Outline to show specs/report-delivery.md');
    const rows = items(outline);
    assert.ok(rows.length > 20, describeRows(rows));
    assert.deepEqual(rows.filter((item) => item.description !== undefined).map(label), [], describeRows(rows));
    assert.ok(!rows.some((item) => item.command?.command === 'specwright.insertSection'), describeRows(rows));
    for (const written of ['FR-010: Schedule Management', '4.2.1 ReportScheduler (app/services/report_scheduler.py)', 'Phase 1: Foundation (Weeks 1–2)']) {
      assert.ok(rows.some((item) => label(item) === written && item.description === undefined), `${written} is not a complete row: ${describeRows(rows)}`);
    }
    assert.equal(progress.complete, progress.total, progress.text);
    assert.match(progress.text, /^(\d+)\/\1 sections complete · 0 placeholders · In Review$/);
  });

  test('a spec fresh from its template reads 0 of the same sections complete, and lists none missing', async () => {
    const written = await openInEditor('specs/report-delivery.md');
    const { outline } = await api();
    const { total } = await shownProgress(outline, written.uri, (p) => p.total > 0, 'the Spec Outline to show specs/report-delivery.md');
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newSpec', undefined, {
      templateId: 'feature-spec',
      title: 'Outline Progress',
      folder: 'docs/specs',
      fileName: 'outline-progress.md',
    });
    assert.ok(created, 'the command returned no file');
    const progress = await shownProgress(outline, created, (p) => p.placeholders > 0, 'the Spec Outline to show the new spec');
    assert.equal(progress.complete, 0, progress.text);
    assert.equal(progress.total, total, 'the same template, the same required sections');
    assert.ok(progress.text.startsWith(`0/${total} sections complete · `), progress.text);
    const rows = items(outline);
    assert.deepEqual(rows.filter((item) => item.command?.command === 'specwright.insertSection').map(label), [], describeRows(rows));
    assert.equal(rows.filter((item) => label(item) === 'FR-001: [Capability Group 1]' || label(item) === 'FR-002: [Capability Group 2]').length, 2, describeRows(rows));
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
