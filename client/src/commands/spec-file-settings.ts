import * as vscode from 'vscode';

/** A workspace-relative path written as a glob that matches exactly that file. */
export function literalGlob(relativePath: string): string {
  return relativePath.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}

/**
 * Adds the file to one of the `specwright.includeFiles` / `specwright.excludeFiles`
 * lists and removes it from the other, in the settings of the file's workspace folder
 * (user settings for a file outside any folder). Returns the glob written.
 */
export async function moveFileBetweenLists(
  uri: vscode.Uri,
  addTo: 'includeFiles' | 'excludeFiles',
): Promise<string> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const glob = folder ? literalGlob(vscode.workspace.asRelativePath(uri, false)) : literalGlob(uri.fsPath.replace(/^\//, ''));
  const removeFrom = addTo === 'includeFiles' ? 'excludeFiles' : 'includeFiles';
  const configuration = vscode.workspace.getConfiguration('specwright', uri);
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  // Start from the effective list when this level has none of its own, so writing one
  // entry does not silently drop the defaults (such as the node_modules exclusion).
  const read = (key: string): string[] => {
    const inspected = configuration.inspect<string[]>(key);
    const own = folder ? inspected?.workspaceFolderValue : inspected?.globalValue;
    return [...(Array.isArray(own) ? own : (configuration.get<string[]>(key) ?? []))];
  };
  const added = read(addTo);
  if (!added.includes(glob)) await configuration.update(addTo, [...added, glob], target);
  const other = read(removeFrom);
  if (other.includes(glob)) await configuration.update(removeFrom, other.filter((entry) => entry !== glob), target);
  return glob;
}

/** The file a command was invoked on: the explorer selection or the active editor. */
export function targetUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  return vscode.window.activeTextEditor?.document.uri;
}

/**
 * A command that moves the file it is invoked on (explorer selection or active editor)
 * to one of the lists and says what it did.
 */
export function fileListCommand(
  addTo: 'includeFiles' | 'excludeFiles',
  noFile: string,
  done: (glob: string) => string,
): (argument?: unknown) => Promise<void> {
  return async (argument) => {
    const uri = targetUri(argument);
    if (!uri) {
      void vscode.window.showWarningMessage(noFile);
      return;
    }
    void vscode.window.showInformationMessage(done(await moveFileBetweenLists(uri, addTo)));
  };
}
