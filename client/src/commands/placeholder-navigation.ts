import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SPEC_SUMMARY, type SpecSummary } from '../../../common/src/protocol';

/**
 * "Go to Next Placeholder" / "Go to Previous Placeholder": select the next (or
 * previous) placeholder after the cursor, wrapping around, like tabbing through a
 * form. Returns the selected range, or undefined when the spec has none.
 */
export function goToPlaceholder(client: LanguageClient, direction: 'next' | 'previous') {
  return async (): Promise<vscode.Range | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const summary = await client.sendRequest<SpecSummary | null>(SPEC_SUMMARY, { uri: editor.document.uri.toString() });
    const ranges = (summary?.placeholders ?? []).map(
      (placeholder) => new vscode.Range(placeholder.range.start.line, placeholder.range.start.character, placeholder.range.end.line, placeholder.range.end.character),
    );
    if (ranges.length === 0) {
      void vscode.window.setStatusBarMessage('Specwright: no placeholders left', 3000);
      return undefined;
    }
    const here = direction === 'next' ? editor.selection.end : editor.selection.start;
    const target =
      direction === 'next'
        ? (ranges.find((range) => range.start.isAfterOrEqual(here) && !range.isEqual(editor.selection)) ?? ranges[0])
        : ([...ranges].reverse().find((range) => range.end.isBeforeOrEqual(here) && !range.isEqual(editor.selection)) ?? ranges[ranges.length - 1]);
    const range = target as vscode.Range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return range;
  };
}
