import * as vscode from 'vscode';
import { moveFileBetweenLists, targetUri } from './spec-file-settings';

/** `specwright.checkFileAsSpec`: opts one Markdown file in, whatever `specwright.files` says. */
export function checkFileAsSpec(): (argument?: unknown) => Promise<void> {
  return async (argument) => {
    const uri = targetUri(argument);
    if (!uri) {
      void vscode.window.showWarningMessage('Open a Markdown file to check it as a spec.');
      return;
    }
    const glob = await moveFileBetweenLists(uri, 'includeFiles');
    void vscode.window.showInformationMessage(`Specwright now checks ${glob} as a spec.`);
  };
}
