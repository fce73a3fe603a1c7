import * as vscode from 'vscode';
import type { SpecRange, SpecSummarySection } from '../../../common/src/protocol';

function toRange(range: SpecRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Opens the spec and selects a range (a section heading, a front-matter key). */
export async function revealRange(uri: vscode.Uri, range: SpecRange): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
  const target = toRange(range);
  editor.selection = new vscode.Selection(target.start, target.start);
  editor.revealRange(target, vscode.TextEditorRevealType.AtTop);
}

/** Inserts a missing section's skeleton where it belongs, as the missing-section quick fix does. */
export async function insertSection(uri: vscode.Uri, section: SpecSummarySection): Promise<boolean> {
  if (section.insertText === undefined || section.insertPosition === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  const at = new vscode.Position(section.insertPosition.line, section.insertPosition.character);
  edit.insert(uri, at, section.insertText);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) {
    const editor = await vscode.window.showTextDocument(uri);
    const placeholder = section.firstPlaceholder;
    if (placeholder) {
      // The skeleton's first placeholder, selected: typing replaces it.
      const base = editor.document.offsetAt(at);
      const selection = new vscode.Selection(editor.document.positionAt(base + placeholder.start), editor.document.positionAt(base + placeholder.end));
      editor.selection = selection;
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return applied;
    }
    const leadingBreaks = (/^(?:\r?\n)*/.exec(section.insertText)?.[0].match(/\n/g) ?? []).length;
    const line = at.line + leadingBreaks;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  }
  return applied;
}
