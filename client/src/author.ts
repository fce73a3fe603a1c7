import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import * as vscode from 'vscode';

/**
 * The author's name for new specs: the `specwright.author` setting, else
 * `git config user.name`. In an untrusted workspace only the user's global git
 * configuration is read, never the repository's, and git does not start in the
 * workspace: on Windows a program name is looked up in the working folder first, so
 * a `git.exe` the workspace holds would run. Empty when neither is known.
 */
export async function authorName(folder: vscode.Uri | undefined): Promise<string> {
  const configured = vscode.workspace.getConfiguration('specwright', folder).get<string>('author', '').trim();
  if (configured) return configured;
  const trusted = vscode.workspace.isTrusted;
  const args = trusted ? ['config', 'user.name'] : ['config', '--global', 'user.name'];
  const cwd = !trusted ? homedir() : folder?.scheme === 'file' ? folder.fsPath : undefined;
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 2000, windowsHide: true }, (error, stdout) => resolve(error ? '' : stdout.trim()));
  });
}
