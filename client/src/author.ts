import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

/**
 * The author's name for new specs: the `specwright.author` setting, else
 * `git config user.name`. In an untrusted workspace only the user's global git
 * configuration is read, never the repository's. Empty when neither is known.
 */
export async function authorName(folder: vscode.Uri | undefined): Promise<string> {
  const configured = vscode.workspace.getConfiguration('specwright', folder).get<string>('author', '').trim();
  if (configured) return configured;
  const args = vscode.workspace.isTrusted ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
  const cwd = folder?.scheme === 'file' ? folder.fsPath : undefined;
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 2000, windowsHide: true }, (error, stdout) => resolve(error ? '' : stdout.trim()));
  });
}
