import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, waitForOurDiagnostics } from './helpers';

type AnySymbol = vscode.DocumentSymbol | vscode.SymbolInformation;

function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  const out: vscode.DocumentSymbol[] = [];
  const stack = [...symbols];
  while (stack.length > 0) {
    const symbol = stack.shift()!;
    out.push(symbol);
    stack.push(...(symbol.children ?? []));
  }
  return out;
}

function outline(symbols: readonly vscode.DocumentSymbol[]): string {
  return flatten(symbols)
    .map((s) => `${s.name}${s.detail ? ` [${s.detail}]` : ''}`)
    .join(', ');
}

suite('document symbols', () => {
  test('our symbols include the front matter and headings with their level', async () => {
    const spec = await openInEditor('specs/checkout.md');
    // Our provider is registered once the language client runs; diagnostics prove that.
    await waitForOurDiagnostics(spec.uri, (d) => d.length > 0, 'Specwright diagnostics on specs/checkout.md');

    const result = await vscode.commands.executeCommand<AnySymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      spec.uri,
    );
    assert.ok(result && result.length > 0, 'no document symbols at all');
    // The built-in Markdown extension contributes symbols too: ours are DocumentSymbols whose
    // detail is the heading level, plus a top-level "Front matter".
    const documentSymbols = result.filter((s): s is vscode.DocumentSymbol => 'children' in s);
    const frontMatter = documentSymbols.find((s) => s.name === 'Front matter');
    assert.ok(frontMatter, `no top-level "Front matter" symbol; top level: ${documentSymbols.map((s) => s.name).join(', ')}`);
    assert.equal(frontMatter.range.start.line, 0, 'the front matter symbol should start on line 1');

    const all = flatten(documentSymbols);
    const heading = (name: string, level: string) =>
      all.find((s) => s.name.replace(/^#+\s*/, '') === name && s.detail === level);
    assert.ok(heading('Checkout redesign', 'H1'), `no H1 "Checkout redesign" among: ${outline(documentSymbols)}`);
    assert.ok(heading('Goals', 'H2'), `no H2 "Goals" among: ${outline(documentSymbols)}`);
    assert.ok(heading('Payment step', 'H3'), `no H3 "Payment step" among: ${outline(documentSymbols)}`);

    const goals = heading('Goals', 'H2')!;
    const goalsLine = spec.getText().split('\n').findIndex((line) => line.startsWith('## Goals'));
    assert.equal(goals.selectionRange.start.line, goalsLine, 'the Goals symbol should point at its heading line');
  });
});
