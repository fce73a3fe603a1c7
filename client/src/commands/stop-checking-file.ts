import * as vscode from 'vscode';
import { moveFileBetweenLists, targetUri } from './spec-file-settings';

/** `specwright.stopCheckingFile`: opts one file out, even when a glob or its front matter matches. */
export function stopCheckingFile(): (argument?: unknown) => Promise<void> {
  return async (argument) => {
    const uri = targetUri(argument);
    if (!uri) {
      void vscode.window.showWarningMessage('Open a Markdown file to stop checking it.');
      return;
    }
    const glob = await moveFileBetweenLists(uri, 'excludeFiles');
    void vscode.window.showInformationMessage(`Specwright no longer checks ${glob}.`);
  };
}
